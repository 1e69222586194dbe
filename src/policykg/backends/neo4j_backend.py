"""The policy graph in Neo4j 5: load it in batches, run Cypher on it, resolve names there.

Data model (the query library in ``queries/*.cypher`` is written against it):

- Node: labels ``:Node`` and its schema type (``:Law``, ``:Administration``, ``:Section`` ...); properties
  ``id`` (unique), ``type``, ``name``, ``name_zh`` and ``kind`` (absent when empty), ``aliases`` (list),
  every entry of ``node.properties`` as a property of its own (dates stay ISO strings such as "2022-08"),
  ``docs`` (sorted distinct document ids of its evidence), ``evidence_count``, ``evidence`` and ``statements``.
- Relationship: type = the edge type; properties ``id``, ``stages``, ``docs``, ``evidence_count``,
  ``evidence``, ``statements`` and every entry of ``edge.properties``.
- ``statements`` (a JSON string, as ``evidence``): every property value with the evidence that states it, the
  merged property beside it being the one the merge rule picked (policykg.graph.model.merge_statements):
  ``apoc.convert.fromJsonList(n.statements)`` gives ``[{prop, value, evidence, reference?, source?, picked?}]``.
  One string per node rather than ``:Statement`` nodes, for the reasons below: a value and its sources stay on
  the fact they belong to, and the policy graph's paths are not lengthened.
- Sentence (for search, see :mod:`policykg.query.search`): label ``:Sentence`` only (not ``:Node``, no relationships),
  one per evidence sentence, under the full-text index ``policykg_sentence_text``; a load replaces them all.

Why evidence is a JSON string property and not a node per evidence record:

- one MERGE per fact: a node or relationship is written by one statement whatever its evidence, so a load
  is a few ``UNWIND $rows`` batches per type, fast, and idempotent (loading twice changes nothing);
- the graph a user sees in Neo4j Browser is the policy graph, not a cloud of evidence nodes around it;
- ``docs`` (a plain list) lets Cypher filter by document (``WHERE 'fang-2023' IN r.docs``) without parsing
  JSON, and ``evidence_count`` ranks facts by support;
- the JSON keeps every field of every record (offsets, split spans, section path, sentence, method, rule,
  confidence), so nothing is lost: ``apoc.convert.fromJsonList(r.evidence)`` or the client's JSON parser
  gives the records back exactly as :meth:`Evidence.to_json` wrote them.

User text reaches Cypher only as parameters: the only things ever formatted into a statement are labels
and relationship types taken from the schema (and checked to be identifiers).
"""

from __future__ import annotations

import os
import queue
import re
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j import exceptions as neo4j_errors
from neo4j import graph as neo4j_graph

from policykg.backends.cypher_guard import NotReadOnlyError as NotReadOnlyError
from policykg.backends.cypher_guard import (
    explain_statement,
    plan_refusal,
    query_type_refusal,
    screen_text,
    unshift_positions,
)
from policykg.config import DEFAULT_NEO4J_URI
from policykg.errors import BackendError
from policykg.exporters.common import documents_of
from policykg.exporters.neo4j_csv import JsonCells
from policykg.graph.model import Edge, Node, PolicyGraph
from policykg.graph.schema import Schema
from policykg.graph.store import LazyDict
from policykg.query.search import NEO4J_STATEMENTS, neo4j_rows

if TYPE_CHECKING:
    from policykg.query.library import QuerySpec

DEFAULT_URI = DEFAULT_NEO4J_URI
CONNECT_TIMEOUT = 10.0  # seconds before an unreachable or unresponsive server is one error line
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
HOW_TO_START = "start it with `scripts/neo4j-harness start` or `docker compose up -d neo4j`, or set NEO4J_URI"

NODE_RESERVED = frozenset({"id", "type", "name", "name_zh", "aliases", "kind", "docs", "evidence_count", "evidence",
                           "statements"})
EDGE_RESERVED = frozenset({"id", "stages", "docs", "evidence_count", "evidence", "statements"})
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT64 = (-(2**63), 2**63 - 1)
WIPE_BATCH = 10000

Progress = Callable[[str, int], None]
"""Called after each write with what was written (e.g. "nodes :Law") and how many rows."""


# ------------------------------------------------------------------------------------------ connection


