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


# ------------------------------------------------------------------ issue 11: complete, non-repeating answers

CHIP_MEASURES = {
    "policy:advanced-computing-export-controls-2022": "Biden administration",
    "policy:us-netherlands-japan-equipment-agreement-2023": "Biden administration",
    "organization:chip-4": "Biden administration",
    "instrument:foreign-direct-product-rule": "Trump 1.0 administration",  # the September 2020 Huawei cut-off
    "administration:trump-2": "Trump 2.0 administration",  # the H20 permission (an act of the administration)
    "law:chips-and-science-act": "Biden administration",
}
TOUCHING = {"CONCERNS", "TARGETS", "SANCTIONS", "REVIEWS", "SUPPORTS", "EASES", "AFFECTS", "LISTED_ON"}


def _nodes(path: list[dict[str, object]]) -> list[object]:
    return [s["node"] for s in path if "node" in s]


def test_sector_report_reaches_every_chip_measure_once(built: BuildResult) -> None:
    result = run_report(built.graph, "sector", {"sector": "semiconductors"})
    by_id = {r["id"]: r for r in result.rows}
    for mid, group in CHIP_MEASURES.items():
        assert mid in by_id, (mid, sorted(by_id))
        assert by_id[mid]["group"] == group, (mid, by_id[mid]["group"])
    assert len(result.rows) == len(by_id)  # one row per measure or actor, whatever the number of paths
    # Trump 2.0's permission for the H20 reaches semiconductors through chips, and its sentence is cited
    trump2 = by_id["administration:trump-2"]
    h20 = [p for p in trump2["paths"] if "sector:nvidia-h20" in _nodes(p)]
    assert h20 and h20[0][1]["rel"] == "EASES"
    assert any(ev["doc"] == "cai2026" and "H20" in ev["text"] for ev in trump2["evidence"])
    # any depth: the equipment agreement reaches semiconductors through its segment and the chain
    nlj = by_id["policy:us-netherlands-japan-equipment-agreement-2023"]
    assert _nodes(nlj["path"]) == ["policy:us-netherlands-japan-equipment-agreement-2023",
                                   "chainsegment:semiconductor-equipment", "industrychain:semiconductor-chain",
                                   "sector:semiconductors"]
    # the September 2020 cut-off is placed by its date, and says so
    fdpr = by_id["instrument:foreign-direct-product-rule"]
    assert "dated within its term" in fdpr["attribution"]
    assert {ev["doc"] for ev in fdpr["evidence"]} == {"cai2026"}
    # every row touches the sector by a restricting, easing, supporting, subject or side-effect relation
    for r in result.rows:
        assert all(p[1]["rel"] in TOUCHING and p[-1]["node"] == "sector:semiconductors" for p in r["paths"]), r["id"]
        assert {a["relation"] for a in r["relations"]} <= TOUCHING


def test_sector_report_shows_what_touches_it_and_not_what_merely_relates(built: BuildResult) -> None:
    rows = run_report(built.graph, "sector", {"sector": "semiconductors"}).rows
    ids = {r["id"] for r in rows}
    assert "organization:siac" not in ids  # a lobby CONCERNS semiconductors: not a measure, not an alliance
    assert "company:aixtron" not in ids  # companies work in sectors; they are the path, not the row
    text = render_text(run_report(built.graph, "sector", {"sector": "semiconductors"}))
    assert "Nvidia H20" in text and "- Foreign Direct Product Rule [Instrument] (2020) — CONCERNS" in text
    # a sentence that proves two hops of a row is printed once, labelled with both
    assert "[CONCERNS, PART_OF] [cai2026" in text
    # the scope runs down the part-of tree, never up: chips do not take the CHIPS Act (it supports semiconductors
    # and wafer fabrication, neither of which is part of chips)
    chips = {r["id"] for r in run_report(built.graph, "sector", {"sector": "chips"}).rows}
    assert "policy:advanced-computing-export-controls-2022" in chips and "law:chips-and-science-act" not in chips
    # a chain segment is a sector report of its own
    equipment = {r["id"] for r in run_report(built.graph, "sector", {"sector": "芯片制造设备"}).rows}
    assert "policy:us-netherlands-japan-equipment-agreement-2023" in equipment


def test_sector_query_semantics_on_a_small_graph(built: BuildResult) -> None:
    """Any depth of PART_OF/BELONGS_TO/CHAIN_OF; easing and alliances count; a cycle ends; no lobby."""
    from policykg.graph import Evidence, Node, PolicyGraph

    g = PolicyGraph(built.graph.schema)
    ev = [Evidence(doc="t", start=0, end=1, section="s", method="curated", confidence=1.0)]
    for nid, typ, kind in (("sector:s", "Sector", ""), ("sector:a", "Sector", ""), ("sector:b", "Sector", ""),
                           ("industrychain:c", "IndustryChain", ""), ("chainsegment:d", "ChainSegment", ""),
                           ("administration:x", "Administration", ""), ("organization:al", "Organization",
                                                                          "alliance"),
                           ("organization:lobby", "Organization", "industry_alliance"),
                           ("policy:p", "Policy", ""), ("company:k", "Company", "")):
        g.add_node(Node(id=nid, type=typ, name=nid, kind=kind, evidence=ev))
    for src, rel, dst in (("sector:a", "PART_OF", "sector:s"), ("sector:b", "PART_OF", "sector:a"),
                          ("sector:a", "PART_OF", "sector:b"),  # a cycle below the subject
                          ("industrychain:c", "CHAIN_OF", "sector:s"), ("chainsegment:d", "PART_OF", "industrychain:c"),
                          ("administration:x", "EASES", "sector:b"), ("organization:al", "CONCERNS", "chainsegment:d"),
                          ("organization:lobby", "CONCERNS", "sector:s"), ("policy:p", "TARGETS", "company:k"),
                          ("company:k", "OPERATES_IN", "chainsegment:d")):
        g.add_edge(src, rel, dst, ev, "curated")
    rows = run_embedded(g, "measures_touching_sector", {"sector": "sector:s"})
    got = {(r["measure_id"], tuple(r["path_ids"])) for r in rows}
    assert got == {
        ("administration:x", ("administration:x", "sector:b", "sector:a", "sector:s")),
        ("organization:al", ("organization:al", "chainsegment:d", "industrychain:c", "sector:s")),
        ("policy:p", ("policy:p", "company:k", "chainsegment:d", "industrychain:c", "sector:s")),
    }
    assert run_embedded(g, "measures_touching_sector", {"sector": "company:k"}) == []  # not a sector: no scope


