"""Search the papers' words: the evidence sentences of the graph, ranked, in either language.

What is searched: every sentence the graph holds as evidence (of a node, a relation or a mention), once, with its
document, section path, offsets and the entities it mentions (and the relations it is evidence for). The
sentences come from the built graph, not from the corpus folder: what the graph was built from is what is found.

The query (:func:`parse_query`): words, ``"phrases in quotes"`` and Chinese substrings, all of which must occur
in a sentence. Latin words match their inflections (Porter stemming: ``controls`` finds "control", "controlled");
a run of Chinese characters matches exactly that run (each character is a token, the run a phrase). User text
never reaches a query language as syntax: each term is quoted, for SQLite FTS5 and for Lucene alike.

The index (embedded): a SQLite database with an FTS5 table (``porter unicode61``; Chinese characters are spaced
out before they are indexed, so that any substring is a phrase of characters) ranked by BM25. It is built on the
first search from the cached graph and kept beside it in the cache folder (``search-<key>.sqlite``), as data: it
is opened read-only and checked as the graph cache is (its database objects are exactly those of :data:`_DDL`,
its format, version and the graph file it was built from; every sentence row carries the sha256 of its content
and is checked when read). An index that is stale (the graph file changed) is rebuilt silently; a damaged one is
rebuilt with one ``Warning:`` line; a cache folder that cannot be written means an index in memory.

On Neo4j, ``policykg neo4j load`` writes each sentence as a ``:Sentence`` node (not ``:Node``: the policy graph,
its counts and its paths stay as they were) and creates the full-text index :data:`NEO4J_INDEX` over its text
(Lucene's ``cjk`` analyser: Chinese as character bigrams; Latin words exactly, without stemming).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.errors import NotFoundError, PolicykgError
from policykg.graph.model import PolicyGraph
from policykg.resolve.names import merge_spans

if TYPE_CHECKING:
    pass

FORMAT = "policykg-search"
VERSION = 1
PREFIX = "search-"
DEFAULT_LIMIT = 20
NOT_ENTITIES = frozenset({"Document", "Section"})
NEO4J_INDEX = "policykg_sentence_text"
NEO4J_STATEMENTS = [
    "CREATE CONSTRAINT policykg_sentence_id IF NOT EXISTS FOR (s:Sentence) REQUIRE s.id IS UNIQUE",
    f"CREATE FULLTEXT INDEX {NEO4J_INDEX} IF NOT EXISTS FOR (s:Sentence) ON EACH [s.text, s.keys] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
]
# The documented Cypher query (README "Search"): user text only as $parameters.
NEO4J_QUERY = f"""CALL db.index.fulltext.queryNodes('{NEO4J_INDEX}', $query) YIELD node, score
WHERE ($doc IS NULL OR node.doc = $doc) AND ($type IS NULL OR $type IN node.types)
RETURN node.doc AS doc, node.section AS section, node.start AS start, node.end AS end, node.text AS text,
       node.entities AS entities, node.relations AS relations, score
