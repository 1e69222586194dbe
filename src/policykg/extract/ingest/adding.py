"""Adding a document to the user's corpus folder: copied in as UTF-8 with LF line ends, its sources.yaml entry
written with its sha256, its language and layout detected and reported. Nothing in the project changes.

sources.yaml is appended to as text (its comments and order stay as the user wrote them), after checking
the new entry against the existing ones; both files are written atomically.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from policykg.errors import InputError, Problem
from policykg.sources.corpus import LAYOUTS, decode_document, detect_layout, language_of
from policykg.yamlio import load_yaml, strip_lines

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


@dataclass
class Added:
    id: str
    file: Path
    sha256: str
    language: str
    layout: str
    reason: str
    title: str


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if slug:
        return slug
    return "doc-" + hashlib.sha1(stem.encode()).hexdigest()[:8]  # a name in Chinese only


def _title(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"^#+\s*", "", line.strip()).strip("*_ ")
        if line:
            return line[:200]
    return ""


def add_document(corpus: Path, path: Path, doc_id: str | None = None, title: str | None = None,
                 layout: str | None = None, year: int | None = None) -> Added:
    """Copy ``path`` into ``corpus`` and register it; one InputError naming the problem otherwise."""
    sources = corpus / "sources.yaml"
    if not path.is_file():
        raise InputError([Problem(str(path), "file not found", "check the path")])
    if not corpus.is_dir():
        raise InputError([Problem(str(corpus), "corpus folder not found",
                                  "create it, or pass --corpus DIR / set POLICYKG_CORPUS")])
    if not os.access(corpus, os.W_OK):
        raise InputError([Problem(str(corpus), "the corpus folder is read-only",
                                  f"copy it to a folder of your own (cp -r {corpus} my-corpus) and pass "
                                  "--corpus my-corpus")])
    if layout is not None and layout not in LAYOUTS:
        raise InputError([Problem(str(path), f"unknown layout {layout!r}", f"use one of {', '.join(sorted(LAYOUTS))}")])
    data = path.read_bytes()
    text = decode_document(path, data).replace("\r\n", "\n").replace("\r", "\n")
    stored = text.encode("utf-8")
    digest = hashlib.sha256(stored).hexdigest()
    raw = load_yaml(sources) if sources.is_file() else {"documents": []}
    entries = (raw.get("documents") or []) if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise InputError([Problem(str(sources), "expected a top-level 'documents:' list", "fix sources.yaml")])
    doc_id = doc_id or _slug(path.stem.split(".")[0])
    if not ID_RE.match(doc_id):
        raise InputError([Problem(str(path), f"document id {doc_id!r} is not a lowercase slug",
                                  "pass --id with letters, digits, '-', '_' or '.'")])
    target = corpus / (doc_id + "".join(path.suffixes[-1:] or [".txt"]))
    for item in entries:
        if not isinstance(item, dict):
            continue
        if str(item.get("sha256")) == digest:
            raise InputError([Problem(f"{sources}:{item.get('__line__', '?')}",
                                      f"{path.name} is already in the corpus as {item.get('id')!r}",
                                      "nothing to do; remove that entry first to add it again")])
        if str(item.get("id")) == doc_id:
            raise InputError([Problem(f"{sources}:{item.get('__line__', '?')}", f"document id {doc_id!r} is taken",
                                      "pass another --id")])
        if str(item.get("file")) == target.name:
            raise InputError([Problem(f"{sources}:{item.get('__line__', '?')}",
                                      f"file name {target.name!r} is taken", "pass another --id")])
    if target.exists():
        raise InputError([Problem(str(target), "a file of that name is already in the corpus folder",
                                  "pass another --id or remove the file")])
    detected, reason = detect_layout(text)
    chosen = layout or detected
    language = language_of(text, mixed=True)
    entry: dict[str, str | int] = {"id": doc_id, "file": target.name, "sha256": digest,
                                   "title_en": title or _title(text), "language": language, "layout": chosen}
    if year is not None:
        entry["year"] = year
    old = sources.read_text(encoding="utf-8") if sources.is_file() else "documents:\n"
    # the entry takes the indentation of the list it joins ("  - id:" as written by hand, "- id:" as yaml.dump writes)
    listed = re.search(r"(?m)^([ \t]*)- ", old)
    indent = listed.group(1) if listed else "  "
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    block = "".join(f"{indent}{line}\n" for line in block.splitlines())
    if layout:
        block += f"{indent}  # layout given with --layout\n"
    else:
        block += f"{indent}  # layout detected: {reason}\n"
    if not old.endswith("\n"):
        old += "\n"
    new = old + block  # appended: the file's comments and order stay as they are
    if not _lists(new, [*entries, entry]):
        # the list is not the file's last block ("documents: []", another key after it): written anew
        new = yaml.safe_dump({**strip_lines(raw), "documents": [*strip_lines(entries), entry]},
                             allow_unicode=True, sort_keys=False, width=1000)
    _atomic_write(target, stored)
    try:
        _atomic_write(sources, new.encode("utf-8"))
    except OSError:
        target.unlink(missing_ok=True)
        raise
    return Added(doc_id, target, digest, language, chosen, "given" if layout else reason, str(entry["title_en"]))


def _lists(text: str, entries: list[object]) -> bool:
    """Whether sources.yaml's text lists exactly these entries (their ids, in this order)."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    docs = raw.get("documents") if isinstance(raw, dict) else None
    return isinstance(docs, list) and [d.get("id") if isinstance(d, dict) else None for d in docs] == [
        e.get("id") if isinstance(e, dict) else None for e in entries]


def _atomic_write(path: Path, data: bytes) -> None:
    from policykg.exporters import write_text  # the project's one atomic writer

    write_text(path, data.decode("utf-8"), path.name)
