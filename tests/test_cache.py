"""The graph cache is data, never code: verified by its sha256, keyed by the content of every input, optional."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import policykg.graph.build as build_module
from policykg.config import PACKAGE_DIR, Settings
from policykg.exporters import json_export
from policykg.graph import store as graph_store
from policykg.graph.build import BuildResult, cache_key, load_or_build
from policykg.graph.model import PolicyGraph
from policykg.query.reports import render_json
from policykg.query.reports import run_report as report_of


@dataclass
class Cached:
    settings: Settings
    fresh: BuildResult  # the graph as built
    file: Path  # its cache file


def export(graph: PolicyGraph) -> str:
    out = io.StringIO()
    json_export.write(graph, out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def steady_key() -> Iterator[None]:
    """load_or_build computes each set of inputs' content key once in this module: the source tree is an input,
    and someone editing it while these tests run would change the key between two calls. (cache_key itself, as
    these tests import it, is not pinned.)"""
    keys: dict[tuple[object, ...], str] = {}

    def steady(s: Settings) -> str:
        k = (s.corpus, s.loaders, s.schema, s.screening_list, s.proposal_threshold)
        if k not in keys:
            keys[k] = cache_key(s)
        return keys[k]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build_module, "cache_key", steady)
        yield


@pytest.fixture(scope="module")
def cached(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Cached:
    s = replace(settings, cache=tmp_path_factory.mktemp("graphcache"))
    fresh = load_or_build(s)
    assert not fresh.from_cache and fresh.cache_file is not None
    return Cached(s, fresh, fresh.cache_file)


@pytest.fixture()
def no_build(monkeypatch: pytest.MonkeyPatch, cached: Cached) -> list[Settings]:
    """build_graph replaced by the graph already built (these tests are about the cache, not the build)."""
    calls: list[Settings] = []

    def fake(s: Settings, **options: object) -> BuildResult:
        calls.append(s)
        return BuildResult(cached.fresh.graph, False, None, 0.0)

    monkeypatch.setattr(build_module, "build_graph", fake)
    return calls


def current_name(settings: Settings, *, pinned: bool = True) -> str:
    """The name of the cache file of these inputs: as load_or_build sees it in this module (pinned), or as a new
    process will (the source tree may have changed since the fixture was built)."""
    return f"graph-{(build_module.cache_key if pinned else cache_key)(settings)[:24]}{graph_store.SUFFIX}"


def copy_cache(cached: Cached, folder: Path) -> Settings:
    folder.mkdir(parents=True, exist_ok=True)
    s = replace(cached.settings, cache=folder)
    shutil.copy(cached.file, folder / current_name(s))
    return s


def warnings_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("Warning:")]


# ------------------------------------------------------------------------------------------- round trip
def test_cache_round_trips_to_byte_identical_exports(cached: Cached) -> None:
    loaded = load_or_build(cached.settings)
    assert loaded.from_cache and loaded.cache_file == cached.file
    g, fresh = loaded.graph, cached.fresh.graph
    assert export(g) == export(fresh)  # the JSON export, byte for byte
    assert list(g.nodes) == list(fresh.nodes) and list(g.edges) == list(fresh.edges)
    assert list(g.nodes.values()) == list(fresh.nodes.values())
    assert list(g.edges.values()) == list(fresh.edges.values())
    assert g.rejected == fresh.rejected
    assert repr(g.meta) == repr(fresh.meta)  # tuples stay tuples (repr tells them from lists)
    # the networkx mirror is rebuilt in the same order: traversals and reports answer the same
    assert list(g.nx.nodes) == list(fresh.nx.nodes)
    assert list(g.nx.edges(keys=True, data=True)) == list(fresh.nx.edges(keys=True, data=True))
    assert [e.id for e in g.out_edges("company:huawei")] == [e.id for e in fresh.out_edges("company:huawei")]
    assert g.schema == fresh.schema and g.schema.path == fresh.schema.path and g.problems() == []


def test_the_cache_file_is_a_sqlite_database_of_plain_data(cached: Cached) -> None:
    db = sqlite3.connect(f"file:{cached.file}?mode=ro", uri=True)
    try:
        assert dict(db.execute("SELECT key, value FROM info")) == {"format": "policykg-graph",
                                                                   "version": str(graph_store.VERSION)}
        kinds = set(db.execute("SELECT type FROM sqlite_master"))
        assert kinds == {("table",), ("index",)}  # no views, no triggers: nothing that runs
        fresh = cached.fresh.graph
        rows = db.execute("SELECT n, id, type, data FROM nodes ORDER BY n").fetchall()
        assert [r[1] for r in rows] == list(fresh.nodes) and [r[0] for r in rows] == list(range(1, len(rows) + 1))
        for _, nid, ntype, data in rows:
            node = json.loads(data)  # each node is JSON, its evidence included
            assert node["id"] == nid and node["type"] == ntype and "evidence" in node
        edges = db.execute("SELECT id, source, target, type, data FROM edges ORDER BY n").fetchall()
        assert [e[0] for e in edges] == list(fresh.edges)
        assert all(json.loads(data)["source"] == source for _, source, _, _, data in edges)
        parts = dict(db.execute("SELECT name, data FROM parts"))
        assert json.loads(parts["meta"]) == list(fresh.meta)
        assert "entities" in json.loads(zlib.decompress(parts["meta:proposals"], -15))  # deflate, plain JSON
        assert {"node_types", "rel_types"} <= set(json.loads(parts["schema"]))
    finally:
        db.close()


def test_meta_keeps_tuples_and_tag_lookalikes(cached: Cached, tmp_path: Path) -> None:
    g = PolicyGraph(cached.fresh.graph.schema)
    g.meta = {"t": (1, (2, "x"), [3, ()]), "~tuple": [1], "d": {"~tuple": (4,)}, "e": {"~dict": {"~tuple": 5}},
              "f": 1.5, "n": None, "z": "不再"}
    graph_store.write(tmp_path / "g.sqlite", g)
    back = graph_store.read(tmp_path / "g.sqlite")
    assert back.meta["n"] is None and back.meta["t"] == g.meta["t"] and back.meta.get("nope", 1) == 1
    assert repr(back.meta) == repr(g.meta)
    assert not list(tmp_path.glob(".*"))  # the temporary file was renamed into place
    with pytest.raises(TypeError, match="not plain data"):
        g.meta = {"s": {1, 2}}
        graph_store.write(tmp_path / "h.sqlite", g)
    assert not list(tmp_path.glob(".*")) and not (tmp_path / "h.sqlite").exists()


def test_a_meta_value_made_a_piece_at_a_time_reads_back_as_the_dict(cached: Cached, tmp_path: Path) -> None:
    """The build makes the proposals listing an item at a time (graph_store.Packer), never holding it whole: it
    is the same JSON as the whole dict's, the cache gives back that dict, and the graph in memory answers with it."""
    items = [{"id": f"p:{i}", "spans": (i, i + 1), "text": "出口管制 " * i, "d": {"~tuple": [i]}} for i in range(300)]
    whole = {"threshold": 0.45, "relations": items, "blocked": ["a: b: c"], "scorer": None}
    packer = graph_store.Packer()
    packer.add("threshold", 0.45)
    packer.begin_list("relations")
    for item in items:
        packer.item(item)
    packer.end_list()
    packer.add("blocked", ["a: b: c"])
    packer.add("scorer", None)
    packed = packer.close()
    assert graph_store.inflate(packed.data) == graph_store.inflate(graph_store._meta_data(whole))  # the same JSON
    assert packed == whole and repr(packed) == repr(whole) and list(packed) == list(whole)
    assert pickle.loads(pickle.dumps(packed)) == whole
    g = PolicyGraph(cached.fresh.graph.schema)
    g.meta = {"proposals": packed, "plain": whole}
    graph_store.write(tmp_path / "g.sqlite", g)
    back = graph_store.read(tmp_path / "g.sqlite")
    assert repr(back.meta["proposals"]) == repr(whole) == repr(back.meta["plain"])  # tuples stay tuples
    # items compressed ahead (a rebuild splices in each unchanged document's block) read back the same
    spliced = graph_store.Packer()
    spliced.add("threshold", 0.45)
    spliced.begin_list("relations")
    spliced.item(items[0])
    for i in range(1, 300, 100):
        block = b",".join(graph_store.encode_item(item) for item in items[i:i + 100])
        spliced.items_segment(graph_store.deflate_segment(block), len(items[i:i + 100]))
    spliced.end_list()
    spliced.add("blocked", ["a: b: c"])
    spliced.add("scorer", None)
    assert spliced.close() == whole
    again = graph_store.Packer()
    with pytest.raises(ValueError):
        again.items_segment(b"", 1)  # no list open
    with pytest.raises(ValueError):
        again.add("~tuple", 1)  # a tag as a key would read back as something else
    again.begin_list("relations")
    with pytest.raises(ValueError):
        again.close()  # a list left open


