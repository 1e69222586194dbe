"""What a user waits for: whole `policykg report` processes on a cached graph, against the import floor of the
libraries the command line stands on (`python -c "import networkx, pydantic, typer"`), timed in the same run.

    .venv/bin/python benchmarks/bench_cli.py [--runs 9] [--docs 500] [--screening-list FILE] [--keep DIR]

Three graphs: the five papers; the papers with the U.S. Consolidated Screening List (the combined graph); and a
generated corpus of --docs documents (the papers and generated briefings, see corpus_gen.py), built once into a
temporary folder (--keep DIR keeps it, and its cache, for the next run). Each graph is built first (its build time
is printed), then every timed round runs the floor and the three reports one after the other, as separate
processes; the figures are medians over the rounds, with each process's peak memory. A round in which a report
was not served from the cache (another process changed an input: the source tree, a loader) is dropped and run
again.

Two ways Python may run the code, both measured:
- ``bytecode``: every module read from compiled bytecode, as from an installed wheel (a private
  PYTHONPYCACHEPREFIX, filled by the warm-up run; the floor's libraries come from there too);
- ``source``: the environment as it is (when PYTHONDONTWRITEBYTECODE is set, as in this checkout, policykg's
  own modules are compiled from source by every process, the libraries' are not).

Then, for each graph, where the time of one report goes inside the process (imports, content key, opening the
cache, the report, rendering), measured with time.perf_counter in a process of its own.

The processes run a copy of the source tree taken at the start (src/, schema/, loaders/, queries/), so that files
edited meanwhile (by you or by another process) do not change the content key and rebuild a cache in the middle
of the measurement; --live runs the working tree itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus_gen import generate_corpus
from policykg.config import Settings

FLOOR = [sys.executable, "-c", "import networkx, pydantic, typer"]
REPORT = ["report", "sector", "semiconductors"]
DEFAULT_LIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "consolidated-screening-list" / \
    "screening-list.json"

PHASES = r"""
import os, sys, time, json
t0 = time.perf_counter()
import policykg.cli.main  # everything the command line imports before it runs a command
t1 = time.perf_counter()
from dataclasses import replace
from pathlib import Path
from policykg.graph import store as graph_store
from policykg.graph.build import cache_key
from policykg.config import Settings
from policykg.query.reports import render_text, run_report
t2 = time.perf_counter()
s = Settings()
key = cache_key(s)
t3 = time.perf_counter()
path = s.cache / f"graph-{key[:24]}{graph_store.SUFFIX}"
try:
    g = graph_store.read(path, schema_path=s.schema)
except TypeError:  # a tree from before the SQLite store (benchmarks/bench_cli.py --tree OLD_CHECKOUT)
    from policykg.graph.schema import load_schema
    g = graph_store.read(path, load_schema(s.schema))
t4 = time.perf_counter()
result = run_report(g, "sector", {"sector": "semiconductors"}, "en")
t5 = time.perf_counter()
text = render_text(result)
t6 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "report modules": t2 - t1, "content key": t3 - t2, "open cache": t4 - t3,
                  "report": t5 - t4, "render": t6 - t5, "nodes read": dict.__len__(g.nodes),
                  "edges read": dict.__len__(g.edges), "nodes": len(g.nodes), "edges": len(g.edges)}))
"""


@dataclass
class Case:
    name: str
    env: dict[str, str]
    cache: Path | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    note: str = ""


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int, bytes, bytes]:
    """As run(), reaping the child ourselves so that its own rusage (peak memory) is known."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode, out, err