@dataclass(frozen=True)
class Connection:
    """Where Neo4j is and how to log in; no user means no authentication (the bundled harness)."""

    uri: str = DEFAULT_URI
    user: str = ""
    password: str = ""

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None) -> Connection:
        """Explicit values first, then NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, then the defaults."""
        env = os.environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user if user is not None else env.get("NEO4J_USER", ""),
            password=password if password is not None else env.get("NEO4J_PASSWORD", ""),
        )

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.user else None


def _one_line(text: str, limit: int = 500) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _first_line(text: str) -> str:
    return _one_line(text.strip().splitlines()[0] if text.strip() else text)


_EXPECTED_LIST = re.compile(r"^(Invalid input .*?): expected .{120,} (\(line \d+, column \d+ \(offset: \d+\)\))$")


def _syntax_message(message: str) -> str:
    """The first line of Neo4j's syntax error, without its list of 40 keywords that could have come next."""
    first = _first_line(message)
    shorter = _EXPECTED_LIST.match(first)
    return f"{shorter.group(1)} {shorter.group(2)}" if shorter else first


def _unreachable(uri: str, exc: BaseException) -> BackendError:
    message = str(exc)
    reason = re.search(r"\(reason (.+?)\)\s*$", message, re.S)
    return BackendError(f"cannot reach Neo4j at {uri}: {_one_line(reason.group(1) if reason else message, 200)}; "
                        f"{HOW_TO_START}")


@contextmanager
def connect(conn: Connection) -> Iterator[Driver]:
    """A driver whose connectivity is verified; every failure is one BackendError line."""
    scheme = conn.uri.split("://", 1)[0] if "://" in conn.uri else ""
    if scheme not in URI_SCHEMES:
        raise BackendError(f"{conn.uri!r} is not a Neo4j Bolt URI: use bolt://HOST:PORT or neo4j://HOST:PORT "
                           "(--uri or NEO4J_URI)")
    try:
        # both bounds: connecting, and acquiring a connection (the Bolt handshake of a port that never answers)
        driver = GraphDatabase.driver(conn.uri, auth=conn.auth, connection_timeout=CONNECT_TIMEOUT,
                                      connection_acquisition_timeout=CONNECT_TIMEOUT)
    except (neo4j_errors.ConfigurationError, ValueError) as exc:
        raise BackendError(f"invalid Neo4j URI {conn.uri!r}: {_one_line(str(exc), 200)}") from exc
    try:
        try:
            driver.verify_connectivity()
        except neo4j_errors.AuthError as exc:
            raise BackendError(f"Neo4j at {conn.uri} refused the credentials ({_first_line(exc.message or '')}); "
                               "set --user/--password or NEO4J_USER/NEO4J_PASSWORD") from exc
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError) as exc:
            raise _unreachable(conn.uri, exc) from exc
        yield driver
    finally:
        driver.close()


@contextmanager
def neo4j_errors_as_backend_errors(doing: str) -> Iterator[None]:
    """Turn what the driver raises while `doing` something into one-line BackendErrors."""
    try:
        yield
    except neo4j_errors.CypherSyntaxError as exc:
        raise BackendError(f"Cypher syntax error: {_syntax_message(exc.message or str(exc))}") from exc
    except neo4j_errors.ConstraintError as exc:
        raise BackendError(f"Neo4j refused {doing}: {_first_line(exc.message or str(exc))} (a node with this id "
                           "exists with another type from an earlier load: load with --wipe)") from exc
    except neo4j_errors.ClientError as exc:
        if exc.code == "Neo.ClientError.Statement.AccessMode":
            raise BackendError("the query writes to the database and queries run read-only: pass --write "
                               "to allow changes") from exc
        if exc.code == "Neo.ClientError.Statement.ParameterMissing":
            raise BackendError(f"{_first_line(exc.message or str(exc))}: pass it with --param NAME=VALUE") from exc
        raise BackendError(f"Neo4j refused {doing}: {_first_line(exc.message or str(exc))} [{exc.code}]") from exc
    except neo4j_errors.Neo4jError as exc:
        raise BackendError(f"Neo4j failed {doing}: {_first_line(exc.message or str(exc))} [{exc.code}]") from exc
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
        raise BackendError(f"lost the connection to Neo4j during {doing}: {_one_line(str(exc), 200)}") from exc


# ------------------------------------------------------------------------------------------ schema


def _checked(name: str, known: Mapping[str, Any], what: str) -> str:
    """A label or relationship type that may be formatted into Cypher: from the schema and an identifier."""
    if name not in known or not _IDENTIFIER.match(name):
        raise BackendError(f"{name!r} is not a {what} of the schema ({', '.join(known)})")
    return name


