"""A full cold build of a generated N-document corpus versus the build after one document changed: edited (text
appended, its sha256 updated) and added (``policykg add`` of a new paper). The baseline is the cold build, same run.

    .venv/bin/python benchmarks/bench_incremental.py [-n 500]

Every build here is ``load_or_build`` as the command line runs it: the content key, the build, writing the graph's
cache. The cold build starts from an empty cache folder (and fills the per-document cache); the others find every
unchanged document's extraction (gazetteer mentions, candidate names, scored relation proposals) in it and redo
the global stages (curated assertions, rules and section context, placing the proposals, assembling, validating
and writing the graph). The last line checks that the incremental graph exports the same JSON as a cold build of
the changed corpus with no per-document cache.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import policykg.graph.build as build_module
from corpus_gen import generate_corpus
from policykg.config import Settings
from policykg.exporters import json_export
from policykg.extract.ingest.adding import add_document
from policykg.graph.build import build_graph, load_or_build

NEW_PAPER = """# 新一轮出口管制与产业链调整

2025年，美国商务部工业与安全局将更多中国企业列入实体清单，限制其获得先进半导体制造设备。
荷兰和日本随后收紧了光刻机出口许可。

## 影响

华为与中芯国际加快了国产设备的验证。
"""


def timed(settings: Settings) -> tuple[float, tuple[int, int]]:
    t = time.perf_counter()
    r = load_or_build(settings)
    assert not r.from_cache
    return time.perf_counter() - t, r.extracted


def export(settings: Settings, doc_cache: bool) -> str:
    out = io.StringIO()
    json_export.write(build_graph(settings, doc_cache=doc_cache).graph, out)
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=500, help="documents in the generated corpus")
    ap.add_argument("--no-check", action="store_true", help="skip the closing byte-identity check (two builds)")
    args = ap.parse_args()
    base = build_module.extraction_base(Settings())
    build_module.extraction_base = lambda settings: base  # type: ignore[assignment]  # the tree may be edited meanwhile
    with tempfile.TemporaryDirectory() as tmp:
        corpus = generate_corpus(Settings().corpus, Path(tmp) / "corpus", args.n)
        s = replace(Settings(), corpus=corpus, cache=Path(tmp) / "cache", screening_list=None)
        cold, ex_cold = timed(s)
        rows = (s.cache / "extract-v1.sqlite").stat().st_size
        # edit one briefing: a paragraph appended, its sha256 in sources.yaml updated
        path = corpus / "briefing-0007.md"
        old = hashlib.sha256(path.read_bytes()).hexdigest()
        data = path.read_bytes() + NEW_PAPER.split("\n\n", 1)[1].encode()
        path.write_bytes(data)
        src = (corpus / "sources.yaml").read_text(encoding="utf-8")
        (corpus / "sources.yaml").write_text(src.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")
        edited, ex_edit = timed(s)
        # add a new paper as a user does
        paper = Path(tmp) / "new-paper.md"
        paper.write_text(NEW_PAPER, encoding="utf-8")
        t = time.perf_counter()
        add_document(corpus, paper, "newpaper", "New paper")
        added_s = time.perf_counter() - t
        added, ex_add = timed(s)
        print(f"{args.n} documents (generated; the per-document cache is {rows / 2**20:.0f} MiB), 2 shared cores")
        print(f"  cold build (empty cache)        {cold:8.2f} s   extracted {ex_cold[0]}, cached {ex_cold[1]}")
        print(f"  one document edited, rebuilt    {edited:8.2f} s   ratio {edited / cold:.3f} "
              f"({cold / edited:.1f}x faster)   extracted {ex_edit[0]}, cached {ex_edit[1]}")
        print(f"  `add` of a new paper ({added_s:.2f} s), built {added:8.2f} s   ratio {added / cold:.3f} "
              f"({cold / added:.1f}x faster)   extracted {ex_add[0]}, cached {ex_add[1]}")
        if not args.no_check:
            same = export(s, True) == export(replace(s, cache=Path(tmp) / "cold"), False)
            print(f"  incremental graph == cold graph without the per-document cache (JSON export): {same}")
            assert same


if __name__ == "__main__":
    main()
