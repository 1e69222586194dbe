// name: countermeasures
// description: Responses set against the measures they answer (RESPONDS_TO), with both sides.
// columns: response_id, response, response_type, response_side, measure_id, measure, measure_type, measure_side, docs, rel_id
MATCH (cn)-[r:RESPONDS_TO]->(us)
RETURN cn.id AS response_id, cn.name AS response, cn.type AS response_type, cn.side AS response_side,
       us.id AS measure_id, us.name AS measure, us.type AS measure_type, us.side AS measure_side,
       r.docs AS docs, r.id AS rel_id
ORDER BY response_id, measure_id, rel_id