def test_timeline_shows_trump_2_chip_moves_each_once(built: BuildResult) -> None:
    result = run_report(built.graph, "timeline", {})
    trump2 = {r["id"]: r for r in result.rows if r["administration"] == "Trump 2.0 administration"}
    assert {"sector:nvidia-h20", "instrument:us-tariffs-on-china", "instrument:entity-list"} <= set(trump2)
    assert {"relation": "EASES", "date": "2025"} in trump2["instrument:us-tariffs-on-china"]["relations"]
    assert "EASES" in {a["relation"] for a in trump2["instrument:entity-list"]["relations"]}
    keys = [(r["id"], r["administration"]) for r in result.rows]
    assert len(keys) == len(set(keys))  # no measure twice under one administration
    text = render_text(result)
    assert "- Nvidia H20 [Sector] — EASES" in text and "CONTINUED, EASES (2025)" in text
    # within each administration, dated moves come first and in order
    for admin in {r["administration"] for r in result.rows}:
        dates = [r["date"] for r in result.rows if r["administration"] == admin]
        known = [str(d) for d in dates if d]
        assert known == sorted(known) and dates[: len(known)] == [d for d in dates if d], admin


def test_compare_sets_two_administrations_side_by_side(built: BuildResult) -> None:
    result = run_report(built.graph, "compare", {"a": "拜登政府", "b": "特朗普2.0"})
    assert result.title == "Biden administration compared with Trump 2.0 administration"
    by_id = {r["id"]: r for r in result.rows}
    assert len(by_id) == len(result.rows)  # each measure once, in one section
    section = {mid: r["group"] for mid, r in by_id.items()}
    assert section["instrument:us-tariffs-on-china"] == "eased by Trump 2.0 administration"
    assert section["sector:nvidia-h20"] == "eased by Trump 2.0 administration"
    assert section["organization:us-technology-alliances"] == "continued: linked to both"
    assert section["policy:america-first"].startswith("added by Trump 2.0 administration")
    assert section["law:chips-and-science-act"].startswith("dropped by Trump 2.0 administration")
    orders = [r["group_order"] for r in result.rows]
    assert orders == sorted(orders)
    for r in result.rows:  # both sides, and the evidence of exactly the relations shown
        assert [s["id"] for s in r["sides"]] == ["administration:biden", "administration:trump-2"]
        rel_edges = {s["edge"] for p in r["paths"] for s in p if "edge" in s}
        assert rel_edges == {ev["edge"] for ev in r["evidence"]} and len(r["paths"]) == sum(
            len(s["relations"]) for s in r["sides"])
    tariffs = by_id["instrument:us-tariffs-on-china"]["sides"]
    assert tariffs[0]["relations"] == [] and [a["relation"] for a in tariffs[1]["relations"]] == ["CONTINUED",
                                                                                                 "EASES"]
    text = render_text(result)
    assert "## continued: linked to both" in text
    assert "Biden administration: - | Trump 2.0 administration: CONTINUED, EASES (2025)" in text
    data = json.loads(render_json(result))
    assert data["report"] == "compare" and data["params"] == {"a": "拜登政府", "b": "特朗普2.0"}
    assert render_markdown(result).startswith("# ")
    # the order the two are given in names the columns, not the sections
    flipped = run_report(built.graph, "compare", {"a": "Trump 2.0", "b": "Biden administration"})
    assert {r["id"]: r["group"] for r in flipped.rows} == section


def test_compare_refuses_what_it_cannot_compare(built: BuildResult) -> None:
    from policykg.errors import PolicykgError

    with pytest.raises(PolicykgError, match="same administration"):
        run_report(built.graph, "compare", {"a": "Biden", "b": "拜登政府"})
    with pytest.raises(NotFoundError, match="needs a Administration"):
        run_report(built.graph, "compare", {"a": "Huawei", "b": "Biden"})
    with pytest.raises(NotFoundError, match="ambiguous"):
        run_report(built.graph, "compare", {"a": "Trump administration", "b": "Biden"})
    # Obama and Trump 1.0 share the export controls; Trump 1.0 continued them
    early = run_report(built.graph, "compare", {"a": "Obama", "b": "Trump 1.0"})
    assert {r["id"]: r["group"] for r in early.rows}["instrument:us-export-controls"] == "continued: linked to both"
