"""`policykg search`: evidence sentences in either language, ranked, filtered, from an index kept as verified data."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import policykg
from cli_process import built_cache, run
from policykg.config import Settings
from policykg.errors import PolicykgError
from policykg.query.search import index_path, parse_query, sentences
from policykg.sources.corpus import Document


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_cache(tmp_path_factory, "searchcache")


@pytest.fixture(scope="module")
def kg(cache: Path) -> policykg.KnowledgeGraph:
    return policykg.open(corpus=Settings().corpus, cache=cache)


def search_json(cache: Path, *args: str) -> dict[str, Any]:
    out = run(["search", *args, "--format", "json"], cache)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    data: dict[str, Any] = json.loads(out.stdout)
    return data


# ----------------------------------------------------------------------------------------------- done when
@pytest.mark.parametrize("text", ["出口管制", "semiconductor"])
def test_the_issue_queries_return_sentences_from_more_than_one_paper(cache: Path, text: str) -> None:
    out = run(["search", text], cache)
    assert out.returncode == 0, out.stderr
    data = search_json(cache, text, "--limit", "100")
    assert len(data["documents"]) > 1, data["documents"]
    assert len({h["doc"] for h in data["hits"]}) > 1
    assert data["total"] == sum(data["documents"].values()) == len(data["hits"])
    assert re.match(rf"{data['total']} sentences in {len(data['documents'])} documents match {text}", out.stdout)


def test_words_alone_find_the_term_and_naming_an_entity_reaches_the_other_language(cache: Path) -> None:
    exact = search_json(cache, "semiconductor", "--exact", "--limit", "100")
    assert exact["hits"] and all(re.search(r"semiconductor", h["text"], re.I) for h in exact["hits"])
    assert exact["named"] == {}
    both = search_json(cache, "semiconductor", "--limit", "100")
    assert both["named"] == {"semiconductor": ["sector:semiconductors"]}
    assert both["total"] > exact["total"]
    chinese = [h for h in both["hits"] if "半导体" in h["text"]]
    assert chinese and all("sector:semiconductors" in h["via"] for h in chinese)
    for h in chinese:  # the focus marks the entity's name in the sentence
        assert any("半导体" in h["text"][a:b] for a, b in h["focus"])


def test_a_chinese_substring_matches_inside_longer_words(cache: Path) -> None:
    data = search_json(cache, "管制", "--exact", "--limit", "200")
    assert data["total"] > 0 and all("管制" in h["text"] for h in data["hits"])
    longer = search_json(cache, "出口管制", "--exact", "--limit", "200")
    assert 0 < longer["total"] < data["total"]
    assert all(h["text"][a:b] == "出口管制" for h in longer["hits"] for a, b in h["focus"])


def test_a_phrase_in_quotes_keeps_its_words_together(cache: Path) -> None:
    phrase = search_json(cache, '"industrial policy"', "--exact", "--limit", "100")
    words = search_json(cache, "policy industrial", "--exact", "--limit", "100")
    reversed_phrase = search_json(cache, '"policy industrial"', "--exact", "--limit", "100")
    assert phrase["terms"] == ["industrial policy"] and words["terms"] == ["policy", "industrial"]
    assert phrase["hits"] and all(re.search(r"industrial\W+polic", h["text"], re.I) for h in phrase["hits"])
    assert all(re.search(r"polic\w*\W+industr", h["text"], re.I) for h in reversed_phrase["hits"])
    assert words["total"] > phrase["total"] > reversed_phrase["total"]


def test_results_are_ranked_best_first(cache: Path) -> None:
    data = search_json(cache, "semiconductor", "--limit", "100")
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert [h["rank"] for h in data["hits"]] == list(range(1, len(scores) + 1))


# ----------------------------------------------------------------------------------------------- filters
def test_doc_keeps_one_document(cache: Path) -> None:
    every = search_json(cache, "出口管制", "--limit", "100")
    one = search_json(cache, "出口管制", "--doc", "cai2026", "--limit", "100")
    assert one["doc"] == "cai2026" and one["hits"]
    assert {h["doc"] for h in one["hits"]} == {"cai2026"}
    assert one["total"] == every["documents"]["cai2026"]


def test_type_keeps_sentences_that_mention_an_entity_of_that_type(cache: Path) -> None:
    every = search_json(cache, "semiconductor", "--limit", "100")
    laws = search_json(cache, "semiconductor", "--type", "law", "--limit", "100")  # any case
    assert laws["type"] == "Law"
    assert laws["hits"] and all(any(e["type"] == "Law" for e in h["entities"]) for h in laws["hits"])
    assert laws["total"] < every["total"]
    expected = [h for h in every["hits"] if any(e["type"] == "Law" for e in h["entities"])]
    assert sorted((h["doc"], h["start"]) for h in laws["hits"]) == sorted((h["doc"], h["start"]) for h in expected)


def test_json_shape(cache: Path) -> None:
    data = search_json(cache, "CHIPS Act", "--limit", "3")
    assert list(data) == ["query", "terms", "named", "doc", "type", "limit", "backend", "total", "documents",
                          "message", "hits"]
    assert data["query"] == "CHIPS Act" and data["limit"] == 3 and data["backend"] == "embedded"
    assert len(data["hits"]) == 3
    for hit in data["hits"]:
        assert {"rank", "score", "doc", "section", "start", "end", "text", "focus", "entities", "via",
                "relations"} <= set(hit)
        assert isinstance(hit["start"], int) and hit["start"] < hit["end"]
        assert all({"id", "type", "name"} <= set(e) for e in hit["entities"])
        assert all({"id", "type", "source", "target"} == set(r) for r in hit["relations"])
    assert "law:chips-and-science-act" in data["named"]["CHIPS Act"]


def test_offsets_point_into_the_document(kg: policykg.KnowledgeGraph, docs: dict[str, Document]) -> None:
    records = sentences(kg.graph)
    assert len(records) > 800 and len({r["doc"] for r in records}) == 5
    def faithful(r: dict[str, Any]) -> bool:
        text = docs[r["doc"]].text
        return "".join(text[a:b] for a, b in r.get("spans") or [(r["start"], r["end"])]) == r["text"]

    assert sum(map(faithful, records)) / len(records) > 0.95  # a sentence only mentions point to may end early
    starts = [r for r in records if docs[r["doc"]].text[r["start"]:r["start"] + 2] == r["text"][:2]]
    assert len(starts) / len(records) > 0.98


# ----------------------------------------------------------------------------------------------- empty and bad
def test_an_empty_result_says_so_and_why(cache: Path) -> None:
    out = run(["search", "zyxwvutsr"], cache)
    assert out.returncode == 0 and out.stdout == "No sentence matches zyxwvutsr\n"
    filtered = run(["search", "semiconductor", "--doc", "wang2024", "--type", "Person"], cache)
    assert filtered.returncode == 0
    assert re.fullmatch(r"No sentence matches semiconductor in wang2024 mentioning a Person; \d+ match without "
                        r"--doc wang2024 and --type Person\n", filtered.stdout)
    data = search_json(cache, "zyxwvutsr")
    assert data["hits"] == [] and data["total"] == 0 and data["message"].startswith("No sentence matches")


@pytest.mark.parametrize(("args", "message"), [
    ([""], 'Error: search: nothing to search for; give words, a "quoted phrase" or Chinese characters'),
    (["   "], 'Error: search: nothing to search for; give words, a "quoted phrase" or Chinese characters'),
    (['"" ---'], "Error: search: '\"\" ---' has no letter, digit or Chinese character to search for"),
    (["chips", "--limit", "0"], "Error: search: --limit must be at least 1, not 0"),
    (["chips", "--doc", "nope"], "Error: search: unknown document 'nope'; known: cai2026, gu2022, nist2025, "
                                 "wang2024, wu2023"),
    (["chips", "--format", "xml"], "Error: --format must be text or json, not 'xml'"),
    (["chips", "--backend", "solr"], "Error: --backend must be embedded or neo4j, not 'solr'"),
])
def test_bad_input_is_one_error_line(cache: Path, args: list[str], message: str) -> None:
    out = run(["search", *args], cache)
    assert out.returncode == 1
    assert out.stdout == ""
    assert out.stderr.splitlines() == [message]


def test_an_unknown_type_lists_the_entity_types(cache: Path) -> None:
    out = run(["search", "chips", "--type", "Chip"], cache)
    assert out.returncode == 1
    assert out.stderr.startswith("Error: search: unknown entity type 'Chip'; known: Administration, Agency")
    assert "Document" not in out.stderr and len(out.stderr.splitlines()) == 1


@pytest.mark.parametrize("text", ['NEAR(export control) OR "x', "semiconductor*", "chips:", "AND", "a'b\"c",
                                  "{body}: x", "-chips", "^chips"])
def test_query_syntax_in_user_text_is_only_text(kg: policykg.KnowledgeGraph, text: str) -> None:
    kg.search(text)  # never an FTS5 syntax error: every term is quoted


def test_parse_query_terms() -> None:
    assert parse_query('export "small yard, high fence" 小院高墙').terms == ("export", "small yard, high fence",
                                                                           "小院高墙")
    assert parse_query("“实体清单” 华为").terms == ("实体清单", "华为")
    assert parse_query('"unclosed phrase').terms == ("unclosed phrase",)
    with pytest.raises(PolicykgError):
        parse_query("  ")


# ----------------------------------------------------------------------------------------------- API and index
def test_the_library_answers_as_the_command_line(kg: policykg.KnowledgeGraph, cache: Path) -> None:
    result = kg.search("出口管制", limit=5)
    assert result.to_json() == search_json(cache, "出口管制", "--limit", "5")
    assert len(result.documents) > 1 and result.hits[0]["doc"] in result.documents
    assert kg.search("semiconductor", doc="gu2022", type="Law").type == "Law"


def test_the_index_is_built_once_beside_the_graph_cache(kg: policykg.KnowledgeGraph) -> None:
    kg.search("chips")
    cache_file = kg._built.cache_file
    assert cache_file is not None
    path = index_path(cache_file)
    assert path.is_file() and path.name.startswith("search-")
    stamp = path.stat().st_mtime_ns
    kg.search("芯片")
    assert path.stat().st_mtime_ns == stamp  # read, not rebuilt


def test_a_damaged_index_is_rebuilt_with_one_warning(cache: Path, kg: policykg.KnowledgeGraph,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    expected = kg.search("出口管制").to_json()
    cache_file = kg._built.cache_file
    assert cache_file is not None
    path = index_path(cache_file)
    path.write_bytes(path.read_bytes()[:-4096])  # truncated
    out = run(["search", "出口管制", "--format", "json"], cache)
    assert out.returncode == 0
    assert json.loads(out.stdout) == expected
    assert len(out.stderr.splitlines()) == 1 and out.stderr.startswith(f"Warning: search index {path} was damaged")
    # a sentence row edited in place: its sha256 no longer matches, found when the row is read
    db = sqlite3.connect(path)
    db.execute("UPDATE sentences SET data = replace(data, '出口管制', '出口管理')")
    db.commit()
    db.close()
    capsys.readouterr()
    assert kg.search("出口管制").to_json() == expected
    assert "was damaged; rebuilt (sentence" in capsys.readouterr().err


def test_a_report_does_not_import_search(cache: Path) -> None:
    out = run(["report", "sector", "semiconductors"], cache, "-X", "importtime")
    assert out.returncode == 0
    assert not re.search(r"\|\s*policykg\.search$", out.stderr, re.M)
