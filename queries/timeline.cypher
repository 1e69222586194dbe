// name: timeline
// description: The administrations in order with what each enacted, launched, continued, pursued or eased (a measure, or a party or product exempted), by date (an administration with no measure still appears).
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only what changed on or after this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only what changed on or before this day (YYYY-MM-DD; null: no upper bound)
// columns: administration_id, administration, position, term_start, term_end, measure_id, measure, measure_type, relation, date
MATCH (a:Administration)
OPTIONAL MATCH (a)-[r:ENACTED|LAUNCHED|CONTINUED|PURSUED|EASES]->(m)
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
RETURN a.id AS administration_id, a.name AS administration, a.order AS position, a.term_start AS term_start,
       a.term_end AS term_end, m.id AS measure_id, m.name AS measure, m.type AS measure_type,
       type(r) AS relation, coalesce(r.date, m.date) AS date
ORDER BY position, date, measure_id, relation