ORDER BY score DESC, doc, start
LIMIT $limit"""
NEO4J_COUNT = f"""CALL db.index.fulltext.queryNodes('{NEO4J_INDEX}', $query) YIELD node
WHERE ($doc IS NULL OR node.doc = $doc) AND ($type IS NULL OR $type IN node.types)
RETURN node.doc AS doc, count(*) AS sentences ORDER BY doc"""

_CJK = (r"\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
        r"\U00020000-\U0003134f")  # Han (with radicals and extensions), kana, bopomofo, hangul
_CJK_CHAR = re.compile(f"[{_CJK}]")
_WORDISH = re.compile(r"[^\W_]")  # a letter or digit: what makes a token
_TERMS = re.compile(r'["“”]([^"“”]*)(?:["“”]|$)|([^\s"“”]+)')
_TOKEN = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")  # a Chinese character, or a run of other letters and digits

_DDL: list[str] = [
    "CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE sentences (n INTEGER PRIMARY KEY, doc TEXT NOT NULL, types TEXT NOT NULL, sha BLOB NOT NULL, "
    "data BLOB NOT NULL)",
    "CREATE INDEX sentences_doc ON sentences (doc, n)",
    "CREATE VIRTUAL TABLE fts USING fts5(body, entities, content='', "
    "tokenize='porter unicode61 remove_diacritics 2')",
]


class IndexDamaged(PolicykgError):
    """The search index file is not one this version wrote for this graph, or a row of it was changed."""


# ----------------------------------------------------------------------------------------------- the query
@dataclass(frozen=True)
class Query:
    """What the user typed, as terms that must all occur in a sentence (each a phrase of one or more tokens), and
    the entities each term names (any alias, either language), whose mentions also satisfy it."""

    text: str
    terms: tuple[str, ...]
    named: tuple[dict[str, tuple[str, ...]], ...] = ()  # per term: entity id -> its names
    whole: dict[str, tuple[str, ...]] = field(default_factory=dict)  # what the text of several terms names

    def fts(self) -> str:
        """The FTS5 expression: each term a quoted string (its own quotes doubled) in the sentence's words, or an
        entity it names among the sentence's entities; the terms joined by AND."""
        parts = []
        for term, named in zip(self.terms, self._per_term(), strict=True):
            words = 'body : "' + _index_text(term).replace('"', '""') + '"'
            parts.append("(" + " OR ".join([words, *(f'entities : "{entity_token(i)}"' for i in named)]) + ")")
        whole = [f'entities : "{entity_token(i)}"' for i in self.whole]
        return " OR ".join(["(" + " AND ".join(parts) + ")", *whole]) if whole else " AND ".join(parts)

    def lucene(self) -> str:
        """The same for Lucene (Neo4j's full-text index): a quoted phrase in ``text`` or a key in ``keys``."""
        parts = []
        for term, named in zip(self.terms, self._per_term(), strict=True):
            words = 'text:"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'
            parts.append("(" + " OR ".join([words, *(f"keys:{entity_token(i)}" for i in named)]) + ")")
        whole = [f"keys:{entity_token(i)}" for i in self.whole]
        return " OR ".join(["(" + " AND ".join(parts) + ")", *whole]) if whole else " AND ".join(parts)

    def _per_term(self) -> tuple[dict[str, tuple[str, ...]], ...]:
        return self.named or tuple({} for _ in self.terms)

    def _named(self) -> tuple[dict[str, tuple[str, ...]], ...]:
        return self._per_term() + ((self.whole,) if self.whole else ())

    def names(self) -> dict[str, list[str]]:
        """Term (or the whole text) -> the ids of the entities it names."""
        out = {t: sorted(n) for t, n in zip(self.terms, self.named, strict=False) if n}
        if self.whole:
            out[" ".join(self.terms)] = sorted(self.whole)
        return out

    def via(self, entity_ids: Iterable[str]) -> list[str]:
        """Which of these entities a term names."""
        named = {i for n in self._named() for i in n}
        return [i for i in entity_ids if i in named]

    def focus(self, text: str, entity_ids: Iterable[str] = ()) -> list[list[int]]:
        """Where the terms stand in ``text`` (for display: a Latin word also marks its inflected forms), and the
        names of the entities among ``entity_ids`` that a term names."""
        spans: list[list[int]] = []
        for term in self.terms:
            pattern = _term_pattern(term)
            if pattern is not None:
                spans += [[m.start(), m.end()] for m in pattern.finditer(text) if m.end() > m.start()]
        low = text.casefold()
        if len(low) == len(text):  # casefold kept the offsets
            names = {name for n in self._named() for i, names in n.items() if i in set(entity_ids) for name in names}
            for name in names:
                key = name.casefold()
                spans += [[k, k + len(key)] for k in _occurrences(low, key)]
        return merge_spans(spans)


def entity_token(node_id: str) -> str:
    """The one token that stands for an entity in the index (letters and digits only: no tokenizer splits it)."""
    return "k" + hashlib.sha1(node_id.encode()).hexdigest()[:16]


def name_entities(graph: PolicyGraph, query: Query) -> Query:
    """The query with the entities each term names: a name or alias equal to the term (case, width, spacing and
    quotes aside; English plurals too), among the papers' entities."""
    from policykg.resolve.names import normalize_name
    from policykg.resolve.nodes import index_for

    keys = index_for(graph).primary
    stems: dict[str, set[str]] = {}
    for key, ids in keys.items():
        stems.setdefault(_stem(key), set()).update(ids)
    def entities(text: str) -> dict[str, tuple[str, ...]]:
        key = normalize_name(text)
        out = {}
        for nid in sorted(keys.get(key, set()) | stems.get(_stem(key), set())):
            node = graph.nodes[nid]
            if node.type not in NOT_ENTITIES:
                out[nid] = tuple(n for n in (node.name, node.name_zh, *node.aliases) if n)
        return out

    named = tuple(entities(term) for term in query.terms)
    whole = entities(" ".join(query.terms)) if len(query.terms) > 1 else {}
    return Query(query.text, query.terms, named, {k: v for k, v in whole.items() if not any(k in n for n in named)})


