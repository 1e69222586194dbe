// name: countermeasures
// description: Responses set against the measures they answer (RESPONDS_TO), with both sides.
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only what changed on or after this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only what changed on or before this day (YYYY-MM-DD; null: no upper bound)
// columns: response_id, response, response_type, response_side, measure_id, measure, measure_type, measure_side, docs, rel_id
MATCH (cn)-[r:RESPONDS_TO]->(us)
WHERE any(time_spans IN [[item IN [cn, us] | [item.valid_from, item.valid_to, item.type IN ['Administration', 'Instrument', 'Law', 'Policy', 'Programme']]]
                     + [item IN [r] | [item.valid_from, item.valid_to, type(item) IN ['EASES', 'ENACTED', 'LAUNCHED']]]] WHERE
          ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
          OR (all(span IN time_spans WHERE span[0] IS NOT NULL OR NOT span[2])
              AND ($as_of IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR (span[0] < left(toString(date($as_of) + duration('P1D')), size(coalesce(span[0], '')))
                       AND (span[1] IS NULL OR left($as_of, size(coalesce(span[1], ''))) < span[1]))))
              AND ($to IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR span[0] < left(toString(date($to) + duration('P1D')), size(coalesce(span[0], '')))))
              AND ($from IS NULL OR any(span IN time_spans WHERE span[0] >= left($from, size(coalesce(span[0], '')))))))
RETURN cn.id AS response_id, cn.name AS response, cn.type AS response_type, cn.side AS response_side,
       us.id AS measure_id, us.name AS measure, us.type AS measure_type, us.side AS measure_side,
       r.docs AS docs, r.id AS rel_id
ORDER BY response_id, measure_id, rel_id
