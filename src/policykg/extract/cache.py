"""Per-document extraction results, kept between builds: adding or editing one document of a large corpus
re-extracts that document only.

What a document's extraction yields depends on the document (its bytes and its ``sources.yaml`` entry with the
document settings merged in), on the code, the schema and the loader files that extraction reads (gazetteer,
rules, patterns, the proposal scorer), and, for relation proposals, on the relation prior (from the scorer or
the curated assertions). Those are hashed into each row's key. The curated assertions themselves, the review
decisions, the threshold and the graph assembly are global and run on every build.

The rows live in ``<cache>/extract-v<FORMAT>.sqlite``: ``key``, the ``sha256`` of ``data``, and ``data``,
zlib-compressed JSON (plain data, never pickle). A row is checked against its sha256 when read; one that is not
what it says is dropped and its document extracted again (one ``Warning:`` line); a file that is not such a
database is replaced (one ``Warning:`` line); a cache folder that cannot be written means no rows are kept
(the graph's own cache already warns about that folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policykg.extract.gazetteer import Mention
    from policykg.extract.ingest.candidates import Candidate
    from policykg.sources.corpus import Document

FORMAT = 1
_SCHEMA = ("CREATE TABLE IF NOT EXISTS rows (key TEXT PRIMARY KEY, doc TEXT NOT NULL, sha256 TEXT NOT NULL, "
           "data BLOB NOT NULL)")


def _warn(message: str) -> None:
    print(f"Warning: {message}", file=sys.stderr)


class DocCache:
    """Rows of per-document results, read when asked for and written together by ``commit`` (a build that
    fails leaves the file as it was)."""

    def __init__(self, folder: Path | None):
        self.path = folder / f"extract-v{FORMAT}.sqlite" if folder is not None else None
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, tuple[str, str, bytes]] = {}
        if self.path is not None:
            self._db = self._open(self.path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection | None:
        if not path.exists():
            return None  # created on commit: a build that fails creates nothing
        try:
            db = sqlite3.connect(path, timeout=30)
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if tables == {"rows"} and version == FORMAT:
                return db
            db.close()
            reason = f"format {version}, expected {FORMAT}" if version != FORMAT else "not its tables"
        except sqlite3.DatabaseError as exc:
            reason = str(exc)
        _warn(f"extraction cache {path} is not one ({reason}); rebuilt")
        with contextlib.suppress(OSError):
            path.unlink()
        return None

    def get(self, key: str) -> Any | None:
        found = self.get_row(key)
        return found[0] if found is not None else None

    def get_row(self, key: str) -> tuple[Any, bytes] | None:
        """The row's value and its data as kept (compressed JSON, see ``decode``), or None."""
        return self._get(key, True)

    def get_data(self, key: str) -> bytes | None:
        """The row's data as kept, its sha256 checked, not yet read (``decode`` reads it), or None."""
        found = self._get(key, False)
        return found[1] if found is not None else None

    def _get(self, key: str, parse: bool) -> tuple[Any, bytes] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT sha256, data FROM rows WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            _warn(f"extraction cache {self.path} cannot be read ({exc}); extracting again")
            self._db.close()
            self._db = None
            return None
        if row is None:
            return None
        sha, data = row
        try:
            if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != sha:
                raise ValueError("its sha256 does not match")
            value = json.loads(zlib.decompress(data)) if parse else None
        except (ValueError, zlib.error) as exc:
            _warn(f"extraction cache {self.path}: row {key[:12]} is damaged ({exc}); extracted again")
            self._pending.pop(key, None)
            self._db.execute("DELETE FROM rows WHERE key = ?", (key,))
            return None
        return value, data

    def put(self, key: str, doc: str, value: Any) -> bytes:
        """Keep a row (written by ``commit``); returns its data as kept."""
        data = zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 1)
        self._pending[key] = (doc, hashlib.sha256(data).hexdigest(), data)
        return data

    def put_bytes(self, key: str, doc: str, data: bytes) -> None:
        """Keep a row of bytes as they are (read back with ``get_data``)."""
        self._pending[key] = (doc, hashlib.sha256(data).hexdigest(), data)

    def commit(self) -> None:
        """Write the new rows (best effort: a folder that cannot be written keeps none)."""
        if self.path is None or not self._pending:
            self.close()
            return
        try:
            if self._db is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=30)
                self._db.execute(_SCHEMA)
                self._db.execute(f"PRAGMA user_version = {FORMAT}")
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO rows (key, doc, sha256, data) VALUES (?, ?, ?, ?)",
                                     [(k, d, s, b) for k, (d, s, b) in self._pending.items()])
            self._pending.clear()
        except (OSError, sqlite3.Error):
            pass  # not writable (the graph's cache warns about the folder) or busy: nothing kept this time
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def decode(data: bytes) -> Any:
    """A row's value from its data as kept (checked when it was read or made)."""
    return json.loads(zlib.decompress(data))


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        b = part.encode() if isinstance(part, str) else part
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


def files_digest(roots: Iterable[tuple[Path, set[str]]], suffixes: set[str]) -> str:
    """sha256 of the names and bytes of the files under each root, leaving out the top-level names given."""
    h = hashlib.sha256()
    for root, leave_out in roots:
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes):
            rel = path.relative_to(root)
            if rel.parts[0] in leave_out:
                continue
            h.update(str(rel).encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def document_key(base: str, doc: Document) -> str:
    """A document's own part of a row key: its bytes' sha256 and every setting of its sources.yaml entry."""
    return digest(base, repr(doc.source), hashlib.sha256(doc.text.encode()).hexdigest())


# ------------------------------------------------------------------------------------------------ as data

def mentions_to_json(mentions: list[Mention]) -> list[list[Any]]:
    return [[m.entity, m.paragraph, m.section, m.sentence, m.p_start, m.p_end, m.start, m.end, m.surface]
            for m in mentions]


def mentions_from_json(doc_id: str, rows: list[list[Any]]) -> list[Mention]:
    from policykg.extract.gazetteer import Mention

    return [Mention(entity=e, doc=doc_id, paragraph=p, section=s, sentence=i, p_start=ps, p_end=pe, start=st,
                    end=en, surface=sf) for e, p, s, i, ps, pe, st, en, sf in rows]


def candidates_to_json(cands: list[Candidate]) -> list[dict[str, Any]]:
    return [{"key": c.key, "name": c.name, "type": c.type, "reason": c.reason, "confidence": c.confidence,
             "aliases": list(c.aliases), "node": c.node,
             "occurrences": [[o.key, o.doc, o.sentence, o.start, o.end, o.surface] for o in c.occurrences]}
            for c in cands]


def candidates_from_json(rows: list[dict[str, Any]]) -> list[Candidate]:
    from policykg.extract.ingest.candidates import Candidate, CandidateMention

    return [Candidate(key=r["key"], name=r["name"], type=r["type"], reason=r["reason"], confidence=r["confidence"],
                      aliases=list(r["aliases"]), node=r["node"],
                      occurrences=[CandidateMention(key=k, doc=d, sentence=i, start=s, end=e, surface=sf)
                                   for k, d, i, s, e, sf in r["occurrences"]])
            for r in rows]
