// name: chain_segments
// description: An industry chain's segments with who leads or depends on each, the chokepoint technologies and the measures that hit them (a segment with no relation still appears).
// param: chain entity The industry chain (node id, e.g. industrychain:semiconductor-chain)
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only what changed on or after this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only what changed on or before this day (YYYY-MM-DD; null: no upper bound)
// columns: segment_id, segment, position, direction, relation, other_id, other, other_type, rel_id
MATCH (c:Node {id: $chain})<-[:PART_OF]-(seg:ChainSegment)
OPTIONAL MATCH (seg)-[r]-(o)
WHERE NOT type(r) IN ['MENTIONS', 'HAS_SECTION', 'PART_OF']
  AND any(time_spans IN [[item IN [o] | [item.valid_from, item.valid_to, item.type IN ['Administration', 'Instrument', 'Law', 'Policy', 'Programme']]]
                     + [item IN [r] | [item.valid_from, item.valid_to, type(item) IN ['EASES', 'ENACTED', 'LAUNCHED']]]] WHERE
          ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
          OR (all(span IN time_spans WHERE span[0] IS NOT NULL OR NOT span[2])
              AND ($as_of IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR (span[0] < left(toString(date($as_of) + duration('P1D')), size(coalesce(span[0], '')))
                       AND (span[1] IS NULL OR left($as_of, size(coalesce(span[1], ''))) < span[1]))))
              AND ($to IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR span[0] < left(toString(date($to) + duration('P1D')), size(coalesce(span[0], '')))))
              AND ($from IS NULL OR any(span IN time_spans WHERE span[0] >= left($from, size(coalesce(span[0], '')))))))
RETURN seg.id AS segment_id, seg.name AS segment, seg.position AS position,
       CASE WHEN r IS NULL THEN null WHEN startNode(r) = seg THEN 'out' ELSE 'in' END AS direction,
       type(r) AS relation, o.id AS other_id, o.name AS other, o.type AS other_type, r.id AS rel_id
ORDER BY position, segment_id, relation, direction, other_id, rel_id
