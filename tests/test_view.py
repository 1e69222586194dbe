"""The pictures (`policykg view`) and the web app (`policykg serve`) in a real browser: Debian's headless Chromium
driven by Selenium through chromedriver.

Each page must load without a JavaScript error in the console, draw the nodes the selection holds, and show a
node's evidence (document, section, sentence) in the side panel after a real mouse click on the canvas. Pictures
are opened from file:// with the network switched off, so anything they tried to fetch would fail loudly.
Screenshots go to the test's tmp folder; with POLICYKG_README_SCREENSHOT=1 the semiconductors picture
also to docs/view.png for the README (its evidence panel blurred).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policykg.api import KnowledgeGraph
from policykg.cli.main import app as cli_app
from policykg.config import REPO_ROOT, Settings
from policykg.errors import PolicykgError
from policykg.exporters import gexf, graphml
from policykg.exporters.common import evidence_parts
from policykg.exporters.subgraph import parse_spec, select
from policykg.graph.build import BuildResult, build_graph
from policykg.graph.model import PolicyGraph
from policykg.query.reports import run_report, touched_nodes
from policykg.web.picture import Picture, make_picture, offline_problems, report_params

try:  # never skipped: a missing selenium is an error that says how to get it
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as exc:
    raise ImportError(f"the browser tests need selenium ({exc}): .venv/bin/pip install -e '.[dev]'") from exc

INSTALL_HINT = "apt-get install -y chromium chromium-driver (as .ci/run does)"
SCREENING = REPO_ROOT.parent / "shared" / "data" / "consolidated-screening-list" / "screening-list.json"
REPORTS = {  # file name -> (report, args)
    "semis": ("sector", ["semiconductors"]),
    "timeline": ("timeline", []),
    "path": ("path", ["CHIPS and Science Act", "Samsung"]),
}
README_SCREENSHOT = REPO_ROOT / "docs" / "view.png"


# ------------------------------------------------------------------------------------------------ fixtures
def _find(*names: str) -> str | None:
    return next((p for p in (shutil.which(n) for n in names) if p), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    chromium = _find("chromium", "chromium-browser", "google-chrome")
    driver_path = _find("chromedriver")
    if chromium is None or driver_path is None:
        pytest.fail(f"the browser tests need headless Chromium and chromedriver: {INSTALL_HINT}")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900", "--force-device-scale-factor=1", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as exc:  # a driver that does not match the browser, a browser that cannot start
        pytest.fail(f"Chromium did not start ({exc}); {INSTALL_HINT}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def graph(built: BuildResult) -> PolicyGraph:
    return built.graph


@pytest.fixture(scope="module")
def kg(settings: Settings, built: BuildResult) -> KnowledgeGraph:
    return KnowledgeGraph(settings, built)


@pytest.fixture(scope="module")
def pictures(settings: Settings, graph: PolicyGraph, tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, tuple[Path, Picture]]:
    """The three reports' pictures written by the command line, with what each should draw."""
    folder = tmp_path_factory.mktemp("view")
    runner = CliRunner()
    out = {}
    for name, (report, args) in REPORTS.items():
        path = folder / f"{name}.html"
        result = runner.invoke(cli_app, ["--corpus", str(settings.corpus), "--cache", str(settings.cache),
                                         "view", report, *args, "-o", str(path)])
        assert result.exit_code == 0, (result.output, result.exception)
        out[name] = (path, make_picture(graph, report, report_params(report, args)))
    return out