def parse_query(text: str) -> Query:
    """Words, "quoted phrases" (also “…”) and Chinese runs; an unclosed quote runs to the end. A term without a
    letter or digit is dropped; nothing left is an error."""
    if not text.strip():
        raise PolicykgError('search: nothing to search for; give words, a "quoted phrase" or Chinese characters')
    terms: list[str] = []
    for m in _TERMS.finditer(text):
        term = " ".join((m.group(1) if m.group(1) is not None else m.group(2)).split())
        if _WORDISH.search(term) and term not in terms:
            terms.append(term)
    if not terms:
        raise PolicykgError(f"search: {text!r} has no letter, digit or Chinese character to search for")
    return Query(text, tuple(terms))


def _index_text(text: str) -> str:
    """What the tokenizer sees: width-normalised, every Chinese (CJK) character a token of its own."""
    return _CJK_CHAR.sub(lambda m: f" {m.group(0)} ", unicodedata.normalize("NFKC", text))


def _stem(word: str) -> str:
    low = word.casefold()
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low


def _term_pattern(term: str) -> re.Pattern[str] | None:
    parts = []
    for token in _TOKEN.findall(term):
        if _CJK_CHAR.fullmatch(token) or not token.isalpha():
            parts.append(re.escape(token))
        else:  # a Latin word: its inflected forms too
            parts.append(re.escape(_stem(token)) + f"[^\\W_{_CJK}]*")
    if not parts:
        return None
    edge = "" if _CJK_CHAR.match(term) else f"(?<![^\\W_{_CJK}])"  # a Latin term starts a word
    return re.compile(edge + r"[\W_]*".join(parts), re.IGNORECASE)


# ----------------------------------------------------------------------------------------------- the sentences
@dataclass
class _Sentence:
    doc: str
    start: int
    end: int
    section: str
    text: str
    spans: list[list[int]] | None = None
    entities: dict[str, int] = field(default_factory=dict)  # node id -> where it is first mentioned
    relations: dict[str, dict[str, str]] = field(default_factory=dict)

    def contains(self, offset: int) -> bool:
        if self.spans:
            return any(a <= offset < b for a, b in self.spans)
        return self.start <= offset < self.end