# ------------------------------------------------------------------------------------------- read on demand
def test_a_cached_graph_reads_only_what_is_asked(cached: Cached) -> None:
    g = load_or_build(cached.settings).graph
    assert isinstance(g, graph_store.StoredGraph)
    nodes, edges, meta = g.nodes, g.edges, g.meta
    assert isinstance(nodes, graph_store.LazyDict) and isinstance(edges, graph_store.LazyDict)
    assert dict.__len__(nodes) == dict.__len__(edges) == dict.__len__(meta) == 0  # nothing read on opening
    assert len(g.nodes) == len(cached.fresh.graph.nodes) and "company:huawei" in g.nodes and "nope" not in g.nodes
    result = report_of(g, "sector", {"sector": "semiconductors"}, "en")
    fresh_result = report_of(cached.fresh.graph, "sector", {"sector": "semiconductors"}, "en")
    assert render_json(result) == render_json(fresh_result)
    # the report read a part of the graph; the lexical layer and meta stayed on disk
    assert 0 < dict.__len__(g.edges) < len(g.edges) / 2, dict.__len__(g.edges)
    assert dict.__len__(meta) == 0 and g._nx is None
    assert not any(dict.__getitem__(g.nodes, k).type == "Section" for k in dict.keys(g.nodes))
    assert g.nodes["company:huawei"] is g.nodes["company:huawei"]  # one object per id


