"""Names to nodes: any alias, either language, case-insensitive, with "did you mean" on a miss."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from policykg.errors import NotFoundError
from policykg.graph.model import Node, PolicyGraph
from policykg.resolve.names import normalize_name

LISTED_PREFIX = "listed:"  # dataset records (the screening list): tens of thousands, indexed only when needed


class NameIndex:
    """Normalised name -> node ids. The papers' entities are indexed at once; the screening-list records only
    when a name is not one paper entity (a report on the combined graph resolves its names in microseconds
    instead of normalising ~100k record names first)."""

    def __init__(self, graph: PolicyGraph):
        self.graph = graph
        self.primary = self._index(graph.name_rows(exclude_prefix=LISTED_PREFIX))
        self._listed: dict[str, set[str]] | None = None

    def _index(self, rows: Iterable[tuple[str, str, str, str, list[str]]]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for nid, ntype, name, name_zh, aliases in rows:  # names only: no node (and its evidence) is read
            if self.graph.schema.node_types[ntype].lexical:
                continue
            for key in [nid, nid.split(":", 1)[-1], name, name_zh, *aliases]:
                if key:
                    out.setdefault(normalize_name(key), set()).add(nid)
        return out

    @property
    def listed(self) -> dict[str, set[str]]:
        if self._listed is None:
            self._listed = self._index(self.graph.name_rows(prefix=LISTED_PREFIX))
        return self._listed

    @property
    def by_key(self) -> dict[str, set[str]]:
        merged = {k: set(v) for k, v in self.primary.items()}
        for k, v in self.listed.items():
            merged.setdefault(k, set()).update(v)
        return merged

    def lookup(self, name: str) -> list[Node]:
        if name in self.graph.nodes:
            return [self.graph.nodes[name]]
        key = normalize_name(name)
        ids = self.primary.get(key, set()) | self.listed.get(key, set())
        return [self.graph.nodes[i] for i in sorted(ids)]

    def suggest(self, name: str, n: int = 5) -> list[str]:
        key = normalize_name(name)
        index = self.by_key
        keys = list(index)
        close = difflib.get_close_matches(key, keys, n=n * 2, cutoff=0.6)
        close += [k for k in keys if key and key in k and k not in close][: n * 2]
        out: list[str] = []
        for k in close:
            for nid in sorted(index[k]):
                label = self.graph.nodes[nid].name
                if label not in out:
                    out.append(label)
        return out[:n]

    def resolve(self, name: str) -> Node:
        if name in self.graph.nodes:
            return self.graph.nodes[name]
        paper = self.primary.get(normalize_name(name), set())
        if len(paper) == 1:  # one paper entity (whatever records share its name): the paper's entity is meant
            return self.graph.nodes[next(iter(paper))]
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
