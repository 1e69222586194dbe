"""The query library and the canned reports on the real corpus graph, with no server."""

from __future__ import annotations

import json

import pytest

from policykg.build import BuildResult
from policykg.config import Settings
from policykg.errors import NotFoundError
from policykg.queries import EMBEDDED, load_library, resolve_params, run_embedded
from policykg.reports import render_json, render_markdown, render_text, run_report, touched_nodes


def test_every_library_query_has_an_embedded_twin_and_a_header() -> None:
    lib = load_library(Settings().queries)
    assert set(lib) == set(EMBEDDED)
    for spec in lib.values():
        assert spec.description and spec.columns
        for p in spec.params:
            assert f"${p.name}" in spec.cypher


def test_query_rows_have_the_declared_columns(built: BuildResult) -> None:
    g = built.graph
    lib = load_library(Settings().queries)
    params = {"sector": "semiconductors", "administration": "Biden administration", "entity": "Huawei",
              "source": "CHIPS and Science Act", "target": "Huawei", "chain": "semiconductor industry chain"}
    for spec in lib.values():
        raw = {p.name: params[p.name] for p in spec.params}
        try:
            resolved = resolve_params(g, spec, raw)
        except NotFoundError:
            continue
        for row in run_embedded(g, spec.name, resolved):
            assert tuple(row) == spec.columns, spec.name


def test_sector_report_shows_the_chips_act_with_evidence_from_two_papers(built: BuildResult) -> None:
    result = run_report(built.graph, "sector", {"sector": "半导体"})
    chips = [r for r in result.rows if r["id"] == "law:chips-and-science-act"]
    assert chips, [r["id"] for r in result.rows]
    docs = {ev["doc"] for r in chips for ev in r["evidence"]}
    assert len(docs) >= 2, docs
    assert chips[0]["group"].startswith("Biden")
    # every row shows its paths, each ending at the sector, and evidence for each hop of them
    for r in result.rows:
        assert r["path"] == r["paths"][0] and all(p[-1]["node"] == "sector:semiconductors" for p in r["paths"])
        hops = {s["edge"] for p in r["paths"] for s in p if "edge" in s}
        assert hops == {ev["edge"] for ev in r["evidence"]}
    # one row per measure (in its group): the report never repeats one
    keys = [(r["id"], r["group"]) for r in result.rows]
    assert len(keys) == len(set(keys))


def test_no_report_repeats_an_entity_and_text_labels_each_hop(built: BuildResult) -> None:
    from policykg.reports import render_text

    for name, params in (("administration", {"administration": "Trump 1.0"}), ("timeline", {}),
                         ("entity", {"entity": "Huawei"}), ("administration", {"administration": "Biden"})):
        rows = run_report(built.graph, name, params).rows
        keys = [(r["id"], r.get("group"), r.get("direction"), r.get("administration"), r.get("segment"))
                for r in rows]
        assert len(keys) == len(set(keys)), name
    text = render_text(run_report(built.graph, "sector", {"sector": "semiconductors"}))
    assert "[CONCERNS] [" in text or "[SUPPORTS] [" in text or "[TARGETS] [" in text


def test_timeline_lists_the_four_administrations_in_order(built: BuildResult) -> None:
    result = run_report(built.graph, "timeline", {})
    order = []
    for r in result.rows:
        if not order or order[-1] != r["administration"]:
            order.append(r["administration"])
    assert order == ["Obama administration", "Trump 1.0 administration", "Biden administration",
                     "Trump 2.0 administration"]
    assert len(result.rows) > 8


def test_administration_report_compares_with_neighbours(built: BuildResult) -> None:
    result = run_report(built.graph, "administration", {"administration": "拜登政府"})
    assert result.rows
    assert any(n.startswith("predecessor: Trump 1.0") for n in result.notes)
    assert any(n.startswith("successor: Trump 2.0") for n in result.notes)


def test_entity_report_says_what_targets_huawei(built: BuildResult) -> None:
    result = run_report(built.graph, "entity", {"entity": "华为"})
    ids = {r["id"] for r in result.rows}
    assert "instrument:entity-list" in ids
    assert any("cai2026" in n for n in result.notes)
    # one hop further back: who runs the list Huawei is on, with the evidence of both hops
    behind = [r for r in result.rows if r["direction"] == "behind" and r["id"] == "agency:department-of-commerce"]
    assert behind and [s["node"] for s in behind[0]["path"] if "node" in s] == [
        "agency:department-of-commerce", "instrument:entity-list", "company:huawei"]
    assert {ev["edge"] for ev in behind[0]["evidence"]} == {s["edge"] for s in behind[0]["path"] if "edge" in s}


def test_entity_report_names_the_agency_behind_a_measure_aimed_at_samsung(built: BuildResult) -> None:
    rows = run_report(built.graph, "entity", {"entity": "Samsung"}).rows
    assert any(r["direction"] == "behind" and r["name"] == "United States Department of Commerce" for r in rows)


def test_path_report_connects_the_chips_act_and_samsung(built: BuildResult) -> None:
    result = run_report(built.graph, "path", {"source": "CHIPS and Science Act", "target": "Samsung"})
    assert result.rows, result.empty_reason
    for r in result.rows:
        assert r["path"][0]["node"] == "law:chips-and-science-act"
        assert r["path"][-1]["node"] == "company:samsung"
        assert all(ev["text"] for ev in r["evidence"])
    assert len({r["hops"] for r in result.rows}) == 1  # all shortest


def test_unknown_name_and_empty_answer_are_told_apart(built: BuildResult) -> None:
    with pytest.raises(NotFoundError, match="did you mean"):
        run_report(built.graph, "sector", {"sector": "semiconductorz"})
    # a sector the papers mention but no measure touches: an empty answer with its reason, not an error
    quiet = [n for n in built.graph.nodes.values() if n.type == "Sector"
             and not run_report(built.graph, "sector", {"sector": n.id}).rows]
    assert quiet, "every sector is touched by some measure; pick another empty case"
    empty = run_report(built.graph, "sector", {"sector": quiet[0].id})
    assert empty.rows == [] and quiet[0].name in empty.empty_reason
    assert "Nothing found" in render_text(empty)


def test_report_formats(built: BuildResult) -> None:
    result = run_report(built.graph, "sector", {"sector": "semiconductors"}, lang="zh")
    data = json.loads(render_json(result))
    assert data["report"] == "sector" and data["params"] == {"sector": "semiconductors"}
    row = data["rows"][0]
    assert {"id", "name", "type", "path", "evidence"} <= set(row)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in render_text(result))  # --lang zh shows Chinese names
    assert render_markdown(result).startswith("# ")
    assert "sector:semiconductors" in touched_nodes(result)


def test_administration_report_keeps_every_papers_characterisation(built: BuildResult) -> None:
    result = run_report(built.graph, "administration", {"administration": "Trump 1.0"})  # English short name
    line = next(n for n in result.notes if n.startswith("characterisation"))
    assert "(cai2026, gu2022)" in line  # two papers label it, neither overwrites the other
    assert "单边脱钩" in line and "full decoupling" in line
