"""GraphML for yEd, Cytoscape and networkx: typed keys from the schema, lists and evidence as JSON strings.

Every node carries ``type``, ``name``, ``name_zh``, ``aliases`` (a JSON array), ``kind``, ``color`` (its type's
schema colour, for yEd's Properties Mapper or a Cytoscape style), ``evidence`` (a JSON array of evidence
records) and its schema properties with their GraphML types (``int``, ``double``, ``boolean``, ``string``;
dates stay ISO strings of their own precision). Edges carry ``type``, ``stages``, ``evidence`` and their
schema properties. Nodes and edges also carry ``documents`` (a JSON array of the corpus documents their evidence
cites) and ``evidence_text`` (one line per record: document § section, method, the sentence) for tools that show
attributes as they are; the edge id is GraphML's ``id`` attribute, so ``networkx.read_graphml`` keys edges by it.
"""

from __future__ import annotations

import math
from typing import Any, TextIO

from lxml import etree

from policykg.exporters.common import (
    JAVA_INT_MAX,
    ExportError,
    compact_json,
    documents_of,
    evidence_json,
    evidence_text,
    node_types_in,
    property_types,
    rel_types_in,
    sorted_edges,
    sorted_nodes,
    xml_text,
)
from policykg.graph.model import Edge, Node, PolicyGraph

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_G = f"{{{GRAPHML_NS}}}"
# Schema property type -> GraphML attr.type; lists are JSON-encoded strings.
GRAPHML_TYPES = {"int": "int", "float": "double", "bool": "boolean", "string": "string", "date": "string",
                 "string_list": "string"}
_NODE_FIXED = {"type": "string", "name": "string", "name_zh": "string", "aliases": "string", "kind": "string",
               "color": "string", "evidence": "string", "documents": "string", "evidence_text": "string"}
_EDGE_FIXED = {"type": "string", "stages": "string", "evidence": "string", "documents": "string",
               "evidence_text": "string"}


def write(graph: PolicyGraph, fh: TextIO) -> None:
    fh.write(to_string(graph))


def to_string(graph: PolicyGraph) -> str:
    body = etree.tostring(build_tree(graph), encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def keys(graph: PolicyGraph) -> dict[str, dict[str, tuple[str, str]]]:
    """For nodes and edges: attribute name -> (key id, GraphML type). Fixed fields first, then schema ones."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for element, fixed, types in (
        ("node", _NODE_FIXED, property_types(graph, "node", node_types_in(graph))),
        ("edge", _EDGE_FIXED, property_types(graph, "edge", rel_types_in(graph))),
    ):
        prefix = "n" if element == "node" else "e"
        table = {name: (f"{prefix}_{name}", t) for name, t in fixed.items()}
        values = [n.properties for n in graph.nodes.values()] if element == "node" else \
            [e.properties for e in graph.edges.values()]
        for name, ptype in types.items():
            gtype = GRAPHML_TYPES[ptype]
            if gtype == "int" and any(abs(int(p[name])) > JAVA_INT_MAX for p in values if p.get(name)):
                gtype = "long"  # yEd and Cytoscape read int as a Java int
            table.setdefault(name, (f"{prefix}_{name}", gtype))
        out[element] = table
    return out


def build_tree(graph: PolicyGraph) -> etree._Element:
    key_table = keys(graph)
    root = etree.Element(f"{_G}graphml", nsmap={None: GRAPHML_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    for element in ("node", "edge"):
        for name, (key_id, gtype) in key_table[element].items():
            etree.SubElement(root, f"{_G}key", {"id": key_id, "for": element, "attr.name": name,
                                                "attr.type": gtype})
    g = etree.SubElement(root, f"{_G}graph", id="policykg", edgedefault="directed")
    for n in sorted_nodes(graph):
        el = etree.SubElement(g, f"{_G}node", id=xml_text(n.id))
        _data(el, key_table["node"], _node_values(graph, n), n.id)
    for e in sorted_edges(graph):
        if e.source not in graph.nodes or e.target not in graph.nodes:
            raise ExportError(f"edge {e.id} {e.type} points at a node that is not exported")
        el = etree.SubElement(g, f"{_G}edge", id=e.id, source=e.source, target=e.target)
        _data(el, key_table["edge"], _edge_values(e), e.id)
    return root


def _node_values(graph: PolicyGraph, n: Node) -> dict[str, Any]:
    return {**n.properties, "type": n.type, "name": n.name, "name_zh": n.name_zh,
            "aliases": compact_json(n.aliases) if n.aliases else "", "kind": n.kind,
            "color": graph.schema.node_types[n.type].color, "evidence": evidence_json(n.evidence),
            **_evidence_values(n)}


def _edge_values(e: Edge) -> dict[str, Any]:
    return {**e.properties, "type": e.type, "stages": compact_json(e.stages), "evidence": evidence_json(e.evidence),
            **_evidence_values(e)}


def _evidence_values(item: Node | Edge) -> dict[str, str]:
    documents = documents_of(item.evidence)
    return {"documents": compact_json(documents) if documents else "", "evidence_text": evidence_text(item.evidence)}


def _data(el: etree._Element, table: dict[str, tuple[str, str]], values: dict[str, Any], owner: str) -> None:
    for name, (key_id, gtype) in table.items():
        text = _text(values.get(name), gtype, f"{owner}.{name}")
        if text != "":
            etree.SubElement(el, f"{_G}data", key=key_id).text = text


def _text(value: Any, gtype: str, where: str) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return xml_text(compact_json([str(v) for v in value]))
    if gtype == "boolean":
        return "true" if value else "false"
    if gtype in {"int", "long"}:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ExportError(f"{where}: expected an integer, got {value!r}")
        return str(value)
    if gtype == "double":
        number = float(value)
        return repr(number) if math.isfinite(number) else ""
    return xml_text(str(value))
