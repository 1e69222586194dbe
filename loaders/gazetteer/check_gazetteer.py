#!/usr/bin/env python3
"""Development check for the gazetteer YAML files against the schema and the corpus.

usage: python loaders/gazetteer/check_gazetteer.py [--corpus DIR] [-v]

Checks the YAML shape, allowed keys, node types and declared properties (schema/schema.yaml), id slugs
unique per type, ISO dates, no quotes or book-title brackets in aliases, no surface form shared by two
entities (doc_aliases only within their document), and that every alias occurs in the corpus (Latin
forms case-insensitively unless case-sensitive, between ASCII word boundaries; Chinese forms exactly).
It then simulates leftmost-longest matching over the raw texts and lists entities without a mention
and forms that never win. -v prints mention counts per entity and document. Exit status 1 on errors.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KEYS = {"id", "type", "kind", "name", "name_zh", "aliases", "doc_aliases", "case_sensitive", "properties", "reference"}
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z0-9]")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
QUOTES = re.compile(r"[《》“”\"]")


def case_sensitive(alias: str, entity: dict[str, Any]) -> bool:
    if alias in (entity.get("case_sensitive") or []):
        return True
    return alias.isascii() and alias.replace(" ", "").isupper() and len(alias) <= 6


def pattern(alias: str, exact: bool) -> re.Pattern[str]:
    pre = r"(?<![A-Za-z0-9])" if LATIN.match(alias[0]) else ""
    post = r"(?![A-Za-z0-9])" if LATIN.match(alias[-1]) else ""
    return re.compile(pre + re.escape(alias) + post, 0 if exact else re.IGNORECASE)


class Checker:
    def __init__(self, corpus: Path) -> None:
        sources = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))
        self.texts = {d["id"]: (corpus / d["file"]).read_text(encoding="utf-8") for d in sources["documents"]}
        schema = yaml.safe_load((REPO / "schema" / "schema.yaml").read_text(encoding="utf-8"))
        self.types = {k: v for k, v in schema["node_types"].items() if not v.get("lexical")}
        self.errors: list[str] = []
        self.entities: list[dict[str, Any]] = []
        # normalised form -> (entity key, surface, exact)
        self.forms: dict[str, tuple[str, str, bool]] = {}
        self.doc_forms: dict[str, dict[str, tuple[str, str, bool]]] = collections.defaultdict(dict)

    def load(self) -> None:
        for path in sorted(HERE.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or set(data) != {"entities"}:
                self.errors.append(f"{path.name}: expected a single top-level 'entities' list")
                continue
            for entity in data["entities"]:
                entity["_file"] = path.name
                self.entities.append(entity)

    def check_entities(self) -> None:
        ids: collections.Counter[tuple[str, str]] = collections.Counter()
        for e in self.entities:
            tag = f"{e['_file']}:{e.get('id')}"
            extra = set(e) - KEYS - {"_file"}
            if extra:
                self.errors.append(f"{tag}: unknown keys {sorted(extra)}")
            if e.get("type") not in self.types:
                self.errors.append(f"{tag}: unknown type {e.get('type')!r}")
                continue
            if not isinstance(e.get("id"), str) or not SLUG.fullmatch(e["id"]):
                self.errors.append(f"{tag}: id is not a lowercase slug")
            if not e.get("name"):
                self.errors.append(f"{tag}: missing name")
            ids[(e["type"], e["id"])] += 1
            declared = self.types[e["type"]].get("properties") or {}
            reference = e.get("reference") or {}
            if reference and not reference.get("source"):
                self.errors.append(f"{tag}: reference without a source")
            for where, props in (
                ("properties", e.get("properties") or {}),
                ("reference", reference.get("properties") or {}),
            ):
                for key, value in props.items():
                    spec = declared.get(key)
                    if spec is None:
                        self.errors.append(f"{tag}: {where}.{key} is not declared for {e['type']}")
                    elif spec["type"] == "date" and not (isinstance(value, str) and DATE.fullmatch(value)):
                        self.errors.append(f"{tag}: {where}.{key} is not an ISO date string: {value!r}")
                    elif spec["type"] == "int" and not isinstance(value, int):
                        self.errors.append(f"{tag}: {where}.{key} is not an int")
                    elif spec["type"] == "string" and not isinstance(value, str):
                        self.errors.append(f"{tag}: {where}.{key} is not a string")
            for doc in e.get("doc_aliases") or {}:
                if doc not in self.texts:
                    self.errors.append(f"{tag}: doc_aliases names unknown document {doc!r}")
        for key, count in ids.items():
            if count > 1:
                self.errors.append(f"duplicate id {key}")

    def check_forms(self) -> None:
        for e in self.entities:
            key = f"{e['type']}:{e['id']}"
            names = [e["name"], *([e["name_zh"]] if e.get("name_zh") else [])]
            for alias in [*names, *(e.get("aliases") or [])]:
                self._add(self.forms, key, alias, e, must_occur=alias not in names, docs=self.texts)
            for doc, aliases in (e.get("doc_aliases") or {}).items():
                for alias in aliases:
                    if doc in self.texts:
                        self._add(self.doc_forms[doc], key, alias, e, must_occur=True, docs={doc: self.texts[doc]})

    def _add(
        self,
        table: dict[str, tuple[str, str, bool]],
        key: str,
        alias: str,
        e: dict[str, Any],
        must_occur: bool,
        docs: dict[str, str],
    ) -> None:
        if not isinstance(alias, str) or alias != alias.strip() or QUOTES.search(alias):
            self.errors.append(f"{key}: bad alias {alias!r}")
            return
        exact = case_sensitive(alias, e)
        norm = alias if exact else alias.casefold()
        owner = table.get(norm) or self.forms.get(norm)
        if owner is not None and owner[0] != key:
            self.errors.append(f"{key}: form {alias!r} also belongs to {owner[0]}")
            return
        table[norm] = (key, alias, exact)
        if must_occur and not any(pattern(alias, exact).search(t) for t in docs.values()):
            self.errors.append(f"{key}: alias {alias!r} does not occur in {', '.join(docs)}")

    def simulate(self, doc: str) -> list[tuple[int, int, str, str]]:
        text = self.texts[doc]
        spans = []
        for key, alias, exact in [*self.forms.values(), *self.doc_forms.get(doc, {}).values()]:
            for m in pattern(alias, exact).finditer(text):
                spans.append((m.start(), -(m.end() - m.start()), m.end(), key, alias))
        spans.sort()
        out: list[tuple[int, int, str, str]] = []
        taken_until = -1
        for start, _neg, end, key, alias in spans:
            if start >= taken_until:
                out.append((start, end, key, alias))
                taken_until = end
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("-v", action="store_true", help="print mention counts per entity and document")
    args = ap.parse_args()
    checker = Checker(args.corpus)
    checker.load()
    checker.check_entities()
    checker.check_forms()
    mentions: collections.Counter[tuple[str, str]] = collections.Counter()
    wins: collections.Counter[str] = collections.Counter()
    for doc in checker.texts:
        for _start, _end, key, alias in checker.simulate(doc):
            mentions[(key, doc)] += 1
            wins[f"{key}|{alias}"] += 1
    keys = [f"{e['type']}:{e['id']}" for e in checker.entities if e.get("type") in checker.types]
    print(f"{len(keys)} entities:", dict(collections.Counter(k.split(":")[0] for k in keys)))
    silent = [k for k in keys if not any(mentions[(k, d)] for d in checker.texts)]
    print("no mention under leftmost-longest:", silent)
    never = sorted(f"{k}|{a}" for k, a, _x in checker.forms.values() if not wins[f"{k}|{a}"])
    print("forms that never win (always inside a longer form, or absent):", never)
    if args.v:
        for k in keys:
            print(k, {d: mentions[(k, d)] for d in checker.texts if mentions[(k, d)]})
    for err in checker.errors:
        print("ERROR", err)
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
