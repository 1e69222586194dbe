"""Time you can query: intervals written at build time, --as-of and --from/--to on reports and library queries
(README "Time: as-of and intervals"; the Neo4j side is held equal by the parity tests in tests/test_neo4j.py)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from cli_process import run as run_cli
from policykg.config import Settings
from policykg.errors import PolicykgError
from policykg.graph import time
from policykg.graph.build import BuildResult
from policykg.query.library import load_library, resolve_params, run_embedded
from policykg.query.reports import render_text, run_report

CHIPS = "law:chips-and-science-act"
OCTOBER_CONTROLS = "policy:advanced-computing-export-controls-2022"
EQUIPMENT_AGREEMENT = "policy:us-netherlands-japan-equipment-agreement-2023"
MADE_IN_CHINA = "policy:made-in-china-2025"
AIXTRON = "policy:aixtron-executive-order-2016"


# ------------------------------------------------------------------------------------------ the rules


@pytest.mark.parametrize(("start", "day", "kept"), [
    ("2022", "2022-12-31", True),  # a year counts from its last day: known in force at its end
    ("2022", "2021-12-31", False),
    ("2022", "2022-06-30", False),  # may have begun in October: not known to be in force yet
    ("2022-02", "2022-02-28", True),  # a month counts from its last day, whatever its length
    ("2022-02", "2022-02-27", False),
    ("2024-02", "2024-02-28", False),  # a leap year's February ends on the 29th
    ("2024-02", "2024-02-29", True),
    ("2022-10-07", "2022-10-07", True),  # a day counts from itself
    ("2022-10-07", "2022-10-06", False),
])
def test_a_partial_start_counts_from_the_last_day_it_names(start: str, day: str, kept: bool) -> None:
    assert (time.window(day).status([(start, None, True)]) == "kept") is kept


@pytest.mark.parametrize(("end", "day", "kept"), [
    ("2025-01-20", "2025-01-19", True),  # an end is the first day no longer in force
    ("2025-01-20", "2025-01-20", False),
    ("2025", "2024-12-31", True),
    ("2025", "2025-01-01", False),  # it may have ended on the first day of 2025
    ("2025-03", "2025-02-28", True),
    ("2025-03", "2025-03-01", False),
])
def test_a_partial_end_counts_from_the_first_day_it_names(end: str, day: str, kept: bool) -> None:
    assert (time.window(day).status([("2020", end, True)]) == "kept") is kept


def test_the_window_keeps_what_started_within_it() -> None:
    biden_2021 = time.window(None, "2021-01-20", "2021-12-31")
    assert biden_2021.status([("2021-03", None, True)]) == "kept"
    assert biden_2021.status([("2021", None, True)]) == "kept"  # its last day, 2021-12-31, is in the window
    assert biden_2021.status([("2020-05", None, True)]) == "out"  # began before
    assert biden_2021.status([("2022", None, True)]) == "out"  # began after
    # a row changes when its latest start falls in the window: an act of 2021 on a measure of 2018
    assert biden_2021.status([("2018", None, True), ("2021-06-08", None, True)]) == "kept"
    assert biden_2021.status([("2018", None, True), ("2019", None, False)]) == "out"
    # the path question reads the window as the graph that stood during it
    assert biden_2021.status([("2018", None, True)], overlap=True) == "kept"
    assert biden_2021.status([("2018", "2021-01-20", True)], overlap=True) == "out"


def test_undated_measures_and_acts_are_left_out_and_timeless_things_are_not() -> None:
    w = time.window("2019-12-31")
    assert w.status([(None, None, True)]) == "undated"  # a measure without a date
    assert w.status([(None, None, False), ("2018", None, True)]) == "kept"  # a country, an undated relation
    assert w.status([(None, None, True), ("2022", None, True)]) == "out"  # out by its dates, whatever else
    assert time.Window().status([(None, None, True)]) == "kept"  # no filter: everything


def test_dates_the_user_gives_are_whole_periods() -> None:
    w = time.window("2019", "2021", "2021-02")
    assert (w.as_of, w.start, w.end) == ("2019-12-31", "2021-01-01", "2021-02-28")
    assert w.params() == {"as_of": "2019-12-31", "from": "2021-01-01", "to": "2021-02-28"}


@pytest.mark.parametrize(("args", "message"), [
    (("2019-13", None, None), "--as-of '2019-13' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    (("2019-02-30", None, None), "--as-of '2019-02-30' is not a date"),
    ((None, "last year", None), "--from 'last year' is not a date"),
    ((None, None, "2021/12/31"), "--to '2021/12/31' is not a date"),
    ((None, "2022", "2021"), "--from 2022 is after --to 2021; give the earlier date to --from"),
])
def test_a_bad_date_is_an_error_naming_the_option_and_the_forms(args: tuple[str | None, ...], message: str) -> None:
    with pytest.raises(PolicykgError) as info:
        time.window(*args)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_the_cypher_files_hold_the_rules_of_the_embedded_engine() -> None:
    """Every query with a time filter writes the same types and acts into its Cypher as policykg.graph.time."""
    library = load_library(Settings().queries)
    timed = [spec for spec in library.values() if any(p.kind == "date" for p in spec.params)]
    assert len(timed) == len(library) - 1  # entity_mentions: the papers' sections have no time
    for spec in timed:
        assert {p.name for p in spec.params if p.kind == "date"} == {"as_of", "from", "to"}
        assert f".type IN {list(time.TIMED_TYPES)}" in spec.cypher, spec.name
        assert f") IN {list(time.TIMED_RELS)}" in spec.cypher, spec.name
        assert "date($as_of) + duration('P1D')" in spec.cypher and "date($to) + duration('P1D')" in spec.cypher


# ------------------------------------------------------------------------------------------ the graph


def test_build_writes_intervals_from_the_dates_the_graph_holds(built: BuildResult) -> None:
    g = built.graph
    for a in g.nodes_of_type("Administration"):
        assert a.properties["valid_from"] == a.properties["term_start"]
        assert a.properties.get("valid_to") == a.properties.get("term_end")
    chips = g.nodes[CHIPS]
    assert chips.properties["valid_from"] == chips.properties["date"]
    dated = [n for n in g.nodes.values() if n.type in time.TIMED_TYPES and n.properties.get("date")]
    assert dated and all(n.properties["valid_from"] == n.properties["date"] for n in dated)
    undated = [n for n in g.nodes.values() if n.type in time.TIMED_TYPES and not n.properties.get("date")
               and n.type != "Administration"]
    assert undated and all("valid_from" not in n.properties for n in undated)  # never invented
    # an act without a date of its own happened on the measure's date; an easing keeps its own date only
    acts = [e for e in g.edges.values() if e.type in time.DATED_BY_TARGET and not e.properties.get("date")
            and g.nodes[e.target].properties.get("valid_from")]
    assert acts and all(e.properties["valid_from"] == g.nodes[e.target].properties["valid_from"] for e in acts)
    eases = g.edges_of_type("EASES")
    assert any(e.properties.get("valid_from") == e.properties.get("date") == "2025" for e in eases)
    assert all(e.properties.get("valid_from") == e.properties.get("date") for e in eases)
    assert not g.problems()


def test_a_derived_interval_carries_the_evidence_of_its_source(built: BuildResult) -> None:
    node = built.graph.nodes[CHIPS]
    statements = getattr(node, "statements", None)
    if statements is None:  # a graph without statements keeps the merged property only
        assert node.properties["valid_from"] == node.properties["date"]
        return
    start = [st for st in statements if st.prop == "valid_from"]
    dates = [st for st in statements if st.prop == "date" and st.value == node.properties["date"]]
    assert start and dates and start[0].evidence and {ev.key() for ev in start[0].evidence} <= {
        ev.key() for st in dates for ev in st.evidence}


# ------------------------------------------------------------------------------------------ reports


def _ids(result: object) -> set[str]:
    return {row["id"] for row in result.rows}  # type: ignore[attr-defined]


def test_sector_as_of_2019_keeps_what_was_in_force_and_says_what_it_left_out(built: BuildResult) -> None:
    g = built.graph
    everything = _ids(run_report(g, "sector", {"sector": "semiconductors"}))
    assert {CHIPS, OCTOBER_CONTROLS, EQUIPMENT_AGREEMENT, MADE_IN_CHINA, AIXTRON} <= everything
    result = run_report(g, "sector", {"sector": "semiconductors"}, window=time.window("2019-12-31"))
    kept = _ids(result)
    assert {MADE_IN_CHINA, AIXTRON} <= kept
    assert not kept & {CHIPS, OCTOBER_CONTROLS, EQUIPMENT_AGREEMENT, "administration:biden"}
    assert result.params["as_of"] == "2019-12-31"
    text = render_text(result)
    assert "as of 2019-12-31" in text
    left_out = re.search(r"left out as undated \(the papers give no date\): (\d+): (.*)", text)
    assert left_out and int(left_out.group(1)) > 0 and "Entity List" in left_out.group(2)
    # every row kept is dated on or before the day, and everything it passes through too
    for row in result.rows:
        for path in row["paths"]:
            for step in path:
                item = g.nodes[step["node"]] if "node" in step else g.edges[step["edge"]]
                start = item.properties.get("valid_from")
                assert start is None or time.last_day(str(start)) <= "2019-12-31", (row["id"], start)


def test_what_changed_when_biden_took_over(built: BuildResult) -> None:
    result = run_report(built.graph, "timeline", {}, window=time.window(None, "2021-01-20", "2021-12-31"))
    measures = [row for row in result.rows if row.get("relation")]
    assert measures and {row["administration"] for row in measures} == {"Biden administration"}
    for row in measures:
        starts = [str(s) for s in (built.graph.nodes[row["id"]].properties.get("valid_from"),) if s]
        assert starts and "2021-01-20" <= time.last_day(starts[0]) <= "2021-12-31", row["id"]
    full = run_report(built.graph, "timeline", {})
    assert len([r for r in full.rows if r.get("relation")]) > len(measures)


def test_timeline_shows_every_dated_easing(built: BuildResult) -> None:
    g = built.graph
    dated = {e.id for e in g.edges_of_type("EASES") if e.properties.get("valid_from")}
    assert dated
    result = run_report(g, "timeline", {}, window=time.window(None, "2025-01-20"))
    shown = {step["edge"] for row in result.rows for path in row["paths"] for step in path if "edge" in step}
    assert dated <= shown
    undated = [e for e in g.edges_of_type("EASES") if not e.properties.get("valid_from")]
    assert all(e.id not in shown for e in undated)
    assert any("EASES" in note for note in result.notes)  # ... and the undated ones are named, never dropped


def test_what_was_in_force_against_huawei(built: BuildResult) -> None:
    g = built.graph
    in_2020 = run_report(g, "entity", {"entity": "Huawei"}, window=time.window("2020"))
    in_2019 = run_report(g, "entity", {"entity": "华为"}, window=time.window("2019-12-31"))
    dated_2020 = {"policy:five-g-clean-path", "instrument:foreign-direct-product-rule"}
    assert dated_2020 <= _ids(in_2020)
    assert not dated_2020 & _ids(in_2019)
    assert OCTOBER_CONTROLS not in _ids(in_2020) and OCTOBER_CONTROLS in _ids(
        run_report(g, "entity", {"entity": "Huawei"}, window=time.window("2023")))


def test_every_report_takes_the_filter(built: BuildResult) -> None:
    g = built.graph
    w = time.window("2018")
    cases = {"sector": {"sector": "semiconductors"}, "administration": {"administration": "Trump 1.0"},
             "timeline": {}, "entity": {"entity": "China"}, "chain": {"chain": "semiconductors"},
             "countermeasures": {}, "compare": {"a": "Obama", "b": "Trump 1.0"},
             "path": {"source": "Made in China 2025", "target": "United States"}, "listings": {}}
    for name, params in cases.items():
        everything = run_report(g, name, params)
        result = run_report(g, name, params, window=time.window("2018"))
        assert result.params.get("as_of") == w.as_of, name
        assert len(result.rows) <= len(everything.rows), name
        assert result.notes and result.notes[0].startswith("time: as of 2018-12-31"), name


def test_library_queries_take_the_filter_as_parameters(built: BuildResult) -> None:
    g = built.graph
    spec = load_library(Settings().queries)["measures_touching_sector"]
    params = resolve_params(g, spec, {"sector": "半导体", "as_of": "2019"})
    assert params["as_of"] == "2019-12-31" and params["from"] is None and params["to"] is None
    rows = run_embedded(g, spec.name, params)
    assert {MADE_IN_CHINA, AIXTRON} <= {r["measure_id"] for r in rows}
    assert CHIPS not in {r["measure_id"] for r in rows}
    with pytest.raises(PolicykgError, match="--param as_of '2019-13' is not a date"):
        resolve_params(g, spec, {"sector": "半导体", "as_of": "2019-13"})


# ------------------------------------------------------------------------------------------ command line


def test_cli_bad_dates_are_one_line_errors(tmp_path: Path) -> None:
    for args in (["report", "sector", "semiconductors", "--as-of", "2019-13"],
                 ["report", "timeline", "--from", "2022", "--to", "2021"],
                 ["query", "timeline", "--to", "tomorrow"],
                 ["query", "entity_mentions", "--param", "entity=Huawei", "--as-of", "2019"]):
        out = run_cli(args, tmp_path)
        assert out.returncode == 1, (args, out.stdout)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, out.stderr)
        assert re.search(r"--as-of|--from|--to|--param|no time filter", lines[0])


def test_cli_report_json_carries_the_filter(tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.mktemp("time-cli")
    out = run_cli(["report", "sector", "semiconductors", "--as-of", "2019-12-31", "--format", "json"], cache)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["params"]["as_of"] == "2019-12-31"
    ids = {row["id"] for row in data["rows"]}
    assert {MADE_IN_CHINA, AIXTRON} <= ids and not ids & {CHIPS, OCTOBER_CONTROLS, EQUIPMENT_AGREEMENT}
    query = run_cli(["query", "timeline", "--from", "2021-01-20", "--to", "2021", "--format", "json"], cache)
    assert query.returncode == 0, query.stderr
    rows = json.loads(query.stdout)["rows"]
    assert {r["administration_id"] for r in rows if r["measure_id"]} == {"administration:biden"}


def test_month_ends_match_the_calendar() -> None:
    day = date(2000, 1, 1)
    while day.year < 2030:
        month = day.isoformat()[:7]
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        assert time.last_day(month) == (following - timedelta(days=1)).isoformat()
        day = following
