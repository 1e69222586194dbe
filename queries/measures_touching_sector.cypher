// name: measures_touching_sector
// description: Laws, policies, instruments and programmes that touch a sector: directly, through a company they target that works in it, through a company listed on an instrument, or through a sub-sector. One row per path.
// param: sector entity The sector or technology (node id, e.g. sector:semiconductors)
// columns: measure_id, measure, measure_type, side, date, hops, path_ids, path_rels, path_rel_ids
MATCH (s:Node {id: $sector})
CALL {
  WITH s
  MATCH p = (m)-[:CONCERNS|TARGETS|SUPPORTS|REVIEWS]->(s)
  WHERE m:Law OR m:Policy OR m:Instrument OR m:Programme
  RETURN m, p
  UNION
  WITH s
  MATCH p = (m)-[:TARGETS|SANCTIONS|REVIEWS|SUPPORTS]->(:Company)-[:OPERATES_IN]->(s)
  WHERE m:Law OR m:Policy OR m:Instrument OR m:Programme
  RETURN m, p
  UNION
  WITH s
  MATCH p = (m:Instrument)<-[:LISTED_ON]-(:Company)-[:OPERATES_IN]->(s)
  RETURN m, p
  UNION
  WITH s
  MATCH p = (m)-[:CONCERNS|TARGETS|SUPPORTS|REVIEWS]->(:Sector)-[:PART_OF]->(s)
  WHERE m:Law OR m:Policy OR m:Instrument OR m:Programme
  RETURN m, p
}
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, m.side AS side, m.date AS date,
       length(p) AS hops, [n IN nodes(p) | n.id] AS path_ids, [r IN relationships(p) | type(r)] AS path_rels,
       [r IN relationships(p) | r.id] AS path_rel_ids
ORDER BY measure_id, hops, path_ids, path_rel_ids
