"""The query library and the canned reports on the real corpus graph, with no server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policykg.config import Settings
from policykg.errors import NotFoundError
from policykg.graph.build import BuildResult
from policykg.query.library import EMBEDDED, load_library, resolve_params, run_embedded
from policykg.query.reports import render_json, render_markdown, render_text, run_report, touched_nodes


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
        raw = {p.name: params[p.name] for p in spec.params if p.kind != "date"}  # time filters: optional
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
    from policykg.query.reports import render_text

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
    from policykg.graph.model import Evidence, Node, PolicyGraph

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


# ------------------------------------------------------- issue 11: evidence a reader can check, in either language


def _evidence_line_of(text: str, row_name: str) -> list[str]:
    """The evidence lines printed under one row of a text report."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"- {row_name} ["))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("- ", "## ", "\n"))), len(lines))
    return [line for line in lines[start + 1:end] if line.startswith("      [")]


def test_long_evidence_shows_the_window_around_its_supporting_words(built: BuildResult) -> None:
    from policykg.query.reports import _window

    result = run_report(built.graph, "sector", {"sector": "semiconductors"})
    text = render_text(result)
    # the 2023 equipment agreement: its date and the restriction stand after the 150th character of the sentence,
    # where the text used to be cut; the line now shows them, and where text is left out it says so
    row = next(r for r in result.rows if r["id"] == "policy:us-netherlands-japan-equipment-agreement-2023")
    ev = next(e for e in row["evidence"] if e["doc"] == "cai2026" and e["focus"])
    assert ev["focus"][0][0] > 150 and len(ev["text"]) > 150
    (line,) = [x for x in _evidence_line_of(text, row["name"]) if "cai2026" in x]
    assert "2023年" in line and "荷兰" in line and "…" in line
    # every window keeps every supporting word of every row in view (when they fit on one line at all)
    for r in result.rows:
        for e in r["evidence"]:
            words = [e["text"][a:b] for a, b in e.get("focus") or []]
            if e.get("text") and sum(len(w) for w in words) < 100:
                shown = _window(e["text"], e["focus"], 150)
                assert all(" ".join(w.split()) in shown for w in words), (r["id"], words, shown)
    # a short sentence is never cut; words far apart get a stretch each, joined by "…"
    assert _window("Huawei is on the Entity List.", [[0, 6]], 150) == "Huawei is on the Entity List."
    far = _window("A" * 100 + " Huawei " + "b" * 300 + " Entity List " + "c" * 100, [[101, 107], [416, 427]], 80)
    assert "Huawei" in far and "Entity List" in far and " … " in far and len(far) < 120


def test_curated_evidence_keeps_its_anchors_in_view(built: BuildResult) -> None:
    # the Aixtron order: the anchors (the order barring Chinese buyers, the company) sit in the middle of a
    # 200-character sentence; the window shows them
    result = run_report(built.graph, "sector", {"sector": "semiconductors"})
    row = next(r for r in result.rows if r["id"] == "policy:aixtron-executive-order-2016")
    (line,) = _evidence_line_of(render_text(result), row["name"])
    assert "行政命令禁止中国企业收购" in line and "爱思强" in line


def test_lang_zh_localises_titles_labels_types_and_names(built: BuildResult) -> None:
    result = run_report(built.graph, "sector", {"sector": "semiconductors"}, lang="zh")
    text = render_text(result)
    assert result.title == "涉及半导体的政策与措施"
    assert "\n## 拜登政府\n" in text and "- 芯片和科学法案 [法律]" in text and "    路径:芯片和科学法案 -[" in text
    assert "path:" not in text and "row(s)" not in text and text.rstrip().endswith("行")
    assert "[Law]" not in text  # node types in Chinese; the groups name the administrations in Chinese
    assert not [line for line in text.splitlines() if line.startswith("## ") and "administration" in line]
    md = render_markdown(result)
    assert "| # | 名称 | 类型 | 日期 | 路径 | 证据 |" in md
    # notes and section labels of the other reports
    admin = run_report(built.graph, "administration", {"administration": "拜登"}, lang="zh")
    assert admin.title == "拜登政府" and any(n.startswith("前任:特朗普1.0") for n in admin.notes)
    assert any(n.startswith("任期:2021-01-20") for n in admin.notes)
    compare = run_report(built.graph, "compare", {"a": "拜登", "b": "特朗普2.0"}, lang="zh")
    assert compare.title == "拜登政府与特朗普2.0对比"
    assert {r["group"] for r in compare.rows} >= {"特朗普2.0放宽", "延续:两届政府均有关联"}
    timeline = run_report(built.graph, "timeline", {}, lang="zh")
    assert timeline.title == "美国历届政府及其措施(按先后顺序)"
    assert run_report(built.graph, "entity", {"entity": "华为"}, lang="zh").title == "与华为(企业)相关的措施与关系"
    # English stays English
    assert run_report(built.graph, "sector", {"sector": "半导体"}).title == "Policies touching Semiconductors"


def test_lang_zh_shows_the_chinese_original_of_a_translated_paper(built: BuildResult, settings: Settings) -> None:
    result = run_report(built.graph, "entity", {"entity": "Samsung"}, lang="zh", corpus=settings.corpus)
    row = next(r for r in result.rows if r["id"] == "law:chips-and-science-act")
    ev = next(e for e in row["evidence"] if e["doc"] == "gu2022")
    # the sentence of the Chinese paragraph that this English sentence translates, with the names in view
    assert "三星" in ev["original_text"] and "台积电" in ev["original_text"] and "Samsung" not in ev["original_text"]
    focused = [ev["original_text"][a:b] for a, b in ev["original_focus"]]
    assert any("芯片和科学法案" in f for f in focused) and any("三星" in f for f in focused)
    assert ev["section_zh"].startswith("三、") and "(四)" in ev["section_zh"]
    lines = _evidence_line_of(render_text(result), row["name"])
    text = render_text(result).splitlines()
    first = text.index(next(x for x in text if x in lines and "gu2022" in x))
    assert "三星" in text[first] and "§ 三、" in text[first]  # the original, under its Chinese heading
    assert text[first + 1].strip().startswith("英译:") and "Samsung" in text[first + 1]  # the English below
    # in English the English sentence alone
    english = render_text(run_report(built.graph, "entity", {"entity": "Samsung"}, corpus=settings.corpus))
    assert "英译" not in english and "三星和台积电" not in english


def test_every_chinese_name_in_the_gazetteer_resolves(built: BuildResult, settings: Settings) -> None:
    """Each Chinese name or alias of an entity in the graph finds that entity (or, for a name two entities
    share by document or section, asks with both named); bare 拜登 is the Biden administration."""
    from policykg.extract.gazetteer import load_gazetteer
    from policykg.graph.schema import load_schema
    from policykg.resolve.nodes import resolve_node
    from policykg.sources.corpus import HAN_RE

    g = built.graph
    gaz = load_gazetteer(settings.gazetteer_dirs, load_schema(settings.schema), set(g.meta["documents"]))
    checked = 0
    for e in gaz.entities.values():
        if e.id not in g.nodes:
            continue  # never mentioned in this corpus: not in the graph
        scoped = [n for names in e.doc_aliases.values() for n in names] + e.section_aliases + e.dated_aliases
        for name in [e.name, e.name_zh, *e.aliases, *scoped]:
            if not name or not HAN_RE.search(name):
                continue
            checked += 1
            try:
                assert resolve_node(g, name).id == e.id, name
            except NotFoundError as exc:
                assert name in scoped and "ambiguous" in str(exc) and e.id in str(exc), (name, str(exc))
    assert checked > 400
    assert resolve_node(g, "拜登").id == "administration:biden"
    assert "Biden administration" in render_text(run_report(g, "administration", {"administration": "拜登"}))


def test_readme_cypher_example_follows_the_sector_query(built: BuildResult) -> None:
    """README's first Browser query states the library query's rules, measures only: its answer (here computed
    from the embedded twin) holds the chip measures and neither an administration nor a country."""
    import re

    from policykg.config import REPO_ROOT

    block = re.findall(r"```cypher\n(.*?)```", (REPO_ROOT / "README.md").read_text(encoding="utf-8"), re.S)[0]
    library = (REPO_ROOT / "queries" / "measures_touching_sector.cypher").read_text(encoding="utf-8")
    assert "queries/measures_touching_sector.cypher" in block
    for rule in ("[:PART_OF|BELONGS_TO|CHAIN_OF*0..]", "n:Sector OR n:IndustryChain OR n:ChainSegment",
                 ":CONCERNS|TARGETS|SANCTIONS|REVIEWS|SUPPORTS|EASES|AFFECTS]->(part)",
                 ":TARGETS|SANCTIONS|REVIEWS|SUPPORTS|EASES]->(", "Company)-[", "OPERATES_IN]->(part)",
                 "(m:Instrument)<-[", ":LISTED_ON]-("):
        assert rule in library and rule in block, rule  # the same scope and the same touching relations
    assert "WHERE m:Law OR m:Policy OR m:Instrument OR m:Programme" in block
    measures = {r["measure"] for r in run_embedded(built.graph, "measures_touching_sector",
                                                   {"sector": "sector:semiconductors"})
                if r["measure_type"] in {"Law", "Policy", "Instrument", "Programme"}}
    assert {"CHIPS and Science Act", "Entity List"} <= measures
    assert not measures & {"Biden administration", "China", "United States"}


def test_chain_report_shows_each_segment_the_papers_place_in_the_chain(built: BuildResult) -> None:
    result = run_report(built.graph, "chain", {"chain": "semiconductors"})
    rows = run_embedded(built.graph, "chain_segments", {"chain": "industrychain:semiconductor-chain"})
    segments = list(dict.fromkeys(q["segment_id"] for q in rows))
    # in chain order: design, equipment, fabrication, packaging. EDA is a segment in the gazetteer, but no
    # sentence of the corpus places it in the semiconductor chain (wang2024 names it as industrial software),
    # so it is not joined to the chain.
    assert segments == ["chainsegment:chip-design", "chainsegment:semiconductor-equipment",
                        "chainsegment:wafer-fabrication", "chainsegment:packaging-testing"]
    assert "chainsegment:eda-software" not in segments
    facts = {(q["segment_id"], q["relation"], q["direction"], q["other_id"]) for q in rows}
    for fact in [("chainsegment:chip-design", "LEADS", "in", "country:united-states"),     # wu2023
                 ("chainsegment:chip-design", "DEPENDS_ON", "out", "country:united-states"),
                 ("chainsegment:wafer-fabrication", "LEADS", "in", "country:china"),
                 ("chainsegment:packaging-testing", "LEADS", "in", "country:china"),
                 ("chainsegment:wafer-fabrication", "DEPENDS_ON", "out", "sector:lithography"),  # cai2026
                 ("chainsegment:wafer-fabrication", "TARGETS", "in", "country:united-states"),
                 ("chainsegment:semiconductor-equipment", "OPERATES_IN", "in", "company:asml")]:
        assert fact in facts, fact
    # every row but an empty segment's cites its sentence
    assert all(r["evidence"] for r in result.rows if r["relation"])
    dep = [r for r in result.rows if r["relation"] == "DEPENDS_ON" and r["id"] == "sector:lithography"]
    assert dep and any(ev["doc"] == "cai2026" and "光刻机" in ev["text"] for ev in dep[0]["evidence"])


def test_countermeasures_report_sets_the_papers_responses_against_us_measures(built: BuildResult) -> None:
    result = run_report(built.graph, "countermeasures", {})
    by_id = {r["id"]: r for r in result.rows}
    assert len(result.rows) >= 13
    # gu2022: the basic strategy of part IV and its recommended countermeasures; the policies of part III
    # that show China's determination against "decoupling"; cai2026 section 四: its four recommendations
    expected = {
        "policy:international-st-cooperation-strategy": {"policy:us-technology-competition"},
        "programme:major-science-technology-projects": {"policy:us-technology-competition"},
        "organization:anti-intervention-alliance": {"policy:us-technology-competition"},
        "policy:plenum-19-5": {"policy:decoupling"},
        "policy:central-economic-work-conference-2020": {"policy:decoupling"},
        "policy:new-type-whole-nation-system": {"policy:us-technology-competition", "policy:us-china-trade-war",
                                                "instrument:foreign-direct-product-rule"},
        "policy:industry-innovation-chain-integration": {"policy:us-china-trade-war",
                                                         "instrument:foreign-direct-product-rule"},
        "policy:chinese-standards-ecosystem": {"policy:us-china-trade-war", "instrument:foreign-direct-product-rule"},
        "policy:education-evaluation-reform": {"policy:us-china-trade-war", "instrument:foreign-direct-product-rule"},
    }
    for rid, measures in expected.items():
        assert rid in by_id, (rid, sorted(by_id))
        assert {_nodes(p)[-1] for p in by_id[rid]["paths"]} == measures, rid
        assert by_id[rid]["evidence"], rid
    china = {_nodes(p)[-1] for p in by_id["country:china"]["paths"]}
    assert {"policy:decoupling", "organization:us-technology-alliances", "instrument:trade-remedies"} <= china
    # the whole-nation system is a response in both papers, each citing its own sentences
    assert {ev["doc"] for ev in by_id["policy:new-type-whole-nation-system"]["evidence"]} == {"gu2022", "cai2026"}
    standards = {ev["text"] for ev in by_id["policy:chinese-standards-ecosystem"]["evidence"]}
    assert any("技术断供" in t and "补位" in t for t in standards)
    assert len(result.rows) == len(by_id)  # one row per response


def test_every_printed_date_says_whether_a_paper_states_it_or_a_reference_gives_it(built: BuildResult) -> None:
    g = built.graph
    for name, params in (("timeline", {}), ("sector", {"sector": "semiconductors"}), ("entity", {"entity": "Huawei"}),
                         ("administration", {"administration": "Trump 1.0"}), ("countermeasures", {})):
        result = run_report(g, name, params)
        dated = [r for r in result.rows if r.get("date")]
        assert dated, name
        for row in dated:
            src = row["date_source"]
            assert src["value"] == row["date"], (name, row["id"])
            item = g.edges[src["item"]] if src["of"] == "relation" else g.nodes[src["item"]]
            stated = [st for st in item.statements_of("date") if st.value == row["date"]]
            assert stated, (name, row["id"])
            if src["kind"] == "paper":  # each paper named gives this very date, its year in the sentence
                for doc in src["papers"]:
                    texts = [ev.text or "" for st in stated for ev in st.evidence if ev.doc == doc]
                    assert any(str(row["date"])[:4] in t for t in texts), (name, row["id"], doc)
            else:
                assert src["kind"] == "reference" and src["reference"] and not src["papers"], (name, row["id"])
        # the text says so under the row, in English and in Chinese, and the markdown beside the date
        text = render_text(result)
        zh = render_text(run_report(g, name, params, lang="zh"))
        assert "stated by " in text and "日期" in zh and "见于" in zh, name
        assert "stated by " in render_markdown(result), name
    # a reference fact the papers never state: the Trump tax cuts' day comes from the public law
    admin = run_report(g, "administration", {"administration": "Trump 1.0"})
    tax = next(r for r in admin.rows if r["id"] == "policy:us-tax-cuts-trump-1")
    assert tax["date_source"]["kind"] == "reference" and not tax["date_source"]["papers"]
    assert any("115-97" in s for s in tax["date_source"]["reference"])
    lines = render_text(admin).splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith(f"- {tax['name']} "))
    assert "reference fact (" in lines[k + 1] and "not stated by the papers" in lines[k + 1]
    zh_lines = render_text(run_report(g, "administration", {"administration": "Trump 1.0"}, lang="zh")).splitlines()
    assert any(line.strip().startswith(f"日期{tax['date']}:参考事实(") for line in zh_lines)
    md = render_markdown(admin)
    assert any(f"| {tax['date']}<br>date {tax['date']}: reference fact" in line for line in md.splitlines())
    # a day from a reference beside the paper's year: both shown (the 2022 chip controls: cai2026 says 2022)
    sector = run_report(g, "sector", {"sector": "semiconductors"})
    controls = next(r for r in sector.rows if r["id"] == "policy:advanced-computing-export-controls-2022")
    assert controls["date_source"]["kind"] == "reference"
    assert {"value": "2022", "papers": ["cai2026"]} in controls["date_source"]["less_precise"]
    assert "less precisely 2022 in cai2026" in render_text(sector)
    # a date a paper states, with the paper named; JSON carries the same
    war = next(r for r in admin.rows if r["id"] == "policy:us-china-trade-war")
    assert war["date_source"]["kind"] == "paper" and "cai2026" in war["date_source"]["papers"]
    assert json.loads(render_json(admin))["rows"][admin.rows.index(war)]["date_source"] == war["date_source"]


