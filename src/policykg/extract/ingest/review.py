"""Review: accepted proposals become the user's curated knowledge in the corpus overlay; rejected ones are
remembered so they are not proposed again.

* an accepted relation -> <corpus>/loaders/assertions/accepted.yaml, anchored on the two names as written in
  the sentence (short anchors, never the sentence), with the occurrence that finds that sentence;
* an accepted entity candidate (or a candidate end of an accepted relation) ->
  <corpus>/loaders/gazetteer/accepted.yaml;
* a rejection -> <corpus>/loaders/review.yaml (id and what it was).

Files are appended to as text, so what the user wrote by hand stays as it was, and written atomically.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policykg.config import Settings
from policykg.errors import InputError, NotFoundError, Problem
from policykg.sources.corpus import Document, read_sources, segment

ACCEPTED_ASSERTIONS = Path("assertions") / "accepted.yaml"
ACCEPTED_ENTITIES = Path("gazetteer") / "accepted.yaml"
DECISIONS = Path("review.yaml")


@dataclass
class ReviewResult:
    accepted_relations: list[str] = field(default_factory=list)
    accepted_entities: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)


def find_proposal(listing: dict[str, Any], pid: str) -> tuple[str, dict[str, Any]]:
    for kind in ("relations", "entities"):
        for item in listing.get(kind, []):
            if item["id"] == pid:
                return kind, item
    raise NotFoundError(f"no proposal {pid!r}; list them with 'policykg proposals'")


def apply_decisions(settings: Settings, listing: dict[str, Any], accept: list[str], reject: list[str]) -> ReviewResult:
    """Write the decisions on proposals (by id) into the corpus overlay."""
    both = set(accept) & set(reject)
    if both:
        raise InputError([Problem("review", f"{sorted(both)} both accepted and rejected", "decide once per proposal")])
    found = [(pid, *find_proposal(listing, pid)) for pid in [*accept, *reject]]
    if not os.access(settings.corpus, os.W_OK):
        raise InputError([Problem(str(settings.corpus), "the corpus folder is read-only",
                                  "review in a corpus folder of your own (--corpus DIR)")])
    result = ReviewResult()
    entities: list[dict[str, Any]] = []
    assertions: list[dict[str, Any]] = []
    rejections: list[dict[str, Any]] = []
    docs: dict[str, Document] = {}
    accepted_names = _existing_names(settings.overlay / ACCEPTED_ENTITIES)
    for pid, kind, item in found:
        if pid in reject:
            rejections.append({"id": pid, "what": describe(kind, item)})
            result.rejected.append(pid)
            continue
        if kind == "entities":
            if item["type"] is None:
                raise InputError([Problem(pid, f"{item['name']!r} has no type",
                                          "add it by hand to loaders/gazetteer/ in your corpus with its type")])
            if item["name"] not in accepted_names:
                entities.append(_entity_entry(item["name"], item["type"], item.get("aliases") or []))
                accepted_names.add(item["name"])
            result.accepted_entities.append(pid)
            continue
        for end in (item["source"], item["target"]):
            if end.get("candidate") and end["name"] not in accepted_names:
                entities.append(_entity_entry(end["name"], end["type"], []))
                accepted_names.add(end["name"])
        doc_id = item["doc"]
        if doc_id not in docs:
            docs[doc_id] = _read_document(settings, doc_id)
        ev = item["evidence"][0]
        anchors = [a for a in dict.fromkeys([item["source"]["surface"], item["target"]["surface"]]) if a]
        occurrence = _occurrence(docs[doc_id], anchors, ev["start"])
        assertions.append({"source": _ref(item["source"]), "type": item["type"], "target": _ref(item["target"]),
                           "doc": doc_id, "anchor": anchors, "occurrence": occurrence,
                           "note": f"accepted proposal {pid} ({item['reason']}; confidence {item['confidence']})"})
        result.accepted_relations.append(pid)
    overlay = settings.overlay
    if entities:
        _append(overlay / ACCEPTED_ENTITIES, "entities", entities)
        result.files.add(overlay / ACCEPTED_ENTITIES)
    if assertions:
        _append(overlay / ACCEPTED_ASSERTIONS, "assertions", assertions)
        result.files.add(overlay / ACCEPTED_ASSERTIONS)
    if rejections:
        _append(overlay / DECISIONS, "rejected", rejections)
        result.files.add(overlay / DECISIONS)
    return result


def describe(kind: str, item: dict[str, Any]) -> str:
    if kind == "entities":
        return f"entity {item['name']} ({item['type'] or 'type unknown'})"
    return f"{item['source']['name']} -[{item['type']}]-> {item['target']['name']} ({item['doc']})"


def _ref(end: dict[str, Any]) -> str:
    return str(end["name"]) if end.get("candidate") else str(end["id"])


def _entity_entry(name: str, typ: str, aliases: list[str]) -> dict[str, Any]:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug or not name.isascii():
        import hashlib

        slug = "x-" + hashlib.sha1(name.encode()).hexdigest()[:10]
    entry: dict[str, Any] = {"id": slug, "type": typ, "name": name}
    if not name.isascii():
        entry["name_zh"] = name
    if aliases:
        entry["aliases"] = list(aliases)
    return entry


def _existing_names(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(e.get("name")) for e in raw.get("entities") or [] if isinstance(e, dict)}


def _read_document(settings: Settings, doc_id: str) -> Document:
    for src in read_sources(settings.corpus, settings.doc_settings):
        if src.id == doc_id:
            return segment(src, (settings.corpus / src.file).read_bytes().decode("utf-8-sig"))
    raise InputError([Problem(str(settings.sources), f"document {doc_id!r} is not in the corpus",
                              "rebuild (policykg build) and list the proposals again")])


def _occurrence(doc: Document, anchors: list[str], start: int) -> int:
    """Which sentence containing every anchor is the one at ``start`` (what find_anchor counts)."""
    wanted = [a.casefold() for a in anchors]
    n = 0
    for s in doc.sentences:
        if all(a in s.text.casefold() for a in wanted):
            n += 1
            if s.start == start:
                return n
    raise InputError([Problem(f"{doc.id}@{start}", f"anchors {anchors} do not find the proposal's sentence",
                              "rebuild (policykg build) and list the proposals again")])


def _append(path: Path, key: str, items: list[dict[str, Any]]) -> None:
    """Add items to the list under ``key`` of a YAML file, keeping what is there as text."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not old.strip():
        old = f"# Written by 'policykg review'; edit freely (see the project's loaders/ for the format).\n{key}:\n"
    elif not re.search(rf"^{key}:", old, re.M):
        old += f"{key}:\n"
    if not old.endswith("\n"):
        old += "\n"
    dumped = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=1000)
    block = "".join(f"  {line}\n" for line in dumped.splitlines())
    if not old.rstrip().endswith(f"{key}:") and not re.search(rf"^{key}:\s*$", old, re.M):
        raise InputError([Problem(str(path), f"expected a '{key}:' list to append to",
                                  f"fix the file so that it holds '{key}:' as a block list")])
    text = _insert_under(old, key, block)
    from policykg.exporters import write_text  # the project's one atomic writer

    write_text(path, text, path.name)


def _insert_under(text: str, key: str, block: str) -> str:
    """Insert ``block`` at the end of the list that follows ``key:`` (the list runs to the next top-level key)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{key}:\s*$", line))
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t", "#")) or not lines[end].strip()):
        end += 1
    return "".join(lines[:end]) + block + "".join(lines[end:])
