"""Search on Neo4j: the same question as :func:`policykg.query.search.search`, asked of the full-text index over
the ``:Sentence`` nodes that ``policykg neo4j load`` writes (a module of its own, so that the search module does not
import the Neo4j backend that imports it)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from policykg.backends.neo4j_backend import run_cypher
from policykg.errors import PolicykgError
from policykg.graph.model import PolicyGraph
from policykg.query.search import (
    DEFAULT_LIMIT,
    NEO4J_COUNT,
    NEO4J_QUERY,
    SearchResult,
    _filters,
    _hit,
    name_entities,
    parse_query,
)

if TYPE_CHECKING:
    from neo4j import Driver


def search_neo4j(driver: Driver, graph: PolicyGraph, text: str, doc: str | None = None,
                 node_type: str | None = None, limit: int = DEFAULT_LIMIT, exact: bool = False) -> SearchResult:
    """The same search on Neo4j's full-text index (written by ``policykg neo4j load``); the query text, the
    filters and the limit are parameters of :data:`NEO4J_QUERY`."""
    query = parse_query(text)
    if not exact:
        query = name_entities(graph, query)
    docs = [r["doc"] for r in run_cypher(driver, "MATCH (s:Sentence) RETURN DISTINCT s.doc AS doc ORDER BY doc",
                                         notifications=False).rows]
    if not docs:
        raise PolicykgError("search: Neo4j holds no sentences to search; run `policykg neo4j load` first")
    doc, node_type = _filters(graph.schema.node_types, docs, doc, node_type, limit)
    params = {"query": query.lucene(), "doc": doc, "type": node_type, "limit": limit}
    counts = run_cypher(driver, NEO4J_COUNT, params, notifications=False).rows
    rows = run_cypher(driver, NEO4J_QUERY, params, notifications=False).rows
    ids = sorted({i for r in rows for i in r["entities"] or []})
    names = {r["id"]: r for r in run_cypher(
        driver, "MATCH (n:Node) WHERE n.id IN $ids RETURN n.id AS id, n.type AS type, n.name AS name, "
        "n.name_zh AS name_zh", {"ids": ids}, notifications=False).rows}
    hits: list[dict[str, Any]] = []
    for r in rows:
        entities = []
        for i in r["entities"] or []:
            if i in names:
                item = {"id": i, "type": names[i]["type"], "name": names[i]["name"]}
                if names[i]["name_zh"]:
                    item["name_zh"] = names[i]["name_zh"]
                entities.append(item)
        record = {**r, "entities": entities, "relations": json.loads(r["relations"] or "[]")}
        hits.append(_hit(len(hits) + 1, float(r["score"]), record, query))
    documents = {r["doc"]: int(r["sentences"]) for r in counts}
    result = SearchResult(query, doc, node_type, limit, "neo4j", sum(documents.values()), documents, hits)
    if not hits and (doc or node_type):
        every = run_cypher(driver, NEO4J_COUNT, {**params, "doc": None, "type": None}, notifications=False).rows
        result.unfiltered = sum(int(r["sentences"]) for r in every)
    return result
