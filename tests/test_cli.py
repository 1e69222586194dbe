"""The command line as a user meets it: real corpus, real subprocesses, exact error lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command

from policykg.cli.main import app


def run(args: list[str], cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "POLICYKG_CACHE": str(cache), **env}
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True,
                          env=full_env, timeout=300)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clicache")


def test_build_prints_counts_and_caches(cache: Path) -> None:
    first = run(["build"], cache)
    assert first.returncode == 0, first.stderr
    assert "Nodes by type:" in first.stdout and "Administration" in first.stdout
    assert "Edges by type:" in first.stdout and "Rejected facts:" in first.stdout
    assert list(cache.glob("graph-*.sqlite"))
    second = run(["build"], cache)
    assert "from cache" in second.stdout


def test_show_finds_an_entity_by_chinese_alias(cache: Path) -> None:
    out = run(["show", "实体清单"], cache)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Entity List")
    assert "cai2026" in out.stdout


def test_show_entity_list_says_who_runs_it_whom_and_what_it_targets_and_when(cache: Path) -> None:
    out = run(["show", "Entity List"], cache)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "<-[ADMINISTERS]- United States Department of Commerce" in text  # who runs it
    assert "<-[LISTED_ON]- Huawei" in text and "-[TARGETS]-> China" in text  # whom
    for sector in ("Chips (integrated circuits)", "Artificial intelligence", "Nuclear power", "Defense industry"):
        assert f"-[CONCERNS]-> {sector}" in text  # which sectors
    assert "<-[CONTINUED]- Trump 1.0 administration" in text and "<-[EASES]- Trump 2.0 administration" in text
    assert "over 800" in text  # the figure, dated by its sentence (as of January 2024)
    assert "[cai2026 " in text and "2024 年 1 月" in text  # evidence: document, offsets, the sentence


def test_show_suggests_on_a_miss(cache: Path) -> None:
    out = run(["show", "Huawie"], cache)
    assert out.returncode == 1
    assert out.stderr.strip().startswith("Error: no entity named 'Huawie'")
    assert "did you mean" in out.stderr and "Huawei" in out.stderr


def test_export_json_is_complete_and_deterministic(cache: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(["export", "json", "-o", str(a)], cache).returncode == 0
    assert run(["export", "json", "-o", str(b)], cache).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["id"] == "instrument:entity-list")
    assert node["name"] == "Entity List" and "实体清单" in node["aliases"]
    assert set(node) == {"id", "type", "name", "aliases", "properties", "evidence", "statements"}
    assert all(st["evidence"] for st in node["statements"])  # every value with its own source
    ev = node["evidence"][0]
    assert {"doc", "start", "end", "section", "text", "method", "confidence"} <= set(ev)
    edge = data["edges"][0]
    assert set(edge) == {"id", "source", "target", "type", "properties", "evidence", "statements"}


def bad_loaders(loaders_copy: Path, name: str, text: str) -> Path:
    (loaders_copy / "assertions" / name).write_text(text, encoding="utf-8")
    return loaders_copy


@pytest.mark.parametrize("text, expected", [
    ("assertions:\n  - {source: Nowhere Corp, type: TARGETS, target: Huawei, doc: gu2022, anchor: Huawei}\n",
     r"bad\.yaml:2: source: no entity named 'Nowhere Corp'"),
    ("assertions:\n  - {source: Entity List, type: TARGETS, target: Huawei, doc: gu2022, anchor: zzqq-not-there}\n",
     r"bad\.yaml:2: anchor \['zzqq-not-there'\] not found in gu2022"),
    ("assertions:\n  - {source: Semiconductors, type: ENACTED, target: Huawei, doc: gu2022, anchor: Huawei}\n",
     r"bad\.yaml:2: sector:semiconductors -\[ENACTED\]-> company:huawei: ENACTED cannot start at a Sector"),
    ("assertions:\n  - {source: Huawei, type: TARGETS\n", r"bad\.yaml:\d+: malformed YAML"),
])
def test_bad_loader_input_is_one_clear_error_and_no_cache(loaders_copy: Path, tmp_path: Path, text: str,
                                                          expected: str) -> None:
    import re

    cache = tmp_path / "cache"
    out = run(["build"], cache, POLICYKG_LOADERS=str(bad_loaders(loaders_copy, "bad.yaml", text)))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert all(line.startswith("Error: ") for line in lines)
    assert any(re.search(expected, line) for line in lines), out.stderr
    assert "Traceback" not in out.stderr
    assert not list(cache.glob("graph-*"))  # no partial cache


def test_changed_document_stops_the_build(corpus_copy: Path, tmp_path: Path) -> None:
    doc = corpus_copy / "gu-liu-2022-technology-power.en-zh.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("Huawei", "Huawey", 1), encoding="utf-8")
    out = run(["--corpus", str(corpus_copy), "build"], tmp_path / "cache")
    assert out.returncode == 1
    assert "sources.yaml" in out.stderr and "gu2022" in out.stderr and "changed" in out.stderr


def test_every_command_has_help() -> None:
    group = get_command(app)
    missing = []

    def walk(cmd: object, path: str) -> None:
        commands = getattr(cmd, "commands", None)
        if commands:
            for name, sub in commands.items():
                walk(sub, f"{path} {name}")
        elif not (getattr(cmd, "help", None) or "").strip():
            missing.append(path)

    walk(group, "policykg")
    assert not missing, f"commands without help: {missing}"
    assert isinstance(app, typer.Typer)


def test_an_unresponsive_neo4j_port_is_one_error_within_the_connect_timeout(cache: Path) -> None:
    """A port that accepts connections but never answers the Bolt handshake: the 10 s bound is honoured
    (the driver's own 60 s acquisition default was not), and it is one Error line."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        port = server.getsockname()[1]
        full_env = {**os.environ, "POLICYKG_CACHE": str(cache)}
        out = subprocess.run([sys.executable, "-m", "policykg", "neo4j", "status", "--uri",
                              f"bolt://127.0.0.1:{port}"], capture_output=True, text=True, env=full_env, timeout=40)
    finally:
        server.close()
        for conn in held:
            conn.close()
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port}")
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