def sentences(graph: PolicyGraph) -> list[dict[str, Any]]:
    """Every evidence sentence of the graph once, in (document, offset) order, as JSON-able records: ``doc``,
    ``start``, ``end``, ``section``, ``text``, ``spans`` (when a footnote interrupts it), ``entities`` (id, type,
    name, name_zh of each entity it mentions, in the order they occur) and ``relations`` (the policy relations it
    is evidence for: id, type, source, target)."""
    groups: dict[tuple[str, str], dict[tuple[int, int], _Sentence]] = {}
    mentions: list[tuple[str, str, int, str, str, str]] = []  # doc, text, start, surface, node id, section
    lexical = {name for name, spec in graph.schema.rel_types.items() if spec.lexical}

    def sentence(doc: str, text: str, start: int, end: int, section: str,
                 spans: Iterable[Iterable[int]] | None) -> _Sentence:
        found = groups.setdefault((doc, text), {})
        if (start, end) not in found:
            found[(start, end)] = _Sentence(doc, start, end, section, text,
                                            [list(s) for s in spans] if spans else None)
        return found[(start, end)]

    for node in graph.nodes.values():
        for ev in node.evidence:
            if ev.doc and ev.text and ev.start is not None and ev.end is not None:
                s = sentence(ev.doc, ev.text, ev.start, ev.end, ev.section or "", ev.spans)
                if node.type not in NOT_ENTITIES:
                    s.entities.setdefault(node.id, _position(ev.text, ev.surface))
    for edge in graph.edges.values():
        for ev in edge.evidence:
            if not (ev.doc and ev.text and ev.start is not None and ev.end is not None):
                continue
            if edge.type == "MENTIONS":  # the mention's own offsets, in its sentence
                mentions.append((ev.doc, ev.text, ev.start, ev.surface or "", edge.target, ev.section or ""))
                continue
            s = sentence(ev.doc, ev.text, ev.start, ev.end, ev.section or "", ev.spans)
            if edge.type not in lexical:
                s.relations.setdefault(edge.id, {"id": edge.id, "type": edge.type, "source": edge.source,
                                                 "target": edge.target})
    by_sentence: dict[tuple[str, str], list[tuple[int, str, str, str]]] = {}
    for doc, text, start, surface, node_id, section in mentions:
        by_sentence.setdefault((doc, text), []).append((start, surface, node_id, section))
    for (doc, text), found_here in by_sentence.items():
        if (doc, text) not in groups:  # a sentence only mentions point to: its start from theirs and their places
            begin = _sentence_start(text, [(m[0], m[1]) for m in found_here])
            sentence(doc, text, begin, begin + len(text), found_here[0][3], None)
        found = groups[(doc, text)]
        for start, surface, node_id, _ in found_here:
            home = next((s for s in found.values() if s.contains(start)), None)
            if home is None:
                home = min(found.values(), key=lambda s: abs(s.start - start))
            offset = text.find(surface) if surface else -1
            place = offset if offset >= 0 else len(text)
            home.entities[node_id] = min(home.entities.get(node_id, place), place)
    out = []
    all_sentences = sorted((s for found in groups.values() for s in found.values()),
                           key=lambda s: (s.doc, s.start, s.end, s.text))
    for s in all_sentences:
        record: dict[str, Any] = {"doc": s.doc, "start": s.start, "end": s.end, "section": s.section, "text": s.text}
        if s.spans:
            record["spans"] = s.spans
        order = sorted(s.entities.items(), key=lambda kv: (kv[1], kv[0]))
        record["entities"] = [_entity(graph, nid) for nid, _ in order if nid in graph.nodes]
        record["relations"] = [s.relations[k] for k in sorted(s.relations)]
        out.append(record)
    return out


def _position(text: str, surface: str | None) -> int:
    if surface:
        k = text.find(surface.split(" | ")[0])
        if k >= 0:
            return k
    return len(text)


def _sentence_start(text: str, found: list[tuple[int, str]]) -> int:
    """The start that agrees with every mention's offset and its place in the text (the smallest such), else the
    earliest the first mention allows."""
    agreed: set[int] | None = None
    for start, surface in found:
        places = {start - k for k in _occurrences(text, surface)} or {start}
        agreed = places if agreed is None else agreed & places
    if agreed:
        return max(0, min(agreed))
    start, surface = min(found)
    return max(0, start - max(0, text.find(surface)))


def _occurrences(text: str, surface: str) -> list[int]:
    out, k = [], text.find(surface) if surface else -1
    while k >= 0:
        out.append(k)
        k = text.find(surface, k + 1)
    return out


def _entity(graph: PolicyGraph, node_id: str) -> dict[str, str]:
    node = graph.nodes[node_id]
    item = {"id": node.id, "type": node.type, "name": node.name}
    if node.name_zh:
        item["name_zh"] = node.name_zh
    return item


def _keys(record: dict[str, Any]) -> str:
    return " ".join(entity_token(e["id"]) for e in record["entities"])


def _types(record: dict[str, Any]) -> str:
    return "|" + "|".join(sorted({e["type"] for e in record["entities"]})) + "|"


# ----------------------------------------------------------------------------------------------- the index
def index_path(cache_file: Path) -> Path:
    """Where the index of a graph cache file lives: beside it, keyed alike (graph-KEY.sqlite → search-KEY.sqlite)."""
    return cache_file.with_name(PREFIX + cache_file.name.removeprefix("graph-"))


def _graph_stamp(cache_file: Path) -> str:
    stat = cache_file.stat()
    return f"{cache_file.name}:{stat.st_size}:{stat.st_mtime_ns}"


def _row_sha(n: int, doc: str, types: str, data: bytes) -> bytes:
    h = hashlib.sha256(f"{n}\x00{doc}\x00{types}\x00".encode())
    h.update(data)
    return h.digest()


