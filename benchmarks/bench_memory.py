"""Peak memory (``ru_maxrss``) of whole builds as the command line runs them (``load_or_build``), each in a fresh
process: a cold build of a generated N-document corpus (empty cache folder) and the rebuild after one of its
documents was edited (text appended, its sha256 updated; the other documents come from the per-document
cache). The baselines, same run: a process that only imports the build, and the cold build of the five papers.

    .venv/bin/python benchmarks/bench_memory.py [-n 500] [--stages]

``--stages`` also prints, for each build, the resident size at each stage's start and the peak so far (where
the peak comes from). The hash of what extraction reads is computed once, here, and given to every build: the
tree may be edited while the benchmark runs, and a changed hash would make the rebuild extract everything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

EDIT = "\n\n华为与中芯国际加快了国产设备的验证。荷兰和日本随后收紧了光刻机出口许可。\n"


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(corpus: str | None, cache: str | None, base: str, stages: bool) -> None:
    """One build in this process; prints a JSON line: peak MiB, seconds, documents extracted/cached, stages."""
    from dataclasses import replace

    import policykg.graph.build as build_module
    from policykg.config import Settings

    seen: list[tuple[str, float, float, float]] = []
    t0 = time.perf_counter()
    if corpus is None:  # the floor: the build's own imports, nothing built
        print(json.dumps({"peak": _peak_mib(), "seconds": 0.0, "extracted": [0, 0], "stages": []}))
        return
    build_module.extraction_base = lambda settings: base  # type: ignore[assignment]
    stage = build_module.Progress.stage

    def record(self: build_module.Progress, name: str) -> None:
        seen.append((name, time.perf_counter() - t0, _rss_mib(), _peak_mib()))
        stage(self, name)

    build_module.Progress.stage = record  # type: ignore[method-assign]
    assert cache is not None
    settings = replace(Settings(), corpus=Path(corpus), cache=Path(cache), screening_list=None)
    with open(os.devnull, "w") as quiet:
        old, sys.stderr = sys.stderr, quiet
        try:
            result = build_module.load_or_build(settings, progress=stages)
        finally:
            sys.stderr = old
    assert not result.from_cache
    seen.append(("done", time.perf_counter() - t0, _rss_mib(), _peak_mib()))
    print(json.dumps({"peak": _peak_mib(), "seconds": result.seconds, "extracted": list(result.extracted),
                      "stages": seen}))


def run(corpus: Path | None, cache: Path | None, base: str, stages: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(corpus or ""), str(cache or ""), "--base", base]
    if stages:
        cmd.append("--stages")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def edit_one(corpus: Path) -> None:
    """Append a paragraph to the first generated briefing (or the last document listed), as a user edits."""
    import yaml

    items = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    entry = next((d for d in items if d["id"].startswith("gen")), items[-1])
    path = corpus / entry["file"]
    data = path.read_bytes() + EDIT.encode()
    path.write_bytes(data)
    src = (corpus / "sources.yaml").read_text(encoding="utf-8")
    (corpus / "sources.yaml").write_text(src.replace(entry["sha256"], hashlib.sha256(data).hexdigest()),
                                         encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=500, help="documents in the generated corpus")
    ap.add_argument("--stages", action="store_true", help="resident size at each stage of each build")
    ap.add_argument("--child", nargs=2, metavar=("CORPUS", "CACHE"), help=argparse.SUPPRESS)
    ap.add_argument("--base", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        corpus, cache = args.child
        child(corpus or None, cache or None, args.base, args.stages)
        return

    import policykg.graph.build as build_module
    from corpus_gen import generate_corpus
    from policykg.config import Settings

    base = build_module.extraction_base(Settings())
    with tempfile.TemporaryDirectory() as tmp:
        papers = generate_corpus(Settings().corpus, Path(tmp) / "papers", 5)
        corpus = generate_corpus(Settings().corpus, Path(tmp) / "corpus", args.n)
        results = [("import the build (floor)", run(None, None, base, False)),
                   ("five papers, cold", run(papers, Path(tmp) / "papers-cache", base, args.stages)),
                   (f"{args.n} documents, cold", run(corpus, Path(tmp) / "cache", base, args.stages))]
        edit_one(corpus)
        results.append((f"{args.n} documents, one edited, rebuilt", run(corpus, Path(tmp) / "cache", base,
                                                                         args.stages)))
    floor, papers_run = results[0][1]["peak"], results[1][1]["peak"]
    print(f"peak memory (ru_maxrss) of whole build processes, {args.n} generated documents, 2 shared cores")
    print(f"  {'build':<40} {'peak MiB':>9} {'x papers':>9} {'time s':>8}   extracted / cached")
    for name, r in results:
        print(f"  {name:<40} {r['peak']:9.0f} {r['peak'] / papers_run:9.2f} {r['seconds']:8.2f}   "
              f"{r['extracted'][0]} / {r['extracted'][1]}")
        for stage, t, rss, peak in r["stages"] if args.stages else []:
            print(f"      {t:7.1f} s  resident {rss:6.0f} MiB  peak {peak:6.0f} MiB  at {stage}")
    per_doc = (results[2][1]["peak"] - papers_run) / max(1, args.n - 5)
    print(f"  above the papers' build: {per_doc:.2f} MiB per generated document (cold); floor {floor:.0f} MiB")


if __name__ == "__main__":
    main()