@pytest.fixture(scope="module")
def server(kg: KnowledgeGraph) -> Iterator[str]:
    from policykg.web.app import make_server

    srv = make_server(kg, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


# ------------------------------------------------------------------------------------------------ helpers
def _offline(driver: webdriver.Chrome, offline: bool) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def _console_errors(driver: webdriver.Chrome) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _wait_drawn(driver: webdriver.Chrome, timeout: float = 90) -> None:
    try:
        WebDriverWait(driver, timeout).until(
            lambda d: d.execute_script("return document.body && document.body.dataset.ready === '1'"))
    except TimeoutException:
        pytest.fail(f"the picture was not drawn within {timeout}s; console: {_console_errors(driver)}")


def _drawn(driver: webdriver.Chrome) -> dict[str, Any]:
    """What vis-network holds and drew: node and edge counts, positions, painted pixels on the canvas."""
    result: dict[str, Any] = driver.execute_script("""
        var net = policykg.network, canvas = document.querySelector('#graph canvas');
        var ctx = canvas.getContext('2d'), data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        var painted = 0;
        for (var i = 3; i < data.length; i += 16) { if (data[i] > 0) { painted++; } }
        return {nodes: policykg.nodes.length, edges: policykg.edges.length,
                positioned: Object.keys(net.getPositions()).length, painted: painted,
                ids: policykg.nodes.getIds()};
    """)
    return result


def _click_node(driver: webdriver.Chrome, candidates: list[str]) -> str:
    """Click (with the mouse, on the canvas) the first candidate that no other node covers; return its id."""
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    for node_id in candidates:
        spot = driver.execute_script("""
            var id = arguments[0], net = policykg.network;
            var dom = net.canvasToDOM(net.getPositions([id])[id]);
            var box = document.querySelector('#graph canvas').getBoundingClientRect();
            return {x: dom.x, y: dom.y, w: box.width, h: box.height, at: net.getNodeAt(dom)};
        """, node_id)
        if spot["at"] != node_id or not (5 < spot["x"] < spot["w"] - 5 and 5 < spot["y"] < spot["h"] - 5):
            continue
        ActionChains(driver).move_to_element_with_offset(
            canvas, int(spot["x"] - spot["w"] / 2), int(spot["y"] - spot["h"] / 2)).click().perform()
        WebDriverWait(driver, 10).until(
            lambda d, nid=node_id: d.execute_script("return document.getElementById('panel').dataset.showing")
            == f"node:{nid}")
        return node_id
    raise AssertionError(f"none of {candidates[:5]}… could be clicked without hitting another node")


def _expected_evidence(graph: PolicyGraph, node_id: str, drawn: set[str]) -> list[tuple[str, str]]:
    """(where, sentence start) of the evidence the panel should show for a node: its drawn relations' and its own."""
    out = []
    for edge in graph.out_edges(node_id) + graph.in_edges(node_id):
        if edge.source in drawn and edge.target in drawn and edge.type not in {"MENTIONS", "HAS_SECTION"}:
            for ev in edge.evidence[:1]:
                where, _, text = evidence_parts(ev)
                out.append((where, text[:30]))
    return out


def _panel_text(driver: webdriver.Chrome) -> str:
    return " ".join(driver.find_element(By.ID, "panel").text.split())


MEASURES = ("Law", "Policy", "Instrument", "Programme")


def _check_picture(driver: webdriver.Chrome, graph: PolicyGraph, pic: Picture, shot: Path,
                   prefer: str = "") -> str:
    """The picture in the page: drawn completely, no console error, a clicked node's evidence in the panel (the
    node clicked: ``prefer`` if it can be, else the report's answers and measures first)."""
    _wait_drawn(driver)
    drawn = _drawn(driver)
    assert drawn["nodes"] == drawn["positioned"] == len(pic.node_ids), drawn
    assert drawn["edges"] == len(pic.edge_ids)
    assert set(drawn["ids"]) == set(pic.node_ids)
    assert drawn["painted"] > 500, "the canvas is blank"
    candidates = sorted(pic.answers or pic.node_ids, key=lambda n: (
        n != prefer, graph.nodes[n].type not in MEASURES, graph.nodes[n].type == "Administration", n))
    clicked = _click_node(driver, [n for n in candidates if _expected_evidence(graph, n, set(pic.node_ids))])
    text = _panel_text(driver)
    assert graph.nodes[clicked].label(pic.lang) in text
    expected = _expected_evidence(graph, clicked, set(pic.node_ids))
    for where, sentence in expected:
        assert " ".join(where.split()) in text and " ".join(sentence.split()) in text, (clicked, where, sentence)
    ActionChains(driver).move_to_element(driver.find_element(By.ID, "panel")).perform()
    driver.execute_script("document.querySelectorAll('.vis-tooltip').forEach(function (t) { t.remove(); })")
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    assert _console_errors(driver) == []
    return clicked


# ------------------------------------------------------------------------------------------------ pictures
def test_pictures_are_self_contained(pictures: dict[str, tuple[Path, Picture]]) -> None:
    for name, (path, pic) in pictures.items():
        html = path.read_text(encoding="utf-8")
        assert offline_problems(html) == [], name
        assert "new vis.Network(" in html and html.count("</script>") == 2, name  # vis-network inlined, our glue
        assert f"{len(pic.node_ids)} nodes, {len(pic.edge_ids)} edges" in html
        assert html == pic.html(), name  # same graph, same bytes: the command line and the library agree


def test_sector_picture_draws_the_report_and_the_administrations(pictures: dict[str, tuple[Path, Picture]],
                                                                 graph: PolicyGraph) -> None:
    _, pic = pictures["semis"]
    report = run_report(graph, "sector", {"sector": "semiconductors"})
    admins = {n.id for n in graph.nodes_of_type("Administration")}
    assert set(pic.node_ids) == touched_nodes(report) | admins
    assert pic.answers == {row["id"] for row in report.rows}
    assert not pic.capped and pic.cap_note == ""


@pytest.mark.parametrize("name", list(REPORTS))
def test_picture_in_the_browser(name: str, pictures: dict[str, tuple[Path, Picture]], graph: PolicyGraph,
                                browser: webdriver.Chrome, tmp_path: Path) -> None:
    path, pic = pictures[name]
    _offline(browser, True)
    try:
        browser.get(path.as_uri())
        _check_picture(browser, graph, pic, tmp_path / f"{name}.png", prefer="law:chips-and-science-act")
        fetched = browser.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        assert [u for u in fetched if u.startswith(("http:", "https:"))] == []
        if name == "semis" and os.environ.get("POLICYKG_README_SCREENSHOT"):
            # the README's picture, on request only (a test run leaves the repository as it was); the panel's
            # evidence is blurred: the repository carries no sentence of the papers, not even as pixels
            browser.execute_script("document.getElementById('panel').style.filter = 'blur(14px)'")
            README_SCREENSHOT.parent.mkdir(exist_ok=True)
            browser.save_screenshot(str(README_SCREENSHOT))
    finally:
        _offline(browser, False)


def test_administrations_are_pinned_in_order(pictures: dict[str, tuple[Path, Picture]], graph: PolicyGraph,
                                             browser: webdriver.Chrome) -> None:
    path, _ = pictures["timeline"]
    browser.get(path.as_uri())
    _wait_drawn(browser)
    order = [n.id for n in sorted(graph.nodes_of_type("Administration"), key=lambda n: n.properties["order"])]
    xs = browser.execute_script("var p = policykg.network.getPositions(arguments[0]);"
                                "return arguments[0].map(function (id) { return p[id].x; });", order)
    ys = browser.execute_script("var p = policykg.network.getPositions(arguments[0]);"
                                "return arguments[0].map(function (id) { return p[id].y; });", order)
    assert xs == sorted(xs) and len(set(xs)) == len(xs) and len(set(ys)) == 1
    assert _console_errors(browser) == []


def test_chinese_labels(graph: PolicyGraph, browser: webdriver.Chrome, tmp_path: Path) -> None:
    pic = make_picture(graph, "sector", {"sector": "半导体"}, lang="zh")
    path = tmp_path / "semis-zh.html"
    path.write_text(pic.html(), encoding="utf-8")
    browser.get(path.as_uri())
    _wait_drawn(browser)
    labels = browser.execute_script("return policykg.nodes.get().map(function (n) { return n.label; })")
    assert "实体清单" in labels and "半导体" in labels
    browser.execute_script("policykg.select('instrument:entity-list')")
    assert _panel_text(browser).startswith("← overview 实体清单")
    browser.save_screenshot(str(tmp_path / "semis-zh.png"))
    assert _console_errors(browser) == []


@pytest.fixture(scope="module")
def combined(settings: Settings) -> PolicyGraph:
    if not SCREENING.is_file():
        pytest.fail(f"the screening list is not at {SCREENING}")
    return build_graph(replace(settings, screening_list=SCREENING)).graph


def test_combined_graph_is_capped_with_a_note(combined: PolicyGraph, browser: webdriver.Chrome,
                                              tmp_path: Path) -> None:
    pic = make_picture(combined)
    assert pic.candidates > 20_000 and len(pic.node_ids) == 500 and pic.capped
    # administrations first, the papers' entities before the screening list's records
    assert {n.id for n in combined.nodes_of_type("Administration")} <= set(pic.node_ids)
    papers = [n for n in combined.nodes if not n.startswith("listed:")
              and not combined.schema.node_types[combined.nodes[n].type].lexical]
    assert set(papers) <= set(pic.node_ids)
    path = tmp_path / "combined.html"
    path.write_text(pic.html(), encoding="utf-8")
    browser.get(path.as_uri())
    _check_picture(browser, combined, pic, tmp_path / "combined.png")
    note = browser.find_element(By.ID, "cap-note").text
    assert note.startswith(f"Showing 500 of {pic.candidates:,} nodes") and "--max-nodes" in note


def test_view_errors_are_one_line(settings: Settings, graph: PolicyGraph, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--corpus", str(settings.corpus), "--cache", str(settings.cache), "view"]
    for args, message in (
        (["bogus", "-o", str(tmp_path / "x.html")], "no report named 'bogus'; known: sector, administration"),
        (["path", "Huawei", "-o", str(tmp_path / "x.html")], "report path takes SOURCE TARGET, got 1 argument(s)"),
        (["sector", "semiconductors", "--lang", "fr", "-o", str(tmp_path / "x.html")], "--lang must be en or zh"),
        (["sector", "semiconductors", "-o", str(tmp_path)], "is a directory"),
    ):
        result = runner.invoke(cli_app, [*base, *args])
        assert isinstance(result.exception, PolicykgError), (args, result.output)
        assert message in str(result.exception)
    assert not (tmp_path / "x.html").exists()
    with pytest.raises(PolicykgError, match="no entity named"):
        make_picture(graph, "sector", {"sector": "no such sector"})


# ------------------------------------------------------------------------------------------------ the web app
def _get(url: str, method: str = "GET") -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def _load(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_app_search_any_alias_leads_to_the_entity(server: str, browser: webdriver.Chrome, graph: PolicyGraph,
                                                  kg: KnowledgeGraph, tmp_path: Path) -> None:
    _load(browser, server + "/")
    box = browser.find_element(By.ID, "search")
    box.send_keys("实体清单")
    box.submit()
    WebDriverWait(browser, 30).until(lambda d: "/entity" in d.current_url)
    assert browser.find_element(By.ID, "entity-name").text == "Entity List"
    relations = kg.show("Entity List").relations
    assert len(browser.find_elements(By.CSS_SELECTOR, "#relations tr")) - 1 == len(relations)  # a header row
    table = " ".join(browser.find_element(By.ID, "relations").text.split())
    for relation in relations:
        where, _, sentence = evidence_parts(relation.edge.evidence[0])
        assert " ".join(where.split()) in table and sentence[:30] in table, relation
    # the entity's neighbourhood picture, in its frame
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.picture"))
    try:
        _wait_drawn(browser)
        pic = make_picture(graph, specs=["entity:instrument:entity-list:1"])
        assert _drawn(browser)["nodes"] == len(pic.node_ids)
    finally:
        browser.switch_to.default_content()
    browser.save_screenshot(str(tmp_path / "entity.png"))
    assert _console_errors(browser) == []


def test_app_report_page_shows_rows_and_the_picture(server: str, browser: webdriver.Chrome, graph: PolicyGraph,
                                                    tmp_path: Path) -> None:
    _load(browser, server + "/report/sector?sector=semiconductors")
    report = run_report(graph, "sector", {"sector": "semiconductors"})
    assert browser.find_element(By.ID, "report-title").text == report.title
    assert len(browser.find_elements(By.CSS_SELECTOR, "#rows tr")) - 1 == len(report.rows)
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.picture"))
    try:
        _check_picture(browser, graph, make_picture(graph, "sector", {"sector": "semiconductors"}),
                       tmp_path / "report-picture.png")
    finally:
        browser.switch_to.default_content()
    browser.save_screenshot(str(tmp_path / "report.png"))
    assert _console_errors(browser) == []


def test_app_path_finder(server: str, browser: webdriver.Chrome, graph: PolicyGraph, tmp_path: Path) -> None:
    _load(browser, server + "/path")
    browser.find_element(By.NAME, "source").send_keys("芯片和科学法案")
    browser.find_element(By.NAME, "target").send_keys("Samsung")
    browser.find_element(By.CSS_SELECTOR, "#path-form button").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.ID, "rows"))
    report = run_report(graph, "path", {"source": "CHIPS and Science Act", "target": "Samsung"})
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows tr")[1:]
    assert len(rows) == len(report.rows) > 0
    assert all("CHIPS and Science Act" in r.text and "Samsung" in r.text for r in rows)
    browser.save_screenshot(str(tmp_path / "path.png"))
    assert _console_errors(browser) == []


def test_app_pages_escape_names_and_answer_misses(server: str, browser: webdriver.Chrome) -> None:
    hostile = "<img src=x onerror=\"document.title='owned'\">"
    _load(browser, server + "/search?q=" + urllib.request.quote(hostile))
    assert browser.title != "owned" and hostile in browser.find_element(By.TAG_NAME, "h1").text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img")
    _load(browser, server + "/report/entity?entity=" + urllib.request.quote("no such thing"))
    assert "no entity named 'no such thing'" in browser.find_element(By.ID, "error").text
    _console_errors(browser)  # the 404 of the page itself is logged; nothing else to check


def test_app_is_read_only_and_downloads_the_exports(server: str, graph: PolicyGraph) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert _get(server + "/", method)[0] == 405, method
    status, body, headers = _get(server + "/download/gexf")
    assert status == 200 and headers["Content-Disposition"] == 'attachment; filename="policykg.gexf"'
    assert body.decode("utf-8") == gexf.to_string(select(graph, [], lexical=False))
    status, body, _ = _get(server + "/download/graphml?subgraph=report:sector:semiconductors")
    assert status == 200
    assert body.decode("utf-8") == graphml.to_string(
        select(graph, [parse_spec("report:sector:semiconductors")], lexical=False))
    status, body, _ = _get(server + "/download/json")
    assert status == 200 and len(json.loads(body)["nodes"]) == len(graph.nodes)
    status, body, headers = _get(server + "/download/csv")
    assert status == 200 and body[:2] == b"PK" and headers["Content-Type"] == "application/zip"
    assert _get(server + "/download/exe")[0] == 404
    status, _, headers = _get(server + "/")
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]


def test_serve_listens_on_localhost_by_default() -> None:
    import inspect

    from policykg.cli.view import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_report_params_match_the_reports() -> None:
    assert report_params("path", ["A", "B"]) == {"source": "A", "target": "B"}
    assert report_params("listings", []) == {}
    with pytest.raises(PolicykgError, match="report timeline takes no arguments, got 1"):
        report_params("timeline", ["x"])
