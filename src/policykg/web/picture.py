"""A picture of part of the graph: one self-contained HTML file drawn by vis-network (through pyvis).

What is drawn: the nodes a canned report passes through (its rows and their paths), the union of ``--subgraph``
specs as the exports take them, or the whole policy layer; every policy edge between two drawn nodes; and, when
any drawn measure has an administration behind it, all administrations, pinned left to right in their order
(Obama → Trump 1.0 → Biden → Trump 2.0) in a row, so the picture reads as a timeline.

A picture holds at most ``max_nodes`` nodes (the combined graph with the screening list has ~26k): administrations
first, then the papers' entities before screening-list records, the report's answers before other nodes, the most
connected first; the page then says what was left out and how to narrow it.

Every node and edge carries what the side panel shows when it is clicked: names, properties, its relations and the
evidence sentences with document and section (or the dataset record).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from policykg import __version__
from policykg.errors import PolicykgError
from policykg.exporters.common import evidence_parts
from policykg.exporters.subgraph import SubgraphSpec, lexical_types, mention_counts, parse_spec, select
from policykg.graph.model import Evidence, PolicyGraph
from policykg.query.library import ADMIN_RELS
from policykg.query.reports import REPORT_ARGS, ReportResult, run_report, touched_nodes
from policykg.resolve.nodes import LISTED_PREFIX, resolve_node
from policykg.web import DEFAULT_MAX_NODES, missing_extra

OPTIONAL_ARGS = {"listings": 1}  # how many trailing arguments a report may leave out
EVIDENCE_PER_ITEM = 12  # evidence records embedded per node or edge (the panel says how many more there are)
LABEL_WIDTH = 42
VIS_VERSION = "vis-9.1.2"  # the vis-network build pyvis 0.3 ships
ADMIN_SPACING = 360


def report_params(report: str, args: Sequence[str]) -> dict[str, str]:
    """The parameters of a report from its positional arguments (``path A B`` -> source, target)."""
    if report not in REPORT_ARGS:
        raise PolicykgError(f"no report named {report!r}; known: {', '.join(REPORT_ARGS)}")
    names = REPORT_ARGS[report]
    least = len(names) - OPTIONAL_ARGS.get(report, 0)
    if not least <= len(args) <= len(names):
        wanted = " ".join(n.upper() for n in names) or "no arguments"
        raise PolicykgError(f"report {report} takes {wanted}, got {len(args)} argument(s): "
                            f"{' '.join(repr(a) for a in args) or 'none'}")
    return {name: value for name, value in zip(names, args, strict=False)}


@dataclass
class Picture:
    """The nodes and edges to draw, what was left out, and the report (if any) they answer."""

    graph: PolicyGraph
    title: str
    scope: str
    lang: str
    node_ids: list[str]
    edge_ids: list[str]
    candidates: int  # nodes the selection held before the cap
    max_nodes: int
    report: ReportResult | None = None
    answers: set[str] = field(default_factory=set)  # the report's row entities, drawn with a heavy border

    @property
    def capped(self) -> bool:
        return self.candidates > len(self.node_ids)

    @property
    def cap_note(self) -> str:
        if not self.capped:
            return ""
        return (f"Showing {len(self.node_ids):,} of {self.candidates:,} nodes (the cap is {self.max_nodes:,}): "
                "administrations first, then the papers' entities before screening-list records and the report's "
                "answers before other nodes, the most connected first. Narrow the picture (--subgraph "
                "entity:NAME, a report) or raise --max-nodes; a very large picture is slow to draw.")

    def notes(self) -> list[str]:
        out = list(self.report.notes) if self.report else []
        if self.report and not self.report.rows:
            out.append(f"Nothing found: {self.report.empty_reason}")
        return out

    def html(self) -> str:
        return render_html(self)


def make_picture(graph: PolicyGraph, report: str | None = None, params: dict[str, str] | None = None,
                 specs: Sequence[str] = (), lang: str = "en", max_nodes: int = DEFAULT_MAX_NODES) -> Picture:
    """Choose what to draw: a report's subgraph, ``--subgraph`` specs (their union), or the whole policy layer."""
    if lang not in {"en", "zh"}:
        raise PolicykgError(f"--lang must be en or zh, not {lang!r}")
    if max_nodes < 1:
        raise PolicykgError(f"--max-nodes must be at least 1, not {max_nodes}")
    parsed = [parse_spec(s) for s in specs]  # a bad spec fails before any work
    lexical_nodes, lexical_rels = lexical_types(graph)
    chosen: set[str] = set()
    answers: list[str] = []
    result: ReportResult | None = None
    scope_parts: list[str] = []
    if report is not None:
        result = run_report(graph, report, dict(params or {}), lang)
        answers = list(dict.fromkeys(r["id"] for r in result.rows if r.get("id") in graph.nodes))
        chosen |= touched_nodes(result)
        scope_parts.append(f"report {report}" + "".join(f" {v}" for v in (params or {}).values() if v))
    if parsed:
        chosen |= set(select(graph, parsed, lexical=False).nodes)
        scope_parts += [f"subgraph {s}" for s in parsed]
    if report is None and not parsed:
        chosen = set(graph.nodes)
        scope_parts.append("whole graph")
    chosen = {n for n in chosen if n in graph.nodes and graph.nodes[n].type not in lexical_nodes}
    admins = _administrations(graph, chosen)
    chosen |= admins

    kept = _cap(graph, chosen, admins, set(answers), lexical_rels, max_nodes)
    kept_set = set(kept)
    edges = sorted(e.id for e in graph.edges.values()
                   if e.source in kept_set and e.target in kept_set and e.type not in lexical_rels)
    title = result.title if result else ("The whole graph" if scope_parts == ["whole graph"] else
                                         " + ".join(_spec_title(graph, s, lang) for s in parsed))
    return Picture(graph, title, " + ".join(scope_parts), lang, sorted(kept), edges, len(chosen), max_nodes,
                   result, set(answers) & kept_set)