def _fill(db: sqlite3.Connection, graph: PolicyGraph, stamp: str) -> int:
    db.execute("BEGIN")
    for statement in _DDL:
        db.execute(statement)
    db.executemany("INSERT INTO info VALUES (?, ?)", [("format", FORMAT), ("version", str(VERSION)),
                                                      ("graph", stamp)])
    records = sentences(graph)
    rows, bodies = [], []
    for n, record in enumerate(records, 1):
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
        types = _types(record)
        rows.append((n, record["doc"], types, _row_sha(n, record["doc"], types, data), data))
        bodies.append((n, _index_text(record["text"]), _keys(record)))
    db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO fts (rowid, body, entities) VALUES (?, ?, ?)", bodies)
    db.execute("COMMIT")
    return len(records)


_EXPECTED: set[tuple[str, str, str, str | None]] | None = None


def _expected_objects() -> set[tuple[str, str, str, str | None]]:
    """The database objects of an index (FTS5 adds its shadow tables): made once, in memory, from :data:`_DDL`."""
    global _EXPECTED
    if _EXPECTED is None:
        db = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for statement in _DDL:
                db.execute(statement)
            _EXPECTED = set(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        finally:
            db.close()
    return _EXPECTED


def _open_file(path: Path, stamp: str) -> sqlite3.Connection:
    """The index file, read-only and checked; IndexDamaged (or FileNotFoundError) when it cannot be used."""
    with path.open("rb") as fh:
        head = fh.read(100)
        size = os.fstat(fh.fileno()).st_size
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        raise IndexDamaged("not a search index")
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    if head[24:28] != head[92:96] or page * int.from_bytes(head[28:32], "big") != size:
        raise IndexDamaged(f"file of {size} bytes, its header says otherwise")
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
    try:
        db.execute("PRAGMA trusted_schema=OFF")
        db.execute("PRAGMA cell_size_check=ON")
        if set(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")) != _expected_objects():
            raise IndexDamaged("not a search index")
        info = dict(db.execute("SELECT key, value FROM info"))
    except sqlite3.Error as exc:
        db.close()
        raise IndexDamaged(f"not a search index ({exc})") from None
    except IndexDamaged:
        db.close()
        raise
    if info.get("format") != FORMAT or info.get("version") != str(VERSION) or info.get("graph") != stamp:
        db.close()
        raise _Stale()
    return db


class _Stale(IndexDamaged):
    """Built by another version or for another graph file: rebuilt without a warning."""


def _write_file(path: Path, graph: PolicyGraph, stamp: str) -> None:
    """Write the index atomically (a temporary file in the cache folder, then os.replace)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".search-", suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            _fill(db, graph, stamp)
        finally:
            db.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        raise OSError(f"cannot write the search index: {exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# Indexes of graphs that have no cache file (built in memory, or a cache folder that cannot be written), kept while
# the graph lives and as long as its node and edge counts are unchanged.
_IN_MEMORY: weakref.WeakKeyDictionary[PolicyGraph, tuple[tuple[int, int], sqlite3.Connection]] = \
    weakref.WeakKeyDictionary()


def _memory_index(graph: PolicyGraph) -> sqlite3.Connection:
    stamp = (len(graph.nodes), len(graph.edges))
    known = _IN_MEMORY.get(graph)
    if known is not None and known[0] == stamp:
        return known[1]
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _fill(db, graph, "memory")
    _IN_MEMORY[graph] = (stamp, db)
    return db


def _warn(message: str) -> None:
    print(f"Warning: {message}", file=sys.stderr)


class _Index:
    """An open index: the file beside the graph cache (built when missing, stale or damaged) or one in memory."""

    def __init__(self, graph: PolicyGraph, cache_file: Path | None):
        self.graph = graph
        self.cache_file = cache_file if cache_file is not None and cache_file.is_file() else None
        self.path = index_path(self.cache_file) if self.cache_file is not None else None
        self.db = self._open()

    def _open(self, damaged: str = "") -> sqlite3.Connection:
        if self.cache_file is None or self.path is None:
            return _memory_index(self.graph)
        stamp = _graph_stamp(self.cache_file)
        if not damaged:
            try:
                return _open_file(self.path, stamp)
            except FileNotFoundError:
                pass
            except _Stale:
                pass
            except (IndexDamaged, OSError) as exc:
                damaged = str(exc)
        try:
            _write_file(self.path, self.graph, stamp)
        except OSError as exc:
            _warn(f"search index {self.path} not writable; searching an index in memory ({exc})")
            return _memory_index(self.graph)
        if damaged:
            _warn(f"search index {self.path} was damaged; rebuilt ({damaged})")
        return _open_file(self.path, stamp)

    def rebuild(self, reason: str) -> None:
        if self.path is None:
            raise IndexDamaged(f"the search index in memory failed ({reason})")
        self.db.close()
        self.db = self._open(damaged=reason)

    def rows(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        return self.db.execute(sql, args).fetchall()

    def close(self) -> None:
        if self.path is not None:
            self.db.close()


# ----------------------------------------------------------------------------------------------- searching
@dataclass
class SearchResult:
    """Sentences that match a query, best first, with how many match in all and in which documents."""

    query: Query
    doc: str | None
    type: str | None
    limit: int
    backend: str
    total: int
    documents: dict[str, int]
    hits: list[dict[str, Any]]
    unfiltered: int | None = None  # when filters left nothing: how many match without them

    @property
    def message(self) -> str:
        if self.hits:
            shown = f"showing {len(self.hits)}, best first" if len(self.hits) < self.total else "best first"
            docs = len(self.documents)
            return (f"{self.total} sentence{'s' if self.total != 1 else ''} in {docs} document"
                    f"{'s' if docs != 1 else ''} {'match' if self.total != 1 else 'matches'} {self._asked()} ({shown})")
        why = ""
        if self.unfiltered:
            why = f"; {self.unfiltered} match without {self._filters()}"
        return f"No sentence matches {self._asked()}{why}"

    def _asked(self) -> str:
        parts = [" ".join(f'"{t}"' if " " in t else t for t in self.query.terms)]
        if self.doc:
            parts.append(f"in {self.doc}")
        if self.type:
            parts.append(f"mentioning a {self.type}")
        return " ".join(parts)

    def _filters(self) -> str:
        return " and ".join(f for f in (f"--doc {self.doc}" if self.doc else "",
                                        f"--type {self.type}" if self.type else "") if f)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query.text, "terms": list(self.query.terms), "named": self.query.names(), "doc": self.doc,
                "type": self.type,
                "limit": self.limit, "backend": self.backend, "total": self.total, "documents": self.documents,
                "message": self.message, "hits": self.hits}

    def to_text(self, width: int = 160) -> str:
        from policykg.query.reports import _window

        lines = [self.message]
        named = sorted({names[0] for n in self.query._named() for names in n.values() if names})
        if named and self.hits:
            lines.append("A term also matches a mention of the entity it names (marked *): " + ", ".join(named))
        for hit in self.hits:
            lines.append(f"{hit['rank']:>3}. [{hit['doc']} {hit['start']}-{hit['end']} § {hit['section']}] "
                         f"(score {hit['score']:.3f})")
            lines.append("     " + _window(hit["text"], hit["focus"], width))
            if hit["entities"]:
                names = [f"{e['name']} ({e['type']}){'*' if e['id'] in hit['via'] else ''}" for e in hit["entities"]]
                lines.append("     mentions: " + ", ".join(names))
        return "\n".join(lines) + "\n"


def _filters(graph_types: Iterable[str], docs: Iterable[str], doc: str | None, node_type: str | None,
             limit: int) -> tuple[str | None, str | None]:
    if limit < 1:
        raise PolicykgError(f"search: --limit must be at least 1, not {limit}")
    if doc is not None:
        known = sorted(docs)
        if doc not in known:
            raise NotFoundError(f"search: unknown document {doc!r}; known: {', '.join(known)}")
    if node_type is not None:
        types = sorted(t for t in graph_types if t not in NOT_ENTITIES)
        by_fold = {t.casefold(): t for t in types}
        if node_type.casefold() not in by_fold:
            raise NotFoundError(f"search: unknown entity type {node_type!r}; known: {', '.join(types)}")
        node_type = by_fold[node_type.casefold()]
    return doc, node_type


def _documents(graph: PolicyGraph) -> list[str]:
    listed = graph.meta.get("documents")
    if isinstance(listed, list) and all(isinstance(d, str) for d in listed):
        return listed
    return sorted(str(n.properties.get("doc", n.id.removeprefix("document:"))) for n in graph.nodes_of_type("Document"))


def search(graph: PolicyGraph, text: str, doc: str | None = None, node_type: str | None = None,
           limit: int = DEFAULT_LIMIT, cache_file: Path | None = None, exact: bool = False) -> SearchResult:
    """The evidence sentences that hold every term of ``text`` (in their words, or, unless ``exact``, as a mention
    of an entity the term names: ``semiconductor`` also finds 半导体), best first (BM25), at most ``limit``; ``doc``
    keeps one document, ``node_type`` the sentences that mention an entity of that type. The index is kept
    beside ``cache_file`` (the graph's cache file) when given, else in memory."""
    query = parse_query(text)
    if not exact:
        query = name_entities(graph, query)
    doc, node_type = _filters(graph.schema.node_types, _documents(graph), doc, node_type, limit)
    index = _Index(graph, cache_file)
    try:
        try:
            return _search(index, query, doc, node_type, limit)
        except (sqlite3.DatabaseError, IndexDamaged) as exc:
            index.rebuild(str(exc))
            return _search(index, query, doc, node_type, limit)
    finally:
        index.close()


def _where(doc: str | None, node_type: str | None) -> tuple[str, tuple[Any, ...]]:
    sql, args = "fts MATCH ?", tuple[Any, ...]()
    if doc is not None:
        sql, args = sql + " AND s.doc = ?", (*args, doc)
    if node_type is not None:
        sql, args = sql + " AND instr(s.types, ?) > 0", (*args, f"|{node_type}|")
    return sql, args


def _search(index: _Index, query: Query, doc: str | None, node_type: str | None, limit: int) -> SearchResult:
    match = query.fts()
    where, args = _where(doc, node_type)
    counts = index.rows(f"SELECT s.doc, count(*) FROM fts JOIN sentences s ON s.n = fts.rowid WHERE {where} "
                        "GROUP BY s.doc ORDER BY s.doc", (match, *args))
    rows = index.rows(f"SELECT s.n, s.doc, s.types, s.sha, s.data, bm25(fts) AS rank FROM fts "
                      f"JOIN sentences s ON s.n = fts.rowid WHERE {where} ORDER BY rank, s.n LIMIT ?",
                      (match, *args, limit))
    hits: list[dict[str, Any]] = []
    for n, row_doc, types, sha, data, rank in rows:
        if not (isinstance(data, bytes) and isinstance(row_doc, str) and isinstance(types, str)) \
                or _row_sha(n, row_doc, types, data) != sha:
            raise IndexDamaged(f"sentence {n}: sha256 mismatch")
        try:
            record = json.loads(data)
        except ValueError:
            raise IndexDamaged(f"sentence {n}: not JSON") from None
        if not isinstance(record, dict) or record.get("doc") != row_doc or _types(record) != types \
                or (doc is not None and row_doc != doc) or (node_type is not None and f"|{node_type}|" not in types):
            raise IndexDamaged(f"sentence {n}: its columns disagree with its content")
        hits.append(_hit(len(hits) + 1, -rank, record, query))
    documents = {d: c for d, c in counts}
    result = SearchResult(query, doc, node_type, limit, "embedded", sum(documents.values()), documents, hits)
    if not hits and (doc or node_type):
        result.unfiltered = index.rows("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,))[0][0]
    return result


def _hit(rank: int, score: float, record: dict[str, Any], query: Query) -> dict[str, Any]:
    hit: dict[str, Any] = {"rank": rank, "score": round(score, 6), "doc": record["doc"], "section": record["section"],
                           "start": record["start"], "end": record["end"], "text": record["text"]}
    if record.get("spans"):
        hit["spans"] = record["spans"]
    hit["entities"] = record.get("entities", [])
    ids = [e["id"] for e in hit["entities"]]
    hit["focus"] = query.focus(record["text"], ids)
    hit["via"] = query.via(ids)
    hit["relations"] = record.get("relations", [])
    return hit


# ----------------------------------------------------------------------------------------------- Neo4j
def neo4j_rows(graph: PolicyGraph) -> list[dict[str, Any]]:
    """The ``:Sentence`` nodes ``neo4j load`` writes: id (doc:start-end), doc, section, start, end, text, the ids and
    types of the entities it mentions (lists), the relations it is evidence for (a JSON string)."""
    rows = []
    for record in sentences(graph):
        sid = f"{record['doc']}:{record['start']}-{record['end']}"
        rows.append({"id": sid, "props": {
            "id": sid, "doc": record["doc"], "section": record["section"], "start": record["start"],
            "end": record["end"], "text": record["text"], "entities": [e["id"] for e in record["entities"]],
            "types": sorted({e["type"] for e in record["entities"]}), "keys": _keys(record),
            "relations": json.dumps(record["relations"], ensure_ascii=False, separators=(",", ":"))}})
    return rows