def test_countermeasures_tell_a_papers_recommendation_from_a_response_it_reports(built: BuildResult,
                                                                                 settings: Settings) -> None:
    import yaml

    result = run_report(built.graph, "countermeasures", {})
    by_id = {r["id"]: r for r in result.rows}
    # the assertions the curators noted as recommendations (gu2022 part IV, cai2026 section 四) are shown so
    recommended = set()
    for name in ("gu2022.yaml", "cai2026.yaml"):
        for item in yaml.safe_load((settings.loaders / "assertions" / name).read_text())["assertions"]:
            if item["type"] == "RESPONDS_TO" and "recommend" in str(item.get("note", "")):
                recommended.add(item["source"])
    assert len(recommended) >= 6
    for rid in recommended:
        assert by_id[rid]["status"] in {"recommended", "stated and recommended"}, rid
        assert by_id[rid]["recommended_by"], rid
    for rid in ("organization:anti-intervention-alliance", "policy:new-type-whole-nation-system",
                "policy:chinese-standards-ecosystem"):
        assert by_id[rid]["status"] == "recommended", rid
    # what the papers report as done is stated: the Fifth Plenum and the 2020 CEWC (gu2022 part III), nist2025's
    # innovation centres answering Manufacturing USA
    for rid in ("policy:plenum-19-5", "policy:central-economic-work-conference-2020",
                "programme:manufacturing-innovation-centers"):
        assert by_id[rid]["status"] == "stated" and not by_id[rid]["recommended_by"], rid
    # China: it responds to export controls (nist2025, stated) and is urged to answer the alliances (gu2022)
    china = by_id["country:china"]
    assert china["status"] == "stated and recommended" and "nist2025" in china["stated_by"]
    alliances = next(e for e in built.graph.out_edges("country:china", "RESPONDS_TO")
                     if e.target == "organization:us-technology-alliances")
    assert china["by_edge"][alliances.id] == "recommended"
    # the text, markdown, JSON and Chinese renderings say it
    text = render_text(result)
    lines = text.splitlines()
    k = lines.index("- Anti-intervention alliance of developing countries [Organization]")
    assert lines[k + 1].strip().startswith("status: recommended by gu2022") and "not a measure" in lines[k + 1]
    assert any(line.strip().startswith("path: Fifth Plenary") and line.endswith("[stated]") for line in lines)
    assert "(recommends)" in text
    assert "status: recommended by cai2026" in render_markdown(result)
    rows = json.loads(render_json(result))["rows"]
    assert {r["id"]: r["status"] for r in rows} == {r["id"]: r["status"] for r in result.rows}
    assert all(ev["recommends"] in (True, False) for r in rows for ev in r["evidence"])
    zh = render_text(run_report(built.graph, "countermeasures", {}, lang="zh"))
    assert "状态:gu2022提出的建议,并非文献所述已采取的措施" in zh and "[已述]" in zh and "[建议]" in zh
    # the entity report marks the same relations
    entity = run_report(built.graph, "entity", {"entity": "policy:decoupling"})
    plenum = next(r for r in entity.rows if r["id"] == "policy:plenum-19-5")
    assert plenum["status"] == "stated"


