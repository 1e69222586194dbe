"""The Python library as a notebook user meets it: open a corpus, ask, look at rows, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policykg
from policykg.config import Settings
from policykg.errors import NotFoundError, PolicykgError


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> policykg.KnowledgeGraph:
    return policykg.open(corpus=Settings().corpus, cache=tmp_path_factory.mktemp("api-cache"))


def test_a_notebook_session(kg: policykg.KnowledgeGraph, tmp_path: Path) -> None:
    report = kg.report("sector", sector="semiconductors")
    names = [row.name for row in report.rows]
    assert "CHIPS and Science Act" in names
    first = report.rows[0]
    assert first.to_dict()["name"] == first.name and first.path and first.evidence
    assert report.to_markdown().startswith(f"# {report.title}")
    assert json.loads(json.dumps(report.to_dict()))["report"] == "sector"

    entity = kg.show("实体清单")  # any alias, either language
    assert entity.id == "instrument:entity-list"
    assert any(r.type == "ADMINISTERS" and r.direction == "in" and r.other.id == "agency:department-of-commerce"
               for r in entity.relations)

    # a name, not an id: the library resolves it (it used to return 0 rows silently)
    rows = kg.query("measures_touching_sector", sector="semiconductors")
    assert rows and len(rows) == len(kg.query("measures_touching_sector", sector="sector:semiconductors"))

    path = kg.path("CHIPS and Science Act", "Samsung")
    assert path.rows and all(row.path[0]["node"] == "law:chips-and-science-act" for row in path.rows)

    nxg = kg.to_networkx()
    assert nxg.nodes["company:huawei"]["type"] == "Company"
    assert not any(d["type"] in {"MENTIONS", "HAS_SECTION"} for _, _, d in nxg.edges(data=True))


def test_names_that_do_not_resolve_raise_with_suggestions(kg: policykg.KnowledgeGraph) -> None:
    with pytest.raises(NotFoundError, match="did you mean"):
        kg.show("Huawai")
    with pytest.raises(NotFoundError, match="no query named"):
        kg.query("no_such_query")
    with pytest.raises(PolicykgError, match="unknown export format"):
        kg.export("pdf", "x.pdf")


def test_library_export_is_the_command_line_export(kg: policykg.KnowledgeGraph, tmp_path: Path) -> None:
    kg.export("json", tmp_path / "lib.json")
    kg.export("gexf", tmp_path / "lib.gexf")
    cache = kg.settings.cache
    for fmt, name in (("json", "lib.json"), ("gexf", "lib.gexf")):
        out = tmp_path / f"cli.{fmt}"
        done = subprocess.run([sys.executable, "-m", "policykg", "--cache", str(cache), "export", fmt, "-o", str(out)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == (tmp_path / name).read_bytes()


def test_dataframe_when_pandas_is_there(kg: policykg.KnowledgeGraph) -> None:
    report = kg.report("timeline")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(PolicykgError, match="pip install pandas"):
            report.to_dataframe()
        return
    frame = report.to_dataframe()
    assert len(frame) == len(report.rows) and "name" in frame.columns


def test_a_report_picture_from_the_library(kg: policykg.KnowledgeGraph, tmp_path: Path) -> None:
    """kg.view draws what policykg view draws: the report's measures, offline, written where asked."""
    out = tmp_path / "semis.html"
    html = kg.view("sector", "semiconductors", path=out)
    assert out.read_text(encoding="utf-8") == html
    assert "new vis.Network(" in html and "https://" not in html.split("<script")[0]
    report = kg.report("sector", sector="semiconductors")
    assert report.rows and all(f'"{row.id}"' in html for row in report.rows)  # every measure drawn
    both = kg.view("compare", "Biden administration", "Trump 2.0")
    assert "Biden" in both and "Trump 2.0" in both
    from policykg.errors import PolicykgError

    with pytest.raises(PolicykgError, match="takes"):
        kg.view("sector")


def test_proposals_of_an_unknown_document_raise_naming_the_known_ones(kg: policykg.KnowledgeGraph) -> None:
    docs = kg.graph.meta["documents"]
    listed = kg.proposals(doc=docs[0])
    assert listed["entities"] or listed["relations"]
    assert all(docs[0] in (item.get("docs") or [item.get("doc")]) for item in listed["relations"])
    with pytest.raises(NotFoundError, match=f"no document 'gu2021'; known: {', '.join(docs)}"):
        kg.proposals(doc="gu2021")  # it used to answer with empty lists


def test_every_public_call_says_what_it_does_and_what_it_takes() -> None:
    """help(kg.report) and an editor's hints work on the whole public API: a docstring and type hints on every
    public class, method and property."""
    import inspect

    from policykg import api

    missing = []
    for cls in (api.KnowledgeGraph, api.Report, api.Row, api.Entity, api.Relation, api.Neo4jTarget):
        doc = cls.__doc__ or ""
        if not doc.strip() or doc.startswith(f"{cls.__name__}("):  # dataclass's generated one is no docstring
            missing.append(f"{cls.__name__}: no docstring")
        for name, member in vars(cls).items():
            func = member.fget if isinstance(member, property) else member
            if name.startswith("_") or not inspect.isfunction(func):
                continue
            hints = func.__annotations__  # as written (some name types imported only for the type checker)
            params = [p for p in inspect.signature(func).parameters if p != "self"]
            if not (func.__doc__ or "").strip():
                missing.append(f"{cls.__name__}.{name}: no docstring")
            if "return" not in hints or any(p not in hints for p in params):
                missing.append(f"{cls.__name__}.{name}: type hints missing")
    assert missing == []
    assert policykg.open.__doc__ and set(policykg.open.__annotations__) == {
        "corpus", "screening_list", "cache", "rebuild", "return"}


def test_the_graph_loads_into_neo4j_from_the_library(kg: policykg.KnowledgeGraph, neo4j_connection: Any,
                                                     neo4j_driver: Any, built: Any) -> None:
    """kg.neo4j(uri).load() writes the graph (twice: the same counts), and .cypher() reads it back."""
    from policykg.backends.neo4j_backend import load_graph

    target = kg.neo4j(neo4j_connection.uri, neo4j_connection.user, neo4j_connection.password)
    try:
        first = target.load(wipe=True)
        again = target.load()
        assert first.nodes == again.nodes == len(kg.graph.nodes)
        assert first.relationships == again.relationships > 0
        laws = target.cypher("MATCH (n:Law) RETURN n.id AS id ORDER BY id")
        assert [r["id"] for r in laws] == sorted(n.id for n in kg.graph.nodes_of_type("Law"))
        with pytest.raises(PolicykgError):
            target.cypher("MATCH (n) DETACH DELETE n")  # read-only unless write=True
    finally:
        load_graph(neo4j_driver, built.graph, wipe=True)  # the session's database as the other tests expect it


def test_a_misspelt_report_parameter_is_an_error_not_another_answer(kg: policykg.KnowledgeGraph) -> None:
    with pytest.raises(PolicykgError, match=r"report sector has no parameter sectr \(it takes sector\)"):
        kg.report("sector", sectr="semiconductors")
    with pytest.raises(PolicykgError, match="it takes no parameters"):
        kg.report("timeline", sector="semiconductors")
    assert len(kg.report("sector", sector="semiconductors")) > 10
