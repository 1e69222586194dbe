#!/usr/bin/env python3
"""Check the hand-written gold files against the corpus and the schema.

For every tests/gold/<docid>.yaml:
  * every entity name, relation source/target and negative source/target occurs literally in the document;
  * every source/target of a relation or negative is declared in `entities` (so its type is known);
  * each alternative of a relation type ("A|B") is a schema relationship type whose endpoints allow the
    declared entity types (negatives are checked the same way, so they stay plausible-looking);
  * all anchors of a relation occur together in ONE sentence (rough split on 。！？!? and on ". "
    outside common abbreviations), and each anchor is short;
  * answers name a known report and their must_include names occur in the document.
Anchors that only co-occur across a blank line (page breaks, interleaved footnotes) are reported as notes.

usage: python tests/gold/verify_gold.py [--corpus DIR]   (default: ../shared/corpus next to the repo)
exit status 0 when every check passes, 1 otherwise.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REPORTS = {"sector", "administration", "entity", "chain", "timeline", "countermeasures"}
ABBREV = re.compile(r"(?:\b(?:U\.S|U\.K|e\.g|i\.e|et al|vs|No|Mr|Dr|St|Fig|etc)|\b[A-Z])$")
HAN = re.compile(r"[\u3400-\u9fff]")


def sentences(text: str) -> list[str]:
    """Rough sentence split: Chinese terminators always; '. ' / '? ' / '! ' unless after an abbreviation."""
    out, start = [], 0
    for m in re.finditer(r"[。！？]|[.!?](?=\s)", text):
        end = m.end()
        if m.group() == "." and ABBREV.search(text[start:m.start()]):
            continue
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def load_schema():
    schema = yaml.safe_load((REPO / "schema" / "schema.yaml").read_text(encoding="utf-8"))
    groups = schema.get("groups", {})

    def expand(names):
        res = set()
        for n in names:
            res |= set(groups[n]) if n in groups else {n}
        return res

    rels = {name: (expand(spec["from"]), expand(spec["to"]))
            for name, spec in schema["relationship_types"].items() if not spec.get("lexical")}
    node_types = {n for n, spec in schema["node_types"].items() if not spec.get("lexical")}
    return node_types, rels


def anchor_len_ok(a: str) -> bool:
    han = len(HAN.findall(a))
    words = len(re.findall(r"[A-Za-z0-9]+", a))
    return han <= 12 and words <= 6


def check(path: Path, corpus: Path, node_types, rels) -> tuple[list[str], list[str]]:
    errors, notes = [], []
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    docid = gold.get("doc")
    sources = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    files = {d["id"]: d["file"] for d in sources}
    if docid not in files:
        return [f"{path.name}: unknown doc id {docid!r}"], notes
    if path.stem != docid:
        errors.append(f"{path.name}: doc id {docid!r} does not match the file name")
    text = (corpus / files[docid]).read_text(encoding="utf-8")
    sents = sentences(text)

    def where(kind, i):
        return f"{path.name}: {kind}[{i}]"

    types = {}
    for i, e in enumerate(gold.get("entities", [])):
        if e["name"] not in text:
            errors.append(f"{where('entities', i)}: name {e['name']!r} not in {docid}")
        if e["type"] not in node_types:
            errors.append(f"{where('entities', i)}: unknown node type {e['type']!r}")
        if e["name"] in types and types[e["name"]] != e["type"]:
            errors.append(f"{where('entities', i)}: {e['name']!r} declared twice with different types")
        types[e["name"]] = e["type"]

    def check_triple(kind, i, r):
        for end in ("source", "target"):
            name = r[end]
            if name not in text:
                errors.append(f"{where(kind, i)}: {end} {name!r} not in {docid}")
            if name not in types:
                errors.append(f"{where(kind, i)}: {end} {name!r} not declared in entities")
        st, tt = types.get(r["source"]), types.get(r["target"])
        for t in str(r["type"]).split("|"):
            if t not in rels:
                errors.append(f"{where(kind, i)}: unknown relationship type {t!r}")
                continue
            frm, to = rels[t]
            if st and st not in frm:
                errors.append(f"{where(kind, i)}: {t} does not allow source type {st} ({r['source']})")
            if tt and tt not in to:
                errors.append(f"{where(kind, i)}: {t} does not allow target type {tt} ({r['target']})")

    seen = set()
    for i, r in enumerate(gold.get("relations", [])):
        check_triple("relations", i, r)
        key = (r["source"], r["type"], r["target"])
        if key in seen:
            errors.append(f"{where('relations', i)}: duplicate relation {key}")
        seen.add(key)
        anchors = r.get("anchor") or []
        if not 1 <= len(anchors) <= 3:
            errors.append(f"{where('relations', i)}: needs 1-3 anchors, has {len(anchors)}")
        for a in anchors:
            if not isinstance(a, str):
                errors.append(f"{where('relations', i)}: anchor {a!r} is not a string (quote it)")
            if not anchor_len_ok(str(a)):
                errors.append(f"{where('relations', i)}: anchor too long: {a!r}")
        hits = [s for s in sents if all(str(a) in s for a in anchors)]
        if not hits:
            errors.append(f"{where('relations', i)}: anchors {anchors} never occur in one sentence of {docid}")
        elif not any(all(str(a) in part for a in anchors)
                     for s in hits for part in re.split(r"\n\s*\n", s)):
            notes.append(f"{where('relations', i)}: anchors {anchors} share a sentence only across a blank line")

    for i, r in enumerate(gold.get("negatives", [])):
        check_triple("negatives", i, r)
        key = (r["source"], r["type"], r["target"])
        if any(key[0] == s and key[2] == t and set(key[1].split("|")) & set(ty.split("|"))
               for s, ty, t in seen):
            errors.append(f"{where('negatives', i)}: contradicts a gold relation {key}")

    for i, a in enumerate(gold.get("answers", [])):
        if a.get("report") not in REPORTS:
            errors.append(f"{where('answers', i)}: unknown report {a.get('report')!r}")
        if a.get("param") and a["param"] not in text:
            errors.append(f"{where('answers', i)}: param {a['param']!r} not in {docid}")
        for n in a.get("must_include", []):
            if n not in text:
                errors.append(f"{where('answers', i)}: must_include {n!r} not in {docid}")
    return errors, notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    node_types, rels = load_schema()
    all_errors = []
    for path in sorted(HERE.glob("*.yaml")):
        errors, notes = check(path, corpus, node_types, rels)
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts = {k: len(gold.get(k, [])) for k in ("entities", "relations", "negatives", "answers")}
        print(f"{path.name}: {counts} -> {'OK' if not errors else f'{len(errors)} error(s)'}")
        for n in notes:
            print(f"  note: {n}")
        for e in errors:
            print(f"  ERROR: {e}")
        all_errors += errors
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main())
