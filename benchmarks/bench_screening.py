"""Loading the U.S. Consolidated Screening List into the embedded graph, against the corpus-only build.

Both builds run in the same process and run; the corpus-only build is the baseline (ratio 1.00). Time is
the median of --repeat cold builds (no cache); memory is measured in separate runs under tracemalloc
(peak while building, and what the finished graph keeps). Then each report runs on both graphs (the
corpus graph is the baseline), and both graphs load into one in-process Neo4j 5.26 (batched UNWIND;
--no-neo4j skips that part).

    .venv/bin/python benchmarks/bench_screening.py [--repeat 3] [--screening-list FILE] [--no-neo4j]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from bench_reports import REPORTS as BASE_REPORTS  # the script's folder is on sys.path
from policykg.config import REPO_ROOT, Settings
from policykg.graph.build import BuildResult, build_graph
from policykg.graph.model import PolicyGraph
from policykg.query.reports import run_report

DEFAULT_LIST = REPO_ROOT.parent / "shared" / "data" / "consolidated-screening-list" / "screening-list.json"


def timed(settings: Settings) -> tuple[float, BuildResult]:
    gc.collect()
    t = time.perf_counter()
    result = build_graph(settings)
    return time.perf_counter() - t, result


def memory(settings: Settings) -> tuple[int, int]:
    """(peak bytes while building, bytes the built graph keeps)."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = build_graph(settings)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak - base, kept - base


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j load")
    ap.add_argument("--screening-list", type=Path,
                    default=Path(os.environ.get("POLICYKG_SCREENING_LIST") or DEFAULT_LIST))
    args = ap.parse_args()
    corpus_only = replace(Settings(), screening_list=None)
    with_list = replace(corpus_only, screening_list=args.screening_list)

    base_t, full_t, load_t = [], [], []
    base = full = None
    for _ in range(args.repeat):
        t, base = timed(corpus_only)
        base_t.append(t)
        t, full = timed(with_list)
        full_t.append(t)
        load_t.append(full.timings["screening_list"])
    assert base is not None and full is not None
    base_peak, base_kept = memory(corpus_only)
    full_peak, full_kept = memory(with_list)

    b, f, load = statistics.median(base_t), statistics.median(full_t), statistics.median(load_t)
    bg, fg = base.graph, full.graph
    mib = 1024 * 1024
    print(f"screening list: {args.screening_list} ({args.screening_list.stat().st_size / mib:.1f} MiB)")
    print(f"{args.repeat} cold builds each, medians")
    print(f"corpus only      {len(bg.nodes):>7} nodes {len(bg.edges):>7} edges  {b * 1000:8.0f} ms   (baseline 1.00)")
    print(f"+ screening list {len(fg.nodes):>7} nodes {len(fg.edges):>7} edges  {f * 1000:8.0f} ms   "
          f"ratio {f / b:6.2f}")
    print(f"  of which loading and resolving the list {load * 1000:8.0f} ms   ratio {load / b:6.2f} of the baseline; "
          f"{load / (len(fg.nodes) - len(bg.nodes)) * 1e6:.0f} µs per node added")
    print(f"peak memory      corpus only {base_peak / mib:7.1f} MiB   with list {full_peak / mib:7.1f} MiB   "
          f"ratio {full_peak / base_peak:6.2f}")
    print(f"graph kept       corpus only {base_kept / mib:7.1f} MiB   with list {full_kept / mib:7.1f} MiB   "
          f"ratio {full_kept / base_kept:6.2f}")

    print("\nreports (median of 5), corpus graph vs combined graph")
    print(f"{'report':<16}{'corpus ms':>10}{'rows':>7}{'combined ms':>13}{'rows':>7}{'ratio':>8}")
    for name, params in REPORTS:
        a, ra = report_ms(bg, name, params)
        c, rc = report_ms(fg, name, params)
        print(f"{name:<16}{a:>10.2f}{ra:>7}{c:>13.2f}{rc:>7}{c / a if a else float('nan'):>8.1f}")

    if not args.no_neo4j:
        from policykg.backends.neo4j_backend import Connection, connect, graph_counts, load_graph
        from policykg.backends.neo4j_server import HarnessServer

        print("\nNeo4j 5.26 (in-process harness), batched load with --wipe")
        with HarnessServer(heap="2g") as uri, connect(Connection(uri)) as driver:
            load_graph(driver, bg, wipe=True)  # warm-up of a fresh JVM, not measured
            for label, graph in (("corpus only", bg), ("+ screening list", fg)):
                res = load_graph(driver, graph, wipe=True)
                secs = res.node_seconds + res.relationship_seconds
                assert graph_counts(driver) == graph.counts(), "Neo4j does not hold the graph just loaded"
                print(f"{label:<17} {len(graph.nodes):>7} nodes {len(graph.edges):>7} rels  {secs:7.2f} s  "
                      f"{res.relationships / res.relationship_seconds:8.0f} rels/s")


REPORTS = [*BASE_REPORTS, ("listings", {"country": "CN"})]


def report_ms(graph: PolicyGraph, name: str, params: dict[str, str]) -> tuple[float, int]:
    samples, rows = [], 0
    for _ in range(5):
        t = time.perf_counter()
        rows = len(run_report(graph, name, params).rows)
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000, rows


if __name__ == "__main__":
    main()
