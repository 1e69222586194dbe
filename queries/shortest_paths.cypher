// name: shortest_paths
// description: All shortest connections (up to 6 hops, either direction, policy relations only) between two entities; at most 25, ordered by the nodes they pass.
// param: source entity Where the path starts (node id)
// param: target entity Where the path ends (node id, not the start)
// columns: hops, path_ids, path_names, path_rels, path_dirs, path_rel_ids
MATCH (a:Node {id: $source}), (b:Node {id: $target})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE NOT type(r) IN ['MENTIONS', 'HAS_SECTION'])
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS path_ids, [n IN nodes(p) | n.name] AS path_names,
       [r IN relationships(p) | type(r)] AS path_rels,
       [i IN range(0, length(p) - 1) |
          CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN '->' ELSE '<-' END] AS path_dirs,
       [r IN relationships(p) | r.id] AS path_rel_ids
ORDER BY path_ids, path_rel_ids
LIMIT 25
