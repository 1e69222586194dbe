"""Loading the graph into Neo4j, timed as a user runs it: ``policykg neo4j load --wipe`` as a process against the
bulk path without neo4j-admin, ``policykg export csv`` as a process followed by ``LOAD CSV`` of its files, on the
same Neo4j 5.26 (HarnessServer, one JVM for both) and the same graph (the corpus, plus the screening list when
--screening-list or POLICYKG_SCREENING_LIST gives it: the combined graph of ~26k nodes).

    .venv/bin/python benchmarks/bench_neo4j_load.py [--screening-list FILE] [--repeat 3]
    .venv/bin/python benchmarks/bench_neo4j_load.py --in-process [--factor 100]   # batched vs row by row

Both sides start from the graph an earlier load left and end with it loaded, so both first delete it: the load
with its --wipe, the LOAD CSV path with the same batched delete (policykg.backends.neo4j_backend.wipe), timed
apart and printed beside the totals. The LOAD CSV statements are the ones a user would write from the files'
headers: ``CALL (row) { CREATE ... } IN TRANSACTIONS OF 1000 ROWS`` per file, nodes first, relationships MATCHing
their endpoints through the ``id`` constraint, types from the header (int, double, boolean, string[] split on the
export's delimiter). The load also writes the :Sentence nodes of the full-text search, which the CSV lacks. The
runs alternate (load, CSV, load, CSV ...) and medians are printed, with the ratio load / (export + LOAD CSV).

--in-process keeps the earlier comparison: batched ``UNWIND $rows`` (policykg's loader) against one statement
per row in its own transaction (the naive loader), on the corpus graph and on a generated graph --factor
(default 100) times larger. The generated graph has the corpus graph's shape and no corpus text: for every
corpus node, --factor nodes of the same type with synthetic names and aliases, properties of the same schema
types with synthetic values, and as many evidence records (synthetic sentences of the same length); for every
corpus edge, --factor edges of the same type and properties between copies of its endpoints (the target copy
drawn at random, so the copies interlink). The row-by-row baseline loads the whole corpus graph, but only a
--sample of the generated graph (half relationships, half nodes including their endpoints, loaded into an empty
database); its time for the whole graph is extrapolated from the sample's rates per node and per relationship.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import Driver

from policykg.backends.neo4j_backend import (
    Connection,
    LoadResult,
    connect,
    graph_counts,
    load_graph,
    load_graph_row_by_row,
    wipe,
)
from policykg.backends.neo4j_server import HarnessServer
from policykg.config import Settings
from policykg.graph.build import load_or_build
from policykg.graph.model import Evidence, Node, PolicyGraph
from policykg.graph.schema import PropertySpec

POLICYKG = str(Path(sys.executable).with_name("policykg"))
CSV_FOLDER = "policykg-csv"  # inside the server's import directory: LOAD CSV reads file:///policykg-csv/...

FILLER = "synthetic evidence sentence for the load benchmark; "


def _filler(length: int, i: int) -> str:
    head = f"[{i}] "
    return (head + FILLER * (length // len(FILLER) + 1))[: max(length, len(head))]


def _synthetic_properties(props: dict[str, Any], specs: dict[str, PropertySpec], tag: str) -> dict[str, Any]:
    """Same keys and schema types; text replaced, numbers, booleans and dates kept (they are not corpus text)."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        kind = specs[key].type if key in specs else "string"
        if kind == "string":
            out[key] = f"synthetic {key} {tag}"
        elif kind == "string_list":
            out[key] = [f"synthetic {key} {tag}-{j}" for j in range(len(value))]
        else:
            out[key] = value
    return out


def _synthetic_evidence(evidence: list[Evidence], tag: int) -> list[Evidence]:
    out = []
    for j, ev in enumerate(evidence):
        start = (tag * 97 + j * 13) % 1_000_000
        length = len(ev.text or "") or 40
        out.append(Evidence(
            doc=f"synthetic-{(tag + j) % 5}" if ev.doc else None, start=start if ev.doc else None,
            end=start + length if ev.doc else None, section=f"Synthetic part {j % 7} > section {tag % 11}",
            text=_filler(length, tag * 1000 + j), method=ev.method, confidence=ev.confidence, rule=ev.rule,
            source=f"synthetic source {j}" if ev.source else None, surface="synthetic" if ev.surface else None))
    return out


