"""Generated graphs for benchmarks: the corpus graph's shape repeated N times, with synthetic names and
evidence (never corpus text). Copy 0 keeps the original ids so reports resolve the same names."""

from __future__ import annotations

from policykg.graph.model import Evidence, Node, PolicyGraph

SYNTHETIC = Evidence(doc="synthetic", start=0, end=1, section="synthetic", text="synthetic evidence",
                     method="curated", confidence=0.5)


def scale_graph(graph: PolicyGraph, factor: int, lexical: bool = False) -> PolicyGraph:
    """A graph about `factor` times larger: each copy keeps the types and relations of the original, and
    every relation of copy k also links into copy k+1 so that paths cross copies."""
    out = PolicyGraph(graph.schema)

    def nid(node_id: str, k: int) -> str:
        return node_id if k == 0 else f"{node_id}~{k}"

    keep = {n.id for n in graph.nodes.values() if lexical or not graph.schema.node_types[n.type].lexical}
    for k in range(factor):
        for n in graph.nodes.values():
            if n.id not in keep:
                continue
            if k == 0:
                out.add_node(n.model_copy(deep=True))
            else:
                out.add_node(Node(id=nid(n.id, k), type=n.type, name=f"{n.name} #{k}", kind=n.kind,
                                  properties=dict(n.properties), evidence=[SYNTHETIC]))
    for k in range(factor):
        for e in graph.edges.values():
            if e.source not in keep or e.target not in keep:
                continue
            ev = list(e.evidence) if k == 0 else [SYNTHETIC]
            out.add_edge(nid(e.source, k), e.type, nid(e.target, k), ev, e.stages[0], dict(e.properties))
            if factor > 1:
                out.add_edge(nid(e.source, k), e.type, nid(e.target, (k + 1) % factor), [SYNTHETIC], "synthetic",
                             dict(e.properties))
    out.sort()
    return out