def test_every_query_a_report_makes_answers_as_in_memory(cached: Cached) -> None:
    """Adjacency from the indexes comes back in the networkx mirror's order, for every node and type."""
    fresh = cached.fresh.graph
    g = load_or_build(cached.settings).graph
    assert g.counts() == fresh.counts()
    assert list(g.name_rows()) == list(fresh.name_rows())
    assert list(g.name_rows(prefix="company:")) == list(fresh.name_rows(prefix="company:"))
    assert list(g.name_rows(exclude_prefix="section:")) == list(fresh.name_rows(exclude_prefix="section:"))
    assert dict.__len__(g.nodes) == 0  # names and counts come from their columns, not from the nodes
    types = sorted({e.type for e in fresh.edges.values()})
    for nid in fresh.nodes:
        assert [e.id for e in g.out_edges(nid)] == [e.id for e in fresh.out_edges(nid)], nid
        assert [e.id for e in g.in_edges(nid)] == [e.id for e in fresh.in_edges(nid)], nid
    for nid in ["sector:semiconductors", "company:huawei", "administration:biden"]:
        for t in types:
            assert g.out_edges(nid, t) == fresh.out_edges(nid, t) and g.in_edges(nid, t) == fresh.in_edges(nid, t)
    for t in types:
        assert g.edges_of_type(t) == fresh.edges_of_type(t)
    for t in fresh.schema.node_types:
        assert g.nodes_of_type(t) == fresh.nodes_of_type(t)
    assert g.out_edges("no such node") == [] and g.in_edges("no such node", "MENTIONS") == []


REPORT_CASES = [("sector", {"sector": "semiconductors"}), ("administration", {"administration": "Biden"}),
                ("timeline", {}), ("entity", {"entity": "Huawei"}),
                ("path", {"source": "CHIPS and Science Act", "target": "Samsung"}),
                ("chain", {"chain": "semiconductors"}), ("countermeasures", {}), ("listings", {})]


