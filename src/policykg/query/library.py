"""The query library: ``queries/*.cypher`` (for Neo4j) and the same queries on the embedded graph.

Each ``.cypher`` file starts with a header of ``// key: value`` lines: ``name``, ``description``, one
``param: NAME KIND DESCRIPTION`` per parameter (KIND ``entity`` takes a node id; the CLI resolves any name
to it; KIND ``date`` takes YYYY, YYYY-MM or YYYY-MM-DD and may be left out: the time filters ``as_of``, ``from``
and ``to``, see :mod:`policykg.graph.time`) and ``columns``. The embedded implementation of a query lives here
under the same name and follows the Cypher semantics exactly: the same rows in the same order (every query orders
by all the columns that distinguish rows; nulls sort last as in Neo4j), so the parity test can compare both
backends row by row.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.errors import InputError, NotFoundError, PolicykgError, Problem
from policykg.graph import time
from policykg.graph.model import Edge, Node, PolicyGraph
from policykg.resolve.nodes import resolve_node

Row = dict[str, Any]
LEXICAL_RELS = {"MENTIONS", "HAS_SECTION"}
MEASURE_TYPES = {"Law", "Policy", "Instrument", "Programme"}
ADMIN_RELS = {"ENACTED", "LAUNCHED", "CONTINUED", "PURSUED"}  # an actor stands behind a measure
ADMIN_ACTS = ADMIN_RELS | {"EASES"}  # ... and what an administration did, easing a measure, party or product included


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # entity | string | int | date (optional: a time filter)
    description: str


@dataclass(frozen=True)
class QuerySpec:
    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    cypher: str
    path: Path


def parse_query_file(path: Path) -> QuerySpec:
    text = path.read_text(encoding="utf-8")
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = re.match(r"^//\s*(\w+)\s*:\s*(.*)$", line)
        if not m:
            if line.strip() and not line.startswith("//"):
                break
            continue
        header.setdefault(m.group(1), []).append(m.group(2).strip())
    problems = [Problem(str(path), f"header lacks '// {k}:'") for k in ("name", "description", "columns")
                if k not in header]
    if problems:
        raise InputError(problems)
    params = []
    for raw in header.get("param", []):
        parts = raw.split(None, 2)
        if len(parts) < 2 or parts[1] not in {"entity", "string", "int", "date"}:
            fix = "use '// param: NAME entity|string|int|date TEXT'"
            raise InputError([Problem(str(path), f"bad param line {raw!r}", fix)])
        params.append(Param(parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    name = header["name"][0]
    if name != path.stem:
        raise InputError([Problem(str(path), f"query name {name!r} differs from the file name", "rename one")])
    return QuerySpec(name=name, description=" ".join(header["description"]), params=tuple(params),
                     columns=tuple(c.strip() for c in header["columns"][0].split(",")), cypher=text, path=path)


def load_library(folder: Path) -> dict[str, QuerySpec]:
    specs = {}
    for path in sorted(folder.glob("*.cypher")):
        spec = parse_query_file(path)
        specs[spec.name] = spec
    return specs


def resolve_params(graph: PolicyGraph, spec: QuerySpec, raw: dict[str, str]) -> dict[str, Any]:
    """Check the parameters against the header; entity parameters accept any name and become node ids."""
    unknown = set(raw) - {p.name for p in spec.params}
    if unknown:
        raise PolicykgError(f"query {spec.name} has no parameter {', '.join(sorted(unknown))}; "
                            f"it takes: {', '.join(p.name for p in spec.params) or 'none'}")
    out: dict[str, Any] = {}
    for p in spec.params:
        if p.kind == "date":  # a time filter: optional, a whole period read as README "Time" says (null: none)
            value = raw.get(p.name) or None
            out[p.name] = None if value is None else _whole_period(p.name, time.check_date(value, f"--param {p.name}"))
            continue
        if p.name not in raw:
            raise PolicykgError(f"query {spec.name} needs --param {p.name}=… ({p.description})")
        value = raw[p.name]
        if p.kind == "entity":
            out[p.name] = resolve_node(graph, value).id
        elif p.kind == "int":
            try:
                out[p.name] = int(value)
            except ValueError:
                raise PolicykgError(f"--param {p.name} must be an integer, not {value!r}") from None
        else:
            out[p.name] = value
    return out


def _whole_period(name: str, value: str) -> str:
    """``as_of`` and ``to`` stand for the last day of the period a date names, ``from`` for its first."""
    return time.first_day(value) if name == "from" else time.last_day(value)


def time_params(spec: QuerySpec, window: time.Window) -> dict[str, Any]:
    """A query's time parameters from a filter (null where not given); an error for a query without time."""
    names = {p.name for p in spec.params if p.kind == "date"}
    given = {k: v for k, v in window.params().items() if v is not None}
    if given and not names:
        raise PolicykgError(f"query {spec.name} has no time filter (its rows are the papers' sections, not "
                            "measures); leave out --as-of, --from and --to")
    return {k: v for k, v in window.params().items() if k in names}


