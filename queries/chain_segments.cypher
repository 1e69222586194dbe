// name: chain_segments
// description: An industry chain's segments with who leads or depends on each, the chokepoint technologies and the measures that hit them (a segment with no relation still appears).
// param: chain entity The industry chain (node id, e.g. industrychain:semiconductor-chain)
// columns: segment_id, segment, position, direction, relation, other_id, other, other_type, rel_id
MATCH (c:Node {id: $chain})<-[:PART_OF]-(seg:ChainSegment)
OPTIONAL MATCH (seg)-[r]-(o)
WHERE NOT type(r) IN ['MENTIONS', 'HAS_SECTION', 'PART_OF']
RETURN seg.id AS segment_id, seg.name AS segment, seg.position AS position,
       CASE WHEN r IS NULL THEN null WHEN startNode(r) = seg THEN 'out' ELSE 'in' END AS direction,
       type(r) AS relation, o.id AS other_id, o.name AS other, o.type AS other_type, r.id AS rel_id
ORDER BY position, segment_id, relation, direction, other_id, rel_id
