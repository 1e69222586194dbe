"""Which part of the graph an export writes: the lexical layer on or off, and ``--subgraph`` specs.

Specs (repeatable; the export holds their union, and every edge whose two ends are both kept):

- ``type:Law,Policy``: every node of these types;
- ``entity:NAME[:DEPTH]``: an entity (any name, alias or id) and its neighbours up to DEPTH hops (default 1)
  along the policy relations (the lexical layer does not make two entities neighbours);
- ``report:NAME[:PARAM]``: the nodes a canned report passes through (its rows and their paths); PARAM is the
  report's one argument (``report:sector:semiconductors``) or ``key=value&key=value`` for several
  (``report:path:source=Huawei&target=CHIPS Act``).

With the lexical layer on, a subgraph also keeps the sections that mention its entities and the documents
(and parent sections) they belong to, so evidence can be followed back to its place in the papers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from policykg.errors import InputError, NotFoundError, PolicykgError
from policykg.exporters.common import ExportError
from policykg.graph.model import PolicyGraph

SpecKind = Literal["type", "entity", "report"]
SPEC_HELP = ("type:Law,Policy | entity:NAME[:DEPTH] | report:NAME[:PARAM] (PARAM: one value, or "
             "key=value&key=value)")
_PAIRS = re.compile(r"^[A-Za-z_]\w*=")


@dataclass(frozen=True)
class SubgraphSpec:
    kind: SpecKind
    value: str
    depth: int = 1
    params: tuple[tuple[str, str], ...] = ()
    text: str = ""

    def __str__(self) -> str:
        return self.text or f"{self.kind}:{self.value}"


def parse_spec(text: str) -> SubgraphSpec:
    """Parse one ``--subgraph`` argument; an unknown form is an :class:`ExportError` listing the known ones."""
    kind, sep, rest = text.partition(":")
    rest = rest.strip()
    if not sep or not rest:
        raise ExportError(f"--subgraph {text!r}: expected {SPEC_HELP}")
    if kind == "type":
        names = tuple(t.strip() for t in rest.split(",") if t.strip())
        return SubgraphSpec("type", ",".join(names), text=text)
    if kind == "entity":
        name, colon, depth = rest.rpartition(":")
        if colon and depth.isdigit() and name:
            return SubgraphSpec("entity", name, depth=int(depth), text=text)
        return SubgraphSpec("entity", rest, text=text)
    if kind == "report":
        name, _, param = rest.partition(":")
        if not param:
            return SubgraphSpec("report", name, text=text)
        if _PAIRS.match(param):
            pairs = []
            for item in param.split("&"):
                key, eq, value = item.partition("=")
                if not eq or not key.strip():
                    raise ExportError(f"--subgraph {text!r}: {item!r} is not key=value")
                pairs.append((key.strip(), value.strip()))
            return SubgraphSpec("report", name, params=tuple(pairs), text=text)
        return SubgraphSpec("report", name, params=(("", param),), text=text)
    raise ExportError(f"--subgraph {text!r}: unknown kind {kind!r}; expected {SPEC_HELP}")


class _SoleParameter(dict[str, str]):
    """The parameters of a one-argument report given as a bare value: any name the report asks for has it."""

    def __init__(self, value: str):
        super().__init__()
        self.value = value

    def __missing__(self, key: str) -> str:
        return self.value

    def get(self, key: str, default: object = None) -> str:
        return self.value


def lexical_types(graph: PolicyGraph) -> tuple[set[str], set[str]]:
    schema = graph.schema
    return ({t for t, s in schema.node_types.items() if s.lexical},
            {t for t, s in schema.rel_types.items() if s.lexical})


def restrict(graph: PolicyGraph, node_ids: Iterable[str], *, lexical: bool = True) -> PolicyGraph:
    """A new graph with these nodes and every edge between two of them (lexical edges only if asked)."""
    keep = set(node_ids)
    lexical_nodes, lexical_rels = lexical_types(graph)
    out = PolicyGraph(graph.schema)
    out.meta = {"mention_counts": mention_counts(graph, keep)}
    for nid in sorted(keep):
        node = graph.nodes[nid]
        if lexical or node.type not in lexical_nodes:
            out.nodes[nid] = node
    for eid in sorted(graph.edges):
        edge = graph.edges[eid]
        if edge.source in out.nodes and edge.target in out.nodes and (lexical or edge.type not in lexical_rels):
            out.edges[eid] = edge
    out.sort()
    return out


def mention_counts(graph: PolicyGraph, node_ids: Iterable[str]) -> dict[str, int]:
    """How often the papers mention each node (the MENTIONS counts of the whole graph), for sizing nodes."""
    wanted = set(node_ids)
    counts: dict[str, int] = {}
    for edge in graph.edges.values():
        if edge.type == "MENTIONS" and edge.target in wanted:
            counts[edge.target] = counts.get(edge.target, 0) + int(edge.properties.get("count", 1))
    return dict(sorted(counts.items()))


def select(graph: PolicyGraph, specs: list[SubgraphSpec], *, lexical: bool) -> PolicyGraph:
    """The part of the graph an export writes. No specs: the whole graph (less the lexical layer if off)."""
    if not specs:
        whole = restrict(graph, graph.nodes, lexical=lexical)
        whole.meta["scope"] = "whole graph" + ("" if lexical else " without the lexical layer")
        return whole
    lexical_nodes, _ = lexical_types(graph)
    chosen: set[str] = set()
    for spec in specs:
        chosen |= _nodes_for(graph, spec)
    if lexical:
        chosen |= _lexical_context(graph, chosen - {n for n in chosen if graph.nodes[n].type in lexical_nodes})
    part = restrict(graph, chosen, lexical=lexical)
    part.meta["scope"] = "subgraph " + " + ".join(str(s) for s in specs) + ("" if lexical else ", no lexical layer")
    return part


def _nodes_for(graph: PolicyGraph, spec: SubgraphSpec) -> set[str]:
    if spec.kind == "type":
        known = graph.schema.node_types
        wanted = spec.value.split(",")
        unknown = [t for t in wanted if t not in known]
        if unknown:
            raise ExportError(f"--subgraph {spec}: unknown node type {', '.join(unknown)}; "
                              f"known: {', '.join(known)}")
        return {n.id for n in graph.nodes.values() if n.type in wanted}
    if spec.kind == "entity":
        from policykg.resolve.nodes import resolve_node

        try:
            start = resolve_node(graph, spec.value).id
        except NotFoundError as exc:
            raise NotFoundError(f"--subgraph {spec}: {exc}") from None
        return _neighbourhood(graph, start, spec.depth)
    return _report_nodes(graph, spec)


def _neighbourhood(graph: PolicyGraph, start: str, depth: int) -> set[str]:
    _, lexical_rels = lexical_types(graph)
    seen = {start}
    frontier = {start}
    for _ in range(depth):
        nxt: set[str] = set()
        for nid in sorted(frontier):
            for edge in graph.out_edges(nid) + graph.in_edges(nid):
                if edge.type in lexical_rels:
                    continue
                other = edge.target if edge.source == nid else edge.source
                if other not in seen:
                    nxt.add(other)
        seen |= nxt
        frontier = nxt
    return seen


def _report_nodes(graph: PolicyGraph, spec: SubgraphSpec) -> set[str]:
    from policykg.query.reports import run_report, touched_nodes

    if spec.params and spec.params[0][0] == "":
        params: dict[str, str] = _SoleParameter(spec.params[0][1])
    else:
        params = dict(spec.params)
    try:
        result = run_report(graph, spec.value, params)
    except InputError:
        raise
    except PolicykgError as exc:
        raise type(exc)(f"--subgraph {spec}: {exc}") from None
    return touched_nodes(result)


def _lexical_context(graph: PolicyGraph, entities: set[str]) -> set[str]:
    """Sections that mention any of the entities, with their parent sections and documents."""
    out: set[str] = set()
    for nid in sorted(entities):
        for edge in graph.in_edges(nid, "MENTIONS"):
            out.add(edge.source)
    frontier = set(out)
    while frontier:
        parents = {e.source for nid in sorted(frontier) for e in graph.in_edges(nid, "HAS_SECTION")}
        frontier = parents - out
        out |= parents
    return out