def _spec_title(graph: PolicyGraph, spec: SubgraphSpec, lang: str) -> str:
    if spec.kind == "entity":
        name = resolve_node(graph, spec.value).label(lang)
        return f"{name} and its neighbours" + (f" ({spec.depth} hops)" if spec.depth != 1 else "")
    return f"Subgraph {spec}"


def _administrations(graph: PolicyGraph, chosen: set[str]) -> set[str]:
    """Every administration, when one is drawn or stands behind a drawn measure (the chain reads in order)."""
    admins = {n.id for n in graph.nodes.values() if n.type == "Administration"}
    if chosen & admins:
        return admins
    for nid in chosen:
        for e in graph.in_edges(nid):
            if e.type in ADMIN_RELS and e.source in admins:
                return admins
    return set()


def _cap(graph: PolicyGraph, chosen: set[str], admins: set[str], answers: set[str], lexical_rels: set[str],
         max_nodes: int) -> list[str]:
    if len(chosen) <= max_nodes:
        return sorted(chosen)
    degree: Counter[str] = Counter()
    for e in graph.edges.values():
        if e.type not in lexical_rels and e.source in chosen and e.target in chosen:
            degree[e.source] += 1
            degree[e.target] += 1
    mentions = mention_counts(graph, chosen)

    def rank(nid: str) -> tuple[bool, bool, bool, int, str]:
        return (nid not in admins, nid.startswith(LISTED_PREFIX), nid not in answers,
                -(degree[nid] + mentions.get(nid, 0)), nid)

    return sorted(chosen, key=rank)[:max_nodes]


# ------------------------------------------------------------------------------------------------ payload
def evidence_items(evidence: list[Evidence], limit: int | None = None) -> tuple[list[dict[str, str]], int]:
    """Evidence records as the panel and the app show them (where, how, the sentence) and how many were left out."""
    shown = evidence if limit is None else evidence[:limit]
    out = []
    for ev in shown:
        where, how, text = evidence_parts(ev)
        out.append({"where": where, "how": how, "text": text, "doc": ev.doc or ""})
    return out, len(evidence) - len(shown)


