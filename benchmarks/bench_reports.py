"""Latency of every canned report on the cached corpus graph and on a generated graph ten times larger
(synthetic copies of the corpus graph's shape; no corpus text), printed side by side with the ratio.

    .venv/bin/python benchmarks/bench_reports.py [--factor 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from policykg.config import Settings
from policykg.graph.build import load_or_build
from policykg.graph.model import PolicyGraph
from policykg.query.reports import run_report
from policykg.sources.synthetic import scale_graph

REPORTS = [
    ("sector", {"sector": "semiconductors"}),
    ("administration", {"administration": "Biden administration"}),
    ("timeline", {}),
    ("entity", {"entity": "Huawei"}),
    ("path", {"source": "CHIPS and Science Act", "target": "Huawei"}),
    ("chain", {"chain": "semiconductors"}),
    ("countermeasures", {}),
]


def timed(graph: PolicyGraph, name: str, params: dict[str, str], repeat: int) -> tuple[float, int]:
    samples = []
    rows = 0
    for _ in range(repeat):
        t = time.perf_counter()
        try:
            rows = len(run_report(graph, name, params).rows)
        except Exception as exc:  # a report that cannot run here is shown, not hidden
            print(f"  {name}: {exc}")
            return float("nan"), 0
        samples.append(time.perf_counter() - t)
    return statistics.median(samples), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    base = load_or_build(Settings()).graph
    big = scale_graph(base, args.factor, lexical=True)
    print(f"corpus graph: {len(base.nodes)} nodes, {len(base.edges)} edges; "
          f"generated x{args.factor}: {len(big.nodes)} nodes, {len(big.edges)} edges")
    print(f"{'report':<16}{'corpus ms':>12}{'rows':>7}{'x' + str(args.factor) + ' ms':>12}{'rows':>7}{'ratio':>8}")
    for name, params in REPORTS:
        a, ra = timed(base, name, params, args.repeat)
        b, rb = timed(big, name, params, args.repeat)
        print(f"{name:<16}{a * 1000:>12.2f}{ra:>7}{b * 1000:>12.2f}{rb:>7}{b / a if a else float('nan'):>8.1f}")


if __name__ == "__main__":
    main()