def generate_graph(base: PolicyGraph, factor: int, seed: int = 5) -> PolicyGraph:
    """`factor` synthetic copies of every corpus node and edge (see the module docstring)."""
    rng = random.Random(seed)
    schema = base.schema
    out = PolicyGraph(schema)
    copies: dict[str, list[str]] = {}
    for i, node in enumerate(sorted(base.nodes.values(), key=lambda n: n.id)):
        slug = node.type.lower()
        ids = copies[node.id] = []
        for k in range(factor):
            tag = f"{k}-{i}"
            new = Node(
                id=f"{slug}:synthetic-{tag}", type=node.type, name=f"Synthetic {node.type} {tag}",
                name_zh=f"合成{tag}" if node.name_zh else "", kind=node.kind,
                aliases=[f"Synthetic alias {j} of {node.type} {tag}" for j in range(len(node.aliases))],
                properties=_synthetic_properties(node.properties, schema.node_types[node.type].properties, tag),
                evidence=_synthetic_evidence(node.evidence, i * factor + k))
            out.add_node(new)
            ids.append(new.id)
    for i, edge in enumerate(sorted(base.edges.values(), key=lambda e: e.id)):
        specs = schema.rel_types[edge.type].properties
        for k in range(factor):
            target = copies[edge.target][rng.randrange(factor)]
            out.add_edge(copies[edge.source][k], edge.type, target, _synthetic_evidence(edge.evidence, i * factor + k),
                         edge.stages[0], _synthetic_properties(edge.properties, specs, f"{k}-{i}"))
    if out.rejected:
        raise SystemExit(f"generated graph rejected {len(out.rejected)} facts, e.g. {out.rejected[0]}")
    out.sort()
    return out


