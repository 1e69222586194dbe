"""The graph cache as plain data: nothing in it can run code when it is read.

A cache file is three lines of JSON. The first is a header naming the format and holding the sha256 and length of
the rest, the payload: a line with the schema path, the nodes and edges (with their evidence) and the rejected
facts, and a line with the build's ``meta``. Reading checks the header and the hash before parsing, and parsing
validates every node, edge and evidence record against their pydantic models; anything else (a planted file,
an edited or truncated one) raises :class:`CacheDamaged`. The networkx mirror and the indexes are rebuilt on
load.

The graph line is written and parsed by pydantic-core (Rust), then validated: faster than the stdlib ``json``
module, and close to unpickling the same graph (``benchmarks/bench_build.py``). ``meta`` (free-form: the
proposals listing, timings) goes through the stdlib ``json`` module, its tuples tagged so that they come back as
tuples.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, TypeAdapter
from pydantic_core import from_json

from .graph import Edge, Node, PolicyGraph, Rejection
from .schema import Schema, load_schema

FORMAT = "policykg-graph"
VERSION = 1
SUFFIX = ".jsonl"
TEMP_PREFIX = ".graph-"  # temporary files (``.graph-XXXX.tmp``) never carry a cache file's name: never read
_TUPLE = "~tuple"  # meta is any JSON-able dict; its tuples are written {"~tuple": [...]} and read back as tuples
_DICT = "~dict"  # a dict that uses a tag as a key is written {"~dict": [[key, value], ...]} and read back as it was


class CacheDamaged(ValueError):
    """The cache file is not a graph this version wrote: unreadable, truncated, edited or something else."""


class _GraphData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_path: str
    nodes: list[Node]
    edges: list[Edge]
    rejected: list[tuple[str, str, str, str]]


_ADAPTER = TypeAdapter(_GraphData)


def to_bytes(graph: PolicyGraph) -> bytes:
    """The graph as two lines of UTF-8 JSON: nodes, edges and rejected facts, then meta (no newline inside a
    line: strings escape theirs). TypeError when meta holds something other than plain data."""
    data = _GraphData.model_construct(
        schema_path=str(graph.schema.path), nodes=list(graph.nodes.values()), edges=list(graph.edges.values()),
        rejected=[(r.stage, r.fact, r.reason, r.where) for r in graph.rejected])
    meta = json.dumps(_encode(graph.meta), ensure_ascii=False, separators=(",", ":"))
    return _ADAPTER.dump_json(data, exclude_none=True) + b"\n" + meta.encode()  # a None field is its default


def from_bytes(payload: bytes, schema: Schema | None = None) -> PolicyGraph:
    """The graph :func:`to_bytes` wrote, with its networkx mirror rebuilt; ``schema`` defaults to the one at
    the stored path. Raises CacheDamaged when the payload does not describe a well-formed graph."""
    body, newline, meta = payload.partition(b"\n")
    if not newline:
        raise CacheDamaged("invalid content: no meta line")
    return _from_lines(body, meta, schema)


def _from_lines(body: bytes, meta: bytes, schema: Schema | None) -> PolicyGraph:
    enabled = gc.isenabled()
    gc.disable()  # parsing allocates many objects; cyclic GC passes would triple the load time
    try:
        try:
            data = _ADAPTER.validate_python(from_json(body))  # as fast as validate_json, a lower peak
            graph_meta = json.loads(meta, object_hook=_decode)
        except (ValueError, TypeError, RecursionError) as exc:  # pydantic's ValidationError, bad JSON or tags
            raise CacheDamaged(f"invalid content: {_first_line(str(exc))}") from None
        if not isinstance(graph_meta, dict):
            raise CacheDamaged("invalid content: meta is not an object")
        graph = PolicyGraph(schema if schema is not None else load_schema(Path(data.schema_path)))
        graph.nodes = {n.id: n for n in data.nodes}
        graph.edges = {e.id: e for e in data.edges}
        if len(graph.nodes) != len(data.nodes) or len(graph.edges) != len(data.edges):
            raise CacheDamaged("invalid content: duplicate ids")
        for e in data.edges:
            if e.source not in graph.nodes or e.target not in graph.nodes:
                raise CacheDamaged(f"invalid content: edge {e.id} ends at an unknown node")
        graph.rejected = [Rejection(*r) for r in data.rejected]
        graph.meta = graph_meta
        mirror = nx.MultiDiGraph()  # as PolicyGraph.sort() builds it: nodes, then edges, in their stored order
        mirror.add_nodes_from(graph.nodes)
        for e in graph.edges.values():
            mirror.add_edge(e.source, e.target, key=e.id, type=e.type)
        graph.nx = mirror
        return graph
    finally:
        if enabled:
            gc.enable()


def write(path: Path, graph: PolicyGraph) -> None:
    """Write the cache file atomically (a temporary file in the same folder, then os.replace); OSError when the
    folder cannot be created or written, and then no file is left behind."""
    payload = to_bytes(graph)
    header = json.dumps({"format": FORMAT, "version": VERSION, "bytes": len(payload),
                         "sha256": hashlib.sha256(payload).hexdigest()}).encode() + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(header)
            fh.write(payload)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read(path: Path, schema: Schema | None = None) -> PolicyGraph:
    """Read and verify a cache file. OSError when it cannot be read; CacheDamaged when its header, length or
    sha256 do not match its payload, or the payload is not a graph."""
    with path.open("rb") as fh:  # line by line: the payload is never copied
        header = _header(fh.readline(4096))
        body = fh.readline()  # its newline stays: whitespace after a JSON value
        meta = fh.read()
    if header.get("bytes") != len(body) + len(meta):
        raise CacheDamaged(f"payload of {len(body) + len(meta)} bytes, header says {header.get('bytes')!r}")
    digest = hashlib.sha256(body)
    digest.update(meta)
    if header.get("sha256") != digest.hexdigest():
        raise CacheDamaged("sha256 mismatch")
    return _from_lines(body, meta, schema)


def _header(line: bytes) -> dict[str, Any]:
    try:
        header = json.loads(line) if line.endswith(b"\n") else None
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise CacheDamaged("not a policykg graph cache")
    if header.get("version") != VERSION:
        raise CacheDamaged(f"format version {header.get('version')!r}, expected {VERSION}")
    return header


def _encode(value: Any) -> Any:
    t = type(value)
    if value is None or t in (str, int, float, bool):
        return value
    if t is list:
        return [_encode(v) for v in value]
    if t is tuple:
        return {_TUPLE: [_encode(v) for v in value]}
    if t is dict:
        out = {}
        for k, v in value.items():
            if type(k) is not str:
                raise TypeError(f"graph.meta cannot be cached: key {k!r} is not a string")
            out[k] = _encode(v)
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
