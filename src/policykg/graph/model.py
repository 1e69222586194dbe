"""The typed property graph (networkx in memory) with evidence on every node and edge."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from policykg.graph.schema import Schema

if TYPE_CHECKING:  # networkx is imported when a mirror is built, not by every command that reads the graph
    import networkx as nx

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
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


class Statement(BaseModel):
    """One value of one property of a node or edge, with the evidence that states it.

    The statement model of FollowTheMoney/nomenklatura (entity, prop, value, source), where the source is the
    evidence: the sentences of the papers that give the value, the reference source or the dataset record. Two
    sources giving the same value share one statement (its evidence lists both); two sources giving different
    values are two statements. A list property (figures, characterisation) has one statement per item, except a
    list a dataset record gives whole (its items belong together). ``reference`` is derived: no paper and no
    dataset record states the value, only a reference source (a law, a register, the gazetteer entry).
    ``derived`` names how a value is computed from the owner's own evidence (a count of mentions); such a
    statement carries no evidence of its own."""

    prop: str
    value: Any
    evidence: list[Evidence] = Field(default_factory=list)
    derived: str | None = None

    @property
    def reference(self) -> bool:
        return bool(self.evidence) and all(ev.method == "reference" for ev in self.evidence)

    def sources(self) -> list[str]:
        """Who says it: the documents of its evidence, then reference sources and dataset files, each once."""
        docs = sorted({ev.doc for ev in self.evidence if ev.doc})
        others = sorted({ev.source for ev in self.evidence if not ev.doc and ev.source})
        return docs + [o for o in others if o not in docs]

    def statement_id(self, owner: str) -> str:
        key = json.dumps([owner, self.prop, self.value], ensure_ascii=False, sort_keys=True)
        return "s:" + hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"prop": self.prop, "value": self.value,
                               "evidence": [ev.to_json() for ev in self.evidence]}
        if self.reference:
            out["reference"] = True
            out["source"] = "; ".join(self.sources())
        if self.derived:
            out["derived"] = self.derived
        return out


def statements_from(properties: dict[str, Any], evidence: list[Evidence]) -> list[Statement]:
    """Statements for properties given together with the evidence that states them (one finding, one dataset
    record): each value, or each item of a list value a source gives item by item, with that evidence."""
    out: list[Statement] = []
    for prop, value in properties.items():
        if value is None:
            continue
        out.append(Statement(prop=prop, value=value, evidence=list(evidence)))
    return out


def _agrees(a: Any, b: Any) -> bool:
    """Two values agree when equal or when one is a date the other refines (2022, 2022-10, 2022-10-07)."""
    if a == b:
        return True
    if isinstance(a, str) and isinstance(b, str) and DATE_RE.match(a) and DATE_RE.match(b):
        short, long = sorted((a, b), key=len)
        return long.startswith(short)
    return False


def _precision(value: Any) -> int:
    return len(value) if isinstance(value, str) and DATE_RE.match(value) else 0


MERGE_RULE = ("one value: kept; values that agree (a date and its refinement): the most precise; values that "
              "differ: the one with most sources (documents, reference sources, dataset files; a value's agreeing "
              "refinements count for it), then one a paper or dataset states before a reference one, then the most "
              "precise, then the first in sort order")


def merge_statements(statements: list[Statement], lists: set[str] | frozenset[str] = frozenset()
                     ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The merged properties of a node or edge from its statements, and for each property with more than one
    value how it was picked (``{"rule", "values", "conflicts"}``; see :data:`MERGE_RULE`). ``lists``: the
    properties that hold every value (figures, characterisation)."""
    by_prop: dict[str, list[Statement]] = {}
    for st in statements:
        by_prop.setdefault(st.prop, []).append(st)
    props: dict[str, Any] = {}
    picked: dict[str, dict[str, Any]] = {}
    for prop, group in by_prop.items():
        if prop in lists or (len(group) == 1 and isinstance(group[0].value, list)):
            if len(group) == 1:
                props[prop] = list(group[0].value) if isinstance(group[0].value, list) else [group[0].value]
                continue
            items: list[Any] = []
            for st in group:
                for v in (st.value if isinstance(st.value, list) else [st.value]):
                    if v not in items:
                        items.append(v)
            props[prop] = items
            continue
        if len(group) == 1:
            props[prop] = group[0].value
            continue
        values = sorted({json.dumps(st.value, sort_keys=True): st for st in group}.values(),
                        key=lambda st: json.dumps(st.value, sort_keys=True))
        if all(_agrees(a.value, b.value) for a in values for b in values):
            best = max(values, key=lambda st: _precision(st.value))
            rule = "most precise"
        else:
            support = {id(st): len({s for other in values if _agrees(st.value, other.value)
                                    for s in other.sources()}) for st in values}
            best = sorted(values, key=lambda st: (-support[id(st)], st.reference, -_precision(st.value),
                                                  json.dumps(st.value, sort_keys=True)))[0]
            top = [st for st in values if support[id(st)] == support[id(best)] and st is not best]
            rule = "most sources" if not top else \
                "tie: a paper before a reference" if not best.reference and all(st.reference for st in top) else \
                "tie: most precise" if _precision(best.value) > max(_precision(st.value) for st in top) else \
                "tie: first in sort order"
        props[prop] = best.value
        picked[prop] = {"rule": rule, "values": [st.value for st in values],
                        "conflicts": [st.value for st in values if not _agrees(st.value, best.value)]}
    return props, picked