# ------------------------------------------------------------------------------------- value helpers


def docs(item: Node | Edge) -> list[str]:
    return sorted({e.doc for e in item.evidence if e.doc})


def nprop(node: Node | None, key: str) -> Any:
    """A node property as Neo4j stores it (empty strings are not stored)."""
    if node is None:
        return None
    if key in {"id", "type", "name"}:
        return getattr(node, key)
    if key in {"name_zh", "kind"}:
        return getattr(node, key) or None
    if key == "docs":
        return docs(node)
    if key == "evidence_count":
        return len(node.evidence)
    return node.properties.get(key)


def eprop(edge: Edge | None, key: str) -> Any:
    if edge is None:
        return None
    if key in {"id", "type"}:
        return getattr(edge, key)
    if key == "docs":
        return docs(edge)
    if key == "evidence_count":
        return len(edge.evidence)
    if key == "stages":
        return list(edge.stages)
    return edge.properties.get(key)


def _key(value: Any) -> Any:
    """Sort key with Neo4j's ascending order for our columns: nulls last."""
    if isinstance(value, list):
        return (value is None, tuple(_key(v) for v in value))
    return (value is None, value if value is not None else 0)


def order(rows: list[Row], *columns: str) -> list[Row]:
    return sorted(rows, key=lambda r: tuple(_key(r[c]) for c in columns))


def coalesce(*values: Any) -> Any:
    return next((v for v in values if v is not None), None)


# ------------------------------------------------------------------------------------- implementations

Impl = Callable[[PolicyGraph, dict[str, Any], time.Window], list[Row]]
EMBEDDED: dict[str, Impl] = {}


def embedded(name: str) -> Callable[[Impl], Impl]:
    def register(fn: Impl) -> Impl:
        EMBEDDED[name] = fn
        return fn

    return register


def _path_row(g: PolicyGraph, nodes: list[str], edges: list[Edge]) -> Row:
    return {"hops": len(edges), "path_ids": list(nodes), "path_rels": [e.type for e in edges],
            "path_rel_ids": [e.id for e in edges]}


# What "touching a sector" means (queries/measures_touching_sector.cypher says the same, README "Reports"):
# the sector's scope is itself and every sector, chain or segment joined to it by PART_OF, BELONGS_TO or
# CHAIN_OF at any depth; a measure or actor touches it by restricting, easing, supporting, concerning or
# affecting a node of the scope, directly or through a company working in it (or listed on an instrument).
SCOPE_TYPES = {"Sector", "IndustryChain", "ChainSegment"}
SCOPE_RELS = {"PART_OF", "BELONGS_TO", "CHAIN_OF"}  # part -> whole
TOUCH_RELS = {"CONCERNS", "TARGETS", "SANCTIONS", "REVIEWS", "SUPPORTS", "EASES", "AFFECTS"}
TOUCH_VIA_COMPANY = {"TARGETS", "SANCTIONS", "REVIEWS", "SUPPORTS", "EASES"}
ACTOR_TYPES = {"Administration", "Agency", "Country"}
ALLIANCE_KINDS = {"alliance", "alliance_form", "partnership", "export_control_regime", "trade_agreement"}


