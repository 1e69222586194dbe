"""The U.S. Consolidated Screening List layer, on the real file and the real corpus graph."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from policykg.config import REPO_ROOT, Settings
from policykg.errors import InputError
from policykg.graph.build import BuildResult, build_graph
from policykg.graph.model import PolicyGraph
from policykg.query.screening import affiliates, find_party, listed_on, listings
from policykg.resolve.name_keys import name_key
from policykg.resolve.screening import ACCEPT, resolution, review_matches
from policykg.sources.federal_register import FRCitation, fr_year, parse_federal_register
from policykg.sources.screening import read_screening_list

SCREENING = Path(os.environ.get("POLICYKG_SCREENING_LIST") or
                 REPO_ROOT.parent / "shared" / "data" / "consolidated-screening-list" / "screening-list.json")


@pytest.fixture(scope="session")
def screening_file() -> Path:
    if not SCREENING.is_file():
        pytest.fail(f"the screening list is not at {SCREENING}; set POLICYKG_SCREENING_LIST")
    return SCREENING


@pytest.fixture(scope="session")
def screened(settings: Settings, screening_file: Path) -> BuildResult:
    return build_graph(replace(settings, screening_list=screening_file))


@pytest.fixture(scope="session")
def g(screened: BuildResult) -> PolicyGraph:
    return screened.graph


def _listing(g: PolicyGraph, source: str, target: str = "instrument:entity-list") -> dict:
    edges = [e for e in g.out_edges(source, "LISTED_ON") if e.target == target and "screening" in e.stages]
    assert len(edges) == 1, f"{source} -> {target}: {edges}"
    return edges[0].properties


# ------------------------------------------------------------------------------ Federal Register


def test_citation_parsed_into_volume_page_and_the_year_its_volume_implies() -> None:
    cites, problems = parse_federal_register("84 FR 22961, 84 FR 43495; 85 FR 29852")
    assert problems == []
    assert [(c.volume, c.page, c.year) for c in cites] == [(84, 22961, 2019), (84, 43495, 2019), (85, 29852, 2020)]
    assert str(cites[0]) == "84 FR 22961" and cites[0].when == "2019"


@pytest.mark.parametrize(("text", "expected"), [
    ("58 F.R. 42719 8/11/93", [("58 FR 42719", "1993-08-11")]),
    ("73 FR 54504 (9/22/2008), 77 FR 24587", [("73 FR 54504", "2008-09-22"), ("77 FR 24587", "2012")]),
    ("85 FR 51603, 8/20/20. 85 FR 52901, 8/27/20.", [("85 FR 51603", "2020-08-20"), ("85 FR 52901", "2020-08-27")]),
    ("Vol. 78, No. 136, 07/16/2013", [("78 FR No. 136", "2013-07-16")]),
    ("76 FR no. 242 pg. 78146, 77 FR 58006 (no. 182)", [("76 FR 78146", "2011"), ("77 FR 58006", "2012")]),
    ("82 F.R. 16786, 16787 4/16/2017", [("82 FR 16786", "2017-04-16"), ("82 FR 16787", "2017-04-16")]),
    ("81.F.R. 22576 4/18/2016", [("81 FR 22576", "2016-04-18")]),
])
def test_citation_formats_of_the_real_file(text: str, expected: list[tuple[str, str]]) -> None:
    cites, problems = parse_federal_register(text)
    assert problems == []
    assert [(str(c), c.when) for c in cites] == expected


def test_a_missing_volume_comes_from_the_stated_date_and_a_contradiction_is_reported() -> None:
    (c,), problems = parse_federal_register("F.R. 68123 11/14/2022")
    assert (c.volume, c.page, c.volume_inferred, c.when) == (87, 68123, True, "2022-11-14") and problems == []
    (c,), problems = parse_federal_register("87 F.R. 22406 4/13/2023")
    assert c.when == "2022" and problems == [
        "'87 F.R. 22406 4/13/2023': volume 87 is 2022 but the stated date is 2023-04-13; kept the volume's year"]
    cites, problems = parse_federal_register("76 FR 78146 (12/16/11) 77 FR")
    assert [str(c) for c in cites] == ["76 FR 78146"] and problems == ["unread text '77 FR'"]


def test_volume_n_is_year_1935_plus_n_on_every_dated_notice_of_the_real_file(screening_file: Path) -> None:
    sl = read_screening_list(screening_file)
    dated = [c for p in sl.parties for c in p.citations if c.date]
    assert len(dated) > 3000
    assert all(fr_year(c.volume) == c.year for c in dated if c.volume is not None)
    # the few records that contradict it are reported, not silently fixed
    contradictions = [n for n in sl.notes if "but the stated date is" in n.reason]
    assert 0 < len(contradictions) < 10
    assert all(n.where.startswith(f"{screening_file.name} entry ") for n in contradictions)


# ------------------------------------------------------------------------------ loading


def test_every_record_is_a_node_or_a_paper_entity_listing(g: PolicyGraph, screening_file: Path) -> None:
    total = json.loads(screening_file.read_text(encoding="utf-8"))["entryCount"]
    entries = [i for e in g.edges.values() if e.type == "LISTED_ON" and "screening" in e.stages
               for i in e.properties["entries"]]
    assert sorted(map(int, entries)) == list(range(total))
    listed = [n for n in g.nodes.values() if n.id.startswith("listed:")]
    merged = [e for e in g.edges.values() if e.type == "LISTED_ON" and "screening" in e.stages
              and not e.source.startswith("listed:")]
    assert len(listed) + sum(len(e.properties["entries"]) for e in merged) == total
    assert g.problems() == []
    for n in listed[:2000]:
        g.schema.validate_node_properties(n.type, n.properties)
        assert n.evidence[0].method == "dataset" and n.evidence[0].record == f"entry {n.properties['dataset_entry']}"


def test_party_types(g: PolicyGraph) -> None:
    vessels = g.nodes_of_type("Vessel")
    assert len(vessels) > 1000 and len(g.nodes_of_type("Aircraft")) > 100
    harbin = find_party(g, "Harbin Institute of Technology")
    assert harbin and {n.type for n in harbin} == {"Organization"}
    individual = next(n for n in g.nodes.values() if n.id.startswith("listed:sdn-") and
                      n.properties.get("listed_type") == "Individual")
    assert individual.type == "Person"
    inferred = g.nodes["listed:el-3490"]  # the Entity List states no type
    assert inferred.type == "Company"
    assert any(ev.confidence < 1 and (ev.field or "").startswith("type Company inferred") for ev in inferred.evidence)


def test_lists_are_instruments_run_by_their_agencies(g: PolicyGraph) -> None:
    el = g.nodes["instrument:entity-list"]  # the papers' own node, not a second one
    assert el.properties["code"] == "EL" and "744.16" in el.properties["legal_basis"]
    assert {e.source for e in g.in_edges(el.id, "ADMINISTERS")} >= {"agency:bis"}
    assert not [n for n in g.nodes_of_type("Instrument") if n.name == "Entity List" and n.id != el.id]
    sdn = next(n for n in g.nodes_of_type("Instrument") if n.properties.get("code") == "SDN")
    assert [e.source for e in g.in_edges(sdn.id, "ADMINISTERS")] == ["agency:ofac"]
    assert [e.target for e in g.out_edges("agency:ofac", "PART_OF")] == ["agency:department-of-the-treasury"]
    assert [e.target for e in g.out_edges("agency:bis", "PART_OF")] == ["agency:department-of-commerce"]
    codes = {n.properties.get("code") for n in g.nodes_of_type("Instrument")}
    assert {"EL", "SDN", "CMIC", "MEU", "UVL", "DPL", "DTC", "ISN"} <= codes


# ------------------------------------------------------------------------------ resolution


def test_name_keys_drop_case_punctuation_and_legal_forms() -> None:
    assert name_key("Huawei Technologies Co., Ltd.") == ("huawei",)
    assert name_key("HUAWEI TECHNOLOGIES CO., LTD.") == ("huawei",)
    assert name_key("Huawei Technologies (Bolivia) S.R.L.") == ("huawei", "bolivia")
    assert name_key("Semiconductor Manufacturing International Corporation") == (
        "semiconductor", "manufacturing", "international")


def test_huawei_itself_is_listed_directly_with_its_notices(g: PolicyGraph) -> None:
    el = _listing(g, "company:huawei")
    assert set(el["entries"]) == {"3334", "5206"}
    assert el["date"] == "2019" and el["fr_citations"][0] == "84 FR 22963"
    assert "Huawei Technologies Co., Ltd. (Huawei)" in el["listed_names"]
    edge = next(e for e in g.out_edges("company:huawei", "LISTED_ON") if e.target == "instrument:entity-list")
    assert "rule" in edge.stages  # the papers say so too
    assert {ev.method for ev in edge.evidence} >= {"dataset", "resolution", "gazetteer"} - {"gazetteer"}
    cmic = next(e for e in g.out_edges("company:huawei", "LISTED_ON") if "screening" in e.stages
                and e.target != "instrument:entity-list")
    assert "30947" in cmic.properties["entity_number"] and cmic.properties["programmes"] == ["CMIC-EO13959"]
    assert "listed:el-3334" not in g.nodes  # the record is the paper's Huawei, not a second node


def test_huawei_affiliate_with_its_federal_register_citations(g: PolicyGraph) -> None:
    cloud = g.nodes["listed:el-3490"]
    assert cloud.name == "Huawei Cloud Beijing" and cloud.properties["countries"] == ["CN"]
    listing = _listing(g, cloud.id)
    assert listing["fr_citations"] == ["85 FR 51603", "87 FR 6026", "87 FR 55250"]
    assert listing["fr_dates"] == ["2020", "2022", "2022"] and listing["date"] == "2020"
    (aff,) = g.out_edges(cloud.id, "AFFILIATE_OF")
    assert aff.target == "company:huawei" and aff.properties["score"] >= ACCEPT
    (ev,) = aff.evidence
    assert ev.method == "resolution" and ev.confidence == aff.properties["score"]
    assert "entry 3490" in (ev.record or "") and "Chinese address" in (ev.record or "")
    marine = g.nodes["listed:el-5212"]  # "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: ..."
    assert marine.name == "Huawei Marine Networks Co., Ltd."
    assert marine.properties["listed_parent"] == "Huawei Technologies Co., Ltd. (Huawei)"
    assert "HMN Tech" in marine.aliases
    assert _listing(g, marine.id)["fr_citations"][:2] == ["84 FR 22963", "84 FR 43495"]
    assert [e.properties["match_method"] for e in g.out_edges(marine.id, "AFFILIATE_OF")] == ["named parent"]


def test_huawei_affiliates_across_countries(g: PolicyGraph) -> None:
    found = affiliates(g, "company:huawei")
    assert len(found) >= 100
    countries = {c for a in found for c in a.countries}
    assert {"CN", "DE", "BR", "JP", "GB"} <= countries
    assert all(a.listings and a.listings[0].citations for a in found)
    assert found[0].added is not None and found[0].added.startswith("2019")
    assert all(a.score >= ACCEPT for a in found)


def test_smic_with_its_aliases_and_affiliates(g: PolicyGraph) -> None:
    el = _listing(g, "company:smic")
    assert {"SMIC Shanghai", "Semiconductor Mfg International Corp.",
            "Semiconductor Manufacturing International Corporation (SMIC)"} <= set(el["listed_names"])
    assert el["fr_citations"] == ["85 FR 83420", "89 FR 96837"] and el["fr_dates"] == ["2020", "2024"]
    cmic = next(e for e in g.out_edges("company:smic", "LISTED_ON") if e.target != "instrument:entity-list")
    assert {"SMIC", "Semiconductor Mfg Intl Corp"} <= set(cmic.properties["listed_names"])
    found = {a.name: a for a in affiliates(g, "company:smic")}
    beijing = found["Semiconductor Manufacturing International (Beijing) Corporation"]
    assert "SMIC Beijing" in g.nodes[beijing.party_id].aliases
    assert beijing.listings[0].citations == ("85 FR 83420", "89 FR 96837")
    assert "SMIC Holdings Limited" in found  # found through the acronym the list gives SMIC


def test_dji_is_listed_under_its_legal_name_too(g: PolicyGraph) -> None:
    assert _listing(g, "company:dji")["entries"] == ["5486"]
    assert {lst.list_code for lst in listed_on(g, "company:dji")} == {"EL", "CMIC"}


def test_zte_is_not_linked_to_a_namesake_abroad_but_kept_for_review(g: PolicyGraph, screening_file: Path) -> None:
    assert not [e for e in g.out_edges("company:zte", "LISTED_ON") if "screening" in e.stages]
    assert affiliates(g, "company:zte") == []
    review = review_matches(g, screening_file)
    zte = [m for m in review if m.entity_id == "company:zte"]
    assert [(m.party_name, m.countries, m.decision) for m in zte] == [("ZTE Parsian", ("IR",), "review")]
    assert "address in IR, not CN" in zte[0].reason and "short name" in zte[0].reason
    assert any(r.stage == "resolution" and "listed:el-3074" in r.fact and "needs review" in r.reason
               for r in g.rejected)


def test_a_common_word_in_an_organisations_name_is_no_lead(g: PolicyGraph, screening_file: Path) -> None:
    """'US-led technology alliances' shares only the word 'alliance' with 'Voltero Alliance LLP': not a candidate."""
    review = review_matches(g, screening_file)
    assert not [m for m in review if m.entity_id == "organization:us-technology-alliances"]
    assert len(review) <= 10  # the review list stays short enough to read


def test_review_is_what_the_load_did_not_link(g: PolicyGraph, screening_file: Path) -> None:
    review = review_matches(g, screening_file)
    rejected = {r.fact for r in g.rejected if r.stage == "resolution" and r.reason.startswith("needs review")}
    assert {f"({m.party_id})-[AFFILIATE_OF]->({m.entity_id})" for m in review} == rejected
    assert all(not g.out_edges(m.party_id, "AFFILIATE_OF") for m in review)
    assert resolution(g, screening_file) == resolution(g, screening_file)  # deterministic


def test_unreadable_notices_are_reported_with_their_entry(g: PolicyGraph, screening_file: Path) -> None:
    notes = [r for r in g.rejected if r.stage == "screening"]
    assert notes and all(r.where.startswith(f"{screening_file.name} entry ") for r in notes)
    assert any("unread text '77 FR'" in r.reason for r in notes)


# ------------------------------------------------------------------------------ queries


def test_listings_of_chinese_parties_by_notice(g: PolicyGraph) -> None:
    result = listings(g, ("CN",), ["EL"])
    counts = {(c, code): n for c, code, n in result.counts()}
    assert counts[("CN", "EL")] > 1000
    notices = {(cite, year): n for c, code, cite, year, n in result.notices()}
    assert notices[("89 FR 96837", 2024)] > 100  # the December 2024 semiconductor rule
    row = next(r for r in result.rows if r.party == "Huawei Cloud Beijing" and r.added)
    assert (row.citation, row.volume, row.page, row.year, row.list_name) == (
        "85 FR 51603", 85, 51603, 2020, "Entity List")
    by_year = {year: n for c, code, year, n in result.by_year()}
    assert by_year[2019] > 50 and by_year[2020] > 100
    assert listings(g, ("CN",), ["EL"], years=(2019, 2019)).rows
    assert all(r.year == 2019 for r in listings(g, ("CN",), ["EL"], years=(2019, 2019)).rows if r.added)


# ------------------------------------------------------------------------------ bad input


def _write(tmp_path: Path, entries: list) -> Path:
    path = tmp_path / "broken-list.json"
    path.write_text(json.dumps({
        "entryCount": len(entries),
        "tables": {"sources": ["Entity List (EL) - Bureau of Industry and Security"], "licenceRequirements": [],
                   "licencePolicies": [], "programmes": [], "urls": ["https://www.bis.gov/"]},
        "entries": entries,
    }), encoding="utf-8")
    return path


def test_a_broken_entry_is_one_line_naming_file_and_entry(tmp_path: Path) -> None:
    good = {"n": "Huawei Cloud Beijing", "s": 0, "c": ["CN"], "fr": "85 FR 51603", "u": 0}
    path = _write(tmp_path, [good, {**good, "n": 42}, good])
    with pytest.raises(InputError) as exc:
        read_screening_list(path)
    (problem,) = exc.value.problems
    assert "\n" not in str(exc.value)
    assert str(problem).startswith(f"{path} entry 1: 'n' (name) must be str, got 42")


def test_an_index_outside_its_table_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"n": "X Co.", "s": 3}])
    with pytest.raises(InputError, match=r"entry 0: 's' \(source\) = 3 is outside tables.sources \(0-0\)"):
        read_screening_list(path)


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('{"entries": [\n{"n": "A",}\n]}', encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{path}:2: malformed JSON"):
        read_screening_list(path)


def test_a_small_valid_file_loads_into_the_corpus_graph(tmp_path: Path, settings: Settings) -> None:
    path = _write(tmp_path, [{"n": "Huawei Cloud Beijing", "s": 0, "c": ["CN"], "fr": "85 FR 51603; 88 FR", "u": 0}])
    graph = build_graph(replace(settings, screening_list=path)).graph
    assert _listing(graph, "listed:el-0")["fr_citations"] == ["85 FR 51603"]
    assert any(r.reason == "unread text '88 FR'" and r.where == f"{path.name} entry 0" for r in graph.rejected)
    # no record of Huawei itself in this file: the affiliate needs the notice signal to be linked, so it is not
    assert not graph.out_edges("listed:el-0", "AFFILIATE_OF")


# ------------------------------------------------------------------------------ CLI


def test_cli_resolve_review_prints_candidate_party_score_method_reason(
        settings: Settings, screening_file: Path, tmp_path: Path) -> None:
    from policykg.cli.common import STATE
    from policykg.cli.screening import resolve_command, screening_app

    app = typer.Typer()
    app.command("resolve")(resolve_command)
    app.add_typer(screening_app, name="screening")
    old = STATE.settings
    STATE.settings = replace(settings, screening_list=screening_file, cache=tmp_path)
    try:
        result = CliRunner().invoke(app, ["resolve", "--review"])
        assert result.exit_code == 0, result.output
        line = next(x for x in result.output.splitlines() if x.startswith("ZTE "))
        assert "ZTE Parsian [IR] (listed:el-3074)" in line and "0.40" in line and "contains" in line
        assert "short name 'zte'" in line
        result = CliRunner().invoke(app, ["screening", "affiliates", "Huawei"])
        assert result.exit_code == 0, result.output
        assert "LISTED_ON Entity List (EL) since 2019: 84 FR 22963" in result.output
        assert "Huawei Cloud Beijing" in result.output
    finally:
        STATE.settings = old


def test_citation_object_is_hashable_and_ordered_by_text() -> None:
    assert len({FRCitation(84, 22961), FRCitation(84, 22961)}) == 1


# ------------------------------------------------------------------------------ reports on the combined graph


def test_entity_report_shows_huaweis_own_listings_and_listed_affiliates(g: PolicyGraph) -> None:
    from policykg.query.reports import render_text, run_report

    result = run_report(g, "entity", {"entity": "Huawei"})
    own = [n for n in result.notes if n.startswith("listed itself on Entity List")]
    assert own and "84 FR 22963" in own[0]
    count = next(n for n in result.notes if n.startswith("listed affiliates"))
    assert int(count.rsplit(":", 1)[1]) >= 100
    assert any("Huawei Cloud" in n and " FR " in n for n in result.notes)  # an affiliate with its notice
    assert "listed affiliates" in render_text(result)


def test_listings_report_one_row_per_party_with_the_adding_notice(g: PolicyGraph) -> None:
    from policykg.query.reports import render_json, render_text, run_report

    result = run_report(g, "listings", {"country": "CN"})
    rows = result.rows
    assert len(rows) > 1000 and len({(r["id"], r["list"]) for r in rows}) == len(rows)
    el = [r for r in rows if r["list"] == "EL"]
    with_notice = [r for r in el if r["notice"] and " FR " in r["notice"]]
    assert len(with_notice) >= 0.99 * len(el)  # the few records that cite no notice still get a row (notice None)
    assert all(r["notice"] is None for r in el if r not in with_notice)
    assert all(ev["method"] == "dataset" for r in el[:50] for ev in r["evidence"])
    at = next(i for i, n in enumerate(result.notes) if n.startswith("CN · EL:"))
    assert "2019:" in result.notes[at + 1] and "FR" in result.notes[at + 2]  # added by year; largest notices
    assert "added by 84 FR 22963" in render_text(result)  # each party with the notice that added it
    assert json.loads(render_json(result))["report"] == "listings"


def test_sector_report_counts_listed_parties_through_the_papers_companies(g: PolicyGraph) -> None:
    from policykg.query.reports import run_report

    notes = run_report(g, "sector", {"sector": "semiconductors"}).notes
    assert any("Semiconductor Manufacturing International Corporation" in n for n in notes
               if n.startswith("listed parties tied to this sector"))


# ------------------------------------------------------------------------------ exports and Neo4j on the combined graph


@pytest.mark.java
def test_combined_graph_gexf_is_valid_and_gephi_imports_it(g: PolicyGraph, tmp_path: Path) -> None:
    from lxml import etree

    from policykg.exporters import gexf
    from policykg.exporters.gephi_check import run_gephi_check
    from policykg.exporters.subgraph import select

    part = select(g, [], lexical=False)
    assert len(part.nodes) > 25_000
    path = tmp_path / "combined.gexf"
    path.write_text(gexf.to_string(part), encoding="utf-8")
    rng = etree.RelaxNG(etree.parse(str(REPO_ROOT.parent / "shared" / "data" / "gexf-1.3" / "gexf.rng")))
    assert rng.validate(etree.parse(str(path))), rng.error_log.last_error
    report = run_gephi_check(path)
    assert report.blocking_issues == []
    assert (report.nodes, report.edges) == (len(part.nodes), len(part.edges))


@pytest.mark.neo4j
def test_combined_graph_loads_into_neo4j_and_answers_cypher(g: PolicyGraph, screened: BuildResult,
                                                            built: BuildResult, neo4j_driver: Any) -> None:
    from policykg.backends.neo4j_backend import graph_counts, load_graph, run_cypher

    try:
        load_graph(neo4j_driver, g, wipe=True)
        assert graph_counts(neo4j_driver) == g.counts()
        rows = run_cypher(neo4j_driver, "MATCH (a:Node)-[:AFFILIATE_OF]->(:Company {id: $id}) "
                                        "MATCH (a)-[l:LISTED_ON]->(:Instrument {id: 'instrument:entity-list'}) "
                                        "RETURN a.name AS name, l.fr_citations AS notices ORDER BY name",
                          {"id": "company:huawei"}).rows
        assert len(rows) >= 100 and all(r["notices"] for r in rows[:20])
    finally:
        load_graph(neo4j_driver, built.graph, wipe=True)  # the other Neo4j tests expect the corpus graph