@pytest.mark.parametrize(("name", "params"), REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_report_is_the_same_from_the_cache(cached: Cached, name: str, params: dict[str, str], lang: str) -> None:
    g = load_or_build(cached.settings).graph
    assert isinstance(g, graph_store.StoredGraph)
    assert render_json(report_of(g, name, params, lang)) == render_json(
        report_of(cached.fresh.graph, name, params, lang))


def test_a_cached_graph_is_a_dict_like_any_other(cached: Cached) -> None:
    fresh = cached.fresh.graph
    g = load_or_build(cached.settings).graph
    nodes = g.nodes
    assert nodes.get("company:huawei") == fresh.nodes["company:huawei"] and nodes.get("nope", 5) == 5
    keys = nodes.keys()
    assert list(keys) == list(fresh.nodes.keys()) and "company:huawei" in keys and len(keys) == len(fresh.nodes)
    first = next(iter(nodes.items()))  # streaming stops early: the rest stays unread
    assert first == next(iter(fresh.nodes.items())) and not nodes.complete
    assert nodes == fresh.nodes and fresh.nodes == nodes and nodes.complete  # comparing reads it all, in order
    assert list(dict.keys(nodes)) == list(fresh.nodes)
    assert dict(g.edges) == fresh.edges and g.edges.copy() == fresh.edges
    with pytest.raises(KeyError):
        _ = g.edges["e:nope"]


def test_changing_a_cached_graph_loads_it_whole(cached: Cached) -> None:
    fresh = cached.fresh.graph
    g = load_or_build(cached.settings).graph
    assert isinstance(g, graph_store.StoredGraph)
    huawei = g.nodes["company:huawei"]
    g.remove_node("company:huawei")  # the graph's own methods: the whole graph is read, then changed
    assert g.path is None and "company:huawei" not in g.nodes and "company:huawei" not in g.nx
    assert len(g.nodes) == len(fresh.nodes) - 1 and g.add_node(huawei) is huawei
    assert g.out_edges("company:huawei") == []
    g2 = load_or_build(cached.settings).graph
    g2.edges.pop(next(iter(fresh.edges)))  # a dict change: that dict is read whole first
    assert len(g2.edges) == len(fresh.edges) - 1 and g2.edges.complete and not g2.nodes.complete
    assert g2.counts()[1] == fresh.counts()[1] - Counter([fresh.edges[next(iter(fresh.edges))].type])


def test_threads_share_one_cached_graph(cached: Cached) -> None:
    g = load_or_build(cached.settings).graph
    fresh = cached.fresh.graph
    ids = list(fresh.nodes)

    def work(k: int) -> bool:
        return all(g.nodes[nid] == fresh.nodes[nid] and g.in_edges(nid) == fresh.in_edges(nid)
                   for nid in ids[k::4])

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(work, range(4)))


# ------------------------------------------------------------------------------------------- damaged caches
class Marker:
    """Unpickling this creates a file: what a planted pickle would do instead."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def _sql(valid: bytes, tmp: Path, *statements: str) -> bytes:
    """The valid file changed by SQL statements (on a copy), its bytes."""
    path = tmp / "edit.sqlite"
    path.write_bytes(valid)
    db = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        db.execute(statement)
    db.close()
    return path.read_bytes()


def _old_version(valid: bytes, tmp: Path) -> bytes:
    return _sql(valid, tmp, "UPDATE info SET value = '1' WHERE key = 'version'")


def _old_format(valid: bytes, tmp: Path) -> bytes:
    """The cache of the previous format (a JSON file with a sha256 header) under this format's name."""
    payload = b'{"schema_path":"x","nodes":[],"edges":[],"rejected":[]}\n{}'
    header = {"format": "policykg-graph", "version": 1, "bytes": len(payload),
              "sha256": hashlib.sha256(payload).hexdigest()}
    return json.dumps(header).encode() + b"\n" + payload


