"""Statements: every property value with its own evidence (issue #13 items 1 and 2), on the real corpus graph.

Who says what: each value of each property of each node and edge is a statement with the evidence that states it;
two papers giving different values keep both; the merged property picks one by a written rule and says so; a
reference fact is marked as such with its source; a date is never more precise than the words that state it.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import PROV, RDF
from typer.testing import CliRunner

from policykg.cli.main import app
from policykg.config import Settings
from policykg.exporters import json_export, neo4j_csv, rdf
from policykg.graph import store as graph_store
from policykg.graph.build import BuildResult
from policykg.graph.model import Edge, Evidence, Node, PolicyGraph, Statement, merge_statements

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
TRADE_WAR = "policy:us-china-trade-war"


@pytest.fixture(scope="module")
def graph(built: BuildResult) -> PolicyGraph:
    return built.graph


def _items(graph: PolicyGraph) -> list[Node | Edge]:
    return [*graph.nodes.values(), *graph.edges.values()]


def _date_props(graph: PolicyGraph, item: Node | Edge) -> set[str]:
    specs = graph.schema.node_types if isinstance(item, Node) else graph.schema.rel_types
    return {k for k, p in specs[item.type].properties.items() if p.type == "date"}


# ------------------------------------------------------------------------------------------ item 1: statements
def test_every_property_value_is_a_statement_with_evidence(graph: PolicyGraph) -> None:
    checked = 0
    for item in _items(graph):
        specs = graph.schema.node_types if isinstance(item, Node) else graph.schema.rel_types
        lists = {k for k, p in specs[item.type].properties.items() if p.type == "string_list"}
        for prop, value in item.properties.items():
            statements = item.statements_of(prop)
            assert statements, (item.id, prop)
            stated = [v for st in statements for v in (st.value if isinstance(st.value, list) else [st.value])]
            for v in value if isinstance(value, list) else [value]:
                assert v in stated, (item.id, prop, v)  # every item of a list, every merged value: stated
            checked += 1
        for st in item.statements:
            assert st.evidence or st.derived, (item.id, st.prop, st.value)
        # the merged view is derived from the statements, by the written rule
        props, picked = merge_statements(item.statements, lists)
        assert {k: v for k, v in props.items() if k not in {"kind", "name_zh"}} == item.properties, item.id
        assert {k: v for k, v in picked.items() if k not in {"kind", "name_zh"}} == item.picked, item.id
    assert checked > 1000


def test_json_export_carries_statements_beside_the_merged_properties(graph: PolicyGraph) -> None:
    data = json_export.graph_json(graph)
    for element in [*data["nodes"], *data["edges"]]:
        props = {p for p in element["properties"] if p != "stages"}  # stages: how an edge was found, not a value
        stated = {st["prop"] for st in element["statements"]}
        assert props <= stated, (element["id"], props - stated)
        for st in element["statements"]:
            assert st["evidence"] or st.get("derived"), (element["id"], st)
            if st.get("reference"):
                assert st["source"] and all(ev["method"] == "reference" for ev in st["evidence"])
    nodes = {n["id"]: n for n in data["nodes"]}
    tax = [st for st in nodes["policy:us-tax-cuts-trump-1"]["statements"] if st["prop"] == "date"]
    assert [(st["value"], st.get("reference"), "Public Law 115-97" in st.get("source", "")) for st in tax] == [
        ("2017-12-22", True, True)]  # a reference fact says so, with its source
    side = next(st for st in nodes["law:chips-and-science-act"]["statements"] if st["prop"] == "side")
    assert side["reference"] and side["source"] == "loaders/gazetteer/measures.yaml"  # the gazetteer's own knowledge


def test_two_papers_that_differ_keep_both_values_with_their_sources(graph: PolicyGraph, settings: Settings) -> None:
    node = graph.nodes[TRADE_WAR]
    by_value = {st.value: st.sources() for st in node.statements_of("date")}
    assert by_value["2017"] == ["cai2026"]  # cai2026: the 301 investigation of 2017 opened the trade war
    assert {"cai2026", "nist2025"} <= set(by_value["2018"])  # nist2025: the US launched it in 2018
    assert node.properties["date"] == "2018"
    assert node.picked["date"] == {"rule": "most sources", "values": ["2017", "2018"], "conflicts": ["2017"]}

    out = CliRunner().invoke(app, ["--cache", str(settings.cache), "show", "US-China trade war"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("  date: 2018"))
    assert "picked: most sources" in lines[head] and "sources differ: 2017" in lines[head]
    block = "\n".join(lines[head:head + 8])
    assert re.search(r"= 2018 +\[cai2026, nist2025", block) and re.search(r"= 2017 +\[cai2026\]", block)
    assert "2017年特朗普政府启动" in block and "2018年对华发起贸易战" in block  # each value with its sentence


def test_show_names_the_reference_source_of_a_reference_date(settings: Settings) -> None:
    out = CliRunner().invoke(app, ["--cache", str(settings.cache), "show", "policy:us-tax-cuts-trump-1"])
    assert out.exit_code == 0, out.output
    line = next(line for line in out.output.splitlines() if line.startswith("  date:"))
    assert "2017-12-22" in line and "reference: congress.gov" in line and "Public Law 115-97" in line


def test_merge_rule() -> None:
    def st(value: str, *docs: str, ref: str = "") -> Statement:
        evs = [Evidence(doc=d, start=0, end=1, method="curated", confidence=0.9) for d in docs]
        if ref:
            evs.append(Evidence(method="reference", confidence=1.0, source=ref))
        return Statement(prop="date", value=value, evidence=evs)

    # values that agree: the most precise, whoever states it
    props, picked = merge_statements([st("2022-10-07", ref="BIS rule"), st("2022", "cai2026")])
    assert props == {"date": "2022-10-07"} and picked["date"]["rule"] == "most precise"
    # values that differ: most sources (a refinement counts for the value it refines), in any order
    three = [st("2017", "cai2026", "gu2022"), st("2018", "nist2025"), st("2018-05", "wu2023")]
    for order in (three, three[::-1]):
        props, picked = merge_statements(order)
        assert props == {"date": "2018-05"}  # 2 sources to 2; of the two that agree, the more precise
        assert picked["date"] == {"rule": "tie: most precise", "values": ["2017", "2018", "2018-05"],
                                  "conflicts": ["2017"]}
    assert merge_statements([st("2017", "a", "b", "c"), *three[1:]])[0] == {"date": "2017"}
    # a tie: a paper's value before a reference one, then the most precise, then the first in sort order
    assert merge_statements([st("2020-08-17", ref="BIS"), st("2020-09", "cai2026")])[0] == {"date": "2020-09"}
    assert merge_statements([st("2019", "b"), st("2018", "a")])[0] == {"date": "2018"}
    # one value: no pick to report; a list property holds every value in the order stated
    assert merge_statements([st("2019", "a", "b")])[1] == {}
    figures = [Statement(prop="figures", value=v, evidence=[]) for v in ("b: 2", "a: 1", "b: 2")]
    assert merge_statements(figures, {"figures"})[0] == {"figures": ["b: 2", "a: 1"]}


def test_a_second_finding_with_another_value_is_kept_not_rejected(graph: PolicyGraph) -> None:
    g = PolicyGraph(graph.schema)
    ev = Evidence(doc="d", start=0, end=5, method="curated", confidence=0.9)
    for nid in ("administration:a", "law:b"):
        g.add_node(Node(id=nid, type=nid.split(":")[0].capitalize(), name=nid, evidence=[ev]))
    g.add_edge("administration:a", "ENACTED", "law:b", [ev], "curated", {"date": "2022"})
    ev2 = ev.model_copy(update={"doc": "e"})
    edge = g.add_edge("administration:a", "ENACTED", "law:b", [ev2], "curated", {"date": "2021-08"})
    assert edge is not None and not g.rejected
    assert {st.value: st.sources() for st in edge.statements} == {"2022": ["d"], "2021-08": ["e"]}
    assert edge.properties == {"date": "2021-08"} and edge.picked["date"]["conflicts"] == ["2022"]


# ------------------------------------------------------------------------------------------ item 2: precision
def _states_year(text: str, year: str) -> bool:
    return year in text


def _states_month(text: str, month: int) -> bool:
    low = text.casefold()
    name = MONTHS[month - 1]
    return (re.search(rf"(?<![a-z]){name[:3]}(?:{name[3:]}|\.)?(?![a-z])", low) is not None
            or re.search(rf"(?<!\d)0?{month}\s*月", text) is not None
            or re.search(rf"(?<!\d)\d{{4}}[-/.]0?{month}(?!\d)", text) is not None)


def _states_day(text: str, day: int) -> bool:
    return re.search(rf"(?<!\d)0?{day}(?:\s*日|(?!\d))", text) is not None


def _stated_by(value: str, ev: Evidence) -> bool:
    """Whether an evidence record states a date at its precision: a paper's sentence by its words, a reference
    source by being named (not the gazetteer file itself)."""
    if not ev.doc:
        return ev.method in {"reference", "dataset"} and bool(ev.source) and not ev.source.startswith("loaders/")
    text = ev.text or ""
    parts = value.split("-")
    return (_states_year(text, parts[0]) and (len(parts) < 2 or _states_month(text, int(parts[1])))
            and (len(parts) < 3 or _states_day(text, int(parts[2]))))


def test_every_date_is_stated_at_its_precision_by_its_evidence(graph: PolicyGraph) -> None:
    """A date statement with a paper's evidence: its year is in every sentence, and one of its sources states it
    to the month or day it gives. A date the gazetteer gives on its own must be implied by a more precise date a
    paper states about the same node or edge (a ``valid_from`` follows its ``date``), or be a reference fact with
    its source."""
    wrong: list[str] = []
    checked = 0
    for item in _items(graph):
        dated = [st for st in item.statements if st.prop in _date_props(graph, item)]
        for prop in _date_props(graph, item):
            statements = item.statements_of(prop)
            for st in statements:
                value = str(st.value)
                docs = [ev for ev in st.evidence if ev.doc]
                for ev in docs:
                    checked += 1
                    if not _states_year(ev.text or "", value[:4]):
                        wrong.append(f"{item.id}.{prop} = {value}: year not in {ev.doc}@{ev.start}")
                if any(_stated_by(value, ev) for ev in st.evidence):
                    continue
                implied = any(other.value != st.value and str(other.value).startswith(value)
                              and any(_stated_by(str(other.value), ev) for ev in other.evidence if ev.doc)
                              for other in dated)
                if not implied:
                    wrong.append(f"{item.id}.{prop} = {value}: no source states it "
                                 f"({', '.join(st.sources()) or 'no evidence'})")
    assert checked > 100
    assert not wrong, "\n".join(wrong)


def test_the_date_check_reads_both_languages() -> None:
    def ev(text: str) -> Evidence:
        return Evidence(doc="d", start=0, end=1, text=text, method="curated", confidence=0.9)

    assert _stated_by("2022-10", ev("截至 2022 年 10 月, 该名单共有 9 家中国企业"))
    assert _stated_by("2022-10", ev("As of October 2022, there were nine Chinese companies"))
    assert _stated_by("2017-12", ev("2017年特朗普政府启动“301调查”,同年12月《美国国家安全战略》"))
    assert _stated_by("2017-12-18", ev("The White House, December 18, 2017."))
    assert _stated_by("2021-03", ev("The White House, 2021-03."))
    assert not _stated_by("2022-10", ev("2022 年美国禁止英伟达等美国芯片公司出口高端芯片"))
    assert not _stated_by("2017-12-18", ev("同年12月《美国国家安全战略》报告, 2017"))
    assert not _stated_by("2022-08", ev("signed in 2022, the Act (Section 8)"))


def test_names_carry_no_fact_the_papers_lack(graph: PolicyGraph) -> None:
    node = graph.nodes["policy:advanced-computing-export-controls-2022"]
    assert "October" not in node.name and "2022" in node.name  # cai2026 gives the year only
    assert "October 2022 advanced computing and semiconductor export controls" in node.aliases  # still resolves
    date = {st.value: st.reference for st in node.statements_of("date")}
    assert date == {"2022": False, "2022-10-07": True}  # the paper's year; the rule's day as a reference fact


# ------------------------------------------------------------------------------------------ carriers
def test_cache_returns_the_statements(graph: PolicyGraph, tmp_path: Path) -> None:
    graph_store.write(tmp_path / "g.sqlite", graph)
    back = graph_store.read(tmp_path / "g.sqlite")
    node = back.nodes[TRADE_WAR]
    assert node.statements == graph.nodes[TRADE_WAR].statements and node.picked == graph.nodes[TRADE_WAR].picked
    eid = next(e.id for e in graph.edges.values() if e.statements and not e.statements[0].derived)
    assert back.edges[eid].statements == graph.edges[eid].statements


def test_csv_and_neo4j_rows_carry_the_same_statements_as_json(graph: PolicyGraph, tmp_path: Path) -> None:
    from policykg.backends.neo4j_backend import edge_properties, node_properties

    neo4j_csv.write_files(graph, tmp_path)
    with (tmp_path / "nodes_Policy.csv").open(encoding="utf-8") as fh:
        rows = {r["id:ID"]: r for r in csv.DictReader(fh)}
    expected = json_export.node_json(graph.nodes[TRADE_WAR])["statements"]
    from_csv = json.loads(rows[TRADE_WAR]["statements"])
    from_neo4j = json.loads(node_properties(graph.nodes[TRADE_WAR])["statements"])
    expected = json.loads(json.dumps(expected))
    for got in (from_csv, from_neo4j):
        assert [{k: v for k, v in st.items() if k != "picked"} for st in got] == expected
        picked = [st["picked"] for st in got if "picked" in st]
        assert picked == [graph.nodes[TRADE_WAR].picked["date"]]
    edge = next(e for e in graph.edges.values() if e.type == "ENACTED" and e.properties.get("date"))
    assert json.loads(edge_properties(edge)["statements"])[0]["prop"] == "date"


def test_rdf_has_one_statement_resource_per_value(graph: PolicyGraph) -> None:
    g = rdflib.Graph().parse(data=rdf.turtle(graph), format="turtle")
    pk = rdflib.Namespace(graph.schema.namespace)
    subject = rdflib.URIRef(graph.schema.resource_base + TRADE_WAR)
    found = {}
    for s in g.subjects(pk.statementOf, subject):
        if g.value(s, pk.property) == pk.date:
            assert (s, RDF.type, PROV.Entity) in g and (s, RDF.type, pk.PropertyStatement) in g
            docs = {str(d).rsplit(":", 1)[-1] for d in g.objects(s, PROV.wasDerivedFrom)}
            found[str(g.value(s, RDF.value))] = (docs, g.value(s, pk.merged).toPython())
    assert found["2017"] == ({"cai2026"}, False)
    assert found["2018"][0] >= {"cai2026", "nist2025"} and found["2018"][1] is True
    tax = rdflib.URIRef(graph.schema.resource_base + "policy:us-tax-cuts-trump-1")
    ref = [s for s in g.subjects(pk.statementOf, tax) if g.value(s, pk.property) == pk.date]
    assert len(ref) == 1 and g.value(ref[0], pk.reference).toPython() is True
    assert "Public Law 115-97" in str(g.value(ref[0], pk.referenceSource))

