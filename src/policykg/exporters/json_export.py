"""The JSON interchange format: {"nodes": [...], "edges": [...]} (documented in the README)."""

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
    return {"id": n.id, "type": n.type, "name": n.name, "aliases": list(n.aliases),
            "properties": dict(sorted(props.items())), "evidence": [e.to_json() for e in n.evidence]}


def edge_json(e: Edge) -> dict[str, Any]:
    props = dict(e.properties)
    props["stages"] = list(e.stages)
    return {"id": e.id, "source": e.source, "target": e.target, "type": e.type,
            "properties": dict(sorted(props.items())), "evidence": [ev.to_json() for ev in e.evidence]}


def graph_json(graph: PolicyGraph) -> dict[str, Any]:
    return {"nodes": [node_json(n) for n in graph.nodes.values()],
            "edges": [edge_json(e) for e in graph.edges.values()]}


def write(graph: PolicyGraph, fh: TextIO) -> None:
    json.dump(graph_json(graph), fh, ensure_ascii=False, indent=1)
    fh.write("\n")