def test_entity_report_follows_the_industry_chain(built: BuildResult) -> None:
    # wu2023: "which segments of the semiconductor chain are named, and who leads them?" asked of 半导体
    result = run_report(built.graph, "entity", {"entity": "半导体"})
    chain = [r for r in result.rows if r.get("direction") == "chain"]
    segments = [r["id"] for r in chain if r["type"] == "ChainSegment"]
    assert segments == ["chainsegment:chip-design", "chainsegment:semiconductor-equipment",
                        "chainsegment:wafer-fabrication", "chainsegment:packaging-testing"]  # in chain order
    for r in chain:  # every chain row reaches the sector through its segment and the chain, with evidence per hop
        if r["type"] == "ChainSegment":
            assert _nodes(r["path"]) == [r["id"], "industrychain:semiconductor-chain", "sector:semiconductors"]
        hops = {s["edge"] for p in r["paths"] for s in p if "edge" in s}
        assert hops == {ev["edge"] for ev in r["evidence"]}, r["id"]
    leads = {(r["segment"], r["id"]) for r in chain for p in r["paths"] if any(s.get("rel") == "LEADS" for s in p)}
    assert {("Chip design", "country:united-states"), ("Wafer fabrication (foundry)", "country:china"),
            ("Packaging and testing (back end)", "country:china")} <= leads
    depends = {(r["segment"], r["id"]) for r in chain for p in r["paths"]
               if any(s.get("rel") == "DEPENDS_ON" for s in p)}
    assert {("Chip design", "country:united-states"), ("Wafer fabrication (foundry)", "sector:lithography")} <= depends
    text = render_text(result)
    assert "\n## industry chain Semiconductor industry chain, segment 1 of 4: Chip design\n" in text
    assert "    path: United States -[LEADS]-> Chip design" in text
    zh = render_text(run_report(built.graph, "entity", {"entity": "半导体"}, lang="zh"))
    assert "\n## 半导体产业链第3/4环节:晶圆代工\n" in zh
    # a company: its segment, the segment's place in the chain, and what else bears on that segment
    asml = run_report(built.graph, "entity", {"entity": "ASML"})
    seg = next(r for r in asml.rows if r.get("direction") == "chain" and r["type"] == "ChainSegment")
    assert _nodes(seg["path"]) == ["company:asml", "chainsegment:semiconductor-equipment",
                                   "industrychain:semiconductor-chain"]
    assert seg["group"] == "industry chain Semiconductor industry chain, segment 2 of 4: Semiconductor " \
                           "manufacturing equipment"
    assert any(r.get("direction") == "chain" and r["type"] == "Policy" for r in asml.rows)
    # a segment: where it stands among its chain's segments
    design = run_report(built.graph, "entity", {"entity": "半导体设计"})
    assert [r["id"] for r in design.rows if r.get("direction") == "chain"] == segments
    assert {"country:united-states"} <= {r["id"] for r in design.rows if r.get("relation") == "DEPENDS_ON"}
    # a company outside any chain gets no chain rows
    huawei = run_report(built.graph, "entity", {"entity": "Huawei"})
    assert not [r for r in huawei.rows if r.get("direction") == "chain"]