def _value(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def node_payload(pic: Picture) -> list[dict[str, Any]]:
    g = pic.graph
    _, lexical_rels = lexical_types(g)
    kept = set(pic.node_ids)
    total: Counter[str] = Counter()  # policy relations of each drawn node in the whole graph
    drawn: Counter[str] = Counter()
    for e in g.edges.values():
        if e.type in lexical_rels:
            continue
        for end in (e.source, e.target):
            if end in kept:
                total[end] += 1
    for eid in pic.edge_ids:
        e = g.edges[eid]
        drawn[e.source] += 1
        drawn[e.target] += 1
    mentions = mention_counts(g, kept)
    admins = sorted((g.nodes[n] for n in kept if g.nodes[n].type == "Administration"),
                    key=lambda n: (int(n.properties.get("order", 99)), n.id))
    spacing = max(ADMIN_SPACING, 30 * math.sqrt(len(kept)))
    pinned = {a.id: ((i - (len(admins) - 1) / 2) * spacing, -1.6 * spacing) for i, a in enumerate(admins)}
    out = []
    for nid in pic.node_ids:
        n = g.nodes[nid]
        evidence, more = evidence_items(n.evidence, EVIDENCE_PER_ITEM)
        item: dict[str, Any] = {
            "id": n.id, "label": _short(n.label(pic.lang)), "title": f"{n.label(pic.lang)} [{n.type}]",
            "color": g.schema.node_types[n.type].color,
            "value": round(1 + math.sqrt(mentions.get(nid, 0) + drawn[nid]), 3),
            "pk": {"name": n.name, "name_zh": n.name_zh, "type": n.type, "kind": n.kind, "aliases": n.aliases[:12],
                   "properties": {k: _value(v) for k, v in sorted(n.properties.items())},
                   "evidence": evidence, "more_evidence": more, "outside": total[nid] - drawn[nid],
                   "answer": nid in pic.answers},
        }
        if nid in pic.answers:  # the report's answers: a dark ring
            item["borderWidth"] = 2
            item["color"] = {"background": item["color"], "border": "#202124"}
        if nid in pinned:  # the administrations in their order, pinned left to right
            item["x"], item["y"] = pinned[nid]
            item["fixed"] = {"x": True, "y": True}
            item["shape"] = "box"
            item["font"] = {"color": "#ffffff", "strokeWidth": 0, "size": 16}
        out.append(item)
    return out


def edge_payload(pic: Picture) -> list[dict[str, Any]]:
    g = pic.graph
    show_labels = len(pic.edge_ids) <= 60  # beyond that, relation names only on hover and in the panel
    out = []
    for eid in pic.edge_ids:
        e = g.edges[eid]
        evidence, more = evidence_items(e.evidence, EVIDENCE_PER_ITEM)
        src, dst = g.nodes[e.source].label(pic.lang), g.nodes[e.target].label(pic.lang)
        item: dict[str, Any] = {
            "id": e.id, "from": e.source, "to": e.target, "title": f"{src} -[{e.type}]-> {dst}",
            "width": 1 + min(len(e.evidence), 6) * 0.5,
            "pk": {"type": e.type, "stages": e.stages, "evidence": evidence, "more_evidence": more,
                   "properties": {k: _value(v) for k, v in sorted(e.properties.items())}},
        }
        if show_labels:
            item["label"] = e.type
        if e.stages == ["proposed"]:  # read by the general patterns and not reviewed: dashed
            item["dashes"] = True
        out.append(item)
    return out


def vis_options(pic: Picture) -> dict[str, Any]:
    n = len(pic.node_ids)
    big = n > 150
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not big},
        "nodes": {"shape": "dot", "scaling": {"min": 8, "max": 36, "label": {"enabled": False}},
                  "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#9aa0a6", "highlight": "#202124", "hover": "#5f6368"},
                  "smooth": False if big else {"type": "continuous"},
                  "font": {"size": 10, "align": "middle", "color": "#5f6368", "strokeWidth": 3}},
        "physics": {"solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -9000, "springLength": 160, "springConstant": 0.03,
                                  "centralGravity": 0.25, "damping": 0.35, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": True, "iterations": 150 if big else 400, "updateInterval": 25,
                                      "fit": True},
                    "minVelocity": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "multiselect": False},
    }


