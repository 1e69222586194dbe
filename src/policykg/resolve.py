"""Names to nodes: any alias, either language, case-insensitive, with "did you mean" on a miss."""

from __future__ import annotations

import difflib

from .errors import NotFoundError
from .gazetteer import normalize_name
from .graph import Node, PolicyGraph


class NameIndex:
    def __init__(self, graph: PolicyGraph):
        self.graph = graph
        self.by_key: dict[str, set[str]] = {}
        for n in graph.nodes.values():
            if graph.schema.node_types[n.type].lexical:
                continue
            for name in [n.id, n.id.split(":", 1)[-1], n.name, n.name_zh, *n.aliases]:
                if name:
                    self.by_key.setdefault(normalize_name(name), set()).add(n.id)

    def lookup(self, name: str) -> list[Node]:
        if name in self.graph.nodes:
            return [self.graph.nodes[name]]
        ids = self.by_key.get(normalize_name(name), set())
        return [self.graph.nodes[i] for i in sorted(ids)]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        key = normalize_name(name)
        keys = list(self.by_key)
        close = difflib.get_close_matches(key, keys, n=n * 2, cutoff=0.6)
        close += [k for k in keys if key and key in k and k not in close][: n * 2]
        out: list[str] = []
        for k in close:
            for nid in sorted(self.by_key[k]):
                label = self.graph.nodes[nid].name
                if label not in out:
                    out.append(label)
        return out[:n]

    def resolve(self, name: str) -> Node:
        found = self.lookup(name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            # one paper entity beside dataset records of the same name: the paper's entity is meant
            primary = [n for n in found if not n.id.startswith("listed:")]
            if len(primary) == 1:
                return primary[0]
            raise NotFoundError(f"{name!r} is ambiguous: " + ", ".join(f"{n.name} ({n.id})" for n in found)
                                + "; give the id")
        hint = self.suggest(name)
        raise NotFoundError(f"no entity named {name!r}" + (f"; did you mean: {', '.join(hint)}?" if hint else ""))


_INDEX: dict[int, NameIndex] = {}


def index_for(graph: PolicyGraph) -> NameIndex:
    idx = _INDEX.get(id(graph))
    if idx is None or idx.graph is not graph:
        idx = NameIndex(graph)
        _INDEX.clear()
        _INDEX[id(graph)] = idx
    return idx


def resolve_node(graph: PolicyGraph, name: str) -> Node:
    return index_for(graph).resolve(name)
