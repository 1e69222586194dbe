"""The JSON interchange format: {"nodes": [...], "edges": [...]} (documented in the README).

Each node and edge carries its merged ``properties`` and, beside them, its ``statements``: every value with the
evidence that states it (``{"prop", "value", "evidence", "reference"?, "source"?, "derived"?}``), and ``picked``
for a property whose statements give more than one value (how the merged value was chosen)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from policykg.graph.model import Edge, Node, PolicyGraph


def node_json(n: Node) -> dict[str, Any]:
    props = dict(n.properties)
    if n.kind:
        props["kind"] = n.kind
    if n.name_zh:
        props["name_zh"] = n.name_zh
    out = {"id": n.id, "type": n.type, "name": n.name, "aliases": list(n.aliases),
           "properties": dict(sorted(props.items())), "evidence": [e.to_json() for e in n.evidence],
           "statements": [st.to_json() for st in n.statements]}
    if n.picked:
        out["picked"] = dict(sorted(n.picked.items()))
    return out


def edge_json(e: Edge) -> dict[str, Any]:
    props = dict(e.properties)
    props["stages"] = list(e.stages)
    out = {"id": e.id, "source": e.source, "target": e.target, "type": e.type,
           "properties": dict(sorted(props.items())), "evidence": [ev.to_json() for ev in e.evidence],
           "statements": [st.to_json() for st in e.statements]}
    if e.picked:
        out["picked"] = dict(sorted(e.picked.items()))
    return out


def graph_json(graph: PolicyGraph) -> dict[str, Any]:
    return {"nodes": [node_json(n) for n in graph.nodes.values()],
            "edges": [edge_json(e) for e in graph.edges.values()]}


def write(graph: PolicyGraph, fh: TextIO) -> None:
    json.dump(graph_json(graph), fh, ensure_ascii=False, indent=1)
    fh.write("\n")
