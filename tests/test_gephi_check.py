"""Gephi itself (toolkit 0.10.1, headless) imports a hand-written GEXF 1.3 sample, and the official RELAX NG
schema accepts the same sample; known defects are reported the way Gephi really reports them.

The defect cases pin Gephi's actual behaviour, which is not always what one would guess: a dangling edge
endpoint is only INFO (Gephi invents the node), while a date with a time-zone suffix passes the schema but is
SEVERE in Gephi.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from policykg.config import REPO_ROOT
from policykg.exporters.gephi_check import (
    GephiInputError,
    GephiReport,
    run_gephi_check,
)

pytestmark = pytest.mark.java

GEXF_RNG = REPO_ROOT.parent / "shared" / "data" / "gexf-1.3" / "gexf.rng"  # ../shared beside the repo
XSI_NS = "{http://www.w3.org/2001/XMLSchema-instance}"

# Dynamic (interval) graph, dates as xsd:date, two typed node attributes, one edge attribute, viz colour/size.
# Element order inside <gexf> and <graph> is fixed by the schema: meta, graph / attributes*, nodes, edges.
VALID_GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2024-05-01">
    <creator>policykg</creator>
    <description>hand-written GEXF 1.3 sample</description>
  </meta>
  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">
    <attributes class="node">
      <attribute id="rank" title="Rank" type="integer"/>
      <attribute id="kind" title="Kind" type="string">
        <default>entity</default>
      </attribute>
    </attributes>
    <attributes class="edge">
      <attribute id="relation" title="Relation" type="string"/>
    </attributes>
    <nodes>
      <node id="n1" label="Commerce Department" start="2018-01-01" end="2024-12-31">
        <attvalues>
          <attvalue for="rank" value="1"/>
          <attvalue for="kind" value="agency"/>
        </attvalues>
        <viz:color r="31" g="119" b="180" a="1.0"/>
        <viz:size value="12.5"/>
      </node>
      <node id="n2" label="Entity List" start="2019-05-16" end="2024-12-31">
        <attvalues>
          <attvalue for="rank" value="2"/>
          <attvalue for="kind" value="instrument"/>
        </attvalues>
        <viz:color r="255" g="127" b="14"/>
        <viz:size value="8"/>
      </node>
      <node id="n3" label="Huawei" start="2019-05-16" end="2024-12-31">
        <attvalues>
          <attvalue for="rank" value="3"/>
        </attvalues>
        <viz:color hex="#2ca02c"/>
        <viz:size value="10"/>
      </node>
    </nodes>
    <edges>
      <edge id="e1" source="n1" target="n2" weight="1.0" start="2019-05-16" end="2024-12-31">
        <attvalues>
          <attvalue for="relation" value="administers"/>
        </attvalues>
        <viz:color r="120" g="120" b="120"/>
      </edge>
      <edge id="e2" source="n2" target="n3" start="2019-05-16">
        <attvalues>
          <attvalue for="relation" value="lists"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"""


def _variant(old: str, new: str) -> str:
    assert VALID_GEXF.count(old) == 1, old
    return VALID_GEXF.replace(old, new)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(GEXF_RNG)))


def _rng_errors(schema: etree.RelaxNG, path: Path) -> list[str]:
    """Validate against gexf.rng after stripping xsi:* attributes (the schema does not declare them)."""
    doc = etree.parse(str(path))
    for element in doc.iter():
        for key in [k for k in element.attrib if k.startswith(XSI_NS)]:
            del element.attrib[key]
    if schema.validate(doc):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def _messages(report: GephiReport, level: str) -> list[str]:
    return [issue.message for issue in report.issues if issue.level == level]


def test_valid_sample_matches_official_relaxng(tmp_path: Path, relaxng: etree.RelaxNG) -> None:
    path = _write(tmp_path, "valid.gexf", VALID_GEXF)
    assert _rng_errors(relaxng, path) == []


def test_valid_sample_imports_cleanly_in_gephi(tmp_path: Path) -> None:
    report = run_gephi_check(_write(tmp_path, "valid.gexf", VALID_GEXF))

    assert report.blocking_issues == []
    assert [i.level for i in report.issues] == ["INFO"]  # only "GEXF version 1.3"
    assert report.nodes == 3
    assert report.edges == 2
    assert report.dynamic is True
    assert report.time_representation == "INTERVAL"
    assert report.nodes_with_time == 3
    assert report.edges_with_time == 2
    assert report.node_columns["rank"] == "Integer"
    assert report.node_columns["kind"] == "String"
    assert report.node_columns["timeset"] == "IntervalSet"
    assert report.edge_columns["relation"] == "String"
    assert report.auto_created_nodes == []