# ------------------------------------------------------------------------------------------------ rendering
def _vis_asset(name: str) -> str:
    try:
        lib = resources.files("pyvis") / "templates" / "lib" / VIS_VERSION
        return (lib / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise missing_extra("pyvis (vis-network)") from None


def _legend(pic: Picture) -> list[dict[str, str]]:
    present = Counter(pic.graph.nodes[n].type for n in pic.node_ids)
    return [{"type": t, "color": spec.color, "count": str(present[t])}
            for t, spec in pic.graph.schema.node_types.items() if present[t]]


def _rows(pic: Picture) -> list[dict[str, Any]]:
    if pic.report is None:
        return []
    out = []
    for row in pic.report.rows:
        group = row.get("group") or row.get("administration") or row.get("segment") or ""
        detail = " ".join(str(x) for x in (row.get("relation") or "", row.get("date") or "") if x)
        out.append({"id": row["id"], "name": row["name"], "type": row["type"], "group": str(group),
                    "detail": detail, "drawn": row["id"] in set(pic.node_ids)})
    return out


def render_html(pic: Picture) -> str:
    """The page: vis-network and its stylesheet inlined, the data as JSON, our side panel; nothing fetched."""
    try:
        from jinja2 import DictLoader, Environment
        from markupsafe import Markup
        from pyvis.network import Network
    except ImportError:
        raise missing_extra("pyvis") from None
    from policykg.web.picture_template import PICTURE_TEMPLATE

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%", heading=pic.title)
    for node in node_payload(pic):
        nid, label = node.pop("id"), node.pop("label")
        shape = node.pop("shape", "dot")
        net.add_node(nid, label=label, shape=shape, **node)
    for edge in edge_payload(pic):
        source, target = edge.pop("from"), edge.pop("to")
        net.add_edge(source, target, **edge)
    net.options = vis_options(pic)
    # pyvis renders its network data through a Jinja template of our own (its default one links Bootstrap from a
    # CDN); the same attributes its set_template_dir() sets.
    env = Environment(loader=DictLoader({"policykg-picture.html": PICTURE_TEMPLATE}), autoescape=True)
    env.globals.update(
        page={"title": pic.title, "scope": pic.scope, "lang": pic.lang, "notes": pic.notes(),
              "cap_note": pic.cap_note, "legend": _legend(pic), "rows": _rows(pic),
              "counts": {"nodes": len(pic.node_ids), "edges": len(pic.edge_ids), "candidates": pic.candidates}},
        version=__version__,
        vis_js=Markup(_vis_asset("vis-network.min.js")),
        vis_css=Markup(_vis_asset("vis-network.css")),
    )
    net.templateEnv = env
    net.path = "policykg-picture.html"
    html: str = net.generate_html(name="policykg.html")
    return html


def offline_problems(html: str) -> list[str]:
    """What would make a page fetch something: script or stylesheet URLs, imports, remote CSS urls."""
    import re

    checks = {
        "a <script src=…>": r"<script[^>]*\ssrc\s*=",
        "a <link …> (stylesheet or preload)": r"<link\b",
        "a CSS @import": r"@import\b",
        "a remote CSS url(…)": r"url\(\s*['\"]?\s*(?:https?:)?//",
        "a remote <iframe>, <img> or <embed>": r"<(?:iframe|img|embed)[^>]*\ssrc\s*=\s*['\"]?(?:https?:)?//",
    }
    return [what for what, pattern in checks.items() if re.search(pattern, html, re.IGNORECASE)]
