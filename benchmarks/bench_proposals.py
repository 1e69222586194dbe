"""Proposals for a new 20-page paper: the whole commands a user waits for, against baselines in the same run.

A fresh corpus folder gets one long paper of the corpus (cai2026, ~48 kB of Chinese; gu2022, ~67 kB of
English with its Chinese original) through ``policykg add``; then ``policykg proposals`` runs cold (it builds:
segmentation, gazetteer, rules, candidates, proposals, scoring) and warm (from the cache). Baselines: the
import floor of the libraries (python -c "import networkx, pydantic, typer") and the in-process proposal stage
alone, so the ratios say where the time goes.

    .venv/bin/python benchmarks/bench_proposals.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.extract.ingest.scorer import load_scorer
from policykg.extract.ingest.stage import prior_from, run_proposals
from policykg.graph.build import prepare

PAPERS = {"cai2026": "cai-zhang-2026-modern-industrial-system.zh.md",
          "gu2022": "gu-liu-2022-technology-power.en-zh.txt"}


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr}")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    corpus = Settings().corpus
    floor = statistics.median(wall([sys.executable, "-c", "import networkx, pydantic, typer"], dict(os.environ))
                              for _ in range(args.repeat))
    print(f"import floor (networkx, pydantic, typer): {floor:.2f}s")
    print(f"{'paper':<10}{'kB':>6}{'stage in-process':>18}{'cold command':>15}{'warm command':>15}"
          f"{'cold/floor':>12}{'warm/floor':>12}")
    for doc_id, name in PAPERS.items():
        colds, warms, stages = [], [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                user = Path(tmp) / "corpus"
                user.mkdir()
                (user / "sources.yaml").write_text("documents:\n")
                paper = Path(tmp) / name
                shutil.copyfile(corpus / name, paper)
                env = {**os.environ, "POLICYKG_CORPUS": str(user), "POLICYKG_CACHE": str(Path(tmp) / "cache")}
                env.pop("POLICYKG_SCREENING_LIST", None)
                wall([sys.executable, "-m", "policykg", "add", "--id", "new", str(paper)], env)
                colds.append(wall([sys.executable, "-m", "policykg", "proposals", "--doc", "new"], env))
                warms.append(wall([sys.executable, "-m", "policykg", "proposals", "--doc", "new"], env))
                settings = replace(Settings(), corpus=user, cache=Path(tmp) / "c2", screening_list=None)
                pre = prepare(settings)
                scorer = load_scorer(settings.scorer_files)
                t = time.perf_counter()
                run_proposals(pre.docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, scorer,
                              scorer.prior or prior_from(pre.curated, pre.gaz))
                stages.append(time.perf_counter() - t)
        size = (corpus / name).stat().st_size / 1000
        cold, warm, stage = statistics.median(colds), statistics.median(warms), statistics.median(stages)
        print(f"{doc_id:<10}{size:>6.0f}{stage:>17.2f}s{cold:>14.2f}s{warm:>14.2f}s{cold / floor:>11.1f}x"
              f"{warm / floor:>11.1f}x")


if __name__ == "__main__":
    main()
