"""GEXF and GraphML carry each node's and edge's evidence as text and its documents as attributes, so Gephi's Data
Laboratory (or yEd, Cytoscape) shows why an edge exists; GEXF stays valid GEXF 1.3 and every export deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from policykg.exporters import gexf, graphml
from policykg.exporters.common import evidence_line, evidence_text
from policykg.exporters.subgraph import select
from policykg.graph.build import BuildResult
from policykg.graph.model import PolicyGraph
from test_exports import GEXF, _rng_errors


@pytest.fixture(scope="module")
def visual(built: BuildResult) -> PolicyGraph:
    return select(built.graph, [], lexical=False)


def test_evidence_lines_say_where_how_and_what() -> None:
    from policykg.graph.model import Evidence

    sentence = Evidence(doc="gu2022", start=1, end=9, section="II > 1", text="The  CHIPS Act\nfunds fabs.",
                        method="curated", confidence=0.95)
    assert evidence_line(sentence) == "gu2022 § II > 1 (curated 0.95): The CHIPS Act funds fabs."
    proposed = sentence.model_copy(update={"method": "proposed", "confidence": 0.5312})
    assert evidence_line(proposed).startswith("gu2022 § II > 1 (proposed 0.53, not reviewed): ")
    record = Evidence(method="dataset", confidence=1.0, source="screening-list.json", record="entry 7", field="n")
    assert evidence_line(record) == "dataset: screening-list.json entry 7 [n]"
    assert evidence_text([sentence, record]).split("\n") == [evidence_line(sentence), evidence_line(record)]


def test_gexf_carries_evidence_and_documents(visual: PolicyGraph, tmp_path: Path) -> None:
    text = gexf.to_string(visual)
    assert text == gexf.to_string(visual)  # deterministic
    path = tmp_path / "policykg.gexf"
    path.write_text(text, encoding="utf-8")
    assert _rng_errors(path) == []
    root = etree.parse(str(path)).getroot()
    declared = {(a.getparent().get("class"), a.get("id")): a.get("type") for a in root.iter(f"{GEXF}attribute")}
    assert declared[("edge", "evidence")] == declared[("node", "evidence")] == "string"
    assert declared[("edge", "documents")] == "liststring"
    edges = {el.get("id"): {v.get("for"): v.get("value") for v in el.iter(f"{GEXF}attvalue")}
             for el in root.iter(f"{GEXF}edge")}
    for edge in visual.edges.values():
        values = edges[edge.id]
        assert values["evidence"] == evidence_text(edge.evidence), edge.id  # newlines survive the attribute
        docs = sorted({ev.doc for ev in edge.evidence if ev.doc})
        assert json.loads(values.get("documents", "[]")) == docs
        for ev in edge.evidence:
            if ev.doc and ev.text:
                assert " ".join(ev.text.split()) in values["evidence"] and ev.doc in values["evidence"]
    nodes = {el.get("id"): {v.get("for"): v.get("value") for v in el.iter(f"{GEXF}attvalue")}
             for el in root.iter(f"{GEXF}node")}
    assert nodes["law:chips-and-science-act"]["evidence"] == \
        evidence_text(visual.nodes["law:chips-and-science-act"].evidence)


def test_graphml_carries_evidence_text_and_documents(visual: PolicyGraph, tmp_path: Path) -> None:
    path = tmp_path / "policykg.graphml"
    path.write_text(graphml.to_string(visual), encoding="utf-8")
    back = nx.read_graphml(path, force_multigraph=True)
    for u, v, key, data in back.edges(keys=True, data=True):
        edge = visual.edges[key]
        assert (u, v) == (edge.source, edge.target)
        assert data["evidence_text"] == evidence_text(edge.evidence)
        assert json.loads(data.get("documents", "[]")) == sorted({ev.doc for ev in edge.evidence if ev.doc})
    node = back.nodes["instrument:entity-list"]
    assert node["evidence_text"] == evidence_text(visual.nodes["instrument:entity-list"].evidence)
    assert "cai2026" in json.loads(node["documents"])
