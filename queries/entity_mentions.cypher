// name: entity_mentions
// description: Where the papers discuss an entity: every section that mentions it, with the number of mentions (the lexical layer).
// param: entity entity The entity (node id, e.g. instrument:entity-list)
// columns: doc, section, section_id, start, mentions
MATCH (s:Section)-[r:MENTIONS]->(e:Node {id: $entity})
RETURN s.doc AS doc, s.path AS section, s.id AS section_id, s.start AS start, r.count AS mentions
ORDER BY doc, start, section_id
