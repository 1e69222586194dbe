// name: measures_touching_sector
// description: Measures and actors that touch a sector, a chain or a segment (its scope: itself and every sector, industry chain or chain segment that is PART_OF, BELONGS_TO or CHAIN_OF it at any depth). Touching is a restricting (TARGETS, SANCTIONS, REVIEWS), easing (EASES), supporting (SUPPORTS), subject (CONCERNS) or side-effect (AFFECTS) relation to a node of the scope, directly or through a company that OPERATES_IN it (a company it restricts, eases or supports, or a company LISTED_ON an instrument). Who touches: laws, policies, instruments, programmes, administrations, agencies, countries, and alliances (organisations of kind alliance, alliance_form, partnership, export_control_regime, trade_agreement). One row per path (simple: no node twice).
// param: sector entity The sector, industry chain or chain segment (node id, e.g. sector:semiconductors)
// columns: measure_id, measure, measure_type, side, date, hops, path_ids, path_rels, path_rel_ids
//
// The same semantics live in src/policykg/query/library.py (_measures_touching_sector) and README "Reports";
// tests/test_neo4j.py requires both backends to return the same rows for every entity of the graph.
MATCH h = (part:Node)-[:PART_OF|BELONGS_TO|CHAIN_OF*0..]->(s:Node {id: $sector})
WHERE all(n IN nodes(h) WHERE n:Sector OR n:IndustryChain OR n:ChainSegment)
  AND all(i IN range(0, length(h) - 1) WHERE NOT nodes(h)[i] IN nodes(h)[i + 1..])
CALL {
  WITH part
  MATCH (m)-[t:CONCERNS|TARGETS|SANCTIONS|REVIEWS|SUPPORTS|EASES|AFFECTS]->(part)
  RETURN m, [m.id] AS head_ids, [t] AS head_rels
  UNION
  WITH part
  MATCH (m)-[t:TARGETS|SANCTIONS|REVIEWS|SUPPORTS|EASES]->(c:Company)-[o:OPERATES_IN]->(part)
  RETURN m, [m.id, c.id] AS head_ids, [t, o] AS head_rels
  UNION
  WITH part
  MATCH (m:Instrument)<-[t:LISTED_ON]-(c:Company)-[o:OPERATES_IN]->(part)
  RETURN m, [m.id, c.id] AS head_ids, [t, o] AS head_rels
}
WITH m, head_ids + [n IN nodes(h) | n.id] AS path_ids, head_rels + relationships(h) AS rels
WHERE m:Law OR m:Policy OR m:Instrument OR m:Programme OR m:Administration OR m:Agency OR m:Country
   OR (m:Organization AND m.kind IN ['alliance', 'alliance_form', 'partnership', 'export_control_regime',
                                     'trade_agreement'])
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, m.side AS side, m.date AS date,
       size(rels) AS hops, path_ids, [r IN rels | type(r)] AS path_rels, [r IN rels | r.id] AS path_rel_ids
ORDER BY measure_id, hops, path_ids, path_rel_ids