def label(schema: Schema, node_type: str) -> str:
    return _checked(node_type, schema.node_types, "node type")


def rel_type(schema: Schema, edge_type: str) -> str:
    return _checked(edge_type, schema.rel_types, "relationship type")


def schema_statements(schema: Schema) -> list[str]:
    """Uniqueness of ``id`` on :Node and on every node type; a ``name`` index on every entity type."""
    statements = ["CREATE CONSTRAINT policykg_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE"]
    for node_type in schema.node_types:
        lab = label(schema, node_type)
        statements.append(f"CREATE CONSTRAINT policykg_{lab.lower()}_id IF NOT EXISTS "
                          f"FOR (n:{lab}) REQUIRE n.id IS UNIQUE")
    for node_type in schema.entity_types():
        lab = label(schema, node_type)
        statements.append(f"CREATE INDEX policykg_{lab.lower()}_name IF NOT EXISTS FOR (n:{lab}) ON (n.name)")
    return statements


def ensure_schema(session: Session, schema: Schema) -> None:
    """The schema's constraints and indexes, and the search's: a constraint on :Sentence ids and the full-text
    index over the sentences' text (policykg.query.search.NEO4J_STATEMENTS)."""
    for statement in [*schema_statements(schema), *NEO4J_STATEMENTS]:
        session.run(statement).consume()
    session.run("CALL db.awaitIndexes(300)").consume()


# ------------------------------------------------------------------------------------------ rows


def _storable(value: Any, owner: str, key: str) -> Any:
    if isinstance(value, bool | str | float):
        return value
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise BackendError(f"{owner}: property {key} = {value} does not fit a 64-bit integer")
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise BackendError(f"{owner}: property {key} = {value!r} cannot be stored in Neo4j "
                       "(strings, numbers, booleans and lists of strings can)")


def _flatten(props: dict[str, Any], extra: Mapping[str, Any], reserved: frozenset[str], owner: str) -> None:
    for key, value in extra.items():
        if key in reserved:
            raise BackendError(f"{owner}: property {key!r} clashes with a built-in property of the Neo4j model")
        if value is not None:
            props[key] = _storable(value, owner, key)


def node_properties(node: Node, cells: JsonCells | None = None) -> dict[str, Any]:
    """Every property the Neo4j node carries (see the module docstring); `cells` encodes the JSON (one per load:
    it remembers the evidence records it encoded)."""
    cells = cells or JsonCells()
    props: dict[str, Any] = {"id": node.id, "type": node.type, "name": node.name}
    if node.name_zh:
        props["name_zh"] = node.name_zh
    props["aliases"] = list(node.aliases)
    if node.kind:
        props["kind"] = node.kind
    _flatten(props, node.properties, NODE_RESERVED, f"node {node.id}")
    props["docs"] = documents_of(node.evidence)
    props["evidence_count"] = len(node.evidence)
    props["evidence"] = cells.evidence(node.evidence)
    props["statements"] = cells.statements(node)
    return props


def edge_properties(edge: Edge, cells: JsonCells | None = None) -> dict[str, Any]:
    cells = cells or JsonCells()
    props: dict[str, Any] = {"id": edge.id, "stages": list(edge.stages)}
    _flatten(props, edge.properties, EDGE_RESERVED, f"{edge.type} relationship {edge.id}")
    props["docs"] = documents_of(edge.evidence)
    props["evidence_count"] = len(edge.evidence)
    props["evidence"] = cells.evidence(edge.evidence)
    props["statements"] = cells.statements(edge)
    return props


# ------------------------------------------------------------------------------------------ loading

# A batch's rows are lists of values in the order of its group's property keys (checked identifiers, formatted in
# as map keys): half the values of a list of maps for the driver to pack. A key that is not an identifier (never
# in the shipped schema) sends that group as maps instead. Into a database without policykg nodes (after --wipe,
# or a first load) nothing can match: CREATE, no lookup; otherwise MERGE on ids.
NODE_MAPS = "UNWIND $rows AS row MERGE (n:Node:{label} {{id: row.id}}) SET n = row.props RETURN count(n) AS written"
EDGE_MAPS = ("UNWIND $rows AS row MATCH (a:Node {{id: row.source}}) MATCH (b:Node {{id: row.target}}) "
             "MERGE (a)-[r:{type} {{id: row.id}}]->(b) SET r = row.props RETURN count(r) AS written")
