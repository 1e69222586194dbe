"""The typed property graph (networkx in memory) with evidence on every node and edge."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from policykg.graph.schema import Schema

if TYPE_CHECKING:  # networkx is imported when a mirror is built, not by every command that reads the graph
    import networkx as nx

Method = Literal["gazetteer", "rule", "section_context", "curated", "proposed", "reference", "structure", "dataset",
                 "resolution"]


class Evidence(BaseModel):
    """Where a fact comes from: a span of a corpus document, a reference source, or a dataset record."""

    model_config = ConfigDict(frozen=True)

    doc: str | None = None
    start: int | None = None
    end: int | None = None
    section: str | None = None
    text: str | None = None
    method: Method
    confidence: float = Field(ge=0.0, le=1.0)
    spans: tuple[tuple[int, int], ...] | None = None  # when a footnote body interrupts the sentence
    original: tuple[int, int] | None = None  # span of the Chinese original of an English paragraph
    rule: str | None = None
    source: str | None = None  # reference source or dataset file
    record: str | None = None  # dataset record locator (entry index, field)
    field: str | None = None  # the property this evidence supports, if not the fact itself
    surface: str | None = None  # the text that matched, for mentions

    def key(self) -> tuple[Any, ...]:
        return (self.doc or "", self.start or -1, self.end or -1, self.method, self.rule or "",
                self.field or "", self.source or "", self.record or "")

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class Node(BaseModel):
    id: str
    type: str
    name: str
    name_zh: str = ""
    aliases: list[str] = Field(default_factory=list)
    kind: str = ""
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)

    def label(self, lang: str = "en") -> str:
        if lang == "zh" and self.name_zh:
            return self.name_zh
        return self.name


class Edge(BaseModel):
    id: str
    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(default_factory=dict)
    stages: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


@dataclass(frozen=True)
class Rejection:
    stage: str
    fact: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        loc = f" [{self.where}]" if self.where else ""
        return f"{self.stage}: {self.fact}: {self.reason}{loc}"


def edge_id(source: str, rel_type: str, target: str) -> str:
    digest = hashlib.sha1(f"{source}|{rel_type}|{target}".encode()).hexdigest()[:16]
    return f"e:{digest}"


class PolicyGraph:
    """Nodes and edges by id, mirrored in a networkx MultiDiGraph for traversal."""

    def __init__(self, schema: Schema):
        import networkx as nx

        self.schema = schema
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.rejected: list[Rejection] = []
        self.nx: nx.MultiDiGraph = nx.MultiDiGraph()
        self.meta: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_by_type"}  # indexes are rebuilt, not cached

    # ------------------------------------------------------------------------------------ writing
    def add_node(self, node: Node) -> Node:
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            self.nx.add_node(node.id)
            return node
        _merge_evidence(existing.evidence, node.evidence)
        for k, v in node.properties.items():
            existing.properties.setdefault(k, v)
        return existing

    def add_edge(
        self, source: str, rel_type: str, target: str, evidence: list[Evidence], stage: str,
        properties: dict[str, Any] | None = None, where: str = "",
    ) -> Edge | None:
        """Add or merge one fact; a fact that breaks the schema is rejected with its reason."""
        fact = f"({source})-[{rel_type}]->({target})"
        src, dst = self.nodes.get(source), self.nodes.get(target)
        if src is None or dst is None:
            missing = source if src is None else target
            self.rejected.append(Rejection(stage, fact, f"unknown node {missing}", where))
            return None
        if source == target:
            self.rejected.append(Rejection(stage, fact, "a node cannot relate to itself", where))
            return None
        if not evidence:
            self.rejected.append(Rejection(stage, fact, "no evidence", where))
            return None
        try:
            props = self.schema.validate_edge(rel_type, src.type, dst.type, properties or {})
        except ValueError as exc:
            self.rejected.append(Rejection(stage, fact, str(exc), where))
            return None
        eid = edge_id(source, rel_type, target)
        edge = self.edges.get(eid)
        if edge is None:
            edge = Edge(id=eid, source=source, target=target, type=rel_type, properties=props,
                        stages=[stage], evidence=list(evidence))
            self.edges[eid] = edge
            self.nx.add_edge(source, target, key=eid, type=rel_type)
            return edge
        if stage not in edge.stages:
            edge.stages.append(stage)
        _merge_evidence(edge.evidence, evidence)
        for k, v in props.items():
            if k in edge.properties and edge.properties[k] != v:
                self.rejected.append(Rejection(
                    stage, fact, f"conflicting {k}: kept {edge.properties[k]!r}, other finding says {v!r}",
                    where))
            edge.properties.setdefault(k, v)
        return edge

    def remove_node(self, node_id: str) -> None:
        for eid in [e.id for e in self.edges.values() if node_id in (e.source, e.target)]:
            del self.edges[eid]
        self.nodes.pop(node_id, None)
        if node_id in self.nx:
            self.nx.remove_node(node_id)

    # ------------------------------------------------------------------------------------ reading
    def out_edges(self, node_id: str, rel_type: str | None = None) -> list[Edge]:
        if node_id not in self.nx:
            return []
        return [self.edges[k] for _, _, k, d in self.nx.out_edges(node_id, keys=True, data=True)
                if rel_type is None or d["type"] == rel_type]

    def in_edges(self, node_id: str, rel_type: str | None = None) -> list[Edge]:
        if node_id not in self.nx:
            return []
        return [self.edges[k] for _, _, k, d in self.nx.in_edges(node_id, keys=True, data=True)
                if rel_type is None or d["type"] == rel_type]

    def edges_of_type(self, rel_type: str) -> list[Edge]:
        """The edges of one type, in the order of ``edges`` (an index rebuilt whenever the edge set changed)."""
        stamp = (id(self.edges), len(self.edges))
        index: tuple[tuple[int, int], dict[str, list[Edge]]] | None = self.__dict__.get("_by_type")
        if index is None or index[0] != stamp:
            by_type: dict[str, list[Edge]] = {}
            for e in self.edges.values():
                by_type.setdefault(e.type, []).append(e)
            index = (stamp, by_type)
            self.__dict__["_by_type"] = index
        return list(index[1].get(rel_type, []))

    def name_rows(self, prefix: str = "", exclude_prefix: str = "") -> Iterator[tuple[str, str, str, str, list[str]]]:
        """(id, type, name, name_zh, aliases) of the nodes whose id starts with ``prefix`` and not with
        ``exclude_prefix``, in node order: what name lookup needs, without the nodes' evidence (a graph read from
        the cache answers from its names column, without reading the nodes)."""
        for n in self.nodes.values():
            if n.id.startswith(prefix) and not (exclude_prefix and n.id.startswith(exclude_prefix)):
                yield n.id, n.type, n.name, n.name_zh, n.aliases

    def nodes_of_type(self, node_type: str) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.type == node_type), key=lambda n: n.id)

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        return (Counter(n.type for n in self.nodes.values()), Counter(e.type for e in self.edges.values()))

    def sort(self) -> None:
        """Deterministic order of nodes, edges and evidence."""
        self.nodes = {k: self.nodes[k] for k in sorted(self.nodes)}
        self.edges = {k: self.edges[k] for k in sorted(self.edges)}
        for node in self.nodes.values():
            node.evidence.sort(key=lambda e: e.key())
        for edge in self.edges.values():
            edge.evidence.sort(key=lambda e: e.key())
        self.rejected.sort(key=lambda r: (r.stage, r.fact, r.reason, r.where))
        import networkx as nx

        g = nx.MultiDiGraph()
        g.add_nodes_from(self.nodes)
        for e in self.edges.values():
            g.add_edge(e.source, e.target, key=e.id, type=e.type)
        self.nx = g

    def problems(self) -> list[str]:
        """Invariants every built graph must satisfy; empty when valid."""
        out: list[str] = []
        for n in self.nodes.values():
            if not n.evidence:
                out.append(f"node {n.id} has no evidence")
            if n.type not in self.schema.node_types:
                out.append(f"node {n.id} has unknown type {n.type}")
        for e in self.edges.values():
            if not e.evidence:
                out.append(f"edge {e.id} {e.type} has no evidence")
            try:
                self.schema.validate_edge(e.type, self.nodes[e.source].type, self.nodes[e.target].type,
                                          e.properties)
            except (ValueError, KeyError) as exc:
                out.append(f"edge {e.id}: {exc}")
        return out


def _merge_evidence(into: list[Evidence], new: list[Evidence]) -> None:
    keys = {e.key() for e in into}
    for ev in new:
        if ev.key() not in keys:
            into.append(ev)
            keys.add(ev.key())
