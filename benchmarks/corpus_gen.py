"""A generated corpus of N documents for benchmarks, written into a folder of the caller's choosing (never the
repository): the five papers, copied with their sources.yaml entries, and N - 5 "briefings", each made of
paragraphs drawn at random (fixed seed) from the running text of the papers, under a title line and a few
Markdown headings, so that it mentions the papers' entities in new combinations. Briefings are registered in
``sources.yaml`` with their sha256 and layout ``generic``, and are not marked reviewed: their relation
proposals enter the graph as they do for an analyst's own papers.

    from corpus_gen import generate_corpus
    generate_corpus(Settings().corpus, Path(tmp) / "corpus", 500)
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import yaml

_HEADING = re.compile(r"^(#|\d+[.、]|[一二三四五六七八九十]+、|\(|（|[IVX]+\.)")


def paragraphs(corpus: Path) -> list[str]:
    """The running-text paragraphs of a corpus (blocks between blank lines, long enough to be prose)."""
    sources = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))
    out: list[str] = []
    for item in sources["documents"]:
        text = (corpus / item["file"]).read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n", text):
            block = block.strip()
            if len(block) >= 80 and not _HEADING.match(block) and "http" not in block:
                out.append(block)
    return out


def generate_corpus(source: Path, dest: Path, n: int, per_doc: int = 12, seed: int = 16) -> Path:
    """Write a corpus of N documents (the papers of ``source`` and generated briefings) into ``dest`` (created);
    returns ``dest``."""
    pool = paragraphs(source)
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    entries = []
    for item in yaml.safe_load((source / "sources.yaml").read_text(encoding="utf-8"))["documents"][:n]:
        (dest / item["file"]).write_bytes((source / item["file"]).read_bytes())
        entries.append(item)
    for i in range(n - len(entries)):
        picked = rng.sample(pool, min(per_doc, len(pool)))
        parts = [f"# Generated briefing {i:04d}", ""]
        for k, para in enumerate(picked):
            if k % 6 == 0:
                parts += [f"## Part {k // 6 + 1}", ""]
            parts += [para, ""]
        data = "\n".join(parts).encode()
        name = f"briefing-{i:04d}.md"
        (dest / name).write_bytes(data)
        entries.append({"id": f"gen{i:04d}", "file": name, "sha256": hashlib.sha256(data).hexdigest(),
                        "title_en": f"Generated briefing {i:04d}", "year": 2020 + i % 6, "layout": "generic"})
    # laid out as the project's corpus is (each entry indented under documents:), which `policykg add` appends to
    items = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
    (dest / "sources.yaml").write_text("documents:\n" + "".join(f"  {line}\n" for line in items.splitlines()),
                                       encoding="utf-8")
    return dest


if __name__ == "__main__":
    import argparse

    from policykg.config import Settings

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", type=Path)
    ap.add_argument("-n", type=int, default=500)
    args = ap.parse_args()
    generate_corpus(Settings().corpus, args.dest, args.n)
    print(f"wrote {args.n} documents to {args.dest}")
