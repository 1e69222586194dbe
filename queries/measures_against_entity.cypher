// name: measures_against_entity
// description: Who stands behind what is aimed at an entity: each law, policy, instrument or programme that targets, sanctions, reviews or affects it (or the list it is on), with every actor that enacted, launched, continued, pursued or administers that measure.
// param: entity entity The entity (node id, e.g. company:huawei)
// columns: measure_id, measure, measure_type, measure_relation, actor_id, actor, actor_type, actor_relation, measure_rel_id, actor_rel_id
MATCH (e:Node {id: $entity})-[r]-(m:Node)
WHERE m <> e AND m.type IN ['Law', 'Policy', 'Instrument', 'Programme']
  AND ((type(r) IN ['TARGETS', 'SANCTIONS', 'REVIEWS', 'AFFECTS'] AND endNode(r) = e)
       OR (type(r) = 'LISTED_ON' AND startNode(r) = e))
MATCH (a:Node)-[s]->(m)
WHERE type(s) IN ['ENACTED', 'LAUNCHED', 'CONTINUED', 'PURSUED', 'ADMINISTERS']
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, type(r) AS measure_relation,
       a.id AS actor_id, a.name AS actor, a.type AS actor_type, type(s) AS actor_relation,
       r.id AS measure_rel_id, s.id AS actor_rel_id
ORDER BY measure_id, actor_relation, actor_id, measure_rel_id, actor_rel_id
