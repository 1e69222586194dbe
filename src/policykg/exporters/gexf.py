"""GEXF 1.3 for Gephi: typed attributes from the schema, colours by node type, and a dynamic (timeline) graph.

Written with lxml rather than networkx's ``write_gexf``, whose namespace, attribute types and time formats
Gephi 0.10 rejects or misreads. What Gephi needs, learnt the hard way (see ``policykg.exporters.gephi_check``):

- root ``<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">``, no
  ``xsi:schemaLocation``; ``<meta>`` before ``<graph>``; attributes, then nodes, then ``<edges>`` (even empty);
- plain ``YYYY-MM-DD`` times (a zone suffix is SEVERE), ``start <= end``, open ends left out;
- attribute ids other than id/label/timeset/weight and unique ignoring case; integers within Java ``int``;
- every edge endpoint emitted as a node (else Gephi invents it), a ``kind`` per relationship type (else parallel
  edges of different types merge), a non-zero weight;
- ``viz:color`` as r/g/b integers without alpha.

Nodes are labelled in English (``name_zh`` is an attribute). Nodes and edges live through the intervals the graph
holds (``valid_from``/``valid_to``, policykg.graph.time: administrations through their terms, measures and dated
relations from their date), read as ``--as-of`` reads them: a partial start counts from the last day it names (a
measure of "2022" appears on 2022-12-31), an end from its first day; everything undated always. ``viz:size`` grows
with how often the papers mention a node plus its number of relations in the export. Every node and edge carries
``documents`` (the corpus documents its evidence cites) and ``evidence`` (one line per record: document § section,
how it was found, the sentence), which Gephi's Data Laboratory shows beside it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, TextIO

from lxml import etree

from policykg import __version__
from policykg.exporters.common import (
    JAVA_INT_MAX,
    ExportError,
    documents_of,
    evidence_text,
    full_date,
    node_types_in,
    property_types,
    rel_types_in,
    sorted_edges,
    sorted_nodes,
    xml_text,
)
from policykg.exporters.subgraph import mention_counts
from policykg.graph.model import Edge, Node, PolicyGraph
from policykg.graph.time import last_day, node_interval

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
_G = f"{{{GEXF_NS}}}"
_VIZ = f"{{{VIZ_NS}}}"
# Gephi's own column ids: an attribute with one of these ids collides with a built-in column.
RESERVED_IDS = frozenset({"id", "label", "timeset", "weight", "interval", "start", "end"})
# Schema property type -> GEXF attribute type (dates are strings; they also become the time interval).
GEXF_TYPES = {"int": "integer", "float": "double", "bool": "boolean", "string": "string", "date": "string",
              "string_list": "liststring"}


@dataclass(frozen=True)
class Attribute:
    key: str  # where the value comes from: a property name or one of the fixed fields
    id: str  # the GEXF attribute id (unique ignoring case, never a Gephi built-in)
    type: str  # GEXF type


def write(graph: PolicyGraph, fh: TextIO) -> None:
    fh.write(to_string(graph))


def to_string(graph: PolicyGraph) -> str:
    root = build_tree(graph)
    body = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def build_tree(graph: PolicyGraph) -> etree._Element:
    nodes, edges = sorted_nodes(graph), sorted_edges(graph)
    node_attrs = _attributes(graph, "node", nodes, edges)
    edge_attrs = _attributes(graph, "edge", nodes, edges)
    degree = _degrees(edges)
    mentions: dict[str, int] = graph.meta.get("mention_counts") or mention_counts(graph, graph.nodes)

    root = etree.Element(f"{_G}gexf", nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, f"{_G}meta")
    etree.SubElement(meta, f"{_G}creator").text = f"policykg {__version__}"
    etree.SubElement(meta, f"{_G}keywords").text = "US-China technology competition, policy, knowledge graph"
    scope = graph.meta.get("scope", "whole graph")
    etree.SubElement(meta, f"{_G}description").text = (
        f"policykg graph ({scope}): {len(nodes)} nodes, {len(edges)} edges; colour = node type, "
        "size = mentions + relations, edge weight = evidence records")

    g = etree.SubElement(root, f"{_G}graph", mode="dynamic", timeformat="date", defaultedgetype="directed")
    for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        block = etree.SubElement(g, f"{_G}attributes", {"class": cls})
        for a in attrs:
            etree.SubElement(block, f"{_G}attribute", id=a.id, title=a.key, type=a.type)

    xml_nodes = etree.SubElement(g, f"{_G}nodes", count=str(len(nodes)))
    for n in nodes:
        el = etree.SubElement(xml_nodes, f"{_G}node", id=xml_text(n.id), label=_label(n.name or n.id))
        for key, value in _node_interval(n).items():
            el.set(key, value)
        _attvalues(el, node_attrs, _node_values(n, mentions.get(n.id, 0)), n.id)
        r, gr, b = _rgb(graph.schema.node_types[n.type].color)
        etree.SubElement(el, f"{_VIZ}color", r=str(r), g=str(gr), b=str(b))
        size = 5.0 + 2.5 * math.sqrt(mentions.get(n.id, 0) + degree.get(n.id, 0))
        etree.SubElement(el, f"{_VIZ}size", value=f"{size:.2f}")

    emitted = {n.id for n in nodes}
    xml_edges = etree.SubElement(g, f"{_G}edges", count=str(len(edges)))
    for e in edges:
        if e.source not in emitted or e.target not in emitted:
            # Gephi would silently invent the missing node; an export never relies on that.
            raise ExportError(f"edge {e.id} {e.type} points at a node that is not exported")
        el = etree.SubElement(xml_edges, f"{_G}edge", id=e.id, source=e.source, target=e.target,
                              label=e.type, kind=e.type, weight=str(max(1, len(e.evidence))))
        for key, value in _interval(e.properties.get("valid_from") or e.properties.get("date"),
                                    e.properties.get("valid_to"), f"edge {e.id}").items():
            el.set(key, value)
        _attvalues(el, edge_attrs, _edge_values(e), e.id)
    return root


# ----------------------------------------------------------------------------------------- attributes
# ``evidence``: every evidence record as a line (document § section, method, the sentence), so Gephi's data
# laboratory shows why a node or edge exists; ``documents``: the corpus documents it cites.
_NODE_FIXED = [("type", "string"), ("name_zh", "string"), ("aliases", "liststring"), ("kind", "string"),
               ("documents", "liststring"), ("evidence_count", "integer"), ("mentions", "integer"),
               ("evidence", "string")]
_EDGE_FIXED = [("relation", "string"), ("stages", "liststring"), ("documents", "liststring"),
               ("evidence", "string")]


def _attributes(graph: PolicyGraph, element: str, nodes: list[Node], edges: list[Edge]) -> list[Attribute]:
    if element == "node":
        fixed, types = _NODE_FIXED, property_types(graph, "node", node_types_in(graph))
        values = [n.properties for n in nodes]
    else:
        fixed, types = _EDGE_FIXED, property_types(graph, "edge", rel_types_in(graph))
        values = [e.properties for e in edges]
    out: list[Attribute] = []
    taken = {name.casefold() for name in RESERVED_IDS}
    for key, gexf_type in fixed:
        out.append(Attribute(key, _free_id(key, taken), gexf_type))
    fixed_keys = {k for k, _ in fixed}
    for name, ptype in types.items():
        if name in fixed_keys:
            continue
        gexf_type = GEXF_TYPES[ptype]
        if gexf_type == "integer" and any(abs(int(p[name])) > JAVA_INT_MAX for p in values if p.get(name)):
            gexf_type = "long"  # Gephi's integer column is a Java int
        out.append(Attribute(name, _free_id(name, taken), gexf_type))
    return out


def _free_id(name: str, taken: set[str]) -> str:
    """The attribute id for a name: the name itself unless Gephi or another attribute already uses it."""
    candidate, i = name, 1
    while candidate.casefold() in taken:
        candidate = f"p_{name}" if i == 1 else f"p_{name}_{i}"
        i += 1
    taken.add(candidate.casefold())
    return candidate


def _node_values(n: Node, mentions: int) -> dict[str, Any]:
    return {"type": n.type, "name_zh": n.name_zh, "aliases": n.aliases, "kind": n.kind,
            "documents": documents_of(n.evidence), "evidence_count": len(n.evidence),
            "mentions": mentions, "evidence": evidence_text(n.evidence), **n.properties}


def _edge_values(e: Edge) -> dict[str, Any]:
    return {"relation": e.type, "stages": e.stages, "documents": documents_of(e.evidence),
            "evidence": evidence_text(e.evidence), **e.properties}


def _attvalues(el: etree._Element, attrs: list[Attribute], values: dict[str, Any], owner: str) -> None:
    # Gephi requires attvalues before the viz elements; an element without values gets none.
    items = []
    for a in attrs:
        value = values.get(a.key)
        text = _gexf_value(value, a.type, f"{owner}.{a.key}")
        if text:
            items.append((a.id, text))
    if items:
        block = etree.SubElement(el, f"{_G}attvalues")
        for attr_id, text in items:
            etree.SubElement(block, f"{_G}attvalue", {"for": attr_id, "value": text})


def _gexf_value(value: Any, gexf_type: str, where: str) -> str:
    """The attvalue text of a value, or '' to leave it out (empty values are omitted)."""
    if value is None or value == "" or value == []:
        return ""
    if gexf_type == "liststring":
        items = value if isinstance(value, list) else [value]
        # Gephi's list parser takes [a, b] with JSON-style quoting, so a comma inside an item survives.
        return xml_text(json.dumps([str(v) for v in items], ensure_ascii=False))
    if gexf_type == "boolean":
        return "true" if value else "false"
    if gexf_type in {"integer", "long"}:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ExportError(f"{where}: expected an integer, got {value!r}")
        return str(value)
    if gexf_type == "double":
        number = float(value)
        return repr(number) if math.isfinite(number) else ""
    return xml_text(", ".join(map(str, value)) if isinstance(value, list) else str(value))


def _label(text: str) -> str:
    return xml_text(" ".join(text.split()))


# ----------------------------------------------------------------------------------------- time and looks
def _node_interval(n: Node) -> dict[str, str]:
    """The node's interval (``valid_from``/``valid_to``, or for a graph built without them what they come from)."""
    start, end = n.properties.get("valid_from"), n.properties.get("valid_to")
    if start is None and end is None:
        found_start, found_end = node_interval(n)
        start, end = (found_start or (None, ""))[0], (found_end or (None, ""))[0]
    return _interval(start, end, f"node {n.id}")


def _interval(start: Any, end: Any, owner: str) -> dict[str, str]:
    """GEXF ``start``/``end`` of an interval: a partial start at the last day it names, an end at its first day
    (policykg.graph.time); an open end left out."""
    out: dict[str, str] = {}
    if start:
        full_date(str(start))  # a date of the graph, or an ExportError naming it
        out["start"] = last_day(str(start))
    if end:
        out["end"] = full_date(str(end))
        if "start" in out and out["end"] < out["start"]:
            raise ExportError(f"{owner}: its end {end} is before its start {start}")
    return out


def _degrees(edges: list[Edge]) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in edges:
        out[e.source] = out.get(e.source, 0) + 1
        out[e.target] = out.get(e.target, 0) + 1
    return out


def _rgb(color: str) -> tuple[int, int, int]:
    text = color.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    try:
        if len(text) != 6:
            raise ValueError(color)
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except ValueError:
        raise ExportError(f"schema colour {color!r} is not #rrggbb") from None