DAMAGES: dict[str, Callable[[bytes, Path, Path], bytes]] = {
    "garbage": lambda valid, marker, tmp: b"\x80\x04garbage\x00\xff" * 100,
    "empty": lambda valid, marker, tmp: b"",
    "pickle": lambda valid, marker, tmp: pickle.dumps(Marker(marker)),
    "truncated": lambda valid, marker, tmp: valid[: len(valid) // 2],
    "truncated to a page": lambda valid, marker, tmp: valid[:4096],
    "old version": lambda valid, marker, tmp: _old_version(valid, tmp),
    "old format": lambda valid, marker, tmp: _old_format(valid, tmp),
    "another database": lambda valid, marker, tmp: _sql(b"", tmp, "CREATE TABLE t (x)"),
    "a view": lambda valid, marker, tmp: _sql(valid, tmp, "CREATE VIEW v AS SELECT 1"),
    "a trigger": lambda valid, marker, tmp: _sql(
        valid, tmp, "CREATE TRIGGER t AFTER INSERT ON info BEGIN DELETE FROM info; END"),
}


REASONS = {"garbage": "(not a policykg graph cache)", "empty": "(not a policykg graph cache)",
           "pickle": "(not a policykg graph cache)", "truncated": "bytes, header says",
           "truncated to a page": "bytes, header says",
           "old version": f"(format version 1, expected {graph_store.VERSION})",
           "old format": "(not a policykg graph cache)", "another database": "(not a policykg graph cache)",
           "a view": "(not a policykg graph cache)", "a trigger": "(not a policykg graph cache)"}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_cache_is_never_used_and_is_rebuilt(damage: str, cached: Cached, no_build: list[Settings],
                                                       tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = copy_cache(cached, tmp_path / "cache")
    marker = tmp_path / "marker"
    cache_file = s.cache / current_name(s)
    cache_file.write_bytes(DAMAGES[damage](cached.file.read_bytes(), marker, tmp_path))
    result = load_or_build(s)
    assert not result.from_cache and len(no_build) == 1  # built again, not served from the file
    assert not marker.exists()
    err = capsys.readouterr().err
    assert warnings_of(err) == [line for line in err.splitlines() if line], err
    (line,) = warnings_of(err)
    assert line.startswith(f"Warning: cache {cache_file} is damaged; rebuilt ("), line
    assert REASONS[damage] in line, line
    # the rebuilt graph replaced the damaged file: the next run is served from the cache, silently
    again = load_or_build(s)
    assert again.from_cache and export(again.graph) == export(cached.fresh.graph)
    assert capsys.readouterr().err == ""


def _rehash_node(valid: bytes, tmp: Path, nid: str, old: str, new: str) -> bytes:
    """A node's JSON edited in place and its row's hashes recomputed: the hashes hold, the content is wrong."""
    path = tmp / "edit.sqlite"
    path.write_bytes(valid)
    db = sqlite3.connect(path, isolation_level=None)
    n, ntype, names, data = db.execute("SELECT n, type, names, data FROM nodes WHERE id = ?", (nid,)).fetchone()
    data = data.replace(old.encode(), new.encode(), 1)
    dsha = hashlib.sha256(data).digest()
    db.execute("UPDATE nodes SET data = ?, dsha = ?, sha = ? WHERE n = ?",
               (data, dsha, graph_store._node_sha(n, nid, ntype, names, dsha), n))
    db.close()
    return path.read_bytes()


def _rehash_edge_source(valid: bytes, tmp: Path) -> bytes:
    """An edge into the semiconductors sector made to start at a node that does not exist, its hash recomputed."""
    path = tmp / "edit.sqlite"
    path.write_bytes(valid)
    db = sqlite3.connect(path, isolation_level=None)
    n, source, pair, data = db.execute(
        "SELECT n, source, pair, data FROM edges WHERE target = 'sector:semiconductors' "
        "AND type = 'CONCERNS' ORDER BY n").fetchone()
    data = data.replace(f'"source":"{source}"'.encode(), b'"source":"policy:nowhere"')
    db.execute("UPDATE edges SET source = 'policy:nowhere', data = ?, sha = ? WHERE n = ?",
               (data, graph_store._edge_sha(n, pair, data), n))
    db.close()
    return path.read_bytes()


ROW_DAMAGES: dict[str, Callable[[bytes, Path], bytes]] = {
    "edited": lambda valid, tmp: _sql(  # a node the report reads, changed without its hash
        valid, tmp, "UPDATE nodes SET data = CAST(replace(CAST(data AS TEXT), '\"name\":\"', '\"name\":\"X') AS BLOB) "
        "WHERE id = 'sector:semiconductors'"),
    "edited edge": lambda valid, tmp: _sql(  # an edge the report reads, changed without its hash
        valid, tmp, "UPDATE edges SET data = CAST(replace(CAST(data AS TEXT), 'CONCERNS', 'CONCERNX') AS BLOB) "
        "WHERE n = (SELECT min(n) FROM edges WHERE target = 'sector:semiconductors' AND type = 'CONCERNS')"),
    "rehashed": lambda valid, tmp: _rehash_node(valid, tmp, "sector:semiconductors", '"type":"Sector"',
                                                '"typ":"Sector"'),
    "renamed": lambda valid, tmp: _rehash_node(valid, tmp, "sector:semiconductors", '"id":"sector:semiconductors"',
                                               '"id":"sector:semiconductorz"'),
    "dangling": lambda valid, tmp: _rehash_edge_source(valid, tmp),
}
ROW_REASONS = {"edited": "(node sector:semiconductors: sha256 mismatch)", "edited edge": ": sha256 mismatch)",
               "rehashed": "(invalid content: node sector:semiconductors: ",
               "renamed": "(invalid content: node sector:semiconductors is stored as sector:semiconductorz",
               "dangling": "ends at an unknown node)"}


@pytest.mark.parametrize("damage", sorted(ROW_DAMAGES))
def test_a_damaged_row_stops_the_command_with_one_line_and_the_next_run_rebuilds(
        damage: str, cached: Cached, expected_report: str, tmp_path: Path) -> None:
    """Rows are checked when they are read, not when the file is opened: a damaged one is found by the command that
    reads it, which stops with one error line and removes the file; the next run rebuilds it."""
    folder = tmp_path / "cache"
    folder.mkdir()
    cache_file = folder / current_name(cached.settings, pinned=False)
    cache_file.write_bytes(ROW_DAMAGES[damage](cached.file.read_bytes(), tmp_path))
    out = run_report(folder)
    assert out.returncode == 1 and out.stdout == "", out.stdout
    assert out.stderr.count("\n") == 1 and out.stderr.startswith(f"Error: cache {cache_file} is damaged ("), out.stderr
    assert ROW_REASONS[damage] in out.stderr and out.stderr.endswith("; removed: the next run rebuilds it\n")
    assert not cache_file.exists()
    again = run_report(folder)
    assert again.returncode == 0 and again.stdout == expected_report and again.stderr == ""
    assert cache_file.is_file()


def test_a_damaged_row_raises_in_the_library(cached: Cached, tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    path.write_bytes(ROW_DAMAGES["edited"](cached.file.read_bytes(), tmp_path))
    # the file is still what SQLite wrote: only the row's own hash can tell
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    g = graph_store.read(path)
    assert len(g.nodes) == len(cached.fresh.graph.nodes)  # opening checks the file, not every row
    with pytest.raises(graph_store.CacheDamaged, match="sha256 mismatch"):
        _ = g.nodes["sector:semiconductors"]
    assert not path.exists()


def test_properties_are_read_without_the_evidence_and_checked_like_the_objects(cached: Cached,
                                                                               tmp_path: Path) -> None:
    """What a Neo4j load checks before it wipes: every (id, type, properties), from the stored JSON without
    making the objects (their evidence is the bulk of a row), the same as the objects say; a damaged row is
    found here as when it is read whole."""
    fresh = cached.fresh.graph
    g = graph_store.read(cached.file)
    huawei = g.nodes["company:huawei"]  # one read before: taken as it is
    assert list(g.nodes.properties()) == [(n.id, n.type, n.properties) for n in fresh.nodes.values()]
    assert list(g.edges.properties()) == [(e.id, e.type, e.properties) for e in fresh.edges.values()]
    assert any(props for _, _, props in g.edges.properties())
    assert not g.nodes.complete and not g.edges.complete and g.nodes["company:huawei"] is huawei
    g.nodes.fill()
    assert list(g.nodes.properties()) == [(n.id, n.type, n.properties) for n in fresh.nodes.values()]
    path = tmp_path / "g.sqlite"
    path.write_bytes(ROW_DAMAGES["edited"](cached.file.read_bytes(), tmp_path))
    with pytest.raises(graph_store.CacheDamaged, match="node sector:semiconductors: sha256 mismatch"):
        list(graph_store.read(path).nodes.properties())
    path.write_bytes(_rehash_node(cached.file.read_bytes(), tmp_path, "sector:semiconductors", '"properties":{',
                                  '"properties":[{'))
    with pytest.raises(graph_store.CacheDamaged, match="invalid content: node sector:semiconductors: "):
        list(graph_store.read(path).nodes.properties())


def test_the_marker_payload_does_run_code_under_pickle(tmp_path: Path) -> None:
    """The planted payload of the test above is a real attack: unpickled, it writes its marker file."""
    marker = tmp_path / "marker"
    pickle.loads(pickle.dumps(Marker(marker))).close()
    assert marker.exists()


def test_a_killed_write_leaves_a_temporary_file_that_is_never_read(cached: Cached, no_build: list[Settings],
                                                                    tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    # a complete cache, but under a temporary name: what a run killed before os.replace leaves behind
    shutil.copy(cached.file, folder / f"{graph_store.TEMP_PREFIX}killed.tmp")
    (folder / f"{graph_store.TEMP_PREFIX}half.tmp").write_bytes(cached.file.read_bytes()[:1000])
    result = load_or_build(replace(cached.settings, cache=folder))
    assert not result.from_cache and no_build
    assert result.cache_file == folder / cached.file.name and result.cache_file.is_file()


def test_no_module_of_the_package_can_unpickle() -> None:
    loaders = re.compile(r"^\s*(import|from)\s+(pickle|cPickle|_pickle|marshal|shelve|dill|joblib)\b", re.M)
    offenders = [str(p.relative_to(PACKAGE_DIR)) for p in PACKAGE_DIR.rglob("*.py") if loaders.search(p.read_text())]
    assert offenders == []


# ------------------------------------------------------------------------------------------- the key
def test_the_screening_list_is_keyed_by_its_content_not_its_size_or_time(settings: Settings, tmp_path: Path) -> None:
    sl = tmp_path / "screening-list.json"
    sl.write_text('{"results": [{"name": "ACME"}]}')
    s = replace(settings, screening_list=sl)
    before = sl.stat()
    key = cache_key(s)
    sl.write_text('{"results": [{"name": "ACMF"}]}')  # same size
    os.utime(sl, ns=(before.st_atime_ns, before.st_mtime_ns))  # same time stamp
    after = sl.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert cache_key(s) != key
    sl.write_text('{"results": [{"name": "ACME"}]}')
    assert cache_key(s) == key  # the same content is the same key
    assert cache_key(replace(settings, screening_list=None)) != key


def test_the_scorer_model_is_part_of_the_key(settings: Settings, corpus_copy: Path) -> None:
    corpus = corpus_copy
    s = replace(settings, corpus=corpus)
    key = cache_key(s)
    (corpus / "loaders").mkdir(exist_ok=True)
    (corpus / "loaders" / "scorer.json").write_text("{}")
    assert cache_key(s) != key


# ------------------------------------------------------------------------------------------- unwritable caches
def test_an_unwritable_cache_folder_means_not_cached(cached: Cached, no_build: list[Settings], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for folder in (blocker, blocker / "cache"):  # a file where the folder should be; a folder inside a file
        result = load_or_build(replace(cached.settings, cache=folder))
        assert not result.from_cache and result.cache_file is None
        assert result.graph is cached.fresh.graph
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"Warning: cache {folder} not writable; not cached ("), err
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]  # no temporary file left anywhere


def run_report(cache: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POLICYKG_SCREENING_LIST"}
    env["POLICYKG_CACHE"] = str(cache)
    return subprocess.run([sys.executable, "-m", "policykg", "report", "sector", "semiconductors"],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def expected_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = run_report(tmp_path_factory.mktemp("reportcache"))
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert "CHIPS" in out.stdout
    return out.stdout


def _read_only_folder(tmp: Path) -> Path:
    folder = tmp / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def _file_as_folder(tmp: Path) -> Path:
    (tmp / "cache").write_text("")
    return tmp / "cache"


def _folder_in_a_file(tmp: Path) -> Path:
    (tmp / "file").write_text("")
    return tmp / "file" / "cache"


@pytest.mark.parametrize("make", [_read_only_folder, _file_as_folder, _folder_in_a_file],
                         ids=["read-only folder", "a file", "inside a file"])
def test_the_command_answers_when_the_cache_cannot_be_written(make: Callable[[Path], Path], expected_report: str,
                                                              tmp_path: Path) -> None:
    folder = make(tmp_path)
    try:
        out = run_report(folder)
    finally:
        if folder.is_dir():
            folder.chmod(0o755)
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected_report
    if make is _read_only_folder and os.geteuid() == 0:
        return  # root writes into a read-only folder: the answer is right and it may well be cached
    assert out.stderr.splitlines() == [line for line in out.stderr.splitlines() if line.startswith(
        f"Warning: cache {folder} not writable; not cached (")] and out.stderr.count("\n") == 1, out.stderr


def test_a_planted_pickle_never_runs_from_the_command_line(cached: Cached, expected_report: str,
                                                           tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    marker = tmp_path / "pwned"
    # the name the command will look for (the key does not depend on the cache folder)
    planted = folder / current_name(cached.settings, pinned=False)
    planted.write_bytes(pickle.dumps(Marker(marker)))
    out = run_report(folder)
    assert out.returncode == 0, out.stderr
    assert not marker.exists()
    assert out.stdout == expected_report
    assert out.stderr == f"Warning: cache {planted} is damaged; rebuilt (not a policykg graph cache)\n"
    assert graph_store.read(planted).nodes.keys() == cached.fresh.graph.nodes.keys()  # replaced by the graph