def test_lang_zh_says_the_time_filter_and_every_header_in_chinese(built: BuildResult) -> None:
    import re

    from policykg.graph import time

    g = built.graph
    latin = re.compile(r"[A-Za-z]{3,}")
    for params, expected in ((time.Window(as_of="2019-12-31"), "时间:截至2019-12-31;未注明日期的条目不计入"),
                             (time.Window(start="2018-01-01", end="2020-12-31"),
                              "时间:2018-01-01至2020-12-31间有变化;未注明日期的条目不计入")):
        for name, args in (("sector", {"sector": "semiconductors"}), ("timeline", {}), ("countermeasures", {})):
            result = run_report(g, name, args, lang="zh", window=params)
            assert result.notes[0] == expected, (name, result.notes[0])
            undated = [n for n in result.notes if n.startswith("因文献未给出日期而未计入:")]
            assert undated and re.match(r"因文献未给出日期而未计入:\d+项:", undated[0]), name
            english = run_report(g, name, args, window=params)
            assert english.notes[0].startswith(("time: as of ", "time: changed from ")), english.notes[0]
    empty = run_report(g, "administration", {"administration": "拜登"}, lang="zh",
                       window=time.Window(as_of="1900-01-01"))
    assert not empty.rows and "截至1900-01-01" in empty.empty_reason and not latin.search(empty.empty_reason)
    # the group headings of the sector report: no English side label ("US") is left
    text = render_text(run_report(g, "sector", {"sector": "semiconductors"}, lang="zh"))
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings and not [h for h in headings if latin.search(h)], headings
    assert "## US" in render_text(run_report(g, "sector", {"sector": "semiconductors"}))
    # the listings report without a screening list says why in Chinese
    listings = run_report(g, "listings", {}, lang="zh")
    assert listings.empty_reason.startswith("图中没有筛查清单记录")