def sample_graph(graph: PolicyGraph, rows: int, seed: int = 7) -> PolicyGraph:
    """About `rows` rows: rows/2 random relationships with their endpoints, topped up with random nodes."""
    rng = random.Random(seed)
    edges = rng.sample(sorted(graph.edges), min(rows // 2, len(graph.edges)))
    keep = {end for eid in edges for end in (graph.edges[eid].source, graph.edges[eid].target)}
    others = [n for n in sorted(graph.nodes) if n not in keep]
    rng.shuffle(others)
    keep.update(others[: max(0, rows - len(edges) - len(keep))])
    out = PolicyGraph(graph.schema)
    for nid in sorted(keep):
        out.nodes[nid] = graph.nodes[nid]
    for eid in sorted(edges):
        out.edges[eid] = graph.edges[eid]
    return out


def check_holds(driver: Driver, graph: PolicyGraph) -> None:
    nodes, rels = graph_counts(driver)
    if (nodes, rels) != graph.counts():
        raise SystemExit("Neo4j does not hold the graph just loaded: counts differ")


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def bench(driver: Driver, name: str, graph: PolicyGraph, sample: int, batch_size: int,
          report: Callable[[str], None]) -> None:
    rows = len(graph.nodes) + len(graph.edges)
    batched = load_graph(driver, graph, batch_size=batch_size, wipe=True)
    check_holds(driver, graph)
    reload = load_graph(driver, graph, batch_size=batch_size)
    check_holds(driver, graph)
    wipe(driver)
    part = graph if rows <= sample else sample_graph(graph, sample)
    naive: LoadResult = load_graph_row_by_row(driver, part)
    check_holds(driver, part)
    node_rate, rel_rate = rate(naive.nodes, naive.node_seconds), rate(naive.relationships, naive.relationship_seconds)
    naive_seconds = len(graph.nodes) / node_rate + len(graph.edges) / rel_rate
    how = "measured" if part is graph else (f"extrapolated from a sample of {naive.nodes} nodes and "
                                            f"{naive.relationships} relationships")
    batched_seconds = batched.node_seconds + batched.relationship_seconds
    report(f"{name}: {len(graph.nodes)} nodes, {len(graph.edges)} relationships")
    report(f"  batched UNWIND (batch {batch_size}): {batched_seconds:8.2f} s  "
           f"{rate(batched.relationships, batched.relationship_seconds):10.0f} relationships/s  "
           f"{rate(batched.nodes, batched.node_seconds):10.0f} nodes/s  ({batched.statements} statements; "
           f"constraints {batched.schema_seconds:.2f} s, wipe {batched.wipe_seconds:.2f} s not counted)")
    report(f"  batched reload (idempotent MERGE): {reload.node_seconds + reload.relationship_seconds:8.2f} s")
    report(f"  row by row, one transaction each: {naive_seconds:8.2f} s  {rel_rate:10.0f} relationships/s  "
           f"{node_rate:10.0f} nodes/s  ({how})")
    report(f"  ratio: batched is {naive_seconds / batched_seconds:.1f}x faster in total, "
           f"{rate(batched.relationships, batched.relationship_seconds) / rel_rate:.1f}x in relationships/s")


def _command(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run a policykg command as a process; its wall time and output (stdout + stderr)."""
    t = time.perf_counter()
    done = subprocess.run([POLICYKG, *args], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"policykg {' '.join(args)} failed: {done.stderr.strip()}")
    return seconds, done.stdout + done.stderr


_CONVERT = {"int": "toInteger({})", "double": "toFloat({})", "boolean": "({} = 'true')"}


def _value(column: str, delimiter: str) -> tuple[str, str]:
    """(property name, Cypher expression of the row's cell) for a header column such as ``aliases:string[]``."""
    name, _, kind = column.partition(":")
    cell = f"row.`{column}`"
    if kind.endswith("[]"):
        return name, f"split({cell}, '{delimiter}')"
    return name, _CONVERT.get(kind, "{}").format(cell)


def load_csv_statements(folder: Path, url_folder: str, delimiter: str) -> list[str]:
    """One LOAD CSV statement per exported file, nodes first, built from each file's header."""
    statements = []
    for path in sorted(folder.glob("nodes_*.csv")) + sorted(folder.glob("relationships_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        kind = path.stem.split("_", 1)[1]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", kind):
            raise SystemExit(f"{path.name}: not a label or relationship type")
        skip = {"id:ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE"}
        sets = [_value(c, delimiter) for c in header if c not in skip]
        props = ", ".join(f"{name}: {expr}" for name, expr in sets)
        if path.name.startswith("nodes_"):
            body = f"CREATE (n:Node:{kind}) SET n = {{id: row.`id:ID`, {props}}}"
        else:
            body = (f"MATCH (a:Node {{id: row.`:START_ID`}}) MATCH (b:Node {{id: row.`:END_ID`}}) "
                    f"CREATE (a)-[r:{kind}]->(b) SET r = {{{props}}}")
        statements.append(f"LOAD CSV WITH HEADERS FROM 'file:///{url_folder}/{path.name}' AS row "
                          f"CALL (row) {{ {body} }} IN TRANSACTIONS OF 1000 ROWS")
    return statements


def load_csv(driver: Driver, statements: list[str]) -> None:
    with driver.session() as session:
        for statement in statements:
            session.run(statement).consume()


def commands(args: argparse.Namespace) -> None:
    """`neo4j load --wipe` against `export csv` + LOAD CSV, whole processes (see the module docstring)."""
    env = dict(os.environ)
    if args.screening_list:
        env["POLICYKG_SCREENING_LIST"] = str(args.screening_list)
    graph = load_or_build(Settings(screening_list=Path(env["POLICYKG_SCREENING_LIST"]))
                          if env.get("POLICYKG_SCREENING_LIST") else Settings()).graph
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp, \
            HarnessServer(heap=args.heap, pagecache_mb=args.pagecache, import_dir=Path(tmp)) as uri, \
            connect(Connection(uri)) as driver:
        env["NEO4J_URI"] = uri
        folder = Path(tmp) / CSV_FOLDER
        print(f"Neo4j harness at {uri}; graph: {len(graph.nodes)} nodes, {len(graph.edges)} relationships "
              f"(screening list: {env.get('POLICYKG_SCREENING_LIST') or 'not included'})")
        _command(["neo4j", "load", "--wipe"], env)  # warm-up (JIT, query plans, the graph cache), not measured
        check_holds(driver, graph)
        loads: list[tuple[float, float]] = []
        csvs: list[tuple[float, float, float]] = []
        for _ in range(args.repeat):
            seconds, out = _command(["neo4j", "load", "--wipe"], env)
            check_holds(driver, graph)
            deleted = re.search(r"^Deleted \d+ nodes of an earlier load in ([\d.]+)s", out, re.M)
            loads.append((seconds, float(deleted.group(1)) if deleted else float("nan")))
            t = time.perf_counter()
            wipe(driver)
            wiped = time.perf_counter() - t
            exported, out = _command(["export", "csv", "-o", str(folder)], env)
            delimiter = re.search(r"--array-delimiter=(\S+?)'? ", out)
            statements = load_csv_statements(folder, CSV_FOLDER, delimiter.group(1) if delimiter else ";")
            t = time.perf_counter()
            load_csv(driver, statements)
            loaded = time.perf_counter() - t
            check_holds(driver, graph)
            csvs.append((wiped, exported, loaded))
        load_total = statistics.median(s for s, _ in loads)
        load_wipe = statistics.median(w for _, w in loads)
        csv_total = statistics.median(w + e + c for w, e, c in csvs)
        csv_wipe = statistics.median(w for w, _, _ in csvs)
        print(f"policykg neo4j load --wipe:      {load_total:7.2f} s  (its wipe {load_wipe:.2f} s; median of "
              f"{args.repeat}: {', '.join(f'{s:.2f}' for s, _ in loads)})")
        print(f"export csv + LOAD CSV:           {csv_total:7.2f} s  (wipe {csv_wipe:.2f} s, export "
              f"{statistics.median(e for _, e, _ in csvs):.2f} s, LOAD CSV "
              f"{statistics.median(c for _, _, c in csvs):.2f} s; totals "
              f"{', '.join(f'{sum(c):.2f}' for c in csvs)})")
        print(f"ratio load / (export + LOAD CSV): {load_total / csv_total:.2f} "
              f"(without the wipes: {(load_total - load_wipe) / (csv_total - csv_wipe):.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--screening-list", type=Path, help="include the screening list (the combined graph)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each side")
    ap.add_argument("--pagecache", type=int, default=256, help="page cache of the Neo4j harness, MB")
    ap.add_argument("--in-process", action="store_true", help="batched vs row-by-row loader, in this process")
    ap.add_argument("--factor", type=int, default=100, help="size of the generated graph / corpus graph")
    ap.add_argument("--sample", type=int, default=2000, help="rows the row-by-row baseline loads of a large graph")
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--heap", default="2g", help="Java heap of the Neo4j harness")
    args = ap.parse_args()
    if not args.in_process:
        commands(args)
        return
    base = load_or_build(Settings()).graph
    t = time.perf_counter()
    big = generate_graph(base, args.factor)
    print(f"generated x{args.factor} in {time.perf_counter() - t:.1f} s: {len(big.nodes)} nodes, "
          f"{len(big.edges)} relationships (corpus: {len(base.nodes)}, {len(base.edges)})")
    with HarnessServer(heap=args.heap) as uri, connect(Connection(uri)) as driver:
        print(f"Neo4j harness at {uri}")
        for _ in range(3):  # warm-up of a fresh JVM (JIT, query plans), not measured
            load_graph(driver, base, wipe=True)
            load_graph_row_by_row(driver, sample_graph(base, 300), wipe=True)
        bench(driver, "corpus graph", base, args.sample, args.batch_size, print)
        bench(driver, f"generated graph x{args.factor}", big, args.sample, args.batch_size, print)


if __name__ == "__main__":
    main()
