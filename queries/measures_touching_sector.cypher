// name: measures_touching_sector
// description: Measures and actors that touch a sector, a chain or a segment (its scope: itself and every sector, industry chain or chain segment that is PART_OF, BELONGS_TO or CHAIN_OF it at any depth). Touching is a restricting (TARGETS, SANCTIONS, REVIEWS), easing (EASES), supporting (SUPPORTS), subject (CONCERNS) or side-effect (AFFECTS) relation to a node of the scope, directly or through a company that OPERATES_IN it (a company it restricts, eases or supports, or a company LISTED_ON an instrument). Who touches: laws, policies, instruments, programmes, administrations, agencies, countries, and alliances (organisations of kind alliance, alliance_form, partnership, export_control_regime, trade_agreement). One row per path (simple: no node twice).
// param: sector entity The sector, industry chain or chain segment (node id, e.g. sector:semiconductors)
// param: as_of date Only what is known to be in force on this day (YYYY-MM-DD; null: no filter; README "Time")
// param: from date Only what changed on or after this day (YYYY-MM-DD; null: no lower bound)
// param: to date Only what changed on or before this day (YYYY-MM-DD; null: no upper bound)
// columns: measure_id, measure, measure_type, side, date, hops, path_ids, path_rels, path_rel_ids
//
// The same semantics live in src/policykg/query/library.py (_measures_touching_sector) and README "Reports";
// tests/test_neo4j.py requires both backends to return the same rows for every entity of the graph.
// Time ($as_of, $from, $to): every node and relation of the path, by the rules of README "Time: as-of and intervals"
// (src/policykg/graph/time.py); the same block closes every query of the library.
MATCH h = (part:Node)-[:PART_OF|BELONGS_TO|CHAIN_OF*0..]->(s:Node {id: $sector})
WHERE all(n IN nodes(h) WHERE n:Sector OR n:IndustryChain OR n:ChainSegment)
  AND all(i IN range(0, length(h) - 1) WHERE NOT nodes(h)[i] IN nodes(h)[i + 1..])
CALL {
  WITH part
  MATCH (m)-[t:CONCERNS|TARGETS|SANCTIONS|REVIEWS|SUPPORTS|EASES|AFFECTS]->(part)
  RETURN m, [m] AS head_nodes, [t] AS head_rels
  UNION
  WITH part
  MATCH (m)-[t:TARGETS|SANCTIONS|REVIEWS|SUPPORTS|EASES]->(c:Company)-[o:OPERATES_IN]->(part)
  RETURN m, [m, c] AS head_nodes, [t, o] AS head_rels
  UNION
  WITH part
  MATCH (m:Instrument)<-[t:LISTED_ON]-(c:Company)-[o:OPERATES_IN]->(part)
  RETURN m, [m, c] AS head_nodes, [t, o] AS head_rels
}
WITH m, head_nodes + nodes(h) AS path_nodes, head_rels + relationships(h) AS rels
WHERE (m:Law OR m:Policy OR m:Instrument OR m:Programme OR m:Administration OR m:Agency OR m:Country
       OR (m:Organization AND m.kind IN ['alliance', 'alliance_form', 'partnership', 'export_control_regime',
                                         'trade_agreement']))
  AND any(time_spans IN [[item IN path_nodes | [item.valid_from, item.valid_to, item.type IN ['Administration', 'Instrument', 'Law', 'Policy', 'Programme']]]
                     + [item IN rels | [item.valid_from, item.valid_to, type(item) IN ['EASES', 'ENACTED', 'LAUNCHED']]]] WHERE
          ($as_of IS NULL AND $from IS NULL AND $to IS NULL)
          OR (all(span IN time_spans WHERE span[0] IS NOT NULL OR NOT span[2])
              AND ($as_of IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR (span[0] < left(toString(date($as_of) + duration('P1D')), size(coalesce(span[0], '')))
                       AND (span[1] IS NULL OR left($as_of, size(coalesce(span[1], ''))) < span[1]))))
              AND ($to IS NULL OR all(span IN time_spans WHERE span[0] IS NULL
                   OR span[0] < left(toString(date($to) + duration('P1D')), size(coalesce(span[0], '')))))
              AND ($from IS NULL OR any(span IN time_spans WHERE span[0] >= left($from, size(coalesce(span[0], '')))))))
RETURN m.id AS measure_id, m.name AS measure, m.type AS measure_type, m.side AS side, m.date AS date,
       size(rels) AS hops, [n IN path_nodes | n.id] AS path_ids, [r IN rels | type(r)] AS path_rels, [r IN rels | r.id] AS path_rel_ids
ORDER BY measure_id, hops, path_ids, path_rel_ids
