"""Incremental builds: each document's extraction is kept in the cache folder by the content of everything it
reads; a rebuild after one document changed extracts that document only, and gives the same bytes as a build
that extracts everything."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pytest

import policykg.graph.build as build_module
from policykg.config import Settings
from policykg.exporters import gexf, json_export
from policykg.extract import cache as extract_cache
from policykg.graph.build import BuildResult, Progress, build_graph, load_or_build

EDITED = "nist2025"
ADDED_TEXT = "\n\n2025年，美国商务部工业与安全局将更多中国企业列入实体清单，限制其获得先进半导体制造设备。\n"


@pytest.fixture(scope="module", autouse=True)
def steady_base() -> Iterator[None]:
    """The extraction key hashes the source tree; someone editing it while these tests run would change it
    between two builds (and every document would be extracted again). Pinned here, computed once."""
    base = build_module.extraction_base(Settings())
    original = build_module.extraction_base
    build_module.extraction_base = lambda settings: base  # type: ignore[assignment]
    yield
    build_module.extraction_base = original  # type: ignore[assignment]


def copy_corpus(settings: Settings, dest: Path) -> Path:
    shutil.copytree(settings.corpus, dest)
    for path in [dest, *dest.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


def edit_document(corpus: Path, doc_id: str, extra: str) -> None:
    """Append text to a document and give sources.yaml its new sha256 (as a user editing a paper would)."""
    import yaml

    entry = next(d for d in yaml.safe_load((corpus / "sources.yaml").read_text())["documents"] if d["id"] == doc_id)
    path = corpus / entry["file"]
    data = path.read_bytes() + extra.encode()
    path.write_bytes(data)
    sources = (corpus / "sources.yaml").read_text()
    assert entry["sha256"] in sources
    (corpus / "sources.yaml").write_text(sources.replace(entry["sha256"], hashlib.sha256(data).hexdigest()))


def exported(result: BuildResult) -> dict[str, str]:
    g = result.graph
    out = io.StringIO()
    json_export.write(g, out)
    return {"json": out.getvalue(), "gexf": gexf.to_string(g), "rejected": "\n".join(map(str, g.rejected)),
            "proposals": json.dumps(dict(g.meta["proposals"]), sort_keys=True, ensure_ascii=False),
            "meta": json.dumps({k: dict(v) if isinstance(v, Mapping) else v for k, v in g.meta.items()
                                if k != "timings"}, sort_keys=True)}


def rows(cache: Path) -> int:
    db = sqlite3.connect(cache / f"extract-v{extract_cache.FORMAT}.sqlite")
    try:
        return int(db.execute("SELECT count(*) FROM rows").fetchone()[0])
    finally:
        db.close()


@pytest.fixture(scope="module")
def incremental(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, BuildResult]:
    """A corpus copy built once (filling the per-document cache), then one document edited and rebuilt."""
    tmp = tmp_path_factory.mktemp("incremental")
    s = replace(settings, corpus=copy_corpus(settings, tmp / "corpus"), cache=tmp / "cache")
    first = build_graph(s)
    assert first.extracted == (5, 0)
    edit_document(s.corpus, EDITED, ADDED_TEXT)
    return s, build_graph(s)


def test_one_edited_document_is_the_only_one_extracted_again(incremental: tuple[Settings, BuildResult]) -> None:
    s, again = incremental
    assert again.extracted == (1, 4)
    # mentions, candidates, placed proposals, their listing items in pieces, and the block of those listed: five
    # documents and the edited one (the rows of its earlier text are kept until the cache is cleared)
    assert rows(s.cache) == 5 * 6


def test_a_decision_since_the_last_build_changes_a_cached_documents_listing(
        incremental: tuple[Settings, BuildResult], tmp_path: Path) -> None:
    """A rebuild splices in each unchanged document's listed proposals as it compressed them the last time only
    while their node ids and statuses are the same: a proposal rejected in review since then is listed as
    rejected, as a build without the cache lists it."""
    s, again = incremental
    pick = next(r for r in again.graph.meta["proposals"]["relations"] if r["status"] == "pending"
                and r["doc"] != EDITED)
    corpus = copy_corpus(s, tmp_path / "corpus")
    (corpus / "loaders").mkdir(exist_ok=True)
    (corpus / "loaders" / "review.yaml").write_text(f"rejected:\n- id: {pick['id']}\n  what: test\n")
    cache = tmp_path / "cache"
    shutil.copytree(s.cache, cache, ignore=shutil.ignore_patterns("graph-*"))
    decided = build_graph(replace(s, corpus=corpus, cache=cache))
    assert decided.extracted == (0, 5)  # every document from the cache
    status = {r["id"]: r["status"] for r in decided.graph.meta["proposals"]["relations"]}
    assert status[pick["id"]] == "rejected"
    assert sum(v == "rejected" for v in status.values()) == 1
    cold = build_graph(replace(s, corpus=corpus, cache=tmp_path / "cold"), doc_cache=False)
    assert exported(decided) == exported(cold)


def test_incremental_build_is_byte_identical_to_a_cold_build(incremental: tuple[Settings, BuildResult],
                                                             tmp_path: Path) -> None:
    s, again = incremental
    cold = build_graph(replace(s, cache=tmp_path / "cold"), doc_cache=False)  # stage.run_proposals, no rows
    assert cold.extracted == (5, 0) and not list((tmp_path / "cold").glob("*"))
    assert EDITED in {ev.doc for e in cold.graph.edges.values() for ev in e.evidence}
    a, b = exported(again), exported(cold)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert ADDED_TEXT.strip()[:10] in a["json"]  # the edit is in the graph
    # the proposals listing (`policykg proposals`, `review`): placed from the rows as the stage places them
    listed = json.dumps(dict(again.graph.meta["proposals"]), sort_keys=True, ensure_ascii=False)
    assert listed == json.dumps(dict(cold.graph.meta["proposals"]), sort_keys=True, ensure_ascii=False)
    assert '"status": "known"' in listed and '"status": "pending"' in listed  # (the papers are reviewed)


def test_a_build_with_every_row_cached_extracts_nothing(incremental: tuple[Settings, BuildResult]) -> None:
    s, again = incremental
    third = build_graph(s)
    assert third.extracted == (0, 5)
    assert exported(third) == exported(again)


def test_a_damaged_row_is_extracted_again_with_a_warning(incremental: tuple[Settings, BuildResult],
                                                         tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s, again = incremental
    cache = tmp_path / "cache"
    shutil.copytree(s.cache, cache, ignore=shutil.ignore_patterns("graph-*"))
    db = sqlite3.connect(cache / f"extract-v{extract_cache.FORMAT}.sqlite")
    with db:
        db.execute("UPDATE rows SET data = substr(data, 1, 20) WHERE rowid = (SELECT max(rowid) FROM rows)")
    db.close()
    capsys.readouterr()
    result = build_graph(replace(s, cache=cache))
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "is damaged" in warnings[0] and "extracted again" in warnings[0]
    assert exported(result) == exported(again)
    capsys.readouterr()
    build_graph(replace(s, cache=cache))  # the row was written again
    assert "Warning" not in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_a_cache_file_that_is_not_one_is_replaced(incremental: tuple[Settings, BuildResult], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    s, again = incremental
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"extract-v{extract_cache.FORMAT}.sqlite").write_bytes(content + b"\0" * 200 if content else content)
    capsys.readouterr()
    result = build_graph(replace(s, cache=cache))
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "is not one" in warnings[0]
    assert result.extracted == (5, 0) and rows(cache) == 5 * 5  # five rows for each of the five documents
    assert exported(result) == exported(again)


def test_a_changed_extraction_key_extracts_every_document_again(incremental: tuple[Settings, BuildResult],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """What extraction reads besides the document (code, schema, gazetteer, patterns, rules, scorer) is one
    hash: another one (an edited gazetteer file, say) finds no row."""
    s, _ = incremental
    monkeypatch.setattr(build_module, "extraction_base", lambda settings: "another gazetteer")
    assert build_graph(s, doc_cache=True).extracted == (5, 0)


def test_the_key_of_a_document_covers_its_settings(settings: Settings) -> None:
    from policykg.sources.corpus import read_corpus

    doc = read_corpus(settings.corpus, settings.doc_settings)[0]
    key = extract_cache.document_key("base", doc)
    assert extract_cache.document_key("base", replace(doc, source=replace(doc.source, layout="generic"))) != key
    assert extract_cache.document_key("other", doc) != key
    assert extract_cache.document_key("base", replace(doc, text=doc.text + " ")) != key


def test_the_extraction_key_leaves_out_assertions_and_review(tmp_path: Path, settings: Settings) -> None:
    loaders = tmp_path / "loaders"
    shutil.copytree(settings.loaders, loaders)
    roots = [(loaders, {"assertions", "documents.yaml", "review.yaml"})]
    key = extract_cache.files_digest(roots, {".yaml", ".json"})
    (loaders / "assertions" / "extra.yaml").write_text("assertions: []\n")
    (loaders / "review.yaml").write_text("rejected: []\n")
    assert extract_cache.files_digest(roots, {".yaml", ".json"}) == key
    (loaders / "patterns.yaml").write_text((loaders / "patterns.yaml").read_text() + "\n# edited\n")
    assert extract_cache.files_digest(roots, {".yaml", ".json"}) != key


# ------------------------------------------------------------------------------------------------ progress
def test_progress_goes_to_stderr_only_when_asked(incremental: tuple[Settings, BuildResult], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    s, _ = incremental
    monkeypatch.setattr(build_module, "PROGRESS_MIN_DOCUMENTS", 2)
    capsys.readouterr()
    load_or_build(replace(s, cache=tmp_path / "a"), progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert "build: reading the corpus 5/5 documents" in lines
    assert "build: proposing relations 5/5 documents" in lines
    assert lines[-1] == "build: writing the cache"
    load_or_build(replace(s, cache=tmp_path / "b"), progress=None)  # stderr is not a terminal here
    load_or_build(replace(s, cache=tmp_path / "c"), progress=False)
    assert capsys.readouterr() == ("", "")


def test_one_long_document_shows_its_own_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus of one long document (few documents, much text) still reports progress, and inside the document
    how many of its sentences are read (here with the limits lowered: 2 MB and 2000 sentences by default)."""
    monkeypatch.setattr(build_module, "PROGRESS_MIN_BYTES", 1000)
    monkeypatch.setattr(build_module, "PROGRESS_MIN_SENTENCES", 20)
    corpus = tmp_path / "corpus"
    (corpus / "docs").mkdir(parents=True)
    text = "".join(f"Quartz Photonics {i} Co., Ltd. supplies lasers to Quartz Foundry Ltd. in year {2000 + i}.\n\n"
                   for i in range(40))
    (corpus / "docs" / "long.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    (corpus / "sources.yaml").write_text(f"documents:\n  - id: long\n    file: docs/long.txt\n    sha256: {digest}\n"
                                         "    title_en: Long\n    year: 2031\n    language: en\n", encoding="utf-8")
    capsys.readouterr()
    load_or_build(replace(Settings(), corpus=corpus, cache=tmp_path / "cache", screening_list=None), progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    inside = [line for line in err.splitlines() if "; long: " in line]
    assert len(inside) >= 5 and inside[0].startswith("build: proposing relations 0/1 documents; long: "), err
    assert inside[-1].endswith("/40 sentences"), err
    assert "build: proposing relations 1/1 documents" in err.splitlines()


def test_progress_needs_more_than_a_few_documents(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_module.PROGRESS_MIN_DOCUMENTS >= 5
    assert Progress.make(True, settings) is None  # five documents: nothing to wait for


def test_progress_on_a_terminal_rewrites_one_line() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    p = Progress(3, stream)
    p.stage("proposing relations")
    for i in range(1, 4):
        p.step(i)
    p.done()
    text = stream.getvalue()
    assert "\n" not in text and text.endswith("\r\x1b[K")
    assert "proposing relations 3/3 documents" in text


NEW_PAPER = ("# 一份新的简报\n\n2025年，荷兰和日本收紧了光刻机出口许可，美国商务部将中芯国际列入实体清单，"
             "华为加快了国产设备的验证。\n")


def test_adding_then_removing_a_document_is_byte_identical_to_cold_builds(settings: Settings, tmp_path: Path) -> None:
    """`add` of a paper, then the paper taken out again: each rebuild takes the unchanged documents from the
    cache, goes through the graph cache file as the command line does, and exports what a cold build of the
    same inputs exports."""
    from policykg.extract.ingest.adding import add_document

    s = replace(settings, corpus=copy_corpus(settings, tmp_path / "corpus"), cache=tmp_path / "cache")
    listed = (s.corpus / "sources.yaml").read_bytes()
    before = load_or_build(s)
    assert before.extracted == (5, 0)
    paper = tmp_path / "new-paper.md"
    paper.write_text(NEW_PAPER, encoding="utf-8")
    add_document(s.corpus, paper, "newpaper", "New paper")
    added = load_or_build(s)
    assert added.extracted == (1, 5) and not added.from_cache
    cold_added = build_graph(replace(s, cache=tmp_path / "cold-added"), doc_cache=False)
    assert "newpaper" in added.graph.meta["documents"]
    assert exported(added) == exported(cold_added)
    # built again at a lower threshold (not part of any row's key) with the paper's proposals read from its
    # row: those now in the graph carry the evidence a cold build gives them
    low = replace(s, proposal_threshold=0.05)
    again = load_or_build(low, rebuild=True)
    assert again.extracted == (0, 6)
    assert any(r["status"] == "in graph" and r["doc"] == "newpaper" for r in again.graph.meta["proposals"]["relations"])
    assert exported(again) == exported(build_graph(replace(low, cache=tmp_path / "cold-low"), doc_cache=False))
    (s.corpus / "sources.yaml").write_bytes(listed)  # the paper taken out again
    next(s.corpus.glob("newpaper*")).unlink()
    removed = load_or_build(s, rebuild=True)  # the graph cache file of these inputs is there: built again
    assert removed.extracted == (0, 5)
    assert "newpaper" not in removed.graph.meta["documents"]
    assert exported(removed) == exported(before) == exported(build_graph(replace(s, cache=tmp_path / "cold"),
                                                                         doc_cache=False))
