// name: timeline
// description: The administrations in order with what each enacted, launched, continued, pursued or eased (a measure, or a party or product exempted), by date (an administration with no measure still appears).
// columns: administration_id, administration, position, term_start, term_end, measure_id, measure, measure_type, relation, date
MATCH (a:Administration)
OPTIONAL MATCH (a)-[r:ENACTED|LAUNCHED|CONTINUED|PURSUED|EASES]->(m)
RETURN a.id AS administration_id, a.name AS administration, a.order AS position, a.term_start AS term_start,
       a.term_end AS term_end, m.id AS measure_id, m.name AS measure, m.type AS measure_type,
       type(r) AS relation, coalesce(r.date, m.date) AS date
ORDER BY position, date, measure_id, relation
