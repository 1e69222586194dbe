"""Each extraction stage on the real corpus, and the merge of one fact found by several stages/documents."""

from __future__ import annotations

from policykg.build import BuildResult
from policykg.graph import Edge, PolicyGraph


def edge(g: PolicyGraph, source: str, rel: str, target: str) -> Edge:
    found = [e for e in g.out_edges(source, rel) if e.target == target]
    assert found, f"no {source} -[{rel}]-> {target}"
    return found[0]


def test_section_context_dates_measures_by_administration(built: BuildResult) -> None:
    e = edge(built.graph, "administration:trump-1", "PURSUED", "instrument:entity-list")
    assert "section_context" in e.stages
    ev = [x for x in e.evidence if x.method == "section_context"]
    assert any("特朗普1.0" in (x.text or "") for x in ev)  # the heading that frames the section
    assert all(x.doc == "cai2026" for x in ev)


def test_section_scoped_alias_resolves_by_the_enclosing_section(built: BuildResult) -> None:
    g = built.graph
    # bare 特朗普政府 in cai2026 means Trump 1.0 in its section (the 301 investigation) ...
    e = edge(g, "administration:trump-1", "LAUNCHED", "policy:section-301-investigation")
    assert any(x.method == "rule" and x.doc == "cai2026" for x in e.evidence)
    # ... and never the person, whose name is only part of it
    assert not any(x.type == "LAUNCHED" for x in g.out_edges("person:donald-trump"))


def test_chinese_rule_edge(built: BuildResult) -> None:
    e = edge(built.graph, "company:huawei", "LISTED_ON", "instrument:entity-list")
    rule = [x for x in e.evidence if x.method == "rule"]
    assert rule and rule[0].rule == "zh-list-add" and "华为" in (rule[0].text or "")


def test_english_rule_edge(built: BuildResult) -> None:
    g = built.graph
    english = [e for e in g.edges.values() for x in e.evidence
               if x.method == "rule" and (x.rule or "").startswith("en-")]
    assert english, "no English rule fired"
    assert all(x.text and x.doc in {"gu2022", "wang2024", "cai2026", "wu2023", "nist2025"} for e in english
               for x in e.evidence)
