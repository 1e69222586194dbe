"""Cold build of the corpus graph versus a cached load (the baseline is the cold build, same run).

    .venv/bin/python benchmarks/bench_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from policykg.build import load_or_build
from policykg.config import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cold, cached = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            s = replace(Settings(), cache=Path(tmp))
            t = time.perf_counter()
            r = load_or_build(s)
            cold.append(time.perf_counter() - t)
            assert not r.from_cache
            t = time.perf_counter()
            r2 = load_or_build(s)
            cached.append(time.perf_counter() - t)
            assert r2.from_cache
    g = r.graph
    c, w = statistics.median(cold), statistics.median(cached)
    print(f"graph: {len(g.nodes)} nodes, {len(g.edges)} edges; {args.repeat} runs, medians")
    print(f"cold build   {c * 1000:8.1f} ms   (baseline 1.00)")
    print(f"cached load  {w * 1000:8.1f} ms   ratio {w / c:.3f} of the cold build ({c / w:.1f}x faster)")
    print(f"cached load under 0.5 s: {'yes' if w < 0.5 else 'NO'}")


if __name__ == "__main__":
    main()
