// name: administration_measures
// description: What one administration enacted, launched, continued, pursued (from the paper's section structure) or eased (a measure it loosened or paused, a party or product it exempted), by date.
// param: administration entity The administration (node id, e.g. administration:biden)
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only what changed on or after this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only what changed on or before this day (YYYY-MM-DD; null: no upper bound)
// columns: measure_id, measure, measure_type, relation, date, docs, rel_id
MATCH (a:Administration {id: $administration})-[r:ENACTED|LAUNCHED|CONTINUED|PURSUED|EASES]->(m)
WHERE any(time_spans IN [[item IN [m] | [item.valid_from, item.valid_to, item.type IN ['Administration', 'Instrument', 'Law', 'Policy', 'Programme']]]
                     + [item IN [r] | [item.valid_from, item.valid_to, type(item) IN ['EASES', 'ENACTED', 'LAUNCHED']]]] WHERE
          ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
          OR (all(span IN time_spans WHERE span[0] IS NOT NULL OR NOT span[2])
              AND ($as_of IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR (span[0] < left(toString(date($as_of) + duration('P1D')), size(coalesce(span[0], '')))
                       AND (span[1] IS NULL OR left($as_of, size(coalesce(span[1], ''))) < span[1]))))
              AND ($to IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR span[0] < left(toString(date($to) + duration('P1D')), size(coalesce(span[0], '')))))
              AND ($from IS NULL OR any(span IN time_spans WHERE span[0] >= left($from, size(coalesce(span[0], '')))))))
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, type(r) AS relation,
       coalesce(r.date, m.date) AS date, r.docs AS docs, r.id AS rel_id
ORDER BY date, measure_id, relation