def test_invalid_time_value_is_severe(tmp_path: Path, relaxng: etree.RelaxNG) -> None:
    path = _write(tmp_path, "bad-time.gexf", _variant('start="2018-01-01"', 'start="not-a-date"'))
    assert _rng_errors(relaxng, path) != []  # xsd:date/dateTime/double: the schema rejects it too

    report = run_gephi_check(path)

    assert [(i.level, i.message) for i in report.blocking_issues] == [
        (
            "SEVERE",
            "The time interval for node 'n1' could not be parsed. "
            "Use xsd:date, xsd:dateTime or Double formatting.",
        )
    ]
    assert report.nodes == 3  # the node is kept, without its interval
    assert report.nodes_with_time == 2


def test_date_with_timezone_passes_schema_but_is_severe_in_gephi(
    tmp_path: Path, relaxng: etree.RelaxNG
) -> None:
    # xsd:date allows a zone suffix ("2018-01-01Z"); Gephi's date parser does not.
    # Emit plain dates, or dateTimes (those may carry Z or an offset).
    path = _write(tmp_path, "date-tz.gexf", _variant('start="2018-01-01"', 'start="2018-01-01Z"'))
    assert _rng_errors(relaxng, path) == []

    report = run_gephi_check(path)

    assert [i.level for i in report.blocking_issues] == ["SEVERE"]
    assert "time interval for node 'n1' could not be parsed" in report.blocking_issues[0].message


def test_dangling_edge_target_is_only_info_gephi_invents_the_node(
    tmp_path: Path, relaxng: etree.RelaxNG
) -> None:
    path = _write(
        tmp_path, "dangling.gexf", _variant('source="n2" target="n3"', 'source="n2" target="ghost"')
    )
    assert _rng_errors(relaxng, path) == []  # the schema has no referential integrity

    report = run_gephi_check(path)

    # Not blocking in Gephi: it creates node "ghost" and logs INFO. Exporter tests must check
    # auto_created_nodes (and the node count), not only blocking_issues.
    assert report.blocking_issues == []
    assert "Some nodes were created based on edges' source and target" in _messages(report, "INFO")
    assert report.auto_created_nodes == ["ghost"]
    assert report.nodes == 4
    assert report.edges == 2
    assert report.nodes_with_time == 3  # the invented node has no interval


@pytest.mark.parametrize(
    ("old", "new", "level", "message", "edges"),
    [
        # weight 0 passes the schema, but Gephi drops the edge.
        ('weight="1.0"', 'weight="0"', "SEVERE", "Edge weight is 0, the edge id='e1' is ignored", 1),
        # An integer column only takes integer literals ("1.0" and values beyond 2^31-1 are SEVERE).
        (
            'for="rank" value="1"',
            'for="rank" value="1.0"',
            "SEVERE",
            "Data value 'rank' type error for element n1. The value cannot be set as 'Rank' attribute.",
            2,
        ),
        # hex + alpha crashes the whole import in Gephi 0.10.1 although the schema allows it.
        (
            'hex="#2ca02c"',
            'hex="#2ca02c" a="0.5"',
            "CRITICAL",
            "import aborted: java.lang.IllegalArgumentException: Color parameter outside of expected range: "
            "Red Green Blue",
            0,
        ),
    ],
    ids=["zero-weight", "non-integer-in-integer-column", "hex-with-alpha"],
)
def test_schema_valid_defects_gephi_blocks(
    tmp_path: Path, relaxng: etree.RelaxNG, old: str, new: str, level: str, message: str, edges: int
) -> None:
    path = _write(tmp_path, "defect.gexf", _variant(old, new))
    assert _rng_errors(relaxng, path) == []

    report = run_gephi_check(path)

    assert [(i.level, i.message) for i in report.blocking_issues] == [(level, message)]
    assert report.edges == edges


def test_malformed_xml_is_critical(tmp_path: Path) -> None:
    report = run_gephi_check(_write(tmp_path, "broken.gexf", _variant("</nodes>", "</nodez>")))

    assert [i.level for i in report.blocking_issues] == ["CRITICAL"]
    assert report.blocking_issues[0].message.startswith("import aborted: ")
    assert report.nodes == 0


def test_unreadable_input_raises(tmp_path: Path) -> None:
    with pytest.raises(GephiInputError, match="no such file"):
        run_gephi_check(tmp_path / "missing.gexf")
