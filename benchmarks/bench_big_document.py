"""One large document, built as a user waits for it: `policykg add` of a Markdown document of N MB into an empty
corpus, then `policykg build` timed as a whole process (imports, extraction, proposals, the store), at several
sizes in one run. The rate is the marginal one (added seconds per added MB from the size before, so the fixed
cost of a build drops out); its ratio to the first step's rate says how far the build is from linear in the
document's length (1.00 all along: linear). Peak memory is the largest of the child processes so far.

    .venv/bin/python benchmarks/bench_big_document.py [--sizes 0.25,0.5,1]

The document is the devset's own documents (tests/devset/docs: our own text, English and Chinese) as sections
of one Markdown file, repeated until it reaches the size.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def document(megabytes: float) -> str:
    """A Markdown document of about this many MB (UTF-8) made of the devset's documents, one section each."""
    sections = []
    for path in sorted((ROOT / "tests" / "devset" / "docs").iterdir()):
        text = re.sub(r"^#+\s*", "", path.read_text(encoding="utf-8"), flags=re.M).strip()
        sections.append((path.stem, text))
    out, size, round_ = ["# A long digest\n"], 0, 0
    while size < megabytes * 1e6:
        for stem, text in sections:
            part = f"\n## {stem} ({round_ + 1})\n\n{text}\n"
            out.append(part)
            size += len(part.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
        round_ += 1
    return "".join(out)


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "policykg", *args], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"policykg {' '.join(args)} failed: {out.stderr.strip()[-500:]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="0.25,0.5,1", help="document sizes in MB, comma-separated (smallest first)")
    args = ap.parse_args()
    sizes = sorted(float(x) for x in args.sizes.split(","))
    rows = []
    for mb in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
            corpus.mkdir()
            (corpus / "sources.yaml").write_text("documents:\n", encoding="utf-8")
            doc = Path(tmp) / "digest.md"
            doc.write_text(document(mb), encoding="utf-8")
            real = doc.stat().st_size / 1e6
            env = {**os.environ, "POLICYKG_CORPUS": str(corpus), "POLICYKG_CACHE": str(cache)}
            run(["add", str(doc)], env)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            run(["build"], env)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            rows.append((real, wall, cpu, after.ru_maxrss / 1024))
    print("one document, `policykg build` as a whole process (cold cache); the marginal rate is the added time per "
          "added MB from the size before (the baseline: the first such step); 1.00 all along is linear")
    base = None
    for i, (real, wall, cpu, peak) in enumerate(rows):
        line = f"{real:6.2f} MB  {wall:7.1f} s  (cpu {cpu:6.1f} s)  peak so far {peak:6.0f} MiB"
        if i:
            marginal = (wall - rows[i - 1][1]) / (real - rows[i - 1][0])
            base = base or marginal
            line += f"   marginal {marginal:6.1f} s/MB  ratio {marginal / base:5.2f}"
        print(line)
    if len(rows) > 1:
        real, wall = rows[-1][0], rows[-1][1]
        rate = (wall - rows[-2][1]) / (real - rows[-2][0])
        at50 = wall + rate * (50 - real)
        print(f"a 50 MB document at the last marginal rate: about {at50 / 60:.0f} min "
              f"(the aim is under 1 min: {'met' if at50 < 60 else 'NOT met'})")


if __name__ == "__main__":
    main()