def touches(node: Node) -> bool:
    """A node that can touch a sector: a measure, an acting government body, or an alliance."""
    return node.type in MEASURE_TYPES or node.type in ACTOR_TYPES or (
        node.type == "Organization" and node.kind in ALLIANCE_KINDS)


def scope_paths(g: PolicyGraph, whole: str) -> list[tuple[list[str], list[Edge]]]:
    """Every simple part-of path into ``whole`` (the empty path first): (nodes from part to whole, edges)."""
    if whole not in g.nodes or g.nodes[whole].type not in SCOPE_TYPES:
        return []
    out: list[tuple[list[str], list[Edge]]] = []

    def walk(nodes: list[str], edges: list[Edge]) -> None:
        out.append((nodes, edges))
        for e in g.in_edges(nodes[0]):
            if e.type in SCOPE_RELS and e.source not in nodes and g.nodes[e.source].type in SCOPE_TYPES:
                walk([e.source, *nodes], [e, *edges])

    walk([whole], [])
    return out


@embedded("measures_touching_sector")
def _measures_touching_sector(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    paths: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for scope_nodes, scope_edges in scope_paths(g, p["sector"]):
        part = scope_nodes[0]
        tail = (tuple(scope_nodes), tuple(e.id for e in scope_edges))
        for e in g.in_edges(part):
            if e.type in TOUCH_RELS and touches(g.nodes[e.source]):
                paths.add(((e.source, *tail[0]), (e.id, *tail[1])))
            if e.type != "OPERATES_IN" or g.nodes[e.source].type != "Company":
                continue
            c = e.source
            for e1 in g.in_edges(c):
                if e1.type in TOUCH_VIA_COMPANY and touches(g.nodes[e1.source]):
                    paths.add(((e1.source, c, *tail[0]), (e1.id, e.id, *tail[1])))
            for e1 in g.out_edges(c, "LISTED_ON"):
                if g.nodes[e1.target].type == "Instrument":
                    paths.add(((e1.target, c, *tail[0]), (e1.id, e.id, *tail[1])))
    rows = []
    for nodes, edge_ids in paths:
        m = g.nodes[nodes[0]]
        edges = [g.edges[i] for i in edge_ids]
        if not time.keep(w, [g.nodes[n] for n in nodes], edges, m.id):
            continue
        rows.append({"measure_id": m.id, "measure": m.name, "measure_type": m.type, "side": nprop(m, "side"),
                     "date": nprop(m, "date"), **_path_row(g, list(nodes), edges)})
    return order(rows, "measure_id", "hops", "path_ids", "path_rel_ids")


@embedded("administration_measures")
def _administration_measures(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    a = p["administration"]
    if a not in g.nodes or g.nodes[a].type != "Administration":
        return []
    rows = []
    for e in g.out_edges(a):
        if e.type in ADMIN_ACTS and time.keep(w, [g.nodes[e.target]], [e], e.target):
            m = g.nodes[e.target]
            rows.append({"measure_id": m.id, "measure": m.name, "measure_type": m.type, "relation": e.type,
                         "date": coalesce(eprop(e, "date"), nprop(m, "date")), "docs": docs(e), "rel_id": e.id})
    return order(rows, "date", "measure_id", "relation")


@embedded("timeline")
def _timeline(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    rows = []
    for a in g.nodes_of_type("Administration"):
        base = {"administration_id": a.id, "administration": a.name, "position": nprop(a, "order"),
                "term_start": nprop(a, "term_start"), "term_end": nprop(a, "term_end")}
        measures = [e for e in g.out_edges(a.id)
                    if e.type in ADMIN_ACTS and time.keep(w, [g.nodes[e.target]], [e], e.target)]
        if not measures:
            rows.append({**base, "measure_id": None, "measure": None, "measure_type": None, "relation": None,
                         "date": None})
        for e in measures:
            m = g.nodes[e.target]
            rows.append({**base, "measure_id": m.id, "measure": m.name, "measure_type": m.type,
                         "relation": e.type, "date": coalesce(eprop(e, "date"), nprop(m, "date"))})
    return order(rows, "position", "date", "measure_id", "relation")


@embedded("entity_relations")
def _entity_relations(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    nid = p["entity"]
    rows = []
    for direction, edges in (("out", g.out_edges(nid)), ("in", g.in_edges(nid))):
        for e in edges:
            if e.type in LEXICAL_RELS:
                continue
            o = g.nodes[e.target if direction == "out" else e.source]
            if not time.keep(w, [g.nodes[nid], o], [e], o.id):
                continue
            rows.append({"direction": direction, "relation": e.type, "other_id": o.id, "other": o.name,
                         "other_type": o.type, "docs": docs(e), "evidence_count": len(e.evidence), "rel_id": e.id})
    return order(rows, "relation", "direction", "other_id", "rel_id")


def _policy_neighbours(g: PolicyGraph, nid: str, w: time.Window | None = None) -> Iterable[tuple[str, Edge, str]]:
    """The policy relations of a node; with a time filter, those that stood then, to nodes that did (the graph as
    it was: every element in force as of the day, or in force at some time of the window)."""
    for e in g.out_edges(nid):
        if e.type not in LEXICAL_RELS and _stood(g, w, [g.nodes[e.target]], [e]):
            yield e.target, e, "->"
    for e in g.in_edges(nid):
        if e.type not in LEXICAL_RELS and _stood(g, w, [g.nodes[e.source]], [e]):
            yield e.source, e, "<-"


def _stood(g: PolicyGraph, w: time.Window | None, nodes: list[Node], edges: list[Edge]) -> bool:
    return w is None or time.keep(w, nodes, edges, overlap=True)


@embedded("shortest_paths")
def _shortest_paths(g: PolicyGraph, p: dict[str, Any], w: time.Window, max_hops: int = 6,
                    limit: int = 25) -> list[Row]:
    a, b = p["source"], p["target"]
    if a not in g.nodes or b not in g.nodes:
        return []
    if a == b:
        raise PolicykgError("a shortest path needs two different entities")
    if not _stood(g, w, [g.nodes[a], g.nodes[b]], []):
        return []
    dist = {a: 0}
    frontier = deque([a])
    while frontier:
        x = frontier.popleft()
        if dist[x] >= max_hops or (b in dist and dist[x] >= dist[b]):
            continue
        for y, _, _ in _policy_neighbours(g, x, w):
            if y not in dist:
                dist[y] = dist[x] + 1
                frontier.append(y)
    if b not in dist:
        return []
    target_len = dist[b]
    # distances from b bound the walk to nodes on some shortest path
    back = {b: 0}
    frontier = deque([b])
    while frontier:
        x = frontier.popleft()
        if back[x] >= target_len:
            continue
        for y, _, _ in _policy_neighbours(g, x, w):
            if y not in back:
                back[y] = back[x] + 1
                frontier.append(y)
    rows: list[Row] = []

    def walk(node: str, nodes: list[str], edges: list[Edge], dirs: list[str]) -> None:
        if node == b:
            rows.append({"hops": len(edges), "path_ids": list(nodes),
                         "path_names": [g.nodes[n].name for n in nodes], "path_rels": [e.type for e in edges],
                         "path_dirs": list(dirs), "path_rel_ids": [e.id for e in edges]})
            return
        for y, e, d in _policy_neighbours(g, node, w):
            if dist.get(y) == len(nodes) and back.get(y, 99) == target_len - len(nodes):
                walk(y, [*nodes, y], [*edges, e], [*dirs, d])

    walk(a, [a], [], [])
    return order(rows, "path_ids", "path_rel_ids")[:limit]


@embedded("chain_segments")
def _chain_segments(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    c = p["chain"]
    rows = []
    for pe in g.in_edges(c, "PART_OF"):
        seg = g.nodes[pe.source]
        if seg.type != "ChainSegment":
            continue
        base = {"segment_id": seg.id, "segment": seg.name, "position": nprop(seg, "position")}
        found = False
        for direction, edges in (("out", g.out_edges(seg.id)), ("in", g.in_edges(seg.id))):
            for e in edges:
                if e.type in LEXICAL_RELS or e.type == "PART_OF":
                    continue
                o = g.nodes[e.target if direction == "out" else e.source]
                if not time.keep(w, [o], [e], o.id):
                    continue
                found = True
                rows.append({**base, "direction": direction, "relation": e.type, "other_id": o.id,
                             "other": o.name, "other_type": o.type, "rel_id": e.id})
        if not found:
            rows.append({**base, "direction": None, "relation": None, "other_id": None, "other": None,
                         "other_type": None, "rel_id": None})
    return order(rows, "position", "segment_id", "relation", "direction", "other_id", "rel_id")


@embedded("countermeasures")
def _countermeasures(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    rows = []
    for e in g.edges_of_type("RESPONDS_TO"):
        cn, us = g.nodes[e.source], g.nodes[e.target]
        if not time.keep(w, [cn, us], [e], cn.id):
            continue
        rows.append({"response_id": cn.id, "response": cn.name, "response_type": cn.type,
                     "response_side": nprop(cn, "side"), "measure_id": us.id, "measure": us.name,
                     "measure_type": us.type, "measure_side": nprop(us, "side"), "docs": docs(e), "rel_id": e.id})
    return order(rows, "response_id", "measure_id", "rel_id")


AIMED_AT = {"TARGETS", "SANCTIONS", "REVIEWS", "AFFECTS"}  # measure -> entity
BEHIND = {"ENACTED", "LAUNCHED", "CONTINUED", "PURSUED", "ADMINISTERS"}  # actor -> measure


@embedded("measures_against_entity")
def _measures_against_entity(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    nid = p["entity"]
    if nid not in g.nodes:
        return []
    aimed = [(e.source, e) for e in g.in_edges(nid) if e.type in AIMED_AT]
    aimed += [(e.target, e) for e in g.out_edges(nid, "LISTED_ON")]
    rows = []
    for mid, r in aimed:
        m = g.nodes[mid]
        if m.type not in MEASURE_TYPES or mid == nid:
            continue
        for s in g.in_edges(mid):
            if s.type not in BEHIND or not time.keep(w, [g.nodes[nid], m], [r, s], m.id):
                continue
            a = g.nodes[s.source]
            rows.append({"measure_id": m.id, "measure": m.name, "measure_type": m.type, "measure_relation": r.type,
                         "actor_id": a.id, "actor": a.name, "actor_type": a.type, "actor_relation": s.type,
                         "measure_rel_id": r.id, "actor_rel_id": s.id})
    return order(rows, "measure_id", "actor_relation", "actor_id", "measure_rel_id", "actor_rel_id")


@embedded("entity_mentions")
def _entity_mentions(g: PolicyGraph, p: dict[str, Any], w: time.Window) -> list[Row]:
    rows = []
    for e in g.in_edges(p["entity"], "MENTIONS"):
        s = g.nodes[e.source]
        rows.append({"doc": nprop(s, "doc"), "section": nprop(s, "path"), "section_id": s.id,
                     "start": nprop(s, "start"), "mentions": eprop(e, "count")})
    return order(rows, "doc", "start", "section_id")


def run_embedded(graph: PolicyGraph, name: str, params: dict[str, Any], window: time.Window | None = None
                 ) -> list[Row]:
    """Run a library query on the in-memory graph; params must already be resolved (ids). The time filter is
    ``window`` when given (it also collects what the filter left out, for a report's notes), else the parameters
    ``as_of``, ``from`` and ``to`` (absent or null: no filter)."""
    impl = EMBEDDED.get(name)
    if impl is None:
        raise NotFoundError(f"no query named {name!r}; known: {', '.join(sorted(EMBEDDED))}")
    return impl(graph, params, window if window is not None else time.from_params(params))
