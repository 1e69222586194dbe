// name: measures_against_entity
// description: Who stands behind what is aimed at an entity: each law, policy, instrument or programme that targets, sanctions, reviews or affects it (or the list it is on), with every actor that enacted, launched, continued, pursued or administers that measure.
// param: entity entity The entity (node id, e.g. company:huawei)
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only what changed on or after this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only what changed on or before this day (YYYY-MM-DD; null: no upper bound)
// columns: measure_id, measure, measure_type, measure_relation, actor_id, actor, actor_type, actor_relation, measure_rel_id, actor_rel_id
MATCH (e:Node {id: $entity})-[r]-(m:Node)
WHERE m <> e AND m.type IN ['Law', 'Policy', 'Instrument', 'Programme']
  AND ((type(r) IN ['TARGETS', 'SANCTIONS', 'REVIEWS', 'AFFECTS'] AND endNode(r) = e)
       OR (type(r) = 'LISTED_ON' AND startNode(r) = e))
MATCH (a:Node)-[s]->(m)
WHERE type(s) IN ['ENACTED', 'LAUNCHED', 'CONTINUED', 'PURSUED', 'ADMINISTERS']
  AND any(time_spans IN [[item IN [e, m] | [item.valid_from, item.valid_to, item.type IN ['Administration', 'Instrument', 'Law', 'Policy', 'Programme']]]
                     + [item IN [r, s] | [item.valid_from, item.valid_to, type(item) IN ['EASES', 'ENACTED', 'LAUNCHED']]]] WHERE
          ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
          OR (all(span IN time_spans WHERE span[0] IS NOT NULL OR NOT span[2])
              AND ($as_of IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR (span[0] < left(toString(date($as_of) + duration('P1D')), size(coalesce(span[0], '')))
                       AND (span[1] IS NULL OR left($as_of, size(coalesce(span[1], ''))) < span[1]))))
              AND ($to IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR span[0] < left(toString(date($to) + duration('P1D')), size(coalesce(span[0], '')))))
              AND ($from IS NULL OR any(span IN time_spans WHERE span[0] >= left($from, size(coalesce(span[0], '')))))))
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, type(r) AS measure_relation,
       a.id AS actor_id, a.name AS actor, a.type AS actor_type, type(s) AS actor_relation,
       r.id AS measure_rel_id, s.id AS actor_rel_id
ORDER BY measure_id, actor_relation, actor_id, measure_rel_id, actor_rel_id
