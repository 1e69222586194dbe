// name: administration_measures
// description: What one administration enacted, launched, continued, pursued (from the paper's section structure) or eased (a measure it loosened or paused, a party or product it exempted), by date.
// param: administration entity The administration (node id, e.g. administration:biden)
// columns: measure_id, measure, measure_type, relation, date, docs, rel_id
MATCH (a:Administration {id: $administration})-[r:ENACTED|LAUNCHED|CONTINUED|PURSUED|EASES]->(m)
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, type(r) AS relation,
       coalesce(r.date, m.date) AS date, r.docs AS docs, r.id AS rel_id
ORDER BY date, measure_id, relation
