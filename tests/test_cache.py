"""The graph cache is data, never code: verified by its sha256, keyed by the content of every input, optional."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import policykg.build as build_module
from policykg import graph_store
from policykg.build import BuildResult, cache_key, load_or_build
from policykg.config import PACKAGE_DIR, Settings
from policykg.exporters import json_export
from policykg.graph import PolicyGraph


@dataclass
class Cached:
    settings: Settings
    fresh: BuildResult  # the graph as built
    file: Path  # its cache file


def export(graph: PolicyGraph) -> str:
    out = io.StringIO()
    json_export.write(graph, out)
    return out.getvalue()


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

    def fake(s: Settings) -> BuildResult:
        calls.append(s)
        return BuildResult(cached.fresh.graph, False, None, 0.0)

    monkeypatch.setattr(build_module, "build_graph", fake)
    return calls


def copy_cache(cached: Cached, folder: Path) -> Settings:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(cached.file, folder / cached.file.name)
    return replace(cached.settings, cache=folder)


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
    assert g.schema.path == fresh.schema.path and g.problems() == []


def test_the_cache_file_is_json_with_a_hash_header(cached: Cached) -> None:
    header_line, payload = cached.file.read_bytes().split(b"\n", 1)
    header = json.loads(header_line)
    assert header["format"] == "policykg-graph" and header["bytes"] == len(payload)
    assert header["sha256"] == hashlib.sha256(payload).hexdigest()
    body, meta = payload.split(b"\n")
    assert {"schema_path", "nodes", "edges", "rejected"} == set(json.loads(body))
    assert "proposals" in json.loads(meta)


def test_meta_keeps_tuples_and_tag_lookalikes(cached: Cached) -> None:
    g = PolicyGraph(cached.fresh.graph.schema)
    g.meta = {"t": (1, (2, "x"), [3, ()]), "~tuple": [1], "d": {"~tuple": (4,)}, "e": {"~dict": {"~tuple": 5}},
              "f": 1.5, "n": None, "z": "不再"}
    back = graph_store.from_bytes(graph_store.to_bytes(g))
    assert repr(back.meta) == repr(g.meta)
    with pytest.raises(TypeError, match="not plain data"):
        g.meta = {"s": {1, 2}}
        graph_store.to_bytes(g)


# ------------------------------------------------------------------------------------------- damaged caches
class Marker:
    """Unpickling this creates a file: what a planted pickle would do instead."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def _edited(valid: bytes) -> bytes:
    assert b'"name":"Entity List"' in valid
    return valid.replace(b'"name":"Entity List"', b'"name":"Entity Lisx"', 1)  # same length, hash not updated


def _rehashed(valid: bytes) -> bytes:
    """Payload edited and its header rewritten to match: the hash holds, the content is no graph."""
    payload = valid.split(b"\n", 1)[1].replace(b'"id":"company:huawei"', b'"idx":"company:huawei"', 1)
    header = {"format": "policykg-graph", "version": graph_store.VERSION, "bytes": len(payload),
              "sha256": hashlib.sha256(payload).hexdigest()}
    return json.dumps(header).encode() + b"\n" + payload


def _old_version(valid: bytes) -> bytes:
    assert b'"version": 1,' in valid.split(b"\n", 1)[0]
    return valid.replace(b'"version": 1,', b'"version": 0,', 1)


DAMAGES = {
    "garbage": lambda valid, marker: b"\x80\x04garbage\x00\xff" * 100,
    "empty": lambda valid, marker: b"",
    "pickle": lambda valid, marker: pickle.dumps(Marker(marker)),
    "truncated": lambda valid, marker: valid[: len(valid) // 2],
    "edited": lambda valid, marker: _edited(valid),
    "rehashed": lambda valid, marker: _rehashed(valid),
    "old version": lambda valid, marker: _old_version(valid),
}


REASONS = {"garbage": "(not a policykg graph cache)", "empty": "(not a policykg graph cache)",
           "pickle": "(not a policykg graph cache)", "truncated": "bytes, header says", "edited": "(sha256 mismatch)",
           "rehashed": "(invalid content: ", "old version": "(format version 0, expected 1)"}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_cache_is_never_used_and_is_rebuilt(damage: str, cached: Cached, no_build: list[Settings],
                                                       tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = copy_cache(cached, tmp_path / "cache")
    marker = tmp_path / "marker"
    cache_file = s.cache / cached.file.name
    cache_file.write_bytes(DAMAGES[damage](cached.file.read_bytes(), marker))
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
    return subprocess.run([sys.executable, "-m", "policykg.cli", "report", "sector", "semiconductors"],
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
    planted = folder / cached.file.name
    planted.write_bytes(pickle.dumps(Marker(marker)))
    out = run_report(folder)
    assert out.returncode == 0, out.stderr
    assert not marker.exists()
    assert out.stdout == expected_report
    assert out.stderr == f"Warning: cache {planted} is damaged; rebuilt (not a policykg graph cache)\n"
    assert graph_store.read(planted).nodes.keys() == cached.fresh.graph.nodes.keys()  # replaced by the graph
