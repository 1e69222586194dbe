"""examples/notebook.py, run as a user runs it (a fresh process, its own cache, only the public API), does what it
says: the report, a query, a path, a networkx subgraph, search and exports, checked against the command line."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from policykg.config import REPO_ROOT, Settings

EXAMPLE = REPO_ROOT / "examples" / "notebook.py"


def cli(args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policykg", "--cache", str(cache), *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    """The example's run (from a folder outside the repository), its output folder and its cache."""
    work = tmp_path_factory.mktemp("example")
    cache, out = work / "cache", work / "out"
    env = {k: v for k, v in os.environ.items() if k not in {"POLICYKG_SCREENING_LIST", "POLICYKG_CACHE"}}
    done = subprocess.run([sys.executable, str(EXAMPLE), str(out), "--corpus", str(Settings().corpus),
                           "--cache", str(cache)], capture_output=True, text=True, cwd=work, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done, out, cache


def corpus_documents() -> set[str]:
    """The document ids sources.yaml declares."""
    text = (Settings().corpus / "sources.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"^  - id: (\S+)$", text, re.MULTILINE))


def section(stdout: str, title: str) -> list[str]:
    """The lines printed under ``== title`` (up to the next section)."""
    block = stdout.split(f"== {title}", 1)[1].split("\n== ", 1)[0]
    return block.splitlines()[1:]


def test_the_example_uses_only_the_public_api() -> None:
    imports = re.findall(r"^\s*(?:import|from) (\S+)", EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE)
    assert "policykg" in imports
    assert [m for m in imports if m.startswith("policykg.")] == []


def test_the_report_is_printed_and_written_as_markdown(session: tuple[subprocess.CompletedProcess[str], Path,
                                                                      Path]) -> None:
    done, out, cache = session
    markdown = (out / "semiconductors.md").read_text(encoding="utf-8")
    assert markdown.startswith("# ") and "| CHIPS and Science Act | Law |" in markdown
    assert markdown in done.stdout
    # the same report as the command line gives from the cache the example built
    cli_json = cli(["report", "sector", "semiconductors", "--format", "json"], cache)
    assert cli_json.returncode == 0, cli_json.stderr
    rows = json.loads(cli_json.stdout)["rows"]
    assert f"report sector semiconductors: {len(rows)} rows" in done.stdout
    assert all(f"| {row['name']} |" in markdown for row in rows)


def test_the_query_takes_a_chinese_name_and_answers_as_the_cli_does_with_the_id(
        session: tuple[subprocess.CompletedProcess[str], Path, Path]) -> None:
    done, _, cache = session
    lines = section(done.stdout, "query measures_against_entity entity=华为")
    answer = cli(["query", "measures_against_entity", "--param", "entity=company:huawei", "--format", "json"], cache)
    assert answer.returncode == 0, answer.stderr
    rows = json.loads(answer.stdout)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert rows and [line for line in lines if line] == [
        f"{r['measure']} ({r['measure_type']}, {r['measure_relation']}): {r['actor_relation'] or '-'} by "
        f"{r['actor'] or '-'}" for r in rows]


def test_the_path_names_both_ends_and_its_evidence(session: tuple[subprocess.CompletedProcess[str], Path,
                                                                  Path]) -> None:
    lines = section(session[0].stdout, "path CHIPS and Science Act -> Samsung")
    paths = [line for line in lines if line and not line.startswith("  ")]
    assert paths and all(p.startswith("CHIPS and Science Act -[") and p.endswith("Samsung") for p in paths)
    evidence = [line.split()[1] for line in lines if line.startswith("  evidence:")]
    assert len(evidence) == len(paths) and set(evidence) <= corpus_documents()


def test_the_subgraph_from_networkx_is_the_exported_one(session: tuple[subprocess.CompletedProcess[str], Path,
                                                                       Path]) -> None:
    done, out, _ = session
    drawn = nx.read_graphml(out / "semiconductors.graphml", force_multigraph=True)
    assert drawn.nodes["law:chips-and-science-act"]["name"] == "CHIPS and Science Act"
    gexf = ET.parse(out / "semiconductors.gexf").getroot()
    exported = {n.get("id") for n in gexf.iter() if n.tag.endswith("}node")}
    assert set(drawn.nodes) == exported  # the report's subgraph, drawn or exported for Gephi
    header = section(done.stdout, "subgraph report:sector:semiconductors")
    assert f"{drawn.number_of_nodes()} nodes, {drawn.number_of_edges()} edges" in \
        done.stdout.split("== subgraph report:sector:semiconductors: ", 1)[1].splitlines()[0]
    central = [line for line in header if re.match(r"^\d\.\d\d ", line)]
    assert len(central) == 5 and all(line.rsplit("(", 1)[1].rstrip(")") in drawn.nodes for line in central)
    if importlib.util.find_spec("matplotlib") is None:
        assert "matplotlib is not installed: no PNG" in done.stdout and not (out / "semiconductors.png").exists()
    else:
        assert (out / "semiconductors.png").read_bytes().startswith(b"\x89PNG")


def test_search_finds_sentences_of_the_corpus(session: tuple[subprocess.CompletedProcess[str], Path, Path]) -> None:
    lines = [line for line in section(session[0].stdout, "search 'export controls'") if line]
    assert len(lines) == 3 and all(line.split()[0] in corpus_documents() for line in lines)


def test_the_json_export_is_the_whole_graph_with_evidence(session: tuple[subprocess.CompletedProcess[str], Path,
                                                                        Path]) -> None:
    done, out, cache = session
    data = json.loads((out / "policykg.json").read_text(encoding="utf-8"))
    assert f"({len(data['nodes'])} nodes, {len(data['edges'])} edges)" in done.stdout
    chips = next(n for n in data["nodes"] if n["id"] == "law:chips-and-science-act")
    assert chips["evidence"] and all(ev["doc"] for ev in chips["evidence"] if ev["method"] != "reference")
    same = out / "cli.json"
    assert cli(["export", "json", "-o", str(same)], cache).returncode == 0
    assert same.read_bytes() == (out / "policykg.json").read_bytes()