NODE_ONE = "MERGE (n:Node:{label} {{id: $id}}) SET n = $props RETURN count(n) AS written"
EDGE_ONE = ("MATCH (a:Node {{id: $source}}) MATCH (b:Node {{id: $target}}) "
            "MERGE (a)-[r:{type} {{id: $id}}]->(b) SET r = $props RETURN count(r) AS written")
NODE_BASE_KEYS = ("id", "type", "name", "name_zh", "aliases", "kind", "docs", "evidence_count", "evidence",
                  "statements")
EDGE_BASE_KEYS = ("id", "stages", "docs", "evidence_count", "evidence", "statements")


def node_statement(lab: str, keys: Sequence[str] | None, create: bool) -> str:
    """The UNWIND statement of a batch of :lab nodes whose rows list the values of `keys` (None: maps)."""
    if keys is None:
        return NODE_MAPS.format(label=lab)
    props = ", ".join(f"{k}: r[{i}]" for i, k in enumerate(keys))
    head = (f"CREATE (n:Node:{lab})" if create else f"MERGE (n:Node:{lab} {{id: r[{keys.index('id')}]}})")
    return f"UNWIND $rows AS r {head} SET n = {{{props}}} RETURN count(n) AS written"


def edge_statement(rel: str, keys: Sequence[str] | None, create: bool) -> str:
    """The UNWIND statement of a batch of :rel relationships, rows [source, target, values of `keys`...]."""
    if keys is None:
        return EDGE_MAPS.format(type=rel)
    props = ", ".join(f"{k}: r[{i + 2}]" for i, k in enumerate(keys))
    write = (f"CREATE (a)-[x:{rel}]->(b)" if create else f"MERGE (a)-[x:{rel} {{id: r[{keys.index('id') + 2}]}}]->(b)")
    return (f"UNWIND $rows AS r MATCH (a:Node {{id: r[0]}}) MATCH (b:Node {{id: r[1]}}) {write} "
            f"SET x = {{{props}}} RETURN count(x) AS written")


@dataclass
class LoadResult:
    nodes: int = 0
    relationships: int = 0
    wiped_nodes: int = 0
    wipe_seconds: float = 0.0
    schema_seconds: float = 0.0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0
    statements: int = 0
    sentences: int = 0  # the :Sentence nodes of the full-text search (not counted in nodes)
    sentence_seconds: float = 0.0  # building the sentences from the evidence and writing them
    rows_seconds: float = 0.0  # checking the properties before the writes (the rows of nodes and relationships are
    # built by a thread, during the wipe and while the server writes: inside node/relationship_seconds)
    created: bool = False  # the database held no policykg node: CREATE, not MERGE

    @property
    def seconds(self) -> float:
        return (self.rows_seconds + self.wipe_seconds + self.schema_seconds + self.node_seconds
                + self.relationship_seconds + self.sentence_seconds)


def _written(tx: ManagedTransaction, statement: str, params: dict[str, Any]) -> int:
    record = tx.run(statement, params).single(strict=True)
    return int(record["written"])


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _check_written(written: int, expected: int, what: str) -> None:
    if written != expected:
        raise BackendError(f"{expected - written} of {expected} {what} were not written "
                           "(an endpoint node is missing in Neo4j)")


def wipe(driver: Driver) -> int:
    """Delete every node policykg loaded (label :Node) with its relationships, in batches; returns how many
    nodes. The relationships go first, on their own (about twice as fast as detaching them node by node)."""
    total = 0
    with neo4j_errors_as_backend_errors("the wipe"), driver.session() as session:
        while session.execute_write(
                _written, "MATCH (:Node)-[r]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS written",
                {"limit": WIPE_BATCH}) == WIPE_BATCH:
            pass
        while True:
            deleted = session.execute_write(
                _written, "MATCH (n:Node) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS written",
                {"limit": WIPE_BATCH})
            total += deleted
            if deleted < WIPE_BATCH:
                return total


def _prepare(driver: Driver, graph: PolicyGraph, wipe_first: bool, result: LoadResult) -> None:
    if wipe_first:
        t = time.perf_counter()
        result.wiped_nodes = wipe(driver)
        result.wipe_seconds = time.perf_counter() - t
    t = time.perf_counter()
    with neo4j_errors_as_backend_errors("creating constraints and indexes"), driver.session() as session:
        ensure_schema(session, graph.schema)
    result.schema_seconds = time.perf_counter() - t


