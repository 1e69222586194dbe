"""The graph cache as plain data: a SQLite database that a command opens in a millisecond and reads by id.

Nothing in a cache file can run code when it is read. The file is a SQLite database (standard library) with
four tables and their indexes, exactly as :data:`_DDL` declares them:

- ``info``: the format name and version;
- ``parts``: the schema (as data: node and relationship types with their properties), the rejected facts, and
  each top-level key of the build's ``meta`` (the proposals listing, timings …) as its own row;
- ``nodes``: one row per node, in the graph's order: its id, type, names (for name lookup) and the node as JSON
  (pydantic-core), evidence and statements included;
- ``edges``: one row per edge, in the graph's order: id, source, target, type, the row number of the first edge
  between the same two nodes (so that adjacency comes back in the networkx mirror's order) and the edge as JSON.

A command opens the file read-only and reads only the rows it touches: a report on a graph of 26,000 nodes parses
a few hundred of them, and the evidence texts, the lexical layer (documents, sections, mentions) and ``meta`` stay
on disk unless asked for. :class:`StoredGraph` is a :class:`~policykg.graph.model.PolicyGraph` whose ``nodes``,
``edges`` and ``meta`` are dicts that fill themselves from the file (:class:`LazyDict`), whose adjacency queries
go to the indexes, and whose networkx mirror is built only when something asks for it. The first change to the
graph (``add_node``, ``add_edge``, ``sort`` …) loads it whole and it behaves as a graph built in memory.

Integrity, at the cost of what is read: on opening, the file must be a SQLite database whose length matches its
header (a truncated file is refused), with exactly our tables and indexes (no views or triggers), and this
format's name and version. Every row carries the sha256 of its content (all its columns) and is checked when it
is read; a row is then parsed and validated by the pydantic models (node, edge, evidence), its columns must agree
with its JSON, and an edge's two ends must be nodes of the file. Anything else raises :class:`CacheDamaged`:
when the file is opened, ``load_or_build`` rebuilds it (one warning line); when a damaged row is found later, the
file is removed, so that the next run rebuilds it, and the error names it (one line on the command line).

The file is written once, to a temporary name in the cache folder, and renamed into place; it is opened with
``immutable=1``, so readers take no lock and write nothing (a read-only cache folder is fine).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import zlib
from collections import Counter
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from policykg.errors import PolicykgError
from policykg.graph.model import Edge, Node, PolicyGraph, Rejection
from policykg.graph.schema import NodeTypeSpec, PropertySpec, RelTypeSpec, Schema

if TYPE_CHECKING:
    import networkx as nx

FORMAT = "policykg-graph"
VERSION = 5  # 3: nodes and edges carry their statements (and how a property was picked); 4: meta values zlib;
# 5: meta values raw deflate (the listing splices in blocks compressed by earlier builds)
SUFFIX = ".sqlite"
TEMP_PREFIX = ".graph-"  # temporary files (``.graph-XXXX.tmp``) never carry a cache file's name: never read
_TUPLE = "~tuple"  # meta is any JSON-able dict; its tuples are written {"~tuple": [...]} and read back as tuples
_DICT = "~dict"  # a dict that uses a tag as a key is written {"~dict": [[key, value], ...]} and read back as it was
_SQLITE_MAGIC = b"SQLite format 3\x00"

# The whole database schema. Opening a file checks that sqlite_master holds exactly these objects.
_DDL: list[tuple[str, str, str]] = [
    ("table", "info", "CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
    ("table", "parts", "CREATE TABLE parts (name TEXT PRIMARY KEY, data BLOB NOT NULL, sha BLOB NOT NULL)"),
    ("table", "nodes", "CREATE TABLE nodes (n INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, "
                       "names BLOB NOT NULL, dsha BLOB NOT NULL, sha BLOB NOT NULL, data BLOB NOT NULL)"),
    ("table", "edges", "CREATE TABLE edges (n INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, "
                       "target TEXT NOT NULL, type TEXT NOT NULL, pair INTEGER NOT NULL, sha BLOB NOT NULL, "
                       "data BLOB NOT NULL)"),
    ("index", "nodes_id", "CREATE UNIQUE INDEX nodes_id ON nodes (id)"),
    ("index", "nodes_type", "CREATE INDEX nodes_type ON nodes (type, n)"),
    ("index", "edges_id", "CREATE UNIQUE INDEX edges_id ON edges (id)"),
    ("index", "edges_source", "CREATE INDEX edges_source ON edges (source, type, pair, n, id)"),
    ("index", "edges_target", "CREATE INDEX edges_target ON edges (target, type, pair, n, id)"),
    ("index", "edges_type", "CREATE INDEX edges_type ON edges (type, n, id)"),
]
_OBJECTS = {(kind, name, name if kind == "table" else name.split("_")[0], sql) for kind, name, sql in _DDL} | {
    ("index", f"sqlite_autoindex_{table}_1", table, None) for table in ("info", "parts")}  # their primary keys
_NODE_COLS = "n, id, type, names, dsha, sha, data"
_EDGE_COLS = "n, id, source, target, type, pair, sha, data"
# the same, and whether both ends are nodes of the file (looked up in the id index by SQLite)
_EDGE_READ = (f"{_EDGE_COLS}, EXISTS (SELECT 1 FROM nodes WHERE nodes.id = edges.source) "
              "AND EXISTS (SELECT 1 FROM nodes WHERE nodes.id = edges.target)")


class CacheDamaged(PolicykgError, ValueError):
    """The cache file is not a graph this version wrote: unreadable, truncated, edited or something else."""


# ----------------------------------------------------------------------------------------------- writing
def write(path: Path, graph: PolicyGraph) -> None:
    """Write the cache file atomically (a temporary file in the same folder, then os.replace); OSError when the
    folder cannot be created or written, and then no file is left behind. TypeError when meta holds something
    other than plain data."""
    node_json = Node.__pydantic_serializer__.to_json
    edge_json = Edge.__pydantic_serializer__.to_json

    def node_rows() -> Iterator[tuple[Any, ...]]:  # made as SQLite takes them: the graph's JSON is never held whole
        for n, node in enumerate(graph.nodes.values(), 1):
            names = json.dumps([node.name, node.name_zh, node.aliases], ensure_ascii=False).encode()
            data = node_json(node, exclude_none=True)  # a None field is its default
            dsha = hashlib.sha256(data).digest()  # the row's sha256 covers its names and the sha256 of its data
            yield n, node.id, node.type, names, dsha, _node_sha(n, node.id, node.type, names, dsha), data

    def edge_rows() -> Iterator[tuple[Any, ...]]:
        first: dict[tuple[str, str], int] = {}
        for n, edge in enumerate(graph.edges.values(), 1):
            pair = first.setdefault((edge.source, edge.target), n)
            data = edge_json(edge, exclude_none=True)
            yield n, edge.id, edge.source, edge.target, edge.type, pair, _edge_sha(n, pair, data), data

    meta_keys = list(graph.meta)
    fixed = [("schema", _schema_data(graph.schema)),
             ("rejected", _dumps([[r.stage, r.fact, r.reason, r.where] for r in graph.rejected])),
             ("meta", _dumps(meta_keys))]

    def parts() -> Iterator[tuple[str, bytes, bytes]]:  # a meta value at a time
        for name, data in fixed:
            yield name, data, _part_sha(name, data)
        for k in meta_keys:
            data = _meta_data(graph.meta[k])
            yield f"meta:{k}", data, _part_sha(f"meta:{k}", data)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=OFF")  # one writer, a private file: no journal beside it
            db.execute("PRAGMA synchronous=OFF")
            db.execute("BEGIN")
            for kind, _, sql in _DDL:
                if kind == "table":
                    db.execute(sql)
            db.executemany("INSERT INTO info VALUES (?, ?)", [("format", FORMAT), ("version", str(VERSION))])
            db.executemany("INSERT INTO parts VALUES (?, ?, ?)", parts())
            db.executemany(f"INSERT INTO nodes ({_NODE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)", node_rows())
            db.executemany(f"INSERT INTO edges ({_EDGE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", edge_rows())
            for kind, _, sql in _DDL:
                if kind == "index":
                    db.execute(sql)
            db.execute("COMMIT")
        finally:
            db.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:  # a full disk, a folder that vanished: as any other failed write
        raise OSError(f"cannot write the cache: {exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# Each row's sha256 covers what the row says. An edge's JSON holds its id, ends and type (checked against the
# columns once parsed), so its hash covers its place (n, pair) and its JSON. A node's covers its place, id, type and
# names (read without the JSON by name lookup) and the sha256 of its JSON (dsha).
def _edge_sha(n: int, pair: int, data: bytes) -> bytes:
    h = hashlib.sha256(b"%d %d " % (n, pair))
    h.update(data)
    return h.digest()


def _node_sha(n: int, nid: str, ntype: str, names: bytes, dsha: bytes) -> bytes:
    return hashlib.sha256(b"%d\x00%s\x00%s\x00%s\x00%s" % (n, nid.encode(), ntype.encode(), names, dsha)).digest()


def _part_sha(name: str, data: bytes) -> bytes:
    h = hashlib.sha256(name.encode() + b"\x00")
    h.update(data)
    return h.digest()


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _schema_data(schema: Schema) -> bytes:
    def props(specs: dict[str, PropertySpec]) -> list[list[str]]:
        return [[p.name, p.type, p.description] for p in specs.values()]

    return _dumps({
        "namespace": schema.namespace, "resource_base": schema.resource_base, "path": str(schema.path),
        "node_types": [[t.name, t.description, t.color, t.lexical, props(t.properties)]
                       for t in schema.node_types.values()],
        "rel_types": [[t.name, t.description, sorted(t.sources), sorted(t.targets), t.lexical, props(t.properties)]
                      for t in schema.rel_types.values()]})


def _schema_from(raw: Any, path: Path | None) -> Schema:
    def props(items: list[list[str]]) -> dict[str, PropertySpec]:
        return {name: PropertySpec(name, ptype, desc) for name, ptype, desc in items}

    return Schema(
        namespace=raw["namespace"], resource_base=raw["resource_base"],
        node_types={name: NodeTypeSpec(name, desc, color, bool(lexical), props(p))
                    for name, desc, color, lexical, p in raw["node_types"]},
        rel_types={name: RelTypeSpec(name, desc, frozenset(src), frozenset(dst), bool(lexical), props(p))
                   for name, desc, src, dst, lexical, p in raw["rel_types"]},
        path=path if path is not None else Path(raw["path"]))


# ----------------------------------------------------------------------------------------------- reading
def read(path: Path, schema: Schema | None = None, schema_path: Path | None = None) -> StoredGraph:
    """Open and check a cache file. The graph's schema is the one stored in the file (it was keyed by the schema
    file's content), with ``schema_path`` as its path, unless ``schema`` is given. OSError when the file cannot
    be read; CacheDamaged when it is not a graph cache of this format."""
    store = _Store(path)
    try:
        raw = store.part("schema") if schema is None else None
        graph = StoredGraph(store, schema if schema is not None else _schema_from(raw, schema_path))
    except (CacheDamaged, KeyError, TypeError, ValueError) as exc:
        store.close()
        raise exc if isinstance(exc, CacheDamaged) else CacheDamaged("invalid content: schema") from None
    store.opened = True
    return graph


class _Store:
    """One open cache file, read-only; every row read is checked (sha256, then pydantic)."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = threading.RLock()
        self.opened = False  # damage found while opening is reported to the caller, which rebuilds
        with path.open("rb") as fh:
            head = fh.read(100)
            stat = os.fstat(fh.fileno())
        size, self.inode = stat.st_size, (stat.st_dev, stat.st_ino)
        if len(head) < 100 or not head.startswith(_SQLITE_MAGIC):
            raise CacheDamaged("not a policykg graph cache")
        page = int.from_bytes(head[16:18], "big")
        page = 65536 if page == 1 else page
        pages = int.from_bytes(head[28:32], "big")
        if head[24:28] != head[92:96] or page * pages != size:  # the page count is valid only when these agree
            raise CacheDamaged(f"file of {size} bytes, header says {page * pages}")
        try:
            self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                      check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise CacheDamaged(f"not a policykg graph cache ({exc})") from None
        try:
            self.db.execute("PRAGMA trusted_schema=OFF")  # nothing in the file may call functions
            self.db.execute("PRAGMA cell_size_check=ON")
            objects = set(self.db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
            if objects != _OBJECTS:
                raise CacheDamaged("not a policykg graph cache")
            info = dict(self.db.execute("SELECT key, value FROM info"))
        except sqlite3.Error as exc:
            self.db.close()
            raise CacheDamaged(f"not a policykg graph cache ({exc})") from None
        except CacheDamaged:
            self.db.close()
            raise
        if info.get("format") != FORMAT:
            self.db.close()
            raise CacheDamaged("not a policykg graph cache")
        if info.get("version") != str(VERSION):
            self.db.close()
            raise CacheDamaged(f"format version {info.get('version')}, expected {VERSION}")

    def close(self) -> None:
        self.db.close()

    def damaged(self, reason: str) -> CacheDamaged:
        """The error for damage found after opening: the file is removed so that the next run rebuilds it."""
        if not self.opened:
            return CacheDamaged(reason)
        removed = "remove it to rebuild"
        try:
            stat = self.path.stat()
            if (stat.st_dev, stat.st_ino) == self.inode:  # not a file another run has put in its place since
                self.path.unlink()
                removed = "removed: the next run rebuilds it"
        except OSError:
            pass
        return CacheDamaged(f"cache {self.path} is damaged ({reason}); {removed}")

    def rows(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        with self.lock:
            try:
                return self.db.execute(sql, tuple(args)).fetchall()
            except sqlite3.Error as exc:
                raise self.damaged(str(exc)) from None

    def stream(self, sql: str, args: Iterable[Any] = (), chunk: int = 512) -> Iterator[Any]:
        with self.lock:
            try:
                cur = self.db.execute(sql, tuple(args))
            except sqlite3.Error as exc:
                raise self.damaged(str(exc)) from None
        while True:
            with self.lock:
                try:
                    batch = cur.fetchmany(chunk)
                except sqlite3.Error as exc:
                    raise self.damaged(str(exc)) from None
            if not batch:
                return
            yield from batch

    def part(self, name: str) -> Any:
        rows = self.rows("SELECT data, sha FROM parts WHERE name = ?", (name,))
        if not rows:
            raise self.damaged(f"no {name} part")
        data, sha = rows[0]
        if _part_sha(name, data) != sha:
            raise self.damaged(f"part {name}: sha256 mismatch")
        try:
            if name.startswith("meta:"):
                data = inflate(data)
            return json.loads(data, object_hook=_decode)
        except (ValueError, RecursionError, zlib.error) as exc:
            raise self.damaged(f"part {name}: {_first_line(str(exc))}") from None

    # rows -> objects
    def node_data(self, row: tuple[Any, ...]) -> bytes:
        """The JSON of a node row, once its sha256 is checked."""
        n, nid, ntype, names, dsha, sha, data = row
        if _node_sha(n, nid, ntype, names, dsha) != sha or hashlib.sha256(data).digest() != dsha:
            raise self.damaged(f"node {nid}: sha256 mismatch")
        return cast(bytes, data)

    def edge_data(self, row: tuple[Any, ...]) -> bytes:
        n, eid, _source, _target, _etype, pair, sha, data = row[:8]
        if _edge_sha(n, pair, data) != sha:
            raise self.damaged(f"edge {eid}: sha256 mismatch")
        return cast(bytes, data)

    def properties(self, what: str, key: str, data: bytes) -> dict[str, Any]:
        """The ``properties`` of a node's or edge's checked JSON, parsed without the rest of the object (its
        evidence): what a load checks before it writes anything."""
        try:
            value = json.loads(data)
            props = value.get("properties", {})
        except (ValueError, RecursionError, AttributeError) as exc:
            raise self.damaged(f"invalid content: {what} {key}: {_first_line(str(exc))}") from None
        if not isinstance(props, dict):
            raise self.damaged(f"invalid content: {what} {key}: properties is not a map")
        return props

    def node(self, row: tuple[Any, ...]) -> Node:
        nid, ntype, data = row[1], row[2], self.node_data(row)
        try:
            node = Node.model_validate_json(data)
        except ValueError as exc:
            raise self.damaged(f"invalid content: node {nid}: {_first_line(str(exc))}") from None
        if node.id != nid or node.type != ntype:
            raise self.damaged(f"invalid content: node {nid} is stored as {node.id} ({node.type})")
        return node

    def edge(self, row: tuple[Any, ...], node_ids: Callable[[str, str], bool] | None = None) -> Edge:
        """The edge of a row of _EDGE_READ (whose last column says whether both ends exist), or of _EDGE_COLS
        with ``node_ids`` to ask."""
        _, eid, source, target, etype = row[:5]
        data = self.edge_data(row)
        try:
            edge = Edge.model_validate_json(data)
        except ValueError as exc:
            raise self.damaged(f"invalid content: edge {eid}: {_first_line(str(exc))}") from None
        if (edge.id, edge.source, edge.target, edge.type) != (eid, source, target, etype):
            raise self.damaged(f"invalid content: edge {eid} is stored as {edge.id}")
        if not (row[8] if node_ids is None else node_ids(source, target)):
            raise self.damaged(f"invalid content: edge {eid} ends at an unknown node")
        return edge


K = TypeVar("K")
V = TypeVar("V")


class _Source(Generic[V]):
    """What a LazyDict reads: ids in order, one object by id, all objects in order."""

    store: _Store
    table: str  # nodes or edges
    _count: int | None = None

    def ids(self) -> list[str]:
        return [r[0] for r in self.store.rows(f"SELECT id FROM {self.table} ORDER BY n")]

    def count(self) -> int:
        if self._count is None:
            self._count = self.store.rows(f"SELECT count(*) FROM {self.table}")[0][0]
        return self._count

    def has(self, key: str) -> bool:
        return bool(self.store.rows(f"SELECT 1 FROM {self.table} WHERE id = ?", (key,)))

    def get(self, key: str) -> V | None:
        raise NotImplementedError

    def scan(self, have: dict[str, V]) -> Iterator[tuple[str, V]]:
        """Every (id, object) in order; objects already in ``have`` are taken from there (and not re-read)."""
        raise NotImplementedError

    def properties(self, have: dict[str, V]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(id, type, properties) of every object in order, those not in ``have`` parsed from their checked JSON
        without making the objects."""
        raise NotImplementedError


class LazyDict(dict[str, V]):
    """A dict whose entries are read from a store on first use: ``d[key]``, ``key in d``, ``len(d)`` and
    iteration over keys ask the store for what they need; iterating values or items reads rows in order; any
    change (or comparison, copy, repr) first reads every entry, after which it is the plain dict it stands for,
    in the store's order. The objects read are kept: ``d[key] is d[key]``."""

    def __init__(self, source: _Source[V], lock: threading.RLock):
        super().__init__()
        self._source: _Source[V] | None = source
        self._lock = lock
        self._ids: list[str] | None = None
        self._id_set: set[str] | None = None
        self._misses = 0

    # -------------------------------------------------------------------------------- filling
    @property
    def complete(self) -> bool:
        return self._source is None

    def fill(self) -> None:
        """Read every entry, in the store's order (objects read before keep their identity)."""
        with self._lock:
            source = self._source
            if source is None:
                return
            have = dict(dict.items(self))
            entries = list(source.scan(have))
            dict.clear(self)
            dict.update(self, entries)
            self._source = None
            self._ids = self._id_set = None

    def __missing__(self, key: str) -> V:  # dict.__getitem__ calls it for a key not read yet
        source = self._source
        if source is None:
            raise KeyError(key)
        with self._lock:
            if dict.__contains__(self, key):
                return dict.__getitem__(self, key)
            got = source.get(key) if isinstance(key, str) else None
            if got is None and not (isinstance(key, str) and source.has(key)):  # (a meta value may be None)
                raise KeyError(key)
            value = cast(V, got)
            dict.__setitem__(self, key, value)
            self._misses += 1
        if self._misses > 256 and self._misses * 4 > len(self):
            self.fill()  # most of it is wanted one key at a time: one pass in order is cheaper
        return value

    def properties(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(id, type, properties) of every node or edge in order, without reading the entries not read yet (their
        evidence is the bulk of a row): a load checks what it will write in a fraction of a full read."""
        source = self._source
        if source is None:
            for key, value in dict.items(self):
                item = cast("Node | Edge", value)
                yield key, item.type, item.properties
            return
        yield from source.properties(dict(dict.items(self)))

    def cached(self, key: str) -> V | None:
        """The object if it was read already (no store access)."""
        return dict.get(self, key)

    def adopt(self, key: str, make: Callable[[], V]) -> V:
        """The object for ``key``: the one read before, or ``make()`` (kept)."""
        value = dict.get(self, key)
        if value is None:
            with self._lock:
                value = dict.get(self, key)
                if value is None:
                    value = make()
                    if self._source is not None:
                        dict.__setitem__(self, key, value)
        return value

    def _all_ids(self) -> list[str]:
        if self._ids is None:
            assert self._source is not None
            self._ids = self._source.ids()
        return self._ids

    # -------------------------------------------------------------------------------- reading
    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        source = self._source
        if source is None or not isinstance(key, str):
            return False
        if self._id_set is None and self._ids is not None:
            self._id_set = set(self._ids)
        if self._id_set is not None:
            return key in self._id_set
        return source.has(key)

    def __len__(self) -> int:
        source = self._source
        return dict.__len__(self) if source is None else source.count()

    def __iter__(self) -> Iterator[str]:
        if self._source is None:
            return dict.__iter__(self)
        return iter(self._all_ids())

    def __reversed__(self) -> Iterator[str]:
        self.fill()
        return dict.__reversed__(self)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        return dict.keys(self) if self._source is None else KeysView(self)

    def values(self) -> ValuesView[V]:  # type: ignore[override]
        return dict.values(self) if self._source is None else _Values(self)

    def items(self) -> ItemsView[str, V]:  # type: ignore[override]
        return dict.items(self) if self._source is None else _Items(self)

    def _stream(self) -> Iterator[tuple[str, V]]:
        """(key, value) in order, read in one pass; the dict is complete when the pass ends."""
        source = self._source
        if source is None:
            yield from dict.items(self)
            return
        got: list[tuple[str, V]] = []
        have = dict(dict.items(self))
        for key, value in source.scan(have):
            if key not in have:
                with self._lock:
                    value = dict.setdefault(self, key, value)
            got.append((key, value))
            yield key, value
        with self._lock:
            if self._source is not None:
                dict.clear(self)
                dict.update(self, got)
                self._source = None
                self._ids = self._id_set = None

    def __eq__(self, other: object) -> bool:
        self.fill()
        if isinstance(other, LazyDict):
            other.fill()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __repr__(self) -> str:
        self.fill()
        return dict.__repr__(self)

    def copy(self) -> dict[str, V]:
        self.fill()
        return dict(dict.items(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))

    def __or__(self, other: Any) -> Any:
        return self.copy() | other

    def __ror__(self, other: Any) -> Any:
        return other | self.copy()

    # -------------------------------------------------------------------------------- changing: read it all first
    def __setitem__(self, key: str, value: V) -> None:
        self.fill()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self.fill()
        dict.__delitem__(self, key)

    def __ior__(self, other: Any) -> LazyDict[V]:  # type: ignore[override]
        self.fill()
        dict.update(self, other)
        return self

    def pop(self, *args: Any) -> Any:
        self.fill()
        return dict.pop(self, *args)

    def popitem(self) -> tuple[str, V]:
        self.fill()
        return dict.popitem(self)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self.fill()
        return dict.setdefault(self, key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.fill()
        dict.update(self, *args, **kwargs)

    def clear(self) -> None:
        self.fill()
        dict.clear(self)


class _Values(ValuesView[V]):
    def __init__(self, mapping: LazyDict[V]):
        super().__init__(mapping)
        self._lazy = mapping

    def __iter__(self) -> Iterator[V]:
        for _, value in self._lazy._stream():
            yield value

    def __contains__(self, value: object) -> bool:
        return any(v is value or v == value for v in self)


class _Items(ItemsView[str, V]):
    def __init__(self, mapping: LazyDict[V]):
        super().__init__(mapping)
        self._lazy = mapping

    def __iter__(self) -> Iterator[tuple[str, V]]:
        return self._lazy._stream()


class _NodeSource(_Source[Node]):
    table = "nodes"

    def __init__(self, store: _Store):
        self.store = store

    def get(self, key: str) -> Node | None:
        rows = self.store.rows(f"SELECT {_NODE_COLS} FROM nodes WHERE id = ?", (key,))
        return self.store.node(rows[0]) if rows else None

    def scan(self, have: dict[str, Node]) -> Iterator[tuple[str, Node]]:
        for row in self.store.stream(f"SELECT {_NODE_COLS} FROM nodes ORDER BY n"):
            old = have.get(row[1])
            yield row[1], old if old is not None else self.store.node(row)

    def properties(self, have: dict[str, Node]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for row in self.store.stream(f"SELECT {_NODE_COLS} FROM nodes ORDER BY n"):
            old = have.get(row[1])
            yield row[1], row[2], (old.properties if old is not None
                                   else self.store.properties("node", row[1], self.store.node_data(row)))


class _EdgeSource(_Source[Edge]):
    table = "edges"

    def __init__(self, store: _Store, nodes: LazyDict[Node]):
        self.store = store
        self.nodes = nodes

    def get(self, key: str) -> Edge | None:
        rows = self.store.rows(f"SELECT {_EDGE_READ} FROM edges WHERE id = ?", (key,))
        return self.store.edge(rows[0]) if rows else None

    def scan(self, have: dict[str, Edge]) -> Iterator[tuple[str, Edge]]:
        ids = set(self.nodes)  # one pass over the node ids, not a query for each end

        def known(a: str, b: str) -> bool:
            return a in ids and b in ids

        for row in self.store.stream(f"SELECT {_EDGE_COLS} FROM edges ORDER BY n"):
            old = have.get(row[1])
            yield row[1], old if old is not None else self.store.edge(row, known)

    def properties(self, have: dict[str, Edge]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for row in self.store.stream(f"SELECT {_EDGE_COLS} FROM edges ORDER BY n"):
            old = have.get(row[1])
            yield row[1], row[4], (old.properties if old is not None
                                   else self.store.properties("edge", row[1], self.store.edge_data(row)))


class _MetaSource(_Source[Any]):
    def __init__(self, store: _Store):
        self.store = store
        self._keys: list[str] | None = None

    def ids(self) -> list[str]:
        if self._keys is None:
            keys = self.store.part("meta")
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                raise self.store.damaged("invalid content: meta keys")
            self._keys = keys
        return self._keys

    def count(self) -> int:
        return len(self.ids())

    def has(self, key: str) -> bool:
        return key in self.ids()

    def get(self, key: str) -> Any:
        return self.store.part(f"meta:{key}") if key in self.ids() else None

    def scan(self, have: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        for key in self.ids():
            yield key, have[key] if key in have else self.store.part(f"meta:{key}")


class StoredGraph(PolicyGraph):
    """A PolicyGraph read from a cache file on demand (see the module's docstring). It answers like the graph
    that was written: same nodes, edges and evidence, same order, same adjacency order as its networkx mirror."""

    def __init__(self, store: _Store, schema: Schema):  # PolicyGraph.__init__ is not called: nothing in memory
        self.schema = schema
        self._store: _Store | None = store
        self._nx: nx.MultiDiGraph | None = None
        self._rejected: list[Rejection] | None = None
        nodes: LazyDict[Node] = LazyDict(_NodeSource(store), store.lock)
        self._edge_source = _EdgeSource(store, nodes)
        self.nodes = nodes
        self.edges = LazyDict(self._edge_source, store.lock)
        self.meta = LazyDict(_MetaSource(store), store.lock)

    @property
    def path(self) -> Path | None:
        return self._store.path if self._store is not None else None

    # the networkx mirror and the rejected facts: read when asked for
    @property
    def nx(self) -> nx.MultiDiGraph:
        if self._nx is None:
            import networkx as nx

            mirror = nx.MultiDiGraph()  # as PolicyGraph.sort() builds it: nodes, then edges, in their stored order
            if self._store is None:
                mirror.add_nodes_from(self.nodes)
                for e in self.edges.values():
                    mirror.add_edge(e.source, e.target, key=e.id, type=e.type)
            else:  # the mirror of the file, as the graph's methods keep it (a change to a dict does not reach it)
                mirror.add_nodes_from(nid for (nid,) in self._store.rows("SELECT id FROM nodes ORDER BY n"))
                for eid, source, target, etype in self._store.rows(
                        "SELECT id, source, target, type FROM edges ORDER BY n"):
                    mirror.add_edge(source, target, key=eid, type=etype)
            self._nx = mirror
        return self._nx

    @nx.setter
    def nx(self, value: nx.MultiDiGraph) -> None:
        self._nx = value
        self.materialize()  # adjacency follows the new mirror

    @property
    def rejected(self) -> list[Rejection]:
        if self._rejected is None:
            if self._store is None:
                self._rejected = []
            else:
                raw = self._store.part("rejected")
                if not isinstance(raw, list) or not all(
                        isinstance(r, list) and len(r) == 4 and all(isinstance(x, str) for x in r) for r in raw):
                    raise self._store.damaged("invalid content: rejected facts")
                self._rejected = [Rejection(*r) for r in raw]
        return self._rejected

    @rejected.setter
    def rejected(self, value: list[Rejection]) -> None:
        self._rejected = value

    def materialize(self) -> None:
        """Read the whole graph into memory (nodes, edges, meta, rejected facts, the networkx mirror); the file
        is not read again."""
        if self._store is None:
            return
        _ = self.nx, self.rejected
        for mapping in (self.nodes, self.edges, self.meta):
            if isinstance(mapping, LazyDict):  # (unless the attribute was given another dict)
                mapping.fill()
        self._store = None

    def __getstate__(self) -> dict[str, Any]:
        self.materialize()
        state = super().__getstate__()
        state.pop("_edge_source", None)
        state.update(nodes=dict(self.nodes), edges=dict(self.edges), meta=dict(self.meta))
        return state

    # -------------------------------------------------------------------------------- changes load it whole
    def add_node(self, node: Node) -> Node:
        self.materialize()
        return super().add_node(node)

    def add_edge(self, source: str, rel_type: str, target: str, *args: Any, **kwargs: Any) -> Edge | None:
        self.materialize()
        return super().add_edge(source, rel_type, target, *args, **kwargs)

    def remove_node(self, node_id: str) -> None:
        self.materialize()
        super().remove_node(node_id)

    def sort(self) -> None:
        self.materialize()
        super().sort()

    # -------------------------------------------------------------------------------- reading through the indexes
    # Adjacency comes from the indexes while the graph's own methods have not changed it (they load it whole);
    # the by-type lists and counts, while the dict they read from was not read whole (then it may have changed).
    def _lazy(self, mapping: dict[str, Any]) -> _Store | None:
        return self._store if isinstance(mapping, LazyDict) and not mapping.complete else None

    def _edges(self, where: str, args: tuple[Any, ...]) -> list[Edge]:
        """The edges a query selects, in its order: ids from the (covering) index first, then the rows of the
        edges not read before, by row number."""
        store = self._store
        assert store is not None
        edges = self.edges
        assert isinstance(edges, LazyDict)
        out: list[Edge | None] = []
        missing: dict[int, tuple[int, str]] = {}  # row number -> (position, id)
        for n, eid in store.rows(f"SELECT n, id FROM edges {where}", args):
            edge = dict.get(edges, eid)
            if edge is None:
                missing[n] = (len(out), eid)
            out.append(edge)
        numbers = list(missing)
        for i in range(0, len(numbers), 500):
            chunk = numbers[i:i + 500]
            for row in store.rows(f"SELECT {_EDGE_READ} FROM edges WHERE n IN ({', '.join('?' * len(chunk))})",
                                  chunk):
                pos, eid = missing.pop(row[0])
                if row[1] != eid:
                    raise store.damaged(f"index of edges: {eid} is row {row[0]}, which holds {row[1]}")
                out[pos] = edges.adopt(eid, partial(store.edge, row))
        if missing:
            raise store.damaged(f"index of edges: no row {next(iter(missing))}")
        return [e for e in out if e is not None]

    def out_edges(self, node_id: str, rel_type: str | None = None) -> list[Edge]:
        if self._store is None or not isinstance(self.edges, LazyDict):
            return super().out_edges(node_id, rel_type)
        if rel_type is None:
            return self._edges("WHERE source = ? ORDER BY pair, n", (node_id,))
        return self._edges("WHERE source = ? AND type = ? ORDER BY pair, n", (node_id, rel_type))

    def in_edges(self, node_id: str, rel_type: str | None = None) -> list[Edge]:
        if self._store is None or not isinstance(self.edges, LazyDict):
            return super().in_edges(node_id, rel_type)
        if rel_type is None:
            return self._edges("WHERE target = ? ORDER BY pair, n", (node_id,))
        return self._edges("WHERE target = ? AND type = ? ORDER BY pair, n", (node_id, rel_type))

    def edges_of_type(self, rel_type: str) -> list[Edge]:
        if self._lazy(self.edges) is None:
            return super().edges_of_type(rel_type)
        return self._edges("WHERE type = ? ORDER BY n", (rel_type,))

    def nodes_of_type(self, node_type: str) -> list[Node]:
        store, nodes = self._lazy(self.nodes), self.nodes
        if store is None or not isinstance(nodes, LazyDict):
            return super().nodes_of_type(node_type)
        found = [nodes.adopt(row[1], partial(store.node, row))
                 for row in store.rows(f"SELECT {_NODE_COLS} FROM nodes WHERE type = ? ORDER BY n", (node_type,))]
        return sorted(found, key=lambda n: n.id)

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        store, edge_store = self._lazy(self.nodes), self._lazy(self.edges)
        if store is None or edge_store is None:
            return super().counts()
        return (Counter(t for (t,) in store.rows("SELECT type FROM nodes ORDER BY n")),
                Counter(t for (t,) in store.rows("SELECT type FROM edges ORDER BY n")))

    def name_rows(self, prefix: str = "", exclude_prefix: str = "") -> Iterator[tuple[str, str, str, str, list[str]]]:
        store = self._lazy(self.nodes)
        if store is None:
            yield from super().name_rows(prefix, exclude_prefix)
            return
        sql = "SELECT n, id, type, names, dsha, sha FROM nodes"
        if prefix:  # ranges of the id index
            rows = store.rows(sql + " WHERE id >= ? AND id < ?", (prefix, _after(prefix)))
        elif exclude_prefix:
            rows = store.rows(sql + " WHERE id < ?", (exclude_prefix,))
            rows += store.rows(sql + " WHERE id >= ?", (_after(exclude_prefix),))
        else:
            rows = store.rows(sql)
        for n, nid, ntype, names, dsha, sha in sorted(rows):
            if not nid.startswith(prefix) or (exclude_prefix and nid.startswith(exclude_prefix)):
                continue
            if _node_sha(n, nid, ntype, names, dsha) != sha:
                raise store.damaged(f"node {nid}: sha256 mismatch")
            try:
                name, name_zh, aliases = json.loads(names)
            except (ValueError, TypeError):
                raise store.damaged(f"invalid content: names of node {nid}") from None
            if not (isinstance(name, str) and isinstance(name_zh, str) and isinstance(aliases, list)):
                raise store.damaged(f"invalid content: names of node {nid}")
            yield nid, ntype, name, name_zh, aliases


def _after(prefix: str) -> str:
    """The least string greater than every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


# ----------------------------------------------------------------------------------------------- meta values
def _meta_data(value: Any) -> bytes:
    """A meta value as stored: ``_dumps(_encode(value))``, deflate-compressed (the proposals listing of 500
    documents is ~340 MB of JSON, ~10x less compressed). Encoded and compressed a piece at a time (see
    _meta_chunks), so neither a tagged copy of the whole value nor all of its JSON is held at once. A
    :class:`Packed` value is stored as it is."""
    if isinstance(value, Packed):
        return value.data
    z = _Deflate()
    for chunk in _meta_chunks(value):
        z.write(chunk)
    return z.close()


def _compressor() -> Any:
    return zlib.compressobj(1, zlib.DEFLATED, -15)  # fast (the JSON is repetitive); raw: no header, no checksum


def deflate_segment(data: bytes) -> bytes:
    """``data`` compressed so that it can be spliced into a meta value (``Packer.items_segment``): raw deflate
    from an empty history, flushed to a byte boundary and not final. A build keeps each document's proposals
    listed this way and splices them in again while they are unchanged, instead of compressing 300 MB anew."""
    z = _compressor()
    return z.compress(data) + z.flush(zlib.Z_SYNC_FLUSH)


def inflate(data: bytes) -> bytes:
    """A meta value's JSON from its bytes as stored (its sha256 was checked: raw deflate has no checksum)."""
    return zlib.decompress(data, -15)


class _Deflate:
    """Raw deflate of a stream of small pieces, a megabyte at a time, with segments compressed elsewhere
    spliced in (``segment``)."""

    def __init__(self) -> None:
        self._z = _compressor()
        self._out: list[bytes] = []
        self._buf: list[bytes] = []
        self._size = 0

    def write(self, chunk: bytes) -> None:
        self._buf.append(chunk)
        self._size += len(chunk)
        if self._size >= 1 << 20:
            self._out.append(self._z.compress(b"".join(self._buf)))
            self._buf, self._size = [], 0

    def segment(self, data: bytes) -> None:
        """Splice in a ``deflate_segment``: what was written so far is flushed to a byte boundary, and what comes
        after starts from an empty history (a back-reference must not reach into the spliced bytes)."""
        self._out.append(self._z.compress(b"".join(self._buf)))
        self._out.append(self._z.flush(zlib.Z_SYNC_FLUSH))
        self._out.append(data)
        self._z = _compressor()
        self._buf, self._size = [], 0

    def close(self) -> bytes:
        self._out.append(self._z.compress(b"".join(self._buf)))
        self._out.append(self._z.flush())
        data = b"".join(self._out)
        self._out, self._buf = [], []
        return data


class Packed(Mapping[str, Any]):
    """A dict kept in ``graph.meta`` as the cache stores it: its JSON, deflate-compressed. A build writes the
    proposals listing of a large corpus (~300,000 relations with their evidence for 500 documents) this way, an
    item at a time (:class:`Packer`): neither the items nor their JSON are held whole, and the cache writes the
    bytes as they are. Read as a mapping, it is decoded when first asked for (and kept)."""

    def __init__(self, data: bytes):
        self.data = data
        self._value: dict[str, Any] | None = None

    def value(self) -> dict[str, Any]:
        if self._value is None:
            value = json.loads(inflate(self.data), object_hook=_decode)
            assert isinstance(value, dict)
            self._value = value
        return self._value

    def __getitem__(self, key: str) -> Any:
        return self.value()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.value())

    def __len__(self) -> int:
        return len(self.value())

    def __repr__(self) -> str:  # as the dict it holds
        return repr(self.value())

    def __getstate__(self) -> dict[str, Any]:
        return {"data": self.data, "_value": None}


class Packer:
    """Makes a :class:`Packed` dict a key at a time; a list value may be given an item at a time
    (``begin_list``, ``item`` …, ``end_list``). The JSON is that of ``_meta_data`` for the same dict."""

    def __init__(self) -> None:
        self._z = _Deflate()
        self._z.write(b"{")
        self._keys: set[str] = set()
        self._items = -1  # items of the open list; -1: no list open

    def _key(self, key: str) -> None:
        if self._items >= 0 or key in self._keys or key in (_TUPLE, _DICT):
            raise ValueError(f"cannot add {key!r} here")
        self._z.write((b"," if self._keys else b"") + _dumps(key) + b":")
        self._keys.add(key)

    def add(self, key: str, value: Any) -> None:
        self._key(key)
        for chunk in _meta_chunks(value, 1):
            self._z.write(chunk)

    def begin_list(self, key: str) -> None:
        self._key(key)
        self._z.write(b"[")
        self._items = 0

    def item(self, value: Any) -> None:
        if self._items < 0:
            raise ValueError("no list open")
        if self._items:
            self._z.write(b",")
        self._items += 1
        for chunk in _meta_chunks(value, 2):
            self._z.write(chunk)

    def items_segment(self, data: bytes, count: int) -> None:
        """``count`` items, joined by commas, as ``deflate_segment`` compressed them (``count`` > 0)."""
        if self._items < 0 or count <= 0:
            raise ValueError("no list open" if self._items < 0 else "a segment of no items")
        if self._items:
            self._z.write(b",")
        self._z.segment(data)
        self._items += count

    def end_list(self) -> None:
        if self._items < 0:
            raise ValueError("no list open")
        self._z.write(b"]")
        self._items = -1

    def close(self) -> Packed:
        if self._items >= 0:
            raise ValueError("a list is open")
        self._z.write(b"}")
        return Packed(self._z.close())


def encode_item(value: Any) -> bytes:
    """The bytes ``Packer.item`` writes for ``value``."""
    return b"".join(_meta_chunks(value, 2))


def _meta_chunks(value: Any, depth: int = 0) -> Iterator[bytes]:
    """The bytes of ``_dumps(_encode(value))`` in pieces: the items of a large listing (the proposals of 500
    documents are ~300,000 relations) are encoded one by one, copied (tagged) only when they hold a tuple or a
    tag."""
    t = type(value)
    if t is list and depth < 3:
        yield b"["
        for i, v in enumerate(value):
            if i:
                yield b","
            yield from _meta_chunks(v, depth + 1)
        yield b"]"
    elif t is dict and depth < 2 and _TUPLE not in value and _DICT not in value and all(
            type(k) is str for k in value):
        yield b"{"
        for i, (k, v) in enumerate(value.items()):
            yield (b"," if i else b"") + _dumps(k) + b":"
            yield from _meta_chunks(v, depth + 1)
        yield b"}"
    else:
        yield _dumps(value if _plain(value) else _encode(value))


def _plain(value: Any) -> bool:
    """Whether ``_encode(value)`` would equal ``value`` (nothing to tag, nothing that is not plain data)."""
    t = type(value)
    if value is None or t is str or t is int or t is float or t is bool:
        return True
    if t is list:
        return all(map(_plain, value))
    if t is dict:
        return (_TUPLE not in value and _DICT not in value and all(type(k) is str for k in value)
                and all(map(_plain, value.values())))
    return False


def _encode(value: Any) -> Any:
    t = type(value)
    if value is None or t in (str, int, float, bool):
        return value
    if t is list:
        return [_encode(v) for v in value]
    if t is tuple:
        return {_TUPLE: [_encode(v) for v in value]}
    if isinstance(value, dict) and t in (dict, LazyDict):
        out = {}
        for k in value:
            if type(k) is not str:
                raise TypeError(f"graph.meta cannot be cached: key {k!r} is not a string")
            out[k] = _encode(value[k])
        return {_DICT: [[k, v] for k, v in out.items()]} if _TUPLE in out or _DICT in out else out
    raise TypeError(f"graph.meta cannot be cached: a {t.__name__} is not plain data")


def _decode(obj: dict[str, Any]) -> Any:
    """json.loads' object_hook: called on every object, innermost first, so tagged values arrive decoded."""
    if len(obj) == 1:
        if _TUPLE in obj:
            items = obj[_TUPLE]
            if not isinstance(items, list):
                raise ValueError("malformed tuple tag")
            return tuple(items)
        if _DICT in obj:
            pairs = obj[_DICT]
            if not isinstance(pairs, list) or not all(
                    isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pairs):
                raise ValueError("malformed dict tag")
            return dict(pairs)
    return obj


def _first_line(text: str) -> str:
    return " ".join(text.split("\n")[:2])[:200]