def graph_files(cache: Path) -> set[str]:
    return {p.name for p in cache.glob("graph-*")} if cache.is_dir() else set()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9, help="timed rounds (medians are printed)")
    ap.add_argument("--docs", type=int, default=500, help="documents of the generated corpus (0: leave it out)")
    ap.add_argument("--screening-list", type=Path, default=None,
                    help=f"the screening list JSON [default: POLICYKG_SCREENING_LIST or {DEFAULT_LIST}]")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated corpus and the caches here")
    ap.add_argument("--modes", default="bytecode,source", help="bytecode, source or both (comma-separated)")
    ap.add_argument("--live", action="store_true", help="run the working tree, not a copy taken at the start")
    ap.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1],
                    help="the checkout to copy and run (default: this one), e.g. an older one to compare")
    args = ap.parse_args()
    screening = args.screening_list or Path(os.environ.get("POLICYKG_SCREENING_LIST") or DEFAULT_LIST)
    work = args.keep or Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench(args, work, screening)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def snapshot(work: Path, repo: Path) -> Path:
    """A copy of the parts of the repository the command line reads; returns its src/ folder."""
    dest = work / "snapshot"
    shutil.rmtree(dest, ignore_errors=True)
    for part in ("src", "schema", "loaders", "queries"):
        shutil.copytree(repo / part, dest / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "src"


def bench(args: argparse.Namespace, work: Path, screening: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    if not args.live:
        base["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snapshot(work, args.tree)), base.get("PYTHONPATH")]))
    policykg = [sys.executable, "-m", "policykg"]
    corpus = Settings().corpus
    cases = [Case("5 papers", {**base, "POLICYKG_CORPUS": str(corpus)})]
    if screening.is_file():
        cases.append(Case("combined (+ screening list)", {**base, "POLICYKG_CORPUS": str(corpus),
                                                          "POLICYKG_SCREENING_LIST": str(screening)}))
    else:
        print(f"(no screening list at {screening}: the combined graph is left out)")
    if args.docs:
        gen = work / f"corpus-{args.docs}"
        if not (gen / "sources.yaml").is_file():
            generate_corpus(corpus, gen, args.docs)
        size = sum(p.stat().st_size for p in gen.iterdir()) / 1e6
        cases.append(Case(f"{args.docs} documents", {**base, "POLICYKG_CORPUS": str(gen)},
                          note=f"generated corpus, {size:.1f} MB of text"))
    for i, case in enumerate(cases):
        case.cache = work / f"cache-{i}"
        case.env["POLICYKG_CACHE"] = str(case.cache)
        t = time.perf_counter()
        _, peak, rc, out, err = run_measured([*policykg, "build", "--show-rejected", "0"], case.env)
        if rc != 0:
            sys.exit(f"build of {case.name} failed: {err.decode()[-2000:]}")
        first = out.decode().splitlines()[0]
        took = "served from an existing cache" if "from cache" in first else f"{time.perf_counter() - t:.1f} s"
        files = sorted(case.cache.glob("graph-*"), key=lambda p: p.stat().st_mtime)
        mb = files[-1].stat().st_size / 1e6 if files else 0.0
        print(f"{case.name}: {first.split(': ', 1)[-1]}; build {took}, peak {peak / 1024:.0f} MiB; "
              f"cache file {mb:.1f} MB{'; ' + case.note if case.note else ''}")
    print(f"\n{args.runs} timed rounds per mode; wall time of whole processes, median (min); peak RSS median")
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        env_mode: dict[str, str] = {}
        if mode == "bytecode":
            env_mode = {"PYTHONPYCACHEPREFIX": str(work / "pycache"), "PYTHONDONTWRITEBYTECODE": ""}
        elif mode != "source":
            sys.exit(f"unknown mode {mode!r}")
        timed(cases, policykg, env_mode, args.runs, mode)
    print("\nwhere one report's time goes (in-process, seconds; one process per graph, after the timed runs)")
    for case in cases:
        out = subprocess.run([sys.executable, "-c", PHASES], env=case.env, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"  {case.name}: failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        ph = json.loads(out.stdout)
        read = f"read {ph.pop('nodes read')}/{ph.pop('nodes')} nodes, {ph.pop('edges read')}/{ph.pop('edges')} edges"
        print(f"  {case.name:<28} " + "  ".join(f"{k} {v:.3f}" for k, v in ph.items()) + f"  ({read})")


def timed(cases: list[Case], policykg: list[str], env_mode: dict[str, str], runs: int, mode: str) -> None:
    def env(e: dict[str, str]) -> dict[str, str]:
        merged = {**e, **env_mode}
        return {k: v for k, v in merged.items() if v != ""}

    floor = Case("import floor", dict(os.environ))
    for case in cases:  # warm-up: bytecode written, caches checked
        _, _, rc, _, err = run_measured([*policykg, *REPORT], env(case.env))
        if rc != 0 or err:
            sys.exit(f"{case.name}: report failed or warned: {err.decode()[-2000:]}")
    run_measured(FLOOR, env(floor.env))
    dropped = 0
    done = 0
    while done < runs:
        before = {c.name: graph_files(c.cache) for c in cases if c.cache}
        row: list[tuple[Case, float, int]] = []
        wall, peak, rc, _, _ = run_measured(FLOOR, env(floor.env))
        row.append((floor, wall, peak))
        ok = True
        for case in cases:
            wall, peak, rc, _, err = run_measured([*policykg, *REPORT], env(case.env))
            if rc != 0 or err or case.cache is None or graph_files(case.cache) != before[case.name]:
                ok = False  # rebuilt (an input changed) or failed: not a cached report
            row.append((case, wall, peak))
        if not ok:
            dropped += 1
            if dropped > 3 * runs:
                sys.exit("the inputs keep changing (is someone editing the source tree?); no stable figures")
            continue
        for case, wall, peak in row:
            case.times.append(wall)
            case.peaks.append(peak)
        done += 1
    base = statistics.median(floor.times)
    print(f"\nmode {mode}{' (' + ', '.join(f'{k}={v}' for k, v in env_mode.items() if v) + ')' if env_mode else ''}"
          f"{f'; {dropped} rounds dropped (an input changed, caches rebuilt)' if dropped else ''}")
    print(f"  {'command':<40}{'median s':>10}{'min s':>8}{'ratio':>8}{'peak MiB':>10}")
    for case in [floor, *cases]:
        med = statistics.median(case.times)
        label = "import floor (networkx, pydantic, typer)" if case is floor else f"report on {case.name}"
        print(f"  {label:<40}{med:>10.3f}{min(case.times):>8.3f}{med / base:>8.2f}"
              f"{statistics.median(case.peaks) / 1024:>10.0f}")
        case.times.clear()
        case.peaks.clear()


if __name__ == "__main__":
    main()
