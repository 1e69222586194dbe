// name: entity_relations
// description: Every policy relation of one entity, in and out (what targets it, what it runs, where it is a member, which chains it sits in).
// param: entity entity The entity (node id, e.g. company:huawei)
// columns: direction, relation, other_id, other, other_type, docs, evidence_count, rel_id
MATCH (e:Node {id: $entity})-[r]-(o)
WHERE NOT type(r) IN ['MENTIONS', 'HAS_SECTION']
RETURN CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction, type(r) AS relation,
       o.id AS other_id, o.name AS other, o.type AS other_type, r.docs AS docs,
       r.evidence_count AS evidence_count, r.id AS rel_id
ORDER BY relation, direction, other_id, rel_id
