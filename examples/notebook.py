"""A notebook session as a script: build the graph, ask it, draw a part of it with networkx, export it.

Uses only the public API (``import policykg``) and networkx (a dependency of policykg); matplotlib draws a PNG
when it is installed. Run it from the repository (or anywhere, with ``--corpus``):

    .venv/bin/python examples/notebook.py out/ [--corpus ../shared/corpus] [--cache DIR]

It prints each step's answer and writes into ``out/``: ``semiconductors.md`` (the report), ``semiconductors.graphml``
(the report's subgraph, from networkx), ``semiconductors.png`` (only with matplotlib), ``semiconductors.gexf`` (for
Gephi) and ``policykg.json`` (the whole graph with its evidence).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import networkx as nx

import policykg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder for the files this writes")
    ap.add_argument("--corpus", help="corpus folder (default: POLICYKG_CORPUS or ../shared/corpus)")
    ap.add_argument("--cache", help="cache folder (default: POLICYKG_CACHE or .cache)")
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    # 1. Build the graph (or load it from the cache: the key is the content of the corpus and loaders).
    kg = policykg.open(corpus=args.corpus, cache=args.cache)
    print(f"== open\n{kg!r}\n")

    # 2. A canned report, as Markdown; its rows are objects too.
    report = kg.report("sector", sector="semiconductors")
    markdown = report.to_markdown()
    (out / "semiconductors.md").write_text(markdown, encoding="utf-8")
    print(f"== report sector semiconductors: {len(report)} rows\n{markdown}")
    first = report.rows[0]
    print(f"first row: {first.name} ({first.type}), {len(first.evidence)} evidence record(s)\n")

    # 3. A library query (queries/*.cypher, run on the embedded graph); entity parameters take any name.
    rows = kg.query("measures_against_entity", entity="华为")
    print(f"== query measures_against_entity entity=华为: {len(rows)} rows")
    for row in rows:
        print(f"{row['measure']} ({row['measure_type']}, {row['measure_relation']}): "
              f"{row['actor_relation'] or '-'} by {row['actor'] or '-'}")
    print()

    # 4. A path between two entities, each step with its evidence.
    path = kg.path("CHIPS and Science Act", "Samsung")
    print(f"== path CHIPS and Science Act -> Samsung: {len(path)} path(s)")
    for route in path.rows:
        print(" ".join(step["name"] if "node" in step else f"-[{step['rel']}]->" if step["dir"] == "->"
                       else f"<-[{step['rel']}]-" for step in route.path))
        ev = route.evidence[0]
        print(f"  evidence: {ev['doc']} {ev['start']}-{ev['end']}")
    print()

    # 5. The report's subgraph in networkx: the central nodes, then GraphML (and a PNG with matplotlib).
    part = kg.subgraph("report:sector:semiconductors")
    view = kg.to_networkx().subgraph(part.nodes)
    print(f"== subgraph report:sector:semiconductors: {view.number_of_nodes()} nodes, "
          f"{view.number_of_edges()} edges")
    central = sorted(nx.degree_centrality(view).items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    for node_id, score in central:
        print(f"{score:.2f} {view.nodes[node_id]['name']} ({node_id})")
    graphml = out / "semiconductors.graphml"
    nx.write_graphml(_scalar_attributes(view), graphml)
    print(f"wrote {graphml}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(matplotlib is not installed: no PNG; open the GraphML in Gephi or yEd)")
    else:
        fig, ax = plt.subplots(figsize=(12, 9))
        nx.draw_networkx(view, pos=nx.spring_layout(view, seed=1), ax=ax, node_size=80, font_size=7,
                         labels={n: d["name"] for n, d in view.nodes(data=True)})
        ax.set_axis_off()
        fig.savefig(out / "semiconductors.png", dpi=120, bbox_inches="tight")
        print(f"wrote {out / 'semiconductors.png'}")
    print()

    # 6. Search the evidence sentences (either language).
    found = kg.search("export controls", limit=3)
    print(f"== search 'export controls': {found.total} sentences, the first {len(found.hits)}")
    for hit in found.hits:
        names = ", ".join(e["name"] for e in hit["entities"][:3])
        print(f"{hit['doc']} {hit['start']}-{hit['end']} [{names}]")
    print()

    # 7. Exports: the same bytes as `policykg export`.
    kg.export("gexf", out / "semiconductors.gexf", subgraph=["report:sector:semiconductors"])
    kg.export("json", out / "policykg.json")
    exported = json.loads((out / "policykg.json").read_text(encoding="utf-8"))
    print(f"== export\nwrote {out / 'semiconductors.gexf'}\nwrote {out / 'policykg.json'} "
          f"({len(exported['nodes'])} nodes, {len(exported['edges'])} edges)")


def _scalar_attributes(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML can hold: list and dict attributes (stages, aliases) as JSON text."""
    def plain(attrs: dict[str, object]) -> dict[str, object]:
        return {k: v if isinstance(v, str | int | float | bool) else json.dumps(v, ensure_ascii=False)
                for k, v in attrs.items() if v is not None}

    copy = nx.MultiDiGraph()
    copy.add_nodes_from((n, plain(d)) for n, d in graph.nodes(data=True))
    copy.add_edges_from((u, v, k, plain(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    return copy


if __name__ == "__main__":
    main()