FIELD_PROPS = frozenset({"kind", "name_zh"})  # stated like properties, kept in the node's own fields


def _evidence_for(statements: list[Statement], merged: Any, prop: str) -> list[Evidence]:
    out: list[Evidence] = []
    for st in statements:
        if st.prop != prop:
            continue
        held = _agrees(st.value, merged) or (isinstance(merged, list) and st.value in merged)
        if held:
            _merge_evidence(out, st.evidence)
    return out


class Node(BaseModel):
    id: str
    type: str
    name: str
    name_zh: str = ""
    aliases: list[str] = Field(default_factory=list)
    kind: str = ""
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    # every property value with its evidence; ``properties`` is derived from them (PolicyGraph.merge)
    statements: list[Statement] = Field(default_factory=list)
    picked: dict[str, dict[str, Any]] = Field(default_factory=dict)  # how a property with several values was merged

    def statements_of(self, prop: str) -> list[Statement]:
        return [st for st in self.statements if st.prop == prop]

    def evidence_for(self, prop: str) -> list[Evidence]:
        """The evidence of the merged value of a property: of the statements that agree with it (a value derived
        from the property, such as a date's interval, cites these, not the sources of values it differs from)."""
        return _evidence_for(self.statements, self.properties.get(prop), prop)

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
    statements: list[Statement] = Field(default_factory=list)
    picked: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def statements_of(self, prop: str) -> list[Statement]:
        return [st for st in self.statements if st.prop == prop]

    def evidence_for(self, prop: str) -> list[Evidence]:
        """The evidence of the merged value of a property: of the statements that agree with it (a value derived
        from the property, such as a date's interval, cites these, not the sources of values it differs from)."""
        return _evidence_for(self.statements, self.properties.get(prop), prop)


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
        """Add a node, or merge it into the node of the same id (evidence, statements). A node given with
        properties and no statements gets a statement per property with the node's evidence (a dataset record,
        a proposal: what the node was made from is what states them)."""
        if not node.statements:
            named = {k: v for k, v in (("kind", node.kind), ("name_zh", node.name_zh)) if v}
            node.statements = statements_from({**node.properties, **named}, node.evidence)
        existing = self.nodes.get(node.id)
        if existing is None:
            self.nodes[node.id] = node
            self.nx.add_node(node.id)
            self.merge(node)
            return node
        _merge_evidence(existing.evidence, node.evidence)
        self.add_statements(existing, node.statements)
        return existing

    def add_statements(self, item: Node | Edge, statements: list[Statement]) -> None:
        """Add statements to a node or edge (the same value again adds its evidence) and merge its properties."""
        for st in statements:
            same = next((old for old in item.statements if old.prop == st.prop and old.value == st.value
                         and type(old.value) is type(st.value) and old.derived == st.derived), None)
            if same is None:
                item.statements.append(st.model_copy(update={"evidence": list(st.evidence)}))
            else:
                _merge_evidence(same.evidence, st.evidence)
        self.merge(item)

    def merge(self, item: Node | Edge) -> None:
        """Derive the merged ``properties`` (and ``picked``) of a node or edge from its statements."""
        specs = self.schema.node_types if isinstance(item, Node) else self.schema.rel_types
        spec = specs.get(item.type)
        lists = {k for k, p in spec.properties.items() if p.type == "string_list"} if spec is not None else set()
        props, picked = merge_statements(item.statements, lists)
        item.properties = {k: v for k, v in props.items() if k not in FIELD_PROPS}
        item.picked = {k: v for k, v in picked.items() if k not in FIELD_PROPS}

    def add_edge(
        self, source: str, rel_type: str, target: str, evidence: list[Evidence], stage: str,
        properties: dict[str, Any] | None = None, where: str = "", statements: list[Statement] | None = None,
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
        # the finding's properties are stated by its evidence; a second finding with another value keeps both
        found = statements if statements is not None else statements_from(props, list(evidence))
        if edge is None:
            edge = Edge(id=eid, source=source, target=target, type=rel_type, stages=[stage],
                        evidence=list(evidence))
            self.edges[eid] = edge
            self.nx.add_edge(source, target, key=eid, type=rel_type)
            self.add_statements(edge, found)
            return edge
        if stage not in edge.stages:
            edge.stages.append(stage)
        _merge_evidence(edge.evidence, evidence)
        self.add_statements(edge, found)
        return edge

    def corroborate(self, source: str, rel_type: str, target: str, evidence: list[Evidence]) -> bool:
        """Add evidence to a fact the graph holds already, leaving its stages as they are: a new document's
        sentence that states a curated relation is more evidence for it (each item carries its own method), not a
        proposed edge. False when there is no such fact."""
        edge = self.edges.get(edge_id(source, rel_type, target))
        if edge is None or not evidence:
            return False
        _merge_evidence(edge.evidence, evidence)
        return True

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
        items: list[Node | Edge] = [*self.nodes.values(), *self.edges.values()]
        for item in items:
            item.evidence.sort(key=lambda e: e.key())
            for st in item.statements:
                st.evidence.sort(key=lambda e: e.key())
            item.statements.sort(key=_statement_key)
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
        items: list[Node | Edge] = [*self.nodes.values(), *self.edges.values()]
        for item in items:
            what = f"node {item.id}" if isinstance(item, Node) else f"edge {item.id} {item.type}"
            stated = {st.prop for st in item.statements}
            out += [f"{what}: property {k} has no statement" for k in item.properties if k not in stated]
            out += [f"{what}: statement {st.prop} = {st.value!r} has no evidence" for st in item.statements
                    if not st.evidence and not st.derived]
        for e in self.edges.values():
            if not e.evidence:
                out.append(f"edge {e.id} {e.type} has no evidence")
            try:
                self.schema.validate_edge(e.type, self.nodes[e.source].type, self.nodes[e.target].type,
                                          e.properties)
            except (ValueError, KeyError) as exc:
                out.append(f"edge {e.id}: {exc}")
        return out


def _statement_key(st: Statement) -> str:
    """Statements grouped by property; within one, in the order they were stated (a list property's items keep
    the order of the merged list; a build states them in a deterministic order)."""
    return st.prop


def _merge_evidence(into: list[Evidence], new: list[Evidence]) -> None:
    keys = {e.key() for e in into}
    for ev in new:
        if ev.key() not in keys:
            into.append(ev)
            keys.add(ev.key())
