"""Cold build of the corpus graph versus a cached load (the baseline is the cold build, same run).

    .venv/bin/python benchmarks/bench_build.py [--repeat 3] [--screening-list FILE]

The cached load is the whole of ``load_or_build`` on a warm cache: the content key (which hashes the documents
and the screening list) and opening the cache file, whose rows are read when they are asked for (see
benchmarks/bench_cli.py for what a report reads). "Read whole" is then reading every row of it (checking each
sha256, parsing and validating it) and building the networkx mirror: what an export or a change pays.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.graph.build import cache_key, load_or_build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--screening-list", type=Path, default=None, help="also join this screening list")
    args = ap.parse_args()
    cold, cached, keyed, whole = [], [], [], []
    size = 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            s = replace(Settings(), cache=Path(tmp), screening_list=args.screening_list)
            t = time.perf_counter()
            r = load_or_build(s)
            cold.append(time.perf_counter() - t)
            assert not r.from_cache and r.cache_file is not None
            size = r.cache_file.stat().st_size
            t = time.perf_counter()
            r2 = load_or_build(s)
            cached.append(time.perf_counter() - t)
            assert r2.from_cache, "the cache was not used (did an input change during the run?)"
            t = time.perf_counter()
            cache_key(s)
            keyed.append(time.perf_counter() - t)
            t = time.perf_counter()
            r2.graph.materialize()  # type: ignore[attr-defined]  # a StoredGraph
            whole.append(time.perf_counter() - t)
    g = r.graph
    c, w, k = statistics.median(cold), statistics.median(cached), statistics.median(keyed)
    print(f"graph: {len(g.nodes)} nodes, {len(g.edges)} edges; {args.repeat} runs, medians")
    print(f"cold build   {c * 1000:8.1f} ms   (baseline 1.00)")
    print(f"cached load  {w * 1000:8.1f} ms   ratio {w / c:.3f} of the cold build ({c / w:.1f}x faster)")
    print(f"  of which the content key {k * 1000:.1f} ms; cache file {size / 1e6:.1f} MB")
    print(f"read whole   {statistics.median(whole) * 1000:8.1f} ms   (every row, and the networkx mirror)")
    print(f"cached load under 0.5 s: {'yes' if w < 0.5 else 'NO'}")


if __name__ == "__main__":
    main()