def test_gold_matches_a_symmetric_relation_in_either_direction(built: BuildResult, settings: Settings,
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policykg.extract.gazetteer import load_gazetteer
    from policykg.graph import evaluate as ev
    from policykg.graph.schema import load_schema

    # the schema describes exactly these as relations of "Two …" parties
    symmetric = {t for t, spec in built.graph.schema.rel_types.items() if spec.description.startswith("Two ")}
    assert symmetric == set(ev.SYMMETRIC)
    # nist2025 says China competes with the United States (stored China -> US); a gold written the other way
    # round still matches it, and a directed relation written the wrong way round does not
    assert [e.target for e in built.graph.out_edges("country:china", "COMPETES_WITH")] == ["country:united-states"]
    (tmp_path / "nist2025.yaml").write_text(
        "doc: nist2025\nrelations:\n"
        "  - {source: 美国, type: COMPETES_WITH, target: 中国, anchor: [竞争力]}\n"
        "  - {source: 中国, type: TARGETS, target: 美国, anchor: [贸易战]}\n", encoding="utf-8")
    gaz = load_gazetteer(settings.loaders / "gazetteer", load_schema(settings.schema),
                         set(built.graph.meta.get("documents", [])))
    result = ev.evaluate(built.graph, gaz, tmp_path)
    assert str(result.per_type["COMPETES_WITH"]["recall"]) == "1.000 (1/1)"
    assert str(result.per_type["COMPETES_WITH"]["precision"]) == "1.000 (1/1)"
    assert str(result.per_type["TARGETS"]["recall"]) == "0.000 (0/1)"
    assert any("中国 -[TARGETS]-> 美国 (no edge)" in m for m in result.misses)
    assert not any("COMPETES_WITH" in w for w in result.wrong)
    # read as directed (as before), the same edge was a miss and counted wrong
    monkeypatch.setattr(ev, "SYMMETRIC", frozenset())
    directed = ev.evaluate(built.graph, gaz, tmp_path)
    assert str(directed.per_type["COMPETES_WITH"]["recall"]) == "0.000 (0/1)"
    assert any("COMPETES_WITH" in w for w in directed.wrong)
