"""A command imports what it needs: a report served from the cache does not load Neo4j's driver, the RDF and XML
libraries, the YAML parser, the tokenizer, the learner, networkx or the build's own modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_process import built_cache, run
from policykg.cli import screening as cli_screening
from policykg.resolve import screening

# Modules a cached read must not import: (module, why it would be there)
HEAVY = {
    "neo4j": "the Neo4j driver (neo4j commands only)",
    "rdflib": "RDF exports",
    "lxml": "XML exports",
    "yaml": "the loaders' YAML (a cached graph carries its schema; the content key reads no YAML)",
    "jieba": "Chinese segmentation (building)",
    "sklearn": "training the scorer",
    "numpy": "scoring proposals (building) and training the scorer",
    "lightgbm": "training the scorer",
    "pandas": "report.to_dataframe()",
    "networkx": "the in-memory mirror (built only when a graph is changed or asks for it)",
    "ahocorasick": "the gazetteer's matcher (building)",
    "policykg.sources.corpus": "reading documents (building)",
    "policykg.extract.gazetteer": "the gazetteer (building)",
    "policykg.extract.stages": "extraction (building)",
    "policykg.extract.ingest": "proposals (building)",
    "policykg.yamlio": "YAML loading",
    "policykg.exporters": "exports",
    "policykg.backends": "Neo4j loading",
    "policykg.extract.regex_safety": "checking the loaders' patterns (building)",
}

COMMANDS = {
    "report sector": ["report", "sector", "semiconductors"],
    "report timeline": ["report", "timeline", "--format", "json"],
    "report path": ["report", "path", "CHIPS and Science Act", "Samsung"],
    "show": ["show", "实体清单"],
    "query": ["query", "measures_touching_sector", "--param", "sector=semiconductors"],
}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_cache(tmp_path_factory, "importcache")


def imported(stderr: str) -> set[str]:
    """Module names from `python -X importtime` output."""
    return {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", stderr, re.M)}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_cached_read_imports_no_heavy_module(command: str, cache: Path) -> None:
    out = run(COMMANDS[command], cache, "-X", "importtime")
    assert out.returncode == 0, out.stderr[-3000:]
    modules = imported(out.stderr)
    assert "policykg.cli.main" in modules and "typer" in modules and "pydantic" in modules  # the parse worked
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == [], "\n".join(f"{m}: {HEAVY[next(h for h in HEAVY if m == h or m.startswith(h + '.'))]}"
                                  for m in heavy)
    lines = [line for line in out.stderr.splitlines() if not line.startswith("import time:")]
    assert lines == []  # nothing else on stderr: served from the cache, no warning
    plain = run(COMMANDS[command], cache)
    assert plain.stdout == out.stdout  # the answer does not depend on how it was timed


def test_a_build_still_imports_what_it_needs(tmp_path: Path) -> None:
    out = run(["build", "--show-rejected", "0"], tmp_path, "-X", "importtime")
    assert out.returncode == 0, out.stderr[-3000:]
    modules = imported(out.stderr)
    assert {"yaml", "policykg.sources.corpus", "policykg.extract.gazetteer", "policykg.extract.stages",
            "networkx"} <= modules


def test_every_command_is_still_registered(cache: Path) -> None:
    out = run(["--help"], cache)
    assert out.returncode == 0
    for name in ("build", "show", "report", "query", "export", "neo4j", "cypher", "add", "proposals", "review",
                 "resolve", "screening", "eval", "train"):
        assert re.search(rf"│ {name}\b", out.stdout), name


def test_the_help_text_names_the_review_threshold_of_the_screening_module() -> None:
    assert cli_screening.REVIEW_HELP == screening.REVIEW
