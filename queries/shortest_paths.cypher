// name: shortest_paths
// description: All shortest connections (up to 6 hops, either direction, policy relations only) between two entities; at most 25, ordered by the nodes they pass.
// param: source entity Where the path starts (node id)
// param: target entity Where the path ends (node id, not the start)
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only paths whose every element had not ended before this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only paths whose every element had started by this day (YYYY-MM-DD; null: no upper bound)
// columns: hops, path_ids, path_names, path_rels, path_dirs, path_rel_ids
MATCH (a:Node {id: $source}), (b:Node {id: $target})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE NOT type(r) IN ['MENTIONS', 'HAS_SECTION'])
  // time, element by element (so that Neo4j checks it while it searches): the graph as it stood
  AND all(n IN nodes(p) WHERE ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
      OR ((n.valid_from IS NOT NULL OR NOT n.type IN ['Administration', 'Instrument', 'Law', 'Policy', 'Programme'])
          AND ($as_of IS NULL OR n.valid_from IS NULL
               OR (n.valid_from < left(toString(date($as_of) + duration('P1D')), size(coalesce(n.valid_from, '')))
                   AND (n.valid_to IS NULL OR left($as_of, size(coalesce(n.valid_to, ''))) < n.valid_to)))
          AND ($to IS NULL OR n.valid_from IS NULL
               OR n.valid_from < left(toString(date($to) + duration('P1D')), size(coalesce(n.valid_from, ''))))
          AND ($from IS NULL OR n.valid_to IS NULL OR left($from, size(coalesce(n.valid_to, ''))) < n.valid_to)))
  AND all(r IN relationships(p) WHERE ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
      OR ((r.valid_from IS NOT NULL OR NOT type(r) IN ['EASES', 'ENACTED', 'LAUNCHED'])
          AND ($as_of IS NULL OR r.valid_from IS NULL
               OR (r.valid_from < left(toString(date($as_of) + duration('P1D')), size(coalesce(r.valid_from, '')))
                   AND (r.valid_to IS NULL OR left($as_of, size(coalesce(r.valid_to, ''))) < r.valid_to)))
          AND ($to IS NULL OR r.valid_from IS NULL
               OR r.valid_from < left(toString(date($to) + duration('P1D')), size(coalesce(r.valid_from, ''))))
          AND ($from IS NULL OR r.valid_to IS NULL OR left($from, size(coalesce(r.valid_to, ''))) < r.valid_to)))
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS path_ids, [n IN nodes(p) | n.name] AS path_names,
       [r IN relationships(p) | type(r)] AS path_rels,
       [i IN range(0, length(p) - 1) |
          CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN '->' ELSE '<-' END] AS path_dirs,
       [r IN relationships(p) | r.id] AS path_rel_ids
ORDER BY path_ids, path_rel_ids
LIMIT 25