Batch = tuple[str, str, "list[str] | None", list[Any]]
"""("nodes" or "relationships", label or type, the property keys the rows list (None: rows are maps), rows)."""


def check_properties(graph: PolicyGraph) -> None:
    """What a load checks before it writes (or wipes) anything: every label, relationship type and property
    can be stored; one BackendError line otherwise."""
    for nid, ntype, props in _property_rows(graph.nodes):
        label(graph.schema, ntype)
        _flatten({}, props, NODE_RESERVED, f"node {nid}")
    for eid, etype, props in _property_rows(graph.edges):
        rel_type(graph.schema, etype)
        _flatten({}, props, EDGE_RESERVED, f"{etype} relationship {eid}")


def _property_rows(items: Mapping[str, Node] | Mapping[str, Edge]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, type, properties) of each node or edge; from a cache file, without reading their evidence."""
    if isinstance(items, LazyDict):
        return items.properties()
    return ((item.id, item.type, item.properties) for item in items.values())


def _keys(base: Sequence[str], items: Sequence[Node] | Sequence[Edge]) -> list[str] | None:
    keys = set(base)
    for item in items:
        keys.update(k for k, v in item.properties.items() if v is not None)
    return sorted(keys) if all(_IDENTIFIER.match(k) for k in keys) else None


def row_batches(graph: PolicyGraph, batch_size: int | None) -> Iterator[Batch]:
    """The nodes per label, then the relationships per type, in id order, as batches of parameter rows built
    as they are asked for: lists of values (see node_statement); batch_size None: maps, one row a batch."""
    cells, size = JsonCells(), batch_size or 1
    nodes: dict[str, list[Node]] = {}
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        nodes.setdefault(label(graph.schema, node.type), []).append(node)
    for name, group in sorted(nodes.items()):
        keys = _keys(NODE_BASE_KEYS, group) if batch_size else None
        for start in range(0, len(group), size):
            props = [node_properties(n, cells) for n in group[start:start + size]]
            yield ("nodes", name, keys, [[p.get(k) for k in keys] for p in props] if keys is not None
                   else [{"id": p["id"], "props": p} for p in props])
    edges: dict[str, list[Edge]] = {}
    for edge in sorted(graph.edges.values(), key=lambda e: e.id):
        edges.setdefault(rel_type(graph.schema, edge.type), []).append(edge)
    for name, edge_group in sorted(edges.items()):
        keys = _keys(EDGE_BASE_KEYS, edge_group) if batch_size else None
        for start in range(0, len(edge_group), size):
            chunk = edge_group[start:start + size]
            props = [edge_properties(e, cells) for e in chunk]
            yield ("relationships", name, keys,
                   [[e.source, e.target, *(p.get(k) for k in keys)] for e, p in zip(chunk, props, strict=True)]
                   if keys is not None else
                   [{"id": e.id, "source": e.source, "target": e.target, "props": p}
                    for e, p in zip(chunk, props, strict=True)])


_DONE = object()


class _Ahead:
    """The batches, built by a thread up to `depth` ahead of the consumer, from the moment it is made: reading
    the graph (from a cache file: every node before the first batch) overlaps with the wipe, and building the
    next batch's rows (JSON of evidence and statements) with the server writing this one. An error while
    building is raised in the consumer; leaving the ``with`` block stops the thread."""

    def __init__(self, batches: Iterator[Batch], depth: int = 3):
        self._slots: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._batches = batches
        self._worker = threading.Thread(target=self._produce, name="policykg-load-rows", daemon=True)
        self._worker.start()

    def _produce(self) -> None:
        try:
            for batch in self._batches:
                while not self._stop.is_set():
                    try:
                        self._slots.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if self._stop.is_set():
                    return
            self._slots.put(_DONE)
        except BaseException as exc:  # handed to the consumer
            self._slots.put(exc)

    def __iter__(self) -> Iterator[Batch]:
        while (item := self._slots.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item

    def __enter__(self) -> _Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        while self._worker.is_alive():  # a producer blocked on a full queue sees the stop within 0.1 s
            with suppress(queue.Empty):
                self._slots.get_nowait()
            self._worker.join(timeout=0.1)


def _write_batches(session: Session, batches: Iterable[Batch], per_row: bool, create: bool, result: LoadResult,
                   progress: Progress | None) -> None:
    """Write each batch (per_row: one row, itself the parameters, with NODE_ONE/EDGE_ONE), checking the count
    written against the rows, and time the nodes and the relationships."""
    started = time.perf_counter()
    for what, name, keys, rows in batches:
        if per_row:
            statement, params = (NODE_ONE if what == "nodes" else EDGE_ONE).format(label=name, type=name), rows[0]
        else:
            statement = (node_statement(name, keys, create) if what == "nodes"
                         else edge_statement(name, keys, create))
            params = {"rows": rows}
        written = session.execute_write(_written, statement, params)
        _check_written(written, len(rows), f":{name} {what}")
        result.statements += 1
        now = time.perf_counter()
        if what == "nodes":
            result.nodes += written
            result.node_seconds += now - started
        else:
            result.relationships += written
            result.relationship_seconds += now - started
        started = now
        if progress:
            progress(f"{what} :{name}", len(rows))


def load_graph(driver: Driver, graph: PolicyGraph, batch_size: int = 1000, wipe: bool = False,
               progress: Progress | None = None) -> LoadResult:
    """Write the graph with one ``UNWIND $rows`` statement per batch of nodes (per label) and relationships
    (per type). Into a database holding no policykg node (after ``wipe``, which first deletes everything an
    earlier load wrote, or a first load) the batches CREATE; otherwise they MERGE on ids, so loading twice
    leaves the same graph.

    A failed load keeps the batches already committed; loading again completes it (it then MERGEs).
    """
    if batch_size < 1:
        raise BackendError(f"--batch-size must be at least 1, not {batch_size}")
    return _load(driver, graph, wipe, progress, batch_size)


def load_graph_row_by_row(driver: Driver, graph: PolicyGraph, wipe: bool = False,
                          progress: Progress | None = None) -> LoadResult:
    """The naive loader, one statement in its own transaction per node and relationship: the benchmark's
    baseline only. Same model, constraints and result as :func:`load_graph`."""
    return _load(driver, graph, wipe, progress, None)


def holds_policykg_nodes(driver: Driver) -> bool:
    with neo4j_errors_as_backend_errors("the load"), driver.session() as session:
        return session.execute_read(_written, "MATCH (n:Node) WITH n LIMIT 1 RETURN count(n) AS written", {}) > 0


def _load(driver: Driver, graph: PolicyGraph, wipe: bool, progress: Progress | None,
          batch_size: int | None) -> LoadResult:
    """Checks, constraints (and the wipe), then nodes, then relationships, each timed; batch_size None: row by
    row, always MERGE. The rows are built by a thread while the server writes the batches before them."""
    result = LoadResult()
    t = time.perf_counter()
    check_properties(graph)  # a bad property fails before anything is written or wiped
    result.rows_seconds = time.perf_counter() - t
    with _Ahead(row_batches(graph, batch_size)) as batches:  # reading the graph overlaps with the wipe
        _prepare(driver, graph, wipe, result)
        result.created = batch_size is not None and not holds_policykg_nodes(driver)
        with neo4j_errors_as_backend_errors("the load"), driver.session() as session:
            _write_batches(session, batches, batch_size is None, result.created, result, progress)
            t = time.perf_counter()  # the sentences come from the evidence, all read by now
            result.sentences = _write_sentences(session, neo4j_rows(graph), batch_size or 1000, result)
            result.sentence_seconds = time.perf_counter() - t
    return result


SENTENCE_BATCH = "UNWIND $rows AS row MERGE (s:Sentence {id: row.id}) SET s = row.props RETURN count(s) AS written"
SENTENCE_STALE = "MATCH (s:Sentence) WHERE NOT s.id IN $ids DETACH DELETE s RETURN count(*) AS written"


def _write_sentences(session: Session, rows: list[dict[str, Any]], batch_size: int, result: LoadResult) -> int:
    """The evidence sentences as :Sentence nodes (label :Sentence only, no relationships: the policy graph, its
    counts and paths are untouched), under the full-text index; sentences of an earlier load that this graph
    lacks are deleted, so that search answers from this graph only."""
    session.execute_write(_written, SENTENCE_STALE, {"ids": [r["id"] for r in rows]})
    total = 0
    for chunk in _chunks(rows, batch_size):
        written = session.execute_write(_written, SENTENCE_BATCH, {"rows": list(chunk)})
        _check_written(written, len(chunk), ":Sentence nodes")
        total += written
        result.statements += 1
    return total


# ------------------------------------------------------------------------------------------ querying


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    counters: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # the server's notifications of severity WARNING


COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
            "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added",
            "constraints_removed")


def to_python(value: Any) -> Any:
    """A driver value as plain Python: nodes and relationships become dicts of their properties (keys
    sorted), paths {"nodes": [...], "relationships": [...]}, temporal values ISO strings."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, neo4j_graph.Node | neo4j_graph.Relationship):
        return {k: to_python(v) for k, v in sorted(value.items())}
    if isinstance(value, neo4j_graph.Path):
        return {"nodes": [to_python(n) for n in value.nodes],
                "relationships": [to_python(r) for r in value.relationships]}
    if isinstance(value, list | tuple):
        return [to_python(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_python(v) for k, v in value.items()}
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex()
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return iso()
    return str(value)


def _records(tx: ManagedTransaction, text: str, params: dict[str, Any]) -> tuple[list[str], list[neo4j.Record],
                                                                                  neo4j.ResultSummary]:
    result = tx.run(text, params)
    records = list(result)
    return list(result.keys()), records, result.consume()


def _explain_check(tx: ManagedTransaction, text: str, params: dict[str, Any], source: str) -> None:
    """Refuse the statement unless the server's plan for ``EXPLAIN <statement>`` is read-only."""
    explain, at, inserted = explain_statement(text)
    try:
        summary = tx.run(explain, params).consume()
    except neo4j_errors.CypherSyntaxError as exc:  # its positions are in the user's statement
        message = unshift_positions(exc.message or str(exc), text, at, inserted)
        raise BackendError(f"Cypher syntax error: {_syntax_message(message)}") from exc
    refusal = plan_refusal(summary.plan, source) or query_type_refusal(summary.query_type, source)
    if refusal:
        raise refusal


# Statements the server planned as read-only, per driver (its server): the plan of a statement does not
# depend on its parameter values, so a statement run again (a library query) skips the EXPLAIN round trip.
_READ_ONLY_PLANS: weakref.WeakKeyDictionary[Driver, dict[str, None]] = weakref.WeakKeyDictionary()
READ_ONLY_PLANS_KEPT = 512


def _planned_read_only(driver: Driver, text: str) -> bool:
    return text in _READ_ONLY_PLANS.get(driver, {})


def _remember_read_only(driver: Driver, text: str) -> None:
    known = _READ_ONLY_PLANS.setdefault(driver, {})
    if len(known) >= READ_ONLY_PLANS_KEPT:
        known.pop(next(iter(known)))
    known[text] = None


def check_read_only(driver: Driver, text: str, params: Mapping[str, Any] | None = None,
                    source: str = "cypher") -> None:
    """Refuse (NotReadOnlyError, one line) a statement that is not read-only; see policykg.backends.cypher_guard.

    Its text first, before anything is sent (LOAD CSV, procedures and functions that reach files or URLs,
    run nested queries or act on the server, administration commands); then the server's plan for
    ``EXPLAIN <statement>`` with the same parameters: its query type must be 'r' and none of its operators
    may load CSV, call a refused procedure or be an administration command.
    """
    screen_text(text, source)
    if _planned_read_only(driver, text):
        return
    with neo4j_errors_as_backend_errors("the query"), \
            driver.session(default_access_mode=neo4j.READ_ACCESS,
                           notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF) as session:
        session.execute_read(_explain_check, text, dict(params or {}), source)
    _remember_read_only(driver, text)


def run_cypher(driver: Driver, text: str, params: Mapping[str, Any] | None = None,
               write: bool = False, notifications: bool = True, source: str = "cypher") -> CypherResult:
    """Run one Cypher statement with parameters. With ``write``, an auto-commit transaction in a write
    session (so ``CALL { … } IN TRANSACTIONS`` works). Without it, a read transaction that first checks the
    statement as :func:`check_read_only` does (``source`` names it in a refusal), then runs it.

    The server's warnings (an unknown label, a deprecated function) come back in ``warnings``; a library
    query passes ``notifications=False``, since a type absent from a given graph is normal there.
    """
    if not write:
        screen_text(text, source)
    return _run(driver, text, params, write, notifications, checked_as=None if write else source)


def _checked_records(tx: ManagedTransaction, text: str, params: dict[str, Any],
                     source: str) -> tuple[list[str], list[neo4j.Record], neo4j.ResultSummary]:
    _explain_check(tx, text, params, source)
    return _records(tx, text, params)


def _run(driver: Driver, text: str, params: Mapping[str, Any] | None, write: bool,
         notifications: bool, checked_as: str | None = None) -> CypherResult:
    """Run a statement; read-only ones are first checked against the server's plan when `checked_as` names
    them (run_cypher). This module's own fixed statements (``CALL dbms.components()`` is one) run unchecked."""
    bound = dict(params or {})
    config: dict[str, Any] = {} if notifications else {
        "notifications_min_severity": neo4j.NotificationMinimumSeverity.OFF}
    with neo4j_errors_as_backend_errors("the query"):
        if write:
            with driver.session(default_access_mode=neo4j.WRITE_ACCESS, **config) as session:
                result = session.run(text, bound)
                records = list(result)
                columns, summary = list(result.keys()), result.consume()
        else:
            with driver.session(default_access_mode=neo4j.READ_ACCESS, **config) as session:
                if checked_as is None or _planned_read_only(driver, text):
                    columns, records, summary = session.execute_read(_records, text, bound)
                else:
                    columns, records, summary = session.execute_read(_checked_records, text, bound, checked_as)
                    _remember_read_only(driver, text)
    rows = [{k: to_python(record[k]) for k in columns} for record in records]
    counters = {name: int(getattr(summary.counters, name)) for name in COUNTERS
                if getattr(summary.counters, name, 0)}
    warnings = [_one_line(status.status_description) for status in summary.gql_status_objects
                if status.is_notification and status.severity == neo4j.NotificationSeverity.WARNING]
    return CypherResult(columns, rows, counters, warnings)


def run_library_query(driver: Driver, spec: QuerySpec, params: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A query of the library (queries/*.cypher) with resolved parameters: its rows, checked against the
    columns its header declares."""
    result = run_cypher(driver, spec.cypher, params, notifications=False, source=str(spec.path))
    if result.columns != list(spec.columns):
        raise BackendError(f"{spec.path}: the query returns {', '.join(result.columns)} but its header declares "
                           f"{', '.join(spec.columns)}")
    return result.rows


def graph_counts(driver: Driver) -> tuple[Counter[str], Counter[str]]:
    """Nodes per type label and relationships per type among the :Node nodes (what a load wrote)."""
    nodes = _run(driver, "MATCH (n:Node) UNWIND labels(n) AS label WITH label WHERE label <> 'Node' "
                         "RETURN label, count(*) AS count", None, write=False, notifications=False)
    rels = _run(driver, "MATCH (:Node)-[r]->(:Node) RETURN type(r) AS type, count(*) AS count", None,
                write=False, notifications=False)
    return (Counter({r["label"]: r["count"] for r in nodes.rows}),
            Counter({r["type"]: r["count"] for r in rels.rows}))


def server_info(driver: Driver) -> dict[str, str]:
    rows = _run(driver, "CALL dbms.components() YIELD name, versions, edition "
                        "RETURN name, versions[0] AS version, edition", None, write=False, notifications=False).rows
    kernel = next((r for r in rows if r["name"] == "Neo4j Kernel"), rows[0] if rows else {})
    return {"version": str(kernel.get("version", "?")), "edition": str(kernel.get("edition", "?"))}


def names_graph(driver: Driver, schema: Schema, ids: Sequence[str] = ()) -> PolicyGraph:
    """The names of every entity in Neo4j (and the nodes with one of `ids`) as a PolicyGraph without
    evidence, so that names resolve on Neo4j exactly as on the embedded graph (policykg.resolve.nodes)."""
    rows = _run(
        driver,
        "MATCH (n:Node) WHERE n.type IN $types OR n.id IN $ids "
        "RETURN n.id AS id, n.type AS type, n.name AS name, n.name_zh AS name_zh, n.aliases AS aliases, "
        "n.kind AS kind ORDER BY id",
        {"types": schema.entity_types(), "ids": list(ids)},
        write=False,
        notifications=False,
    ).rows
    graph = PolicyGraph(schema)
    for r in rows:
        if r["type"] in schema.node_types:
            graph.add_node(Node(id=r["id"], type=r["type"], name=r["name"] or r["id"], name_zh=r["name_zh"] or "",
                                aliases=list(r["aliases"] or []), kind=r["kind"] or ""))
    return graph
