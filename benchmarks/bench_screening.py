"""Loading the U.S. Consolidated Screening List into the embedded graph, against the corpus-only build.

Both builds run in the same process and run; the corpus-only build is the baseline (ratio 1.00). Time is
the median of --repeat cold builds (no cache); memory is measured in separate runs under tracemalloc
(peak while building, and what the finished graph keeps).

    .venv/bin/python benchmarks/bench_screening.py [--repeat 3] [--screening-list FILE]
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

from policykg.build import BuildResult, build_graph
from policykg.config import REPO_ROOT, Settings

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


if __name__ == "__main__":
    main()
