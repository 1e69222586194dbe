"""Adding documents the project was never tuned on: add, layout detection, the corpus overlay, entity
candidates, relation proposals, contrast and negation, review, and the scores on the keyed sets.

The short documents written here are the tests' own words (not corpus text)."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from policykg.config import REPO_ROOT, Settings
from policykg.errors import InputError
from policykg.extract.ingest.devscore import load_key, score_set
from policykg.extract.ingest.patterns import load_patterns
from policykg.extract.ingest.proposals import Prior
from policykg.extract.ingest.scorer import load_scorer
from policykg.graph.build import BuildResult, build_graph, prepare
from policykg.sources.corpus import detect_layout

DEVSET = REPO_ROOT / "tests" / "devset"
HELDOUT = REPO_ROOT / "tests" / "heldout"

NOTE_EN = """Dutch Curbs on Chip Tools

The Netherlands restricted exports of ASML lithography systems to China in 2023 after pressure from Washington.
SMIC, China's largest chipmaker, relies on these machines.
The Bureau of Industry and Security added SMIC to the Entity List in December 2020.
"""

NOTE_ZH = """关于镓锗出口管制的简要说明

2023年7月，商务部与海关总署宣布对镓、锗相关物项实施出口管制。
商务部将星河精密仪器有限公司列入不可靠实体清单。该清单由商务部负责实施。
"""


def cli(args: list[str], cache: Path, corpus: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYKG_CACHE": str(cache), "POLICYKG_CORPUS": str(corpus)}
    env.pop("POLICYKG_SCREENING_LIST", None)
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True, env=env,
                          timeout=300, input=stdin)


@pytest.fixture(scope="module")
def user_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A writable copy of the corpus with two documents added through the CLI, built once."""
    base = tmp_path_factory.mktemp("user")
    corpus = base / "corpus"
    src = Settings().corpus
    corpus.mkdir()
    for p in src.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    (base / "nl-curbs.txt").write_text(NOTE_EN, encoding="utf-8")
    (base / "gallium.txt").write_text(NOTE_ZH, encoding="utf-8")
    cache = base / "cache"
    for name in ("nl-curbs.txt", "gallium.txt"):
        out = cli(["add", str(base / name)], cache, corpus)
        assert out.returncode == 0, out.stderr
    out = cli(["build"], cache, corpus)
    assert out.returncode == 0, out.stderr
    return corpus, cache


def _own_copy(corpus_src: Path, corpus: Path) -> Path:
    """A copy of the user corpus's files (not its overlay), for a test that reviews in it."""
    corpus.mkdir()
    for p in corpus_src.iterdir():
        if p.is_file():
            (corpus / p.name).write_bytes(p.read_bytes())
    return corpus


def test_add_registers_the_document_and_says_what_it_detected(user_corpus: tuple[Path, Path]) -> None:
    corpus, _ = user_corpus
    entries = {e["id"]: e for e in yaml.safe_load((corpus / "sources.yaml").read_text())["documents"]}
    assert entries["nl-curbs"]["language"] == "en" and entries["nl-curbs"]["layout"] == "generic"
    assert entries["gallium"]["language"] == "zh"
    assert (corpus / "nl-curbs.txt").read_text() == NOTE_EN
    assert "wu2023" in entries  # the existing entries stay as they were
    assert not (REPO_ROOT / "loaders" / "documents.yaml").read_text().count("nl-curbs")


def test_a_new_english_paper_gives_relations_shown_as_proposed(user_corpus: tuple[Path, Path]) -> None:
    corpus, cache = user_corpus
    out = cli(["show", "SMIC"], cache, corpus)
    assert out.returncode == 0, out.stderr
    line = next(ln for ln in out.stdout.splitlines() if "-[LISTED_ON]-> Entity List" in ln)
    assert "proposed" in line and "nl-curbs" in line
    assert "(proposed " in out.stdout  # the evidence line says how it was found and how sure
    report = cli(["report", "entity", "SMIC"], cache, corpus)
    assert report.returncode == 0, report.stderr
    entry = report.stdout.split("- Entity List [Instrument]")[1].split("\n- ")[0]
    assert "(proposed 0." in entry and "not reviewed" in entry
    cautious = cli(["--no-proposed", "show", "SMIC"], cache, corpus)
    assert "-[LISTED_ON]-> Entity List" not in cautious.stdout


def test_a_new_chinese_paper_gives_candidates_and_relations(user_corpus: tuple[Path, Path]) -> None:
    corpus, cache = user_corpus
    out = cli(["proposals", "--doc", "gallium", "--format", "json"], cache, corpus)
    assert out.returncode == 0, out.stderr
    listing = json.loads(out.stdout)
    names = {e["name"]: e for e in listing["entities"]}
    assert names["星河精密仪器有限公司"]["type"] == "Company"
    assert "不可靠实体清单" not in names or names["不可靠实体清单"]["type"] == "Instrument"
    rels = {(r["source"]["name"], r["type"], r["target"]["name"]) for r in listing["relations"]}
    assert ("星河精密仪器有限公司", "LISTED_ON", "Unreliable Entity List") in rels, rels
    assert ("Ministry of Commerce of the People's Republic of China", "ADMINISTERS", "Unreliable Entity List") in rels
    for r in listing["relations"]:  # the documented JSON shape
        assert {"id", "source", "type", "target", "confidence", "evidence", "reason", "status"} <= set(r)
        assert r["evidence"][0]["doc"] == "gallium" and r["evidence"][0]["method"] == "proposed"


def test_the_five_papers_keep_their_reading(user_corpus: tuple[Path, Path], built: BuildResult) -> None:
    """Reviewed papers: proposals wait for review there, so the curated graph of the five papers is unchanged."""
    listing = built.graph.meta["proposals"]
    assert not [r for r in listing["relations"] if r["status"] == "in graph"]
    assert not [e for e in built.graph.edges.values() if "proposed" in e.stages]


def test_add_refuses_bad_input_with_one_line_and_writes_nothing(tmp_path: Path,
                                                                 user_corpus: tuple[Path, Path]) -> None:
    corpus, cache = user_corpus
    before = (corpus / "sources.yaml").read_bytes()
    cases = {
        "binary.txt": (b"\x00\x01\x02binary", "binary file"),
        "empty.txt": (b"  \n\n", "empty document"),
        "gbk.txt": ("美国商务部".encode("gbk"), "not UTF-8"),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        out = cli(["add", str(tmp_path / name)], cache, corpus)
        assert out.returncode == 1 and message in out.stderr, out.stderr
        assert out.stderr.startswith("Error: ") and "Traceback" not in out.stderr
    (tmp_path / "again.txt").write_text(NOTE_EN, encoding="utf-8")
    out = cli(["add", str(tmp_path / "again.txt")], cache, corpus)
    assert out.returncode == 1 and "already in the corpus as 'nl-curbs'" in out.stderr
    (tmp_path / "other.txt").write_text("A different note about export controls.\n", encoding="utf-8")
    out = cli(["add", "--id", "gallium", str(tmp_path / "other.txt")], cache, corpus)
    assert out.returncode == 1 and "document id 'gallium' is taken" in out.stderr
    assert (corpus / "sources.yaml").read_bytes() == before
    assert not list(corpus.glob(".*tmp"))


def test_add_to_a_read_only_corpus_says_how_to_get_a_writable_one(tmp_path: Path) -> None:
    corpus = tmp_path / "ro"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents: []\n")
    (tmp_path / "note.txt").write_text(NOTE_EN)
    corpus.chmod(0o555)
    try:
        out = cli(["add", str(tmp_path / "note.txt")], tmp_path / "cache", corpus)
    finally:
        corpus.chmod(0o755)
    if os.geteuid() == 0:  # root writes anywhere: then the add must simply succeed
        assert out.returncode == 0, out.stderr
    else:
        assert out.returncode == 1 and "read-only" in out.stderr and "--corpus" in out.stderr


def test_review_accepts_into_the_overlay_and_remembers_rejections(tmp_path: Path,
                                                                  user_corpus: tuple[Path, Path]) -> None:
    corpus = _own_copy(user_corpus[0], tmp_path / "corpus")
    cache = tmp_path / "cache"
    listing = json.loads(cli(["proposals", "--doc", "nl-curbs", "--format", "json"], cache, corpus).stdout)
    listed = next(r for r in listing["relations"] if r["type"] == "LISTED_ON" and r["target"]["name"] == "Entity List"
                  and r["source"]["surface"] == "SMIC")
    other = next(r for r in listing["relations"] if r["id"] != listed["id"])
    out = cli(["review", "--accept", listed["id"], "--reject", other["id"]], cache, corpus)
    assert out.returncode == 0, out.stderr
    accepted = yaml.safe_load((corpus / "loaders" / "assertions" / "accepted.yaml").read_text())["assertions"]
    assert accepted[0]["type"] == "LISTED_ON" and accepted[0]["doc"] == "nl-curbs"
    assert all(len(a) < 40 for a in accepted[0]["anchor"])  # short anchors, never the sentence
    after = json.loads(cli(["proposals", "--doc", "nl-curbs", "--format", "json"], cache, corpus).stdout)
    status = {r["id"]: r["status"] for r in after["relations"]}
    assert status[listed["id"]] == "known" and status[other["id"]] == "rejected"
    show = cli(["show", "SMIC"], cache, corpus).stdout
    assert "-[LISTED_ON]-> Entity List  (Instrument; curated; docs: nl-curbs)" in show
    out = cli(["review", "--accept", "p:000000000000"], cache, corpus)
    assert out.returncode == 1 and "no proposal 'p:000000000000'" in out.stderr


def test_review_through_a_file(tmp_path: Path, user_corpus: tuple[Path, Path]) -> None:
    corpus = _own_copy(user_corpus[0], tmp_path / "corpus")
    cache = tmp_path / "cache"
    decisions = tmp_path / "decide.yaml"
    assert cli(["review", "--doc", "gallium", "--write", str(decisions)], cache, corpus).returncode == 0
    data = yaml.safe_load(decisions.read_text())
    data["proposals"][0]["decision"] = "reject"
    data["proposals"][1]["decision"] = "maybe"
    decisions.write_text(yaml.safe_dump(data, allow_unicode=True))
    out = cli(["review", "--apply", str(decisions)], cache, corpus)
    assert out.returncode == 1 and "unknown decision 'maybe'" in out.stderr
    data["proposals"][1]["decision"] = ""
    decisions.write_text(yaml.safe_dump(data, allow_unicode=True))
    out = cli(["review", "--apply", str(decisions)], cache, corpus)
    assert out.returncode == 0 and "rejected 1" in out.stdout


def test_overlay_gazetteer_adds_entities_and_errors_name_the_overlay_file(tmp_path: Path,
                                                                         corpus_copy: Path) -> None:
    (corpus_copy / "note.txt").write_text("Acme Lithography sells scanners to SMIC.\n", encoding="utf-8")
    import hashlib

    digest = hashlib.sha256((corpus_copy / "note.txt").read_bytes()).hexdigest()
    with (corpus_copy / "sources.yaml").open("a") as fh:
        fh.write(f"  - id: note\n    file: note.txt\n    sha256: {digest}\n")
    overlay = corpus_copy / "loaders" / "gazetteer"
    overlay.mkdir(parents=True)
    (overlay / "mine.yaml").write_text("entities:\n  - {id: acme-litho, type: Company, name: Acme Lithography}\n")
    s = replace(Settings(), corpus=corpus_copy, cache=tmp_path / "cache", screening_list=None)
    g = build_graph(s).graph
    assert "company:acme-litho" in g.nodes
    (overlay / "mine.yaml").write_text("entities:\n  - {id: acme-litho, type: Gadget, name: Acme Lithography}\n")
    with pytest.raises(InputError) as err:
        build_graph(s)
    assert "loaders/gazetteer/mine.yaml:2" in str(err.value) and "unknown entity type 'Gadget'" in str(err.value)


def test_layout_detection() -> None:
    assert detect_layout("# Title\n\n## One\n\nSome English text here about export controls.\n")[0] == "generic"
    en = "The United States restricted exports of advanced chips to China in October of that year."
    zh = "美国在当年十月限制向中国出口先进芯片，并将多家中国企业列入实体清单，引发广泛关注和讨论。"
    assert detect_layout("Title\n\n" + "\n\n".join([en, zh] * 4))[0] == "parallel_en_zh"
    # a Chinese notice whose lines are mostly Latin names in brackets is still described as Chinese text, and a
    # press release's closing "###" is no Markdown heading
    notice = ("商务部公告\n\n根据《中华人民共和国出口管制法》等法律法规有关规定，为维护国家安全和利益，"
              "决定将以下实体列入出口管制管控名单，禁止向其出口两用物项，正在开展的相关出口活动应当立即停止。\n\n"
              + "\n".join(f"{k}. 石英公司（Quartz {k}）" for k in range(1, 4)))
    assert detect_layout(notice)[1].startswith("Chinese text"), detect_layout(notice)
    assert "Markdown" not in detect_layout("PRESS RELEASE\n\nTreasury acted today.\n\n###\n")[1]


def test_contrast_and_negation_block_a_relation() -> None:
    pat = load_patterns([REPO_ROOT / "loaders" / "patterns.yaml"])
    text = "Unlike Huawei, ByteDance has never been added to the Entity List."
    assert pat.block_reason(text, [(7, 13), (45, 56)], "en") is not None
    replaced = "The 2017 strategy replaced science and technology diplomacy."
    assert pat.block_reason(replaced, [(4, 17), (27, 59)], "en") == "contrast 'replaced'"
    assert pat.block_reason(text, [(15, 24), (45, 56)], "en") == "negation 'never'"
    assert pat.block_reason("BIS added Huawei to the Entity List.", [(10, 16), (24, 35)], "en") is None
    assert pat.block_reason("英伟达并未被列入实体清单。", [(0, 3), (8, 12)], "zh") == "negation '并未'"


def test_a_listing_taken_back_later_in_the_sentence_and_trade_that_stopped_are_not_asserted() -> None:
    pat = load_patterns([REPO_ROOT / "loaders" / "patterns.yaml"])

    def spans(text: str, *names: str) -> list[tuple[int, int]]:
        return [(text.rindex(n), text.rindex(n) + len(n)) if i else (text.index(n), text.index(n) + len(n))
                for i, n in enumerate(names)]

    put_back = "Acme had been put on the Widget List in January, but the Agency removed it from that list in May."
    assert pat.removal_reason(put_back, spans(put_back, "Acme", "Widget List"), "en") is not None
    by_name = "Acme had been put on the Widget List in 2018, but the Agency lifted that order and removed Acme in July."
    assert pat.removal_reason(by_name, spans(by_name, "Widget List", "Acme"), "en") is not None
    kept = "Acme was put on the Widget List in January, and the Agency removed Beta Corp from the Gadget List."
    assert pat.removal_reason(kept, spans(kept, "Acme", "Widget List"), "en") is None
    zh = "甲公司曾被列入乙清单，但丙部门随后将其移出该清单。"
    assert pat.removal_reason(zh, spans(zh, "甲公司", "乙清单"), "zh") is not None
    stopped = "Acme had to stop taking orders from Beta Corp."
    assert pat.block_reason(stopped, spans(stopped, "Acme", "Beta Corp"), "en") is not None
    assert pat.block_reason("甲公司停止向乙公司供货。", [(0, 3), (6, 9)], "zh") is not None
    assert pat.block_reason("Acme takes orders from Beta Corp.", [(0, 4), (23, 32)], "en") is None


def test_the_contradicted_trump_rows_are_gone(built: BuildResult) -> None:
    g = built.graph
    rows = {(e.source, e.type, e.target) for e in g.edges.values()}
    assert ("administration:trump-1", "LAUNCHED", "organization:us-technology-alliances") not in rows
    assert ("administration:trump-1", "PURSUED", "policy:science-technology-diplomacy") not in rows
    reasons = [r.reason for r in g.rejected if r.fact.startswith("administration:trump-1")]
    assert any("contrast" in r for r in reasons)


def test_the_scorer_is_data_and_a_broken_model_is_one_clear_error(tmp_path: Path) -> None:
    model = load_scorer([REPO_ROOT / "loaders" / "scorer.json"])
    assert model.trained and model.prior
    bad = tmp_path / "scorer.json"
    bad.write_text('{"format": 1, "weights": "x"}')
    with pytest.raises(InputError, match="not a policykg scorer model"):
        load_scorer([bad])
    bad.write_text(json.dumps({"format": 2, "prior": [], "trees": {
        "features": ["a"], "feature": [0], "threshold": [0.5], "left": [7], "right": [0], "value": [0.0],
        "roots": [0], "depth": 1}}))
    with pytest.raises(InputError, match="points outside"):
        load_scorer([bad])


def test_the_trees_are_walked_as_lightgbm_walks_them(tmp_path: Path) -> None:
    """A model file's trees give the scores the training library gives for the same rows (so what `train`
    measured is what a build applies), and a hand-written tree scores as its splits say."""
    import lightgbm
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    from policykg.extract.ingest.scorer import Example, Scorer, Trees, fit, write_scorer

    one = Trees(["a"], [0, 1, 1], [0.5, 0.0, 0.0], [1, 1, 2], [2, 1, 2], [0.0, -1.0, 2.0], [0], 1)
    s = Scorer(trees=one)
    right, left = 1 / (1 + math.exp(-2)), 1 / (1 + math.exp(1))
    assert s.probabilities([{"a": 1.0}, {}, {"b": 5.0}]) == pytest.approx([right, left, left])
    rng = np.random.default_rng(7)
    examples = []
    for i in range(600):
        feats = {f"w={w}": 1.0 for w in rng.choice(["x", "y", "z", "u", "v"], size=2, replace=False)}
        feats["gap"] = float(rng.integers(0, 9))
        label = int(("w=x" in feats and "w=y" in feats) or feats["gap"] < 2)
        examples.append(Example(f"d{i % 7}", feats, label))
    trees = fit(examples)
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([e.features for e in examples]).astype(np.float32)
    model = lightgbm.LGBMClassifier(n_estimators=300, learning_rate=0.05, num_leaves=63, max_depth=10,
                                    min_child_samples=20, colsample_bytree=0.5, reg_lambda=1.0, verbose=-1,
                                    n_jobs=1, deterministic=True, force_row_wise=True).fit(
        x, [e.label for e in examples])
    ref = model.predict_proba(x)[:, 1]
    path = tmp_path / "scorer.json"
    write_scorer(Scorer(trees=trees), path)
    loaded = load_scorer([path])
    assert loaded.trees is not None and loaded.size.startswith("300 trees")
    got = loaded.probabilities([e.features for e in examples])
    assert max(abs(a - b) for a, b in zip(got, ref, strict=True)) < 1e-6
    # an interaction a sum of weights cannot express: x with y related, x or y alone not
    assert loaded.probabilities([{"w=x": 1.0, "w=y": 1.0, "gap": 5.0}])[0] > 0.8
    assert loaded.probabilities([{"w=x": 1.0, "w=z": 1.0, "gap": 5.0}])[0] < 0.2
    # the pair model reads its best reading's features as "top:" names without copying them: the same scores
    topped = fit([replace(e, features={"top:" + k: v for k, v in e.features.items()}) for e in examples])
    rows = [e.features for e in examples]
    assert topped.raw_scores([{"top:" + k: v for k, v in r.items()} for r in rows]) == pytest.approx(
        topped.raw_scores([{} for _ in rows], rows), abs=1e-12)


def test_a_model_of_the_earlier_format_still_scores(tmp_path: Path) -> None:
    """A corpus overlay may hold a scorer trained before the trees (format 1, a logistic regression's weights):
    it still loads and scores as it did."""
    old = tmp_path / "scorer.json"
    old.write_text(json.dumps({"format": 1, "intercept": -1.0, "weights": {"w=x": 3.0}, "prior": [], "info": {}}))
    s = load_scorer([old])
    assert s.trained and s.trees is None
    assert s.probabilities([{"w=x": 1.0}, {}]) == pytest.approx([1 / (1 + math.exp(-2)), 1 / (1 + math.exp(1))])


def test_a_documents_readings_of_two_names_are_weighed_together(tmp_path: Path) -> None:
    """The pair model weighs all of a document's readings of two names together. Trained where only how many
    times a pair is read tells related pairs apart (each reading alike), the proposal trees give every reading the
    same score, and the pair model still finds the pairs read more than once; the trained threshold keeps them and
    leaves the pair read once out; the model file keeps the pair model."""
    from types import SimpleNamespace

    from policykg.extract.ingest.scorer import Example, train, write_scorer

    alike = {"kind=cooccur": 1.0, "gap=6-15": 1.0}
    examples = [Example(f"d{d}", dict(alike), int(k % 3 > 0), keyed=True, slot=f"d{d}|p{k}")
                for d in range(13) for k in range(12) for _ in range(1 + k % 3)]
    scorer = train(examples, Prior())
    assert scorer.pairs is not None and scorer.info["pairs"] == 13 * 12 and scorer.info["related_pairs"] == 13 * 8
    assert "pair model of" in scorer.size

    def reading(a: str, b: str) -> Any:
        return SimpleNamespace(doc="new", source=SimpleNamespace(ref=a), target=SimpleNamespace(ref=b),
                               features=dict(alike), kind="cooccur")

    props = [reading("A", "B"), reading("A", "C"), reading("B", "A"), reading("A", "B")]
    own = scorer.probabilities([p.features for p in props])
    assert max(own) - min(own) < 1e-9  # alone, every reading is as sure as any other
    got = scorer.score_all(props)
    assert got[0] == got[2] == got[3] >= scorer.threshold > got[1]
    path = tmp_path / "scorer.json"
    write_scorer(scorer, path)
    loaded = load_scorer([path])
    assert loaded.pairs is not None and loaded.score_all(props) == pytest.approx(got, abs=1e-9)
    assert replace(loaded, pairs=None).score_all(props) == pytest.approx(own, abs=1e-9)
    # `train --no-cross-validation` refits the proposal trees and keeps the threshold and the pair model it replaces
    quick = train(examples, Prior(), keep_threshold=loaded.threshold, keep_pairs=loaded.pairs)
    assert quick.pairs is loaded.pairs and quick.score_all(props) == pytest.approx(got, abs=1e-6)


@pytest.fixture(scope="module")
def devset_graph(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_graph(replace(Settings(), corpus=DEVSET, cache=tmp_path_factory.mktemp("dev"), screening_list=None))


def test_devset_scores_do_not_fall(devset_graph: BuildResult) -> None:
    """Floors a little under what this version measures (see the issue note), so a change that loses ground
    on text the loaders were never written for fails here."""
    scores = score_set(devset_graph.graph, DEVSET / "keys")
    entities = sum(s.entities[0] for s in scores) / sum(s.entities[1] for s in scores)
    pairs = sum(s.pairs[0] for s in scores) / sum(s.pairs[1] for s in scores)
    precision = sum(s.correct for s in scores) / max(1, sum(s.predicted for s in scores))
    assert entities >= 0.90
    # 65 documents (0.369 measured); the batches from the seventh on have denser keys (~30-65 relations each)
    assert pairs >= 0.35
    assert precision >= 0.78  # 0.806 measured
    # an edge may contradict a key (a listing that ended later, trade that stopped, an exception): 0 measured
    assert sum(s.contradicted for s in scores) <= 1
    # edges no key lists that the gazetteer records (a known agency's or firm's own country) are told apart
    recorded = [w for s in scores for w in s.wrong if w.endswith("[the gazetteer records it]")]
    assert len(recorded) == sum(s.recorded for s in scores) > 20, len(recorded)
    assert all("-[BELONGS_TO]->" in w for w in recorded), recorded[:3]
    assert any(w.startswith("Tokyo Electron -[BELONGS_TO]-> Japan") for w in recorded), recorded


def test_a_key_whose_name_an_unquoted_comma_split_is_refused(tmp_path: Path) -> None:
    """{name: Acme Co., Ltd., type: Company} is YAML for the name "Acme Co." and an empty field "Ltd.": scoring it
    would look for the wrong name, so eval and train stop with the file, the item and the fix."""
    (tmp_path / "keys").mkdir()
    key = tmp_path / "keys" / "k.yaml"
    key.write_text("doc: k\nentities:\n  - {name: Acme Co., Ltd., type: Company}\nrelations: []\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_key(key)
    assert "entities[0]" in str(err.value) and "double quotes" in str(err.value)
    key.write_text('doc: k\nentities:\n  - {name: "Acme Co., Ltd.", type: Company}\nrelations: []\n', encoding="utf-8")
    assert load_key(key)["entities"][0]["name"] == "Acme Co., Ltd."


@pytest.mark.parametrize("folder", [DEVSET, HELDOUT], ids=["devset", "heldout"])
def test_every_key_names_what_its_document_says(folder: Path) -> None:
    """A key is data the scores stand on: each name and alias is in its document (case and line breaks aside),
    each relation joins two listed names, with types the schema allows for it; so a key can only be missed by the
    extractor, never by a typo."""
    schema = yaml.safe_load((REPO_ROOT / "schema" / "schema.yaml").read_text(encoding="utf-8"))
    groups = schema.get("groups") or {}

    def expand(types: list[str]) -> set[str]:
        return {t for x in types for t in groups.get(x, [x])}

    problems = []
    keys = sorted((folder / "keys").glob("*.yaml"))
    for path in keys:
        key = load_key(path)  # refuses a name an unquoted comma split
        docs = list((folder / "docs").glob(f"{key['doc']}.*"))
        assert len(docs) == 1, path
        text = " ".join(docs[0].read_text(encoding="utf-8").split()).lower()
        types = {}
        for ent in key["entities"]:
            types[ent["name"]] = ent["type"]
            if ent["type"] not in schema["node_types"]:
                problems.append(f"{path.name}: {ent['name']}: no node type {ent['type']}")
            for name in (ent["name"], *(ent.get("aliases") or [])):
                if " ".join(str(name).split()).lower() not in text:
                    problems.append(f"{path.name}: {name!r} is not in the document")
        for rel in (*(key.get("relations") or []), *(key.get("negatives") or [])):
            spec = schema["relationship_types"].get(rel["type"])
            a, b = types.get(rel["source"]), types.get(rel["target"])
            if spec is None or a is None or b is None:
                problems.append(f"{path.name}: {rel}: unknown type or name")
            elif a not in expand(spec["from"]) or b not in expand(spec["to"]):
                problems.append(f"{path.name}: {rel}: {a} -> {b} is not allowed")
    assert len(keys) >= 8 and not problems, problems


def test_heldout_set_builds_and_is_scored(tmp_path: Path) -> None:
    g = build_graph(replace(Settings(), corpus=HELDOUT, cache=tmp_path, screening_list=None)).graph
    scores = score_set(g, HELDOUT / "keys")
    assert len(scores) == len(list((HELDOUT / "keys").glob("*.yaml"))) >= 8 and all(s.entities[1] > 0 for s in scores)
    assert sum(s.entities[0] for s in scores) / sum(s.entities[1] for s in scores) >= 0.6


def test_shipped_scorer_matches_a_fresh_training(tmp_path: Path, settings: Settings) -> None:
    """loaders/scorer.json is what 'policykg train --set tests/devset' gives for this code and these loaders (the
    trees and the prior; the threshold, chosen by cross-validation on the same examples, is left out here to
    keep the suite short)."""
    out = tmp_path / "scorer.json"
    env = {**os.environ, "POLICYKG_CACHE": str(tmp_path / "c")}
    run = subprocess.run([sys.executable, "-m", "policykg", "train", "--set", str(DEVSET), "-o", str(out),
                          "--no-cross-validation"], capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr
    fresh = json.loads(out.read_text())
    shipped = json.loads((REPO_ROOT / "loaders" / "scorer.json").read_text())
    retrain = "retrain: policykg train --set tests/devset"
    for part in ("features", "feature", "left", "right", "roots", "depth"):
        assert fresh["trees"][part] == shipped["trees"][part], retrain
    for part in ("threshold", "value"):
        assert all(abs(a - b) < 1e-6 for a, b in zip(fresh["trees"][part], shipped["trees"][part], strict=True))
    assert fresh["prior"] == shipped["prior"]


def test_a_name_one_paper_gives_an_entity_is_not_that_entitys_name_in_other_documents(tmp_path: Path,
                                                                                       built: BuildResult) -> None:
    """Bare 商务部 is the U.S. Department of Commerce in two of the five papers only (their doc_aliases); in any
    other document it is MOFCOM. A corpus without those papers gives the U.S. department no such name (so `show`,
    the scores against a key and the keys' training labels never take MOFCOM's 商务部 for it)."""
    from policykg.extract.ingest.training import _known_ids

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents:\n")
    note = tmp_path / "note.txt"
    note.write_text("石英通知\n\n针对美国商务部将石英科技公司列入实体清单，商务部决定采取反制措施。\n",
                    encoding="utf-8")
    assert cli(["add", "--id", "note", str(note)], tmp_path / "cache", corpus).returncode == 0
    built_ = build_graph(replace(Settings(), corpus=corpus, cache=tmp_path / "cache", screening_list=None))
    g = built_.graph
    assert "商务部" not in g.nodes["agency:department-of-commerce"].aliases
    assert "美国商务部" in g.nodes["agency:department-of-commerce"].aliases
    assert "商务部" in g.nodes["agency:mofcom"].aliases
    gaz = prepare(replace(Settings(), corpus=corpus, cache=tmp_path / "c2", screening_list=None)).gaz
    assert _known_ids(["中华人民共和国商务部", "商务部"], gaz, "note") == {"agency:mofcom"}
    assert "agency:department-of-commerce" in _known_ids(["商务部"], gaz, "gu2022")
    # the papers' own corpus keeps the name on the U.S. department (it is that department there)
    assert "商务部" in built.graph.nodes["agency:department-of-commerce"].aliases


def test_a_corpus_of_new_documents_only_and_dated_names(tmp_path: Path) -> None:
    """A corpus need not hold the project's papers; 'Trump administration' is read by the year beside it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents:\n")
    note = tmp_path / "two-terms.txt"
    note.write_text("Two Terms\n\nIn May 2019 the Trump administration added Huawei to the Entity List.\n\n"
                    "In July 2025 the Trump administration let Nvidia sell its H20 chips to China again.\n")
    out = cli(["add", str(note)], tmp_path / "cache", corpus)
    assert out.returncode == 0, out.stderr
    g = build_graph(replace(Settings(), corpus=corpus, cache=tmp_path / "cache", screening_list=None)).graph
    assert g.meta["documents"] == ["two-terms"]
    skipped = [r for r in g.rejected if "which this corpus does not hold" in r.reason]
    assert len(skipped) == 5  # the project's assertion files about its five papers, listed, not failed
    mentioned = {e.target for e in g.edges.values() if e.type == "MENTIONS"}
    assert {"administration:trump-1", "administration:trump-2"} <= mentioned


def test_review_in_a_prompt(tmp_path: Path, user_corpus: tuple[Path, Path]) -> None:
    corpus = _own_copy(user_corpus[0], tmp_path / "corpus")
    cache = tmp_path / "cache"
    out = cli(["review", "--doc", "nl-curbs", "--interactive"], cache, corpus, stdin="r\ns\nq\n")
    assert out.returncode == 0, out.stderr
    assert "[a]ccept, [r]eject, [s]kip, [q]uit" in out.stdout and "rejected 1" in out.stdout
    rejected = yaml.safe_load((corpus / "loaders" / "review.yaml").read_text())["rejected"]
    assert len(rejected) == 1 and rejected[0]["id"].startswith(("p:", "c:"))


def test_add_keeps_the_indentation_of_the_sources_list(tmp_path: Path) -> None:
    """A sources.yaml written by yaml.dump lists its documents without indentation; an added entry must join
    that list, not break the file."""
    from policykg.extract.ingest.adding import add_document

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = tmp_path / "first.txt"
    first.write_text("A note\n\nThe Bureau of Industry and Security added two firms to the Entity List.\n",
                     encoding="utf-8")
    add_document(corpus, first)
    listed = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))
    (corpus / "sources.yaml").write_text(yaml.safe_dump(listed, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    assert "\n- id: first" in (corpus / "sources.yaml").read_text(encoding="utf-8")  # unindented, as dumped
    second = tmp_path / "second.txt"
    second.write_text("Another note\n\n商务部将三家美国企业列入不可靠实体清单。\n", encoding="utf-8")
    add_document(corpus, second)
    docs = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))["documents"]
    assert [d["id"] for d in docs] == ["first", "second"]


@pytest.mark.parametrize("sources", ["documents: []\n", "documents: []", "documents:\n", "# my papers\ndocuments:\n",
                                     "documents:\n- id: first\n  file: first.txt\n  sha256: x\nnotes: mine\n"])
def test_add_to_an_empty_or_unusual_sources_list_keeps_it_valid(tmp_path: Path, sources: str) -> None:
    """An empty corpus written by hand ("documents: []"), or a list followed by another key: the added entry
    joins the list and the file stays valid YAML with every entry and key it had."""
    from policykg.extract.ingest.adding import add_document

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text(sources, encoding="utf-8")
    paper = tmp_path / "paper.txt"
    paper.write_text("A note\n\nThe Bureau of Industry and Security added two firms to the Entity List.\n",
                     encoding="utf-8")
    add_document(corpus, paper)
    raw = yaml.safe_load((corpus / "sources.yaml").read_text(encoding="utf-8"))
    before = yaml.safe_load(sources)
    assert [d["id"] for d in raw["documents"]] == [d["id"] for d in before["documents"] or []] + ["paper"]
    assert {k: v for k, v in raw.items() if k != "documents"} == {k: v for k, v in before.items() if k != "documents"}


NAMES_EN = """Additions to the Entity List

With this rule the Bureau of Industry and Security places two entries under the destination of China on the Entity List.
Taking Orbital Quartz Materials off the Unverified List was decided separately.
"We will keep watching this trade," said Secretary of the Treasury Maria Example.
The shipments were arranged by the company's director, Ivan Petrovsky, in 2024.
JSC Uralkvant Radiotekh received the parts.
The National Photonics Center in Hefei runs the test line.
The Department of Commerce issued the Quartz Supply Regulation (hereinafter "the Quartz Rule") in March.
The Quartz Rule applies to every exporter of fused silica.
The new duties cover permanent magnets and thermal imaging modules from 12 large plants.
The Office of Quartz Security, part of the Department of Commerce, reviews the filings.
HARBOR LIGHT TRADING LIMITED, Wan Chai, Hong Kong; [NPWMD].
Zhou Minghua arranged the payments for Volga Optical Concern.
The two companies are both Chinese firms. Lotus Crystal Co., Ltd. grinds lenses and Pearl River Optics LLC coats them.
Pearl River Optics LLC is not named on the Entity List by this rule.
"""

NAMES_ZH = """关于对部分进口商品加征关税的公告

国务院关税税则委员会决定对原产于美国的部分进口商品加征关税（以下简称对美加征关税）。
对美加征关税由海关总署负责组织实施。
美国存储芯片企业美光（Micron）在华销售的产品受到审查。
华为的先进芯片目前主要由中芯国际代工。
不可靠实体清单工作机制随后回应了美方对华半导体出口管制新规。
南岭无人系统公司的美国母公司南岭科技集团并未被列入管控名单。
答：上述实体大多是美国的防务承包商。其中，北岭导航公司研制导航设备，东港雷达公司生产雷达。
美国政府已通知该公司暂停供货；大疆农业科技公司和启明星企业有限责任公司随后发表声明。
"""


def _added_and_built(tmp_path: Path, docs: dict[str, str]) -> dict[str, Any]:
    """The proposals listing of a new corpus of these documents, each added with `policykg add`, then built.

    Built with the project's loaders less the gazetteer libraries of the field's well-known names
    (`loaders/gazetteer/world-*.yaml`): these tests read names the gazetteer does not know, written like real ones
    ("Ministry of Investment, Trade and Industry", 国家重点研发计划), and a library that grows to know such a name
    must not turn a test of the reader into a test of the library (test_names_with_suffixes… builds with them)."""
    listing: dict[str, Any] = _graph_of_added(tmp_path, docs, libraries=False).meta["proposals"]
    return listing


def _graph_of_added(tmp_path: Path, docs: dict[str, str], libraries: bool) -> Any:
    """The graph of a new corpus of these documents, each added with `policykg add`, then built; ``libraries``:
    with the gazetteer's world-*.yaml libraries (else with the project's loaders less them)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents:\n")
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out = cli(["add", str(tmp_path / name)], tmp_path / "cache", corpus)
        assert out.returncode == 0, out.stderr
    loaders = Settings().loaders
    if not libraries:
        loaders = tmp_path / "loaders"
        shutil.copytree(Settings().loaders, loaders, ignore=shutil.ignore_patterns("world-*.yaml"))
    return build_graph(replace(Settings(), loaders=loaders, corpus=corpus, cache=tmp_path / "cache",
                               screening_list=None)).graph


def _read_new(tmp_path: Path, docs: dict[str, str]) -> tuple[Any, dict[str, dict[str, Any]],
                                                               dict[tuple[str, str, str], set[str]]]:
    """The graph of these new documents (added, then built with the gazetteer's libraries), its proposed entities by
    name and the reasons of its proposed relations."""
    g = _graph_of_added(tmp_path, docs, libraries=True)
    listing: dict[str, Any] = g.meta["proposals"]
    return g, {e["name"]: e for e in listing["entities"]}, _reasons(listing)


def _reasons(listing: dict[str, Any]) -> dict[tuple[str, str, str], set[str]]:
    """(source, type, target) -> the reasons of every proposal of that relation (one per sentence and kind)."""
    out: dict[tuple[str, str, str], set[str]] = {}
    for r in listing["relations"]:
        out.setdefault((r["source"]["name"], r["type"], r["target"]["name"]), set()).add(r["reason"])
    return out


def test_new_names_are_read_whole_and_typed(tmp_path: Path) -> None:
    """A known list after a place is two names, not one; a sentence's opening -ing verb is not part of a name;
    titles, roles and company forms type a name; a defined term (hereinafter, 以下简称) names its measure
    everywhere after the definition."""
    listing = _added_and_built(tmp_path, {"names-en.txt": NAMES_EN, "names-zh.txt": NAMES_ZH})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert not [n for n in types if n.endswith("on the Entity List")]
    assert types.get("Orbital Quartz Materials") == "Company" and "Taking Orbital Quartz Materials" not in types
    assert types.get("Maria Example") == "Person"
    assert types.get("Ivan Petrovsky") == "Person"
    assert types.get("JSC Uralkvant Radiotekh") == "Company"
    assert types.get("Zhou Minghua") == "Person" and types.get("Volga Optical Concern") == "Company"
    # a head may overlap another (出口管制 in …出口管制新规); a known name may open a name (不可靠实体清单…)
    assert types.get("对华半导体出口管制新规") == "Policy" and types.get("不可靠实体清单工作机制") == "Agency", types
    assert types.get("National Photonics Center in Hefei") is not None
    # goods named by a lower-case head, without the verb of the measure before them
    assert [types.get(n) for n in ("permanent magnets", "thermal imaging modules")] == ["Sector"] * 2
    assert not [n for n in types if "cover" in n]
    rule = next(e for e in listing["entities"] if e["name"] == "Quartz Supply Regulation")
    assert "the Quartz Rule" in rule["aliases"] or "Quartz Rule" in rule["aliases"]
    tariff = next(e for e in listing["entities"] if "对美加征关税" in [e["name"], *e["aliases"]])
    assert tariff["type"] == "Instrument"
    rels = {(r["source"]["name"], r["type"], r["target"]["name"]) for r in listing["relations"]}
    # the later sentence that uses only the defined term relates it to the agency that implements it
    assert any(t == tariff["name"] and "Customs" in s for s, _, t in rels), rels
    assert any(s == "Bureau of Industry and Security" and t == "Entity List" for s, _, t in rels)
    # the title before the agency's name says who heads it
    assert any("Treasury" in s and r == "LED_BY" and t == "Maria Example" for s, r, t in rels), rels
    # what a company is and where it is from, by the words around the names; a unit and its department
    reasons: dict[tuple[str, str, str], set[str]] = {}
    for r in listing["relations"]:
        reasons.setdefault((r["source"]["name"], r["type"], r["target"]["name"]), set()).add(r["reason"])
    assert "structure en-address" in reasons.get(("HARBOR LIGHT TRADING LIMITED", "BELONGS_TO", "Hong Kong"), set())
    assert "structure en-of-agency" in reasons.get(
        ("Office of Quartz Security", "PART_OF", "United States Department of Commerce"), set()), reasons
    micron = {(k[1], why) for k, whys in reasons.items() if "美光" in k[0] or "Micron" in k[0] for why in whys}
    assert micron >= {("BELONGS_TO", "structure zh-country-described"),
                      ("OPERATES_IN", "structure zh-sector-firm")}, micron
    assert any("structure zh-made-by" in whys and k[1] == "SUPPLIES" and "Huawei" in k[2]
               for k, whys in reasons.items())
    # an apposition is not what the clause denies: the parent company stands, the listing does not
    assert "structure zh-parent-company" in reasons.get(("南岭无人系统公司", "PART_OF", "南岭科技集团"), set())
    assert not [k for k in reasons if k[0].startswith("南岭") and k[1] == "LISTED_ON"]
    # "these entities are X ones": the companies named in that sentence and the next ones of the paragraph
    group = {(k[0], k[2]) for k, whys in reasons.items() if k[1] == "BELONGS_TO"
             and any(why.startswith("structure group-country") for why in whys)}
    assert {("Lotus Crystal Co., Ltd", "China"), ("Pearl River Optics LLC", "China")} <= group, group
    assert {("北岭导航公司", "United States"), ("东港雷达公司", "United States")} <= group, group
    # a phrase is not a name: a verb or 该 inside it, words after a known name, a legal form alone
    assert not [n for n in types if "该公司" in n or "by this rule" in n or n == "有限责任公司"], types
    assert types.get("大疆农业科技公司") == "Company" and types.get("启明星企业有限责任公司") == "Company", types


SPONSORS_EN = (
    "Quartz Security Bills: a staff digest\n\n"
    "Rep. Jane Holloway (R-Ohio) introduced the Quartz Security Act in May 2025. The House Committee on Quartz "
    "Affairs, chaired by Rep. Tom Archer, reported the bill.\n\n"
    "Meridian Quartz Trading said it opposed the Quartz Security Act.\n\n"
    "The Department of Commerce named five Chinese firms: Lotus Quartz Technology, Jade River Robotics and Meridian "
    "Quartz Trading.\n\n"
    "Harbor Crest Technologies acquired Blue Pine Photonics in 2023. The Big Fund took a stake in Lotus Quartz "
    "Technology.\n")

SPONSORS_ZH = """关于青峰科技公司收购案的公告

美国无人机企业天鹰（Skydio）受到影响。
交易完成后，青峰科技公司将成为新思科技的全资子公司。新思科技为美国公司。
美国商务部将北京星河华章科技有限公司、云算科技等十余家中国实体列入实体清单。
此外，中国无人机企业大疆和飞羽智能均受到影响。
"""


def test_sponsors_subsidiaries_groups_and_known_latin_forms(tmp_path: Path) -> None:
    """Who introduced a bill and who chairs a committee; a legislator's state is no party; an acquisition and a
    subsidiary; "N Chinese firms: A, B"; a Chinese name whose bracketed Latin form is a known company is that
    company; firms joined to a known one by 和 or counted with it (…等十余家中国实体) are companies; a word inside a
    name ("Fund" of "Big Fund") is not a relation word."""
    listing = _added_and_built(tmp_path, {"sponsors-en.txt": SPONSORS_EN, "sponsors-zh.txt": SPONSORS_ZH})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    rels = _reasons(listing)
    assert types.get("Jane Holloway") == "Person" and types.get("Tom Archer") == "Person", types
    assert types.get("House Committee on Quartz Affairs") == "Agency", types
    assert ("Jane Holloway", "ENACTED", "Quartz Security Act") in rels
    assert not [k for k in rels if k[0] == "Ohio" or k[2] == "Ohio"], "a legislator's state is no party"
    assert any(k[0] == "House Committee on Quartz Affairs" and k[1] == "LED_BY" and k[2] == "Tom Archer"
               for k in rels), rels
    assert ("Meridian Quartz Trading", "OPPOSES", "Quartz Security Act") in rels
    assert types.get("Jade River Robotics") == "Company", types
    assert {("Lotus Quartz Technology", "China"), ("Jade River Robotics", "China")} <= {
        (k[0], k[2]) for k, whys in rels.items() if k[1] == "BELONGS_TO"
        and any(w.startswith("structure group-country") for w in whys)}
    acquired = ("Blue Pine Photonics", "AFFILIATE_OF", "Harbor Crest Technologies")
    assert "structure en-acquires" in rels.get(acquired, set()), rels
    assert not [k for k, whys in rels.items() if any("'Fund'" in w for w in whys)], "Fund of Big Fund is no verb"
    # 天鹰（Skydio）: the known company, not a new one
    tianying = next(e for e in listing["entities"] if e["name"] == "天鹰")
    assert tianying["status"] == "known" and tianying["node"] == "company:skydio", tianying
    assert "structure zh-country-described" in rels.get(("Skydio", "BELONGS_TO", "United States"), set()), rels
    assert "structure zh-subsidiary-of" in rels.get(("青峰科技公司", "AFFILIATE_OF", "Synopsys"), set()), rels
    assert "美国公司" not in types and "新思科技公司" not in types, types
    assert types.get("云算科技") == "Company" and types.get("飞羽智能") == "Company", types


DESIGNATIONS_EN = (
    "Treasury Sanctions a Quartz Network\n\n"
    "WASHINGTON — The Office of Foreign Assets Control (OFAC) today designated three companies for supplying quartz "
    "resonators to military buyers.\n\n"
    "The following persons were designated pursuant to Executive Order 14024:\n\n"
    "1. Lotus Quartz Trading Co., Ltd., a distributor in Shenzhen.\n"
    "2. Harbor Crest Electronics Limited, a shell company in Hong Kong.\n"
    "3. Blue Pine Photonics Co., Ltd., an optics maker.\n\n"
    "Today's three designees have now been added to the Specially Designated Nationals and Blocked Persons List.\n\n"
    "Meridian Quartz Technology Co., Ltd. is being designated pursuant to Executive Order 14024 for operating in the "
    "technology sector.\n\n"
    "Lotus Quartz Trading and Harbor Crest Electronics, both makers of semiconductors, objected.\n\n"
    "Dutch trade minister Anna Verbeek welcomed the step. The Bureau of Industry and Security of the United States "
    "said the October 9 rule already covered such firms.\n\n"
    "| Company | Sector | On the Entity List? |\n"
    "|---|---|---|\n"
    "| Lotus Quartz Trading Co., Ltd. | semiconductors | Yes (2024) |\n"
    "| Blue Pine Photonics Co., Ltd. | semiconductors | No |\n")

NOTICE_ZH = """工业和信息化部 财政部
关于支持石英材料产业发展的通知

工信部联材料〔2026〕7号

一、支持江海微电、青川芯材等半导体材料企业扩大产能。
"""

DESIGNATIONS_ZH = """商务部新闻发言人就美方出口管制答记者问

问：美国商务部日前发布《石英器件出口管制规则》，将青峰科技公司列入实体清单，中方对此有何评论？

答：中方对此坚决反对。中方将采取必要措施。

据报道，云杉电子公司于2023年被BIS列入实体清单；岚山光电公司、白鹭微电公司于2024年被列入。

不可靠实体清单工作机制决定将以下2家美国实体列入不可靠实体清单：

1. 北辰航空防务公司

2. 南岭系统公司

工作机制决定对上述实体采取下列处理措施：禁止上述实体从事与中国有关的进出口活动。

鼓励苏州市集成电路产业投资基金支持江海微电、青川芯材等材料企业。
"""


def test_designators_groups_tables_and_answers(tmp_path: Path) -> None:
    """Who designates when a sentence does not say (an agency that designated before, the subject of a list's
    intro); "today's three designees" and 上述实体 are the parties listed just before; a table column that asks
    "On the Entity List?" and answers yes; an answer that opposes "this" opposes what the question named; the
    name after 被 is the agent, not the party; a listing clause with no list of its own uses the one before."""
    listing = _added_and_built(tmp_path, {"designations-en.txt": DESIGNATIONS_EN,
                                          "designations-zh.txt": DESIGNATIONS_ZH, "notice-zh.txt": NOTICE_ZH})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    rels = _reasons(listing)

    def why(src: str, rel: str, dst: str) -> str:
        return " | ".join(sorted(rels.get((src, rel, dst), set())))

    ofac, sdn = "Office of Foreign Assets Control", "Specially Designated Nationals and Blocked Persons List"
    firms = ["Lotus Quartz Trading Co., Ltd", "Harbor Crest Electronics Limited", "Blue Pine Photonics Co., Ltd"]
    for firm in firms:
        assert "implicit-designator" in why(ofac, "SANCTIONS", firm), (firm, rels)
        assert "group: 'Today's three designees'" in why(firm, "LISTED_ON", sdn), (firm, rels)
    assert "implicit-designator" in why(ofac, "SANCTIONS", "Meridian Quartz Technology Co., Ltd"), rels
    assert types.get("Anna Verbeek") == "Person" and types.get("October 9 rule") == "Policy", types
    assert "en-country-role" in why("Anna Verbeek", "BELONGS_TO", "Netherlands"), rels
    assert not [n for n in types if n.endswith("of the United States")], types
    assert "table-list" in why(firms[0], "LISTED_ON", "Entity List"), rels
    assert "table-list" not in why(firms[2], "LISTED_ON", "Entity List"), rels

    assert "qa-answer" in why("China", "OPPOSES", "石英器件出口管制规则"), rels
    assert not rels.get(("Bureau of Industry and Security", "LISTED_ON", "Entity List")), "被BIS: BIS is the agent"
    for firm in ("岚山光电公司", "白鹭微电公司"):
        assert "implicit-list" in why(firm, "LISTED_ON", "Entity List"), (firm, rels)
    for firm in ("北辰航空防务公司", "南岭系统公司"):
        assert "implicit-designator" in why("不可靠实体清单工作机制", "SANCTIONS", firm), (firm, rels)
        assert any("group: '上述实体'" in w for k, ws in rels.items() if firm in k for w in ws), (firm, rels)
    assert types.get("苏州市集成电路产业投资基金") == "Programme", types
    assert types.get("江海微电") == "Company" and types.get("青川芯材") == "Company", types
    assert not [n for n in types if n.startswith(("支持", "继续执行"))], "a verb opens no name"

    # a notice's head: the agencies above its title issued it; its title and its number are one notice
    number = next(e for e in listing["entities"] if e["name"] == "工信部联材料〔2026〕7号")
    assert "关于支持石英材料产业发展的通知" in number["aliases"], number
    for agency in ("Ministry of Industry and Information Technology", "财政部"):
        assert "issuer-line" in why(agency, "ENACTED", "工信部联材料〔2026〕7号"), (agency, rels)
    assert "zh-firms-of-sector" in why("江海微电", "OPERATES_IN", "Semiconductor materials") or \
        "zh-firms-of-sector" in why("江海微电", "OPERATES_IN", "半导体材料"), rels
    assert "en-each-maker-of" in why("Lotus Quartz Trading Co., Ltd", "OPERATES_IN", "Semiconductors") or \
        "en-each-maker-of" in why("Lotus Quartz Trading Co., Ltd", "OPERATES_IN", "semiconductors"), rels


HOMES_EN = """# Quartz export notes

The Ministry of Commerce of China issued Announcement No. 61 on quartz exports. The October 2023 rules of the
Commerce Department were its model, and the METI ordinance followed.

Suzhou Brightwave Optics Co., Ltd. grinds lenses for microscopes.

Lakeside Lens Works Co., Ltd. polishes mirrors.

BIS added four entities to the Entity List on Monday. The parties added include Alpha Quartz Inc. and Beta Quartz
Technology, both makers of chipmaking equipment; Gamma Design Technology, a developer of EDA software; and Delta Lens
Technology.
"""

HOMES_ZH = """商务部 海关总署公告2026年第9号

中国商务部发布公告，对石英砂实施出口管制，依据《石英出口管理条例》（Regulation on Quartz Export Management）。
中国是石英砂的主要生产国。

深圳市明澜光学有限公司生产显微镜镜片。
"""


def test_numbered_and_dated_measures_and_homes_named_by_a_place(tmp_path: Path) -> None:
    """"Announcement No. 61", "the October 2023 rules" and "the METI ordinance" name measures; a company whose
    name opens with a Chinese place ("Suzhou …", 深圳市…) in a document that names China is proposed as a Chinese
    company though no sentence says so, and one whose name opens with no place is not. Lines wrapped at a fixed
    width are read as one paragraph; joint issuers and a 《title》's English form are read whole."""
    listing = _added_and_built(tmp_path, {"homes-en.md": HOMES_EN, "homes-zh.txt": HOMES_ZH})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("Announcement No. 61") == "Policy", types
    assert types.get("October 2023 rules") == "Policy", types
    assert types.get("METI ordinance") == "Policy", types
    homes = {(r["source"]["name"], r["target"]["name"]): r for r in listing["relations"]
             if r["reason"].startswith("document home")}
    assert ("Suzhou Brightwave Optics Co., Ltd", "China") in homes, homes
    assert ("深圳市明澜光学有限公司", "China") in homes, homes
    assert homes[("Suzhou Brightwave Optics Co., Ltd", "China")]["type"] == "BELONGS_TO"
    assert not [k for k in homes if k[0].startswith("Lakeside")], homes
    # joint issuers open a notice's number: each of them issued it; a 《title》 and its English form are one measure
    notice = "商务部 海关总署公告2026年第9号"
    enacted = {r["source"]["name"] for r in listing["relations"] if r["type"] == "ENACTED"
               and r["target"]["name"] == notice and "issuer-in-name" in r["reason"]}
    assert len(enacted) == 2 and any("Customs" in a for a in enacted), enacted
    title = next(e for e in listing["entities"] if e["name"] == "石英出口管理条例")
    assert "Regulation on Quartz Export Management" in title["aliases"], title

    # "The parties added include A, a maker of X; B; and C": the semicolons part the items of one listing; the
    # agency that added them is not on the list
    listed = {r["source"]["name"]: r["reason"] for r in listing["relations"]
              if r["type"] == "LISTED_ON" and r["target"]["name"] == "Entity List" and "implicit-list" in r["reason"]}
    assert {"Beta Quartz Technology", "Gamma Design Technology", "Delta Lens Technology"} <= set(listed), (
        "a line wrapped inside a name or a sentence is read on", listed)
    assert not [r for r in listing["relations"] if r["type"] == "LISTED_ON"
                and r["source"]["name"] == "Bureau of Industry and Security"], "BIS added them: it is not listed"


def test_single_character_elements_are_names_only_in_a_list(tmp_path: Path) -> None:
    """镓、锗 and 许可钨、碲、铋 name the metals (a gazetteer's list_aliases); a lone 钼 inside 钼丝灯 does not."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents:\n")
    text = "金属出口简报\n\n商务部决定对镓、锗实施出口管制，原则上不予许可钨、碲、铋相关物项出口。某厂生产钼丝灯。\n"
    (tmp_path / "metals.txt").write_text(text, encoding="utf-8")
    assert cli(["add", str(tmp_path / "metals.txt")], tmp_path / "cache", corpus).returncode == 0
    g = build_graph(replace(Settings(), corpus=corpus, cache=tmp_path / "cache", screening_list=None)).graph
    for metal in ("gallium", "germanium", "tungsten", "tellurium", "bismuth"):
        assert f"sector:{metal}" in g.nodes, metal
    assert "sector:molybdenum" not in g.nodes, "钼 of 钼丝灯 is part of a word"


WITNESSES_EN = """# Hearing on quartz smuggling

Witnesses:

- Dana Example, Director, Office of Quartz Enforcement (OQE), Bureau of Industry and Security
- Tomas Q. Sample, former Assistant Secretary of Commerce for Quartz Enforcement (2019-2021)

Ranking Member Alma Testa (D-OR) said the Bureau of Industry and Security lacks agents. In May, BIS added Heron
Quay Trading Pte. Ltd., a Singapore-registered distributor, to the Entity List. Rep. Ola Probe (R-IA) raised the
Keep Our Quartz Act from Sens. Ivo Trial and Una Demo. BIS is working with Malaysia's Ministry of Investment, Trade
and Industry on end-use checks. MOFCOM issued Announcement No. 77 of 2024, placing gallium under licensing.
Smaller grants went to firms such as Wren Germanium Recovery, a U.S. start-up. Acme Quartz shipped concentrate to
Ibis Resources in China for processing. Commission President Ilse van der Proef spoke. Acting Secretary Jane Roe of
the Department of Quartz agreed; Assistant Secretary Tim Test of the Department of Quartz did too. Section 12 of the
FY2031 Quartz Defense Authorization Act applies. Senators Ann Able and Ben Baker introduced the Quartz Screening Act.
"""

PROGRAMMES_ZH = """关于加快推进石英产业发展的实施意见

设立石英产业创新发展专项，由工业和信息化部负责。上海市经济和信息化委员会、广东省工业和信息化厅负责配套支持。
完善人形机器人产业链。由科技部负责组织实施量子信息重点专项，其中包括深圳晶澜石英有限公司。组织中国晶澜石英集团有限公司等中央企业布局新材料。
美国商务部出台针对中国的先进计算与半导体制造出口管制规则（下称"石英规则"）。
江苏省人民政府印发《江苏省石英产业强链行动方案（2031—2033年）》。高标准建设无锡高新区集成电路产业园。
美国商务部工业与安全局持续加严对华半导体出口管制，并将多家中国企业列入实体清单。
将白砂石英公司（White Sand Quartz Inc.）和红岩石英技术公司（Red Rock Quartz Tech）列入不可靠实体清单。
国家石英管理局会同财政部实施补偿机制。
蓝岬芯片公司为美国人工智能芯片企业，其产品覆盖刻蚀设备。白岬材料公司为规避美国企业的专利限制加快自研。
"""


def test_posts_parties_remits_and_programmes_set_up_are_read(tmp_path: Path) -> None:
    """A witness line (name, post, office) says who heads the office; a party and state or a plural title after a
    name make it a person; "Pte. Ltd." ends a company; a ministry's remit with commas is one name; a number "of"
    its year stays in a notice's name; capitalised words before a known law's name make another law; a metal in a
    firm's name is the firm's. In Chinese, a programme a verb sets up, a province's department (…厅), a field's
    industry chain, a registered name that opens with a place, and a defined short name of a rule are read."""
    listing = _added_and_built(tmp_path, {"witnesses.md": WITNESSES_EN, "programmes.txt": PROGRAMMES_ZH})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    for person in ("Dana Example", "Tomas Q. Sample", "Alma Testa", "Ola Probe", "Ivo Trial", "Una Demo"):
        assert types.get(person) == "Person", (person, types)
    assert not [n for n in types if n.startswith("for ") or n in {"Director", "Sens", "D-OR", "Member Alma Testa"}]
    assert types.get("Heron Quay Trading Pte. Ltd") == "Company", types
    assert types.get("Ministry of Investment, Trade and Industry") == "Agency", types
    assert types.get("Announcement No. 77 of 2024") == "Policy", types
    assert types.get("Keep Our Quartz Act") == "Law", types
    assert types.get("Wren Germanium Recovery") == "Company", types
    relations = {(r["source"]["name"], r["type"], r["target"]["name"]): r["reason"] for r in listing["relations"]}
    assert ("Office of Quartz Enforcement", "LED_BY", "Dana Example") in relations, relations
    assert not [k for k, why in relations.items() if k[1] == "LED_BY" and k[2] == "Tomas Q. Sample"
                and why.startswith("structure")], "a former post heads nothing"
    assert ("Ibis Resources", "BELONGS_TO", "China") in relations
    assert ("Wren Germanium Recovery", "BELONGS_TO", "United States") in relations

    for name, typ in (("石英产业创新发展专项", "Programme"), ("上海市经济和信息化委员会", "Agency"),
                      ("广东省工业和信息化厅", "Agency"), ("人形机器人产业链", "IndustryChain"),
                      ("量子信息重点专项", "Programme"), ("深圳晶澜石英有限公司", "Company"),
                      ("中国晶澜石英集团有限公司", "Company")):
        assert types.get(name) == typ, (name, types)
    rule = next(e for e in listing["entities"] if e["type"] == "Policy" and e["name"].endswith("出口管制规则"))
    assert "石英规则" in rule["aliases"], rule

    # a title inside a capitalised run, a person "of" the body she heads (not an assistant's), plural titles,
    # a fiscal year in a law's name
    for person in ("Ilse van der Proef", "Jane Roe", "Tim Test", "Ann Able", "Ben Baker"):
        assert types.get(person) == "Person", (person, types)
    assert types.get("Department of Quartz") == "Agency", types
    assert types.get("FY2031 Quartz Defense Authorization Act") == "Law", types
    assert relations.get(("Department of Quartz", "LED_BY", "Jane Roe"), "").startswith("structure"), relations
    assert not relations.get(("Department of Quartz", "LED_BY", "Tim Test"), "").startswith("structure")
    # a provincial government, a 《plan（years）》, an industrial park a verb builds; the agency before 将 lists
    # the firms it takes, it is not on the list
    assert types.get("江苏省人民政府") == "Agency", types
    assert types.get("江苏省石英产业强链行动方案（2031—2033年）") == "Policy", types
    assert types.get("无锡高新区集成电路产业园") == "Programme", types
    # the word that joins a list's last item, or 会同 (together with), is not part of the name after it
    assert types.get("红岩石英技术公司") == "Company" and types.get("财政部") == "Agency", types
    assert not [n for n in types if n[0] in "和会"], types
    # what a firm is (X为…企业) and what its products cover say its field
    assert relations.get(("蓝岬芯片公司", "OPERATES_IN", "AI chips")) == "structure zh-is-a-field-firm", relations
    assert relations.get(("蓝岬芯片公司", "OPERATES_IN", "Etching equipment"), "").startswith("lexicon"), relations
    # 为 as "in order to" (为规避美国企业的…) says nothing of whose the firm is
    assert not relations.get(("白岬材料公司", "BELONGS_TO", "United States"), "").startswith("structure"), relations
    assert not [k for k, why in relations.items() if k[1] == "LISTED_ON" and "Industry and Security" in k[0]
                and not why.startswith("cooccur")], relations


def test_a_name_that_opens_with_its_country_says_whose_it_is(tmp_path: Path) -> None:
    """美国石英管理局 and "Japanese Quartz Agency" name their country as written: each is proposed as that country's
    (a document-level home) when the document names the country, though no sentence joins the two."""
    docs = {"prefix-zh.txt": "石英简报\n\n美国石英管理局宣布了新的出口规则。\n\n中方表示，美国应停止打压。\n",
            "prefix-en.md": "# Quartz note\n\nThe Japanese Quartz Agency published a list.\n\nJapan said more would "
                            "follow.\n"}
    listing = _added_and_built(tmp_path, docs)
    homes = {(r["source"]["name"], r["target"]["name"]): r["reason"] for r in listing["relations"]
             if r["type"] == "BELONGS_TO" and r["reason"].startswith("document home")}
    assert "its country's name opens the name" in homes.get(("美国石英管理局", "United States"), ""), homes
    assert "its country's name opens the name" in homes.get(("Japanese Quartz Agency", "Japan"), ""), homes


def test_what_a_listed_firm_makes_is_read_from_its_apposition_and_its_listing_reason(tmp_path: Path) -> None:
    """"X, an HBM packaging firm" and "X, a specialty foundry" say what X works in (also in a clause that denies
    something else of X); a notice's "X, [address], for developing supercomputers" says it too; "X Pte. Ltd., a
    Singapore-registered reseller" says whose X is."""
    text = ("# Quartz notice\n\nBIS added Quillon Photonics Co., Ltd., an HBM packaging firm, to the Entity List. It "
            "also added Marrow Compute Co., Ltd., No. 9 Example Road, Wuxi, for developing supercomputers for military "
            "end users. Tarn Semiconductor, a specialty foundry, was not named. In May, BIS added Lumen Quay Trading "
            "Pte. Ltd., a Singapore-registered server reseller, to the Entity List.\n")
    listing = _added_and_built(tmp_path, {"makers.md": text})
    made = {(r["source"]["name"], r["target"]["name"]): r["reason"] for r in listing["relations"]
            if r["type"] == "OPERATES_IN" and r["reason"].startswith("structure")}
    assert made.get(("Quillon Photonics Co., Ltd", "High-bandwidth memory")) == "structure en-described-maker", made
    assert made.get(("Tarn Semiconductor", "Wafer fabrication (foundry)")) == "structure en-described-maker", made
    assert made.get(("Marrow Compute Co., Ltd", "Supercomputers")) == "structure en-listed-for-making", made
    assert ("Quillon Photonics Co., Ltd", "Supercomputers") not in made, made
    # the period of "Ltd." ends the name: the apposition after it still says whose the firm is
    homes = {(r["source"]["name"], r["target"]["name"]): r["reason"] for r in listing["relations"]
             if r["type"] == "BELONGS_TO"}
    assert homes.get(("Lumen Quay Trading Pte. Ltd", "Singapore")) == "structure en-apposition-country", homes


def test_a_notices_parties_units_issuers_and_listers_are_read(tmp_path: Path) -> None:
    """A notice's "X (Country);" says whose the party is; "OFAC of the Treasury" is a unit of it; "the Unverified
    List, issued by BIS" is kept by BIS, as is a list BIS adds parties to; a loan is support; "a subsidiary of
    Australia's Y" is still Y's."""
    text = ("# Quartz notice\n\nAmong the parties added are Quillon Photonics Co., Ltd. (China); Marrow Compute "
            "Trading FZE (UAE); and Lumen Quay Systems Pte. Ltd. (Singapore). The Office of Foreign Assets Control "
            "(OFAC) of the U.S. Department of the Treasury designated Tarn Shipping Ltd. The Unverified List, issued "
            "by the Bureau of Industry and Security, names two more. The Loan Programs Office lent $40 million to "
            "Brindle Graphite Inc., a subsidiary of Australia's Brindle Resources. On May 2, BIS added Fenwick "
            "Optics Ltd. to the Entity List.\n")
    listing = _added_and_built(tmp_path, {"notice.md": text})
    rel = _reasons(listing)
    for party, country in [("Quillon Photonics Co., Ltd", "China"), ("Marrow Compute Trading FZE",
                                                                     "United Arab Emirates"),
                           ("Lumen Quay Systems Pte. Ltd", "Singapore")]:
        assert "structure en-party-bracket-country" in rel.get((party, "BELONGS_TO", country), set()), (party, rel)
    assert not {r for r in rel.get(("Quillon Photonics Co., Ltd", "BELONGS_TO", "Singapore"), set())
                if r.startswith("structure")}
    bis, treasury = "Bureau of Industry and Security", "United States Department of the Treasury"
    assert "structure en-of-agency" in rel.get(("Office of Foreign Assets Control", "PART_OF", treasury), set()), rel
    assert "structure en-list-issued-by" in rel.get((bis, "ADMINISTERS", "Unverified List"), set()), rel
    assert "structure lister-administers" in rel.get((bis, "ADMINISTERS", "Entity List"), set()), rel
    assert "structure en-company-of" in rel.get(("Brindle Graphite Inc", "AFFILIATE_OF", "Brindle Resources"),
                                                set()), rel
    assert "lexicon SUPPORTS 'lent'" in rel.get(("Loan Programs Office", "SUPPORTS", "Brindle Graphite Inc"),
                                                set()), rel


def test_a_chinese_notices_tasks_topics_and_counted_lists_are_read(tmp_path: Path) -> None:
    """A provision with no subject of its own (支持A、B…) is the notice's support of A and B; a task's verb (加快,
    突破, 充分发挥) opens no name, and 和 inside a ministry's name does not cut it; a line's topic country
    (日本：经济产业省…) is the agency's; A向B提供补贴 is A's support of B; and 两家 after 甲、乙与丙 says 乙与丙 is
    one name."""
    text = ("工业和信息化部\n关于支持石英材料产业发展的通知\n\n工信部联电子〔2025〕99号\n\n一、重点任务\n\n"
            "（一）加快设备攻关。支持国内骨干企业石英微电子有限公司、红岩光电有限公司牵头组建创新联合体。\n\n"
            "（二）突破材料瓶颈。充分发挥国家集成电路产业投资基金引导作用。\n\n二、背景\n\n"
            "美国将大批中国企业列入实体清单（Entity List）。\n\n"
            "- **日本**：经济产业省（METI）修订出口管制规则。经济产业省向本土企业石英晶圆有限公司提供巨额补贴。\n\n"
            "2023年2月，商务部将洛克希德·马丁、红岩导弹与防务两家美国军工企业列入不可靠实体清单。\n\n"
            "- **德国**：联邦经济和能源部侧重供应链安全。\n")
    listing = _added_and_built(tmp_path, {"notice.txt": text})
    names = {e["name"] for e in listing["entities"]}
    assert not {n for n in names if n.startswith(("加快", "突破", "充分发挥", "列入"))}, names
    assert "红岩导弹与防务" in names and "红岩导弹" not in names, names
    assert "联邦经济和能源部" in names, names  # a ministry of two fields joined by 和 is one name
    rel = _reasons(listing)
    notice = "工信部联电子〔2025〕99号"
    for firm in ("石英微电子有限公司", "红岩光电有限公司"):
        assert any(r.startswith("structure provision") for r in rel.get((notice, "SUPPORTS", firm), set())), rel
    assert "structure topic-country" in rel.get(("Ministry of Economy, Trade and Industry", "BELONGS_TO", "Japan"),
                                                set()), rel
    mofcom = "Ministry of Commerce of the People's Republic of China"
    assert "structure lister-administers" in rel.get((mofcom, "ADMINISTERS", "Unreliable Entity List"), set()), rel
    supported = [k for k, v in rel.items() if "structure zh-xiang" in v]
    assert supported == [("Ministry of Economy, Trade and Industry", "SUPPORTS", "石英晶圆有限公司")], supported


def test_a_tables_list_column_names_its_own_listed_firms_and_a_field_row_holds_its_firms(tmp_path: Path) -> None:
    """A list column whose cell names who is on it (中芯国际2020年列入) puts each name it names there, and not one
    the cell says is not (未列入); a row whose first cell is a field (存储芯片, or a bare 制造 under 环节) is the field
    of its column of firms."""
    text = ("# 石英产业链\n\n半导体产业链概览：\n\n"
            "| 环节 | 外国主要企业 | 中国主要企业 | 实体清单情况 |\n|---|---|---|---|\n"
            "| 设计 | 英伟达（NVIDIA） | 海思（HiSilicon） | 海思2019年列入 |\n"
            "| 制造 | 台积电（TSMC） | 中芯国际（SMIC）、长江存储（YMTC） | 中芯国际2020年列入；长江存储未列入 |\n"
            "| 存储芯片 | 三星 | 长鑫存储 | — |\n")
    listing = _added_and_built(tmp_path, {"chain.md": text})
    rel = {k: {r.split(" (")[0] for r in v} for k, v in _reasons(listing).items()}
    for firm in ("HiSilicon", "Semiconductor Manufacturing International Corporation"):
        assert "structure table-list" in rel.get((firm, "LISTED_ON", "Entity List"), set()), (firm, rel)
    for firm in ("Yangtze Memory Technologies", "Nvidia", "TSMC"):
        assert "structure table-list" not in rel.get((firm, "LISTED_ON", "Entity List"), set()), (firm, rel)
    for firm in ("Samsung", "ChangXin Memory Technologies"):
        assert "structure table-firms" in rel.get((firm, "OPERATES_IN", "Memory chips"), set()), (firm, rel)
    # the rows of a column headed 环节 name segments, even as bare words (制造); a row's listing words are its list
    # column's, not every firm's in the row
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("制造") == "ChainSegment" and types.get("设计") == "ChainSegment", types
    assert "structure table-firms" in rel.get(("TSMC", "OPERATES_IN", "制造"), set()), rel
    assert not {r for r in rel.get(("Nvidia", "LISTED_ON", "Entity List"), set()) if r.startswith("structure")}, rel


def test_a_given_name_and_initial_before_a_known_surname_is_that_persons_other_name(tmp_path: Path) -> None:
    """"Gina M. Raimondo" is the known Gina Raimondo written with her initial: one name and a known form, not a new
    person "Gina M" beside her; an initialled name with no known surname after it stays a candidate of its own."""
    text = ("# Quartz notice\n\n\"Chips must not power the military,\" said Secretary of Commerce Gina M. Raimondo. "
            "Treasury Secretary Jana Q. Quillfeather said the rule is narrow.\n")
    listing = _added_and_built(tmp_path, {"quotes.md": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert by_name.get("Gina M. Raimondo", {}).get("node") == "person:gina-raimondo", by_name
    assert "Gina M" not in by_name, by_name
    assert by_name.get("Jana Q. Quillfeather", {}).get("type") == "Person", by_name
    assert "LED_BY" in {t for (src, t, dst) in _reasons(listing) if dst == "Gina Raimondo"}, _reasons(listing)


def test_chinese_notices_numbers_latin_forms_and_named_steps_are_read_whole(tmp_path: Path) -> None:
    """A notice's number cited after a verb starts at its issuer (…日前发布商务部公告…, not 务部日前发布…); a firm's
    Latin form in brackets stays one name (not "Quartz Missiles" and "Fire Control"); 中国 inside 中国国家主权 makes
    no member of the list a country; a list the sentence calls steps (…等环节) or a field after 在 names chain
    segments and sectors, even when the tagger reads the steps as verbs; a fund's "L.P." and a firm's "LLP" make
    companies."""
    text = ("# 石英公告\n\n商务部日前发布商务部公告2025年第9号，"
            "将石英导弹与火控公司（Quartz Missiles and Fire Control）列入出口管制管控名单。"
            "上述实体严重损害中国国家主权、安全和发展利益。\n\n"
            "产业链在设计、制造、封装测试、设备、材料五个环节发展不均衡，管制涵盖刻蚀、沉积等环节。"
            "石英电子在涂胶显影领域占据主导地位。\n\n"
            "Quartzfield Capital Fund III, L.P. hired Harlow & Quill LLP.\n")
    listing = _added_and_built(tmp_path, {"notice.txt": text})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("商务部公告2025年第9号") == "Policy", types
    assert not [n for n in types if "日前发布" in n], types
    firm = next(e for e in listing["entities"] if e["name"] == "石英导弹与火控公司")
    assert firm["aliases"] == ["Quartz Missiles and Fire Control"], firm
    assert not {"Quartz Missiles", "Fire Control"} & set(types), types
    assert not {n for n, t in types.items() if t == "Country"}, types
    for step in ("设计", "制造", "设备", "材料", "沉积"):
        assert types.get(step) == "ChainSegment", (step, types)
    assert types.get("涂胶显影") == "Sector", types
    assert not [n for n in types if n.startswith(("五个", "关键"))], types
    assert types.get("Quartzfield Capital Fund III, L.P") == "Company", types
    assert types.get("Harlow & Quill LLP") == "Company", types


def test_a_press_releases_numbered_network_its_group_and_its_short_names_are_read(tmp_path: Path) -> None:
    """A numbered list under a heading is a group of its own ("All persons designated today … added to the SDN
    List" puts each on it); a list named only inside a name ("identified on the Common High Priority List") or a
    sentence that names the parties it adds is no introduction for the items below; a firm's defined short name
    is the firm's in the item before the definition too, and "OOO X" is X; "resold them to", "shipped … to" are
    supply."""
    text = ("# Treasury Sanctions a Quartz Network\n\n"
            "Commerce's Bureau of Industry and Security (BIS) is separately adding Quartzline Components Limited "
            "to the Entity List.\n\nTHE NETWORK\n\n"
            "1. Shenzhen Quartzwei Electronics Co., Ltd. (Quartzwei), a PRC-based wholesaler, purchased integrated "
            "circuits identified on the Common High Priority List and resold them to Quartzline.\n"
            "2. Quartzline Components Limited (Quartzline), a Hong Kong-based distributor, shipped more than $9 "
            "million in such items to OOO Quartz-Vektor.\n"
            "3. OOO Quartz-Vektor, a Moscow-based importer, delivered the goods to JSC Quartz Instrument Plant.\n\n"
            "SANCTIONS IMPLICATIONS\n\nAll persons designated today by OFAC have been added to the SDN List.\n")
    listing = _added_and_built(tmp_path, {"release.txt": text})
    rel = _reasons(listing)
    sdn = "Specially Designated Nationals and Blocked Persons List"
    for firm in ("Shenzhen Quartzwei Electronics Co., Ltd", "Quartzline Components Limited", "OOO Quartz-Vektor"):
        assert any("group" in r for r in rel.get((firm, "LISTED_ON", sdn), set())), (firm, rel)
    assert not [k for k, v in rel.items() if any("list-item" in r for r in v)], rel
    by_name = {e["name"]: e for e in listing["entities"]}
    assert by_name["Quartzline Components Limited"]["aliases"] == ["Quartzline"], by_name
    assert "Quartz-Vektor" not in by_name or by_name["Quartz-Vektor"].get("node"), by_name
    assert any(r.startswith("lexicon SUPPLIES") for r in
               rel.get(("Shenzhen Quartzwei Electronics Co., Ltd", "SUPPLIES", "Quartzline Components Limited"),
                       set())), rel


def test_a_chinese_qas_units_officials_programmes_and_funders_are_read(tmp_path: Path) -> None:
    """A unit named right after its agency (…改革委高技术司) is an agency of it, and the official after a title whose
    name the tagger cuts apart (司长周立新) a person it is led by; 国家重点研发计划 is a programme; 支持X发展Y gives
    X's field; A作为B的主要出资人 is A's support of B; a research centre is an organisation."""
    text = ("国家发展改革委答记者问\n\n国家发展改革委高技术司司长周立新接受了记者采访。"
            "科学技术部依托国家重点研发计划支持高端芯片攻关。工业和信息化部支持北方华创突破刻蚀设备。"
            "财政部作为国家集成电路产业投资基金的主要出资人，依法履行出资人职责。华东石英政策研究中心发布了解读。\n")
    listing = _added_and_built(tmp_path, {"qa.txt": text})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("高技术司") == "Agency" and types.get("周立新") == "Person", types
    assert types.get("国家重点研发计划") == "Programme", types
    assert types.get("华东石英政策研究中心") == "Organization", types
    rel = _reasons(listing)
    ndrc = "National Development and Reform Commission"
    assert "structure zh-agency-agency" in rel.get(("高技术司", "PART_OF", ndrc), set()), rel
    assert "structure zh-head-title" in rel.get(("高技术司", "LED_BY", "周立新"), set()), rel
    assert "structure zh-firm-grows-field" in rel.get(("Naura Technology", "OPERATES_IN", "Etching equipment"),
                                                      set()), rel
    fund = "National Integrated Circuit Industry Investment Fund"
    assert "structure zh-xiang" in {r for (s, t, d), v in rel.items() if t == "SUPPORTS" and d == fund for r in v}, rel


def test_a_notices_aliases_committee_members_supply_verbs_and_negated_items_are_read(tmp_path: Path) -> None:
    """"X, a.k.a. Y; a.k.a. Z" gives X two other names (the period of "a.k.a." ends no sentence); "composed of
    representatives of A, B and the C" makes each a part of the body, and "and the" divides two names; "China,
    including Hong Kong and Macau" names its parts;
    "transshipping … to", "diverting … to" are supply; an item's "Reason: building …" gives its field; an item that
    says it is not on the list is not put on it."""
    text = ("# Additions to the Entity List\n\nSUMMARY: BIS amends the EAR by adding entities to the Entity List.\n\n"
            "The End-User Review Committee (ERC), composed of representatives of the Department of Commerce, the "
            "Department of State, the Department of Energy and the Department of the Treasury, decides.\n\n"
            "The ERC added the following entities:\n\n"
            "1. Quartzwell Compute Technology Co., Ltd., a.k.a. Quartzwell AI; a.k.a. QWC Computing. 18F, Block B, "
            "Shenzhen. Reason: building advanced computing clusters.\n\n"
            "2. Everquartz Trading Limited. Reason: transshipping ECCN 3A090 items to Quartzwell Compute Technology "
            "Co., Ltd.\n\n"
            "3. Quartzgate General Trading LLC. Reason: diverting servers to Everquartz Trading Limited.\n\n"
            "4. Quartzmere Photonics Co., Ltd. has not been added to the Entity List.\n\n"
            "5. Quartzhill Trading LLC, which did not respond to end-use checks by sanctioned buyers.\n\n"
            "The rule covers the People's Republic of China (PRC), including Hong Kong and Macau. Japan, as well as "
            "the Netherlands, took part.\n")
    listing = _added_and_built(tmp_path, {"rule.txt": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert sorted(by_name["Quartzwell Compute Technology Co., Ltd"]["aliases"]) == [
        "QWC Computing", "Quartzwell AI"], by_name
    rel = _reasons(listing)
    erc = "End-User Review Committee"
    for dept in ("United States Department of State", "United States Department of Energy",
                 "United States Department of the Treasury"):
        assert "structure composed-of" in rel.get((dept, "PART_OF", erc), set()), (dept, rel)
    for src, dst in (("Everquartz Trading Limited", "Quartzwell Compute Technology Co., Ltd"),
                     ("Quartzgate General Trading LLC", "Everquartz Trading Limited")):
        assert any(r.startswith("lexicon SUPPLIES") for r in rel.get((src, "SUPPLIES", dst), set())), (src, rel)
    assert any(r.startswith("structure list-item") for r in
               rel.get(("Everquartz Trading Limited", "LISTED_ON", "Entity List"), set())), rel
    assert not rel.get(("Quartzmere Photonics Co., Ltd", "LISTED_ON", "Entity List")), rel
    # a "not" of the item's reason is no word about the list
    assert any(r.startswith("structure list-item") for r in
               rel.get(("Quartzhill Trading LLC", "LISTED_ON", "Entity List"), set())), rel
    # an item's "Reason: building advanced computing clusters" says what the party works in
    assert "structure en-listed-for-making" in rel.get(
        ("Quartzwell Compute Technology Co., Ltd", "OPERATES_IN", "Advanced computing"), set()), rel
    # "China, including Hong Kong and Macau": its parts; "Japan, as well as the Netherlands": no part of Japan
    for part in ("Hong Kong", "Macau"):
        assert "structure country-including" in rel.get((part, "PART_OF", "China"), set()), (part, rel)
    assert not [k for k, v in rel.items() if "structure country-including" in v and "Japan" in k], rel


def test_a_chinese_briefs_ordinances_counted_firms_and_aimed_measures_are_read(tmp_path: Path) -> None:
    """《…省令》 is a measure; a name with its Latin form in a list the sentence counts as firms
    (…、斯库林（SCREEN）等日本企业) is a company, and the joining word before a name (以及尼康) is not part of it;
    对华 before a measure says whom it is aimed at."""
    text = ("石英简报\n\n美国商务部出台对华先进计算出口管制新规。"
            "日本经济产业省修订《货物等省令》。"
            "东京电子（Tokyo Electron），以及尼康（Nikon）、石英林（QUARTZLIN）等日本企业均受影响。\n")
    listing = _added_and_built(tmp_path, {"brief.txt": text})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("货物等省令") == "Policy", types
    assert types.get("石英林") == "Company", types
    assert not [n for n in types if n.startswith("以及")], types
    rel = _reasons(listing)
    aimed = {(s, d) for (s, t, d), v in rel.items() if t == "TARGETS" and "structure zh-dui-prefix" in v}
    assert [d for _, d in aimed] == ["China"], rel


def test_a_new_document_that_states_a_known_relation_is_more_evidence_for_it(tmp_path: Path) -> None:
    """A relation the papers' curated assertions hold (Huawei on the Entity List), stated again by an analyst's own
    document, carries that document's sentence as evidence (method `proposed`); the edge keeps its own stages, so
    leaving proposals out (`WHERE NOT 'proposed' IN r.stages`) still keeps it."""
    corpus = _own_copy(Settings().corpus, tmp_path / "corpus")
    (tmp_path / "note.txt").write_text("# Quartz note\n\nBIS added Huawei to the Entity List in May 2019.\n",
                                       encoding="utf-8")
    out = cli(["add", str(tmp_path / "note.txt")], tmp_path / "cache", corpus)
    assert out.returncode == 0, out.stderr
    g = build_graph(replace(Settings(), corpus=corpus, cache=tmp_path / "cache", screening_list=None)).graph
    edge = next(e for e in g.edges.values()
                if (e.source, e.type, e.target) == ("company:huawei", "LISTED_ON", "instrument:entity-list"))
    assert "proposed" not in edge.stages and "curated" in edge.stages, edge.stages
    ours = [ev for ev in edge.evidence if ev.doc == "note"]
    assert [ev.method for ev in ours] == ["proposed"] and ours[0].confidence, ours


def test_laws_by_title_year_orders_and_bills_by_number_and_a_partys_address_are_read(tmp_path: Path) -> None:
    """A law's title keeps its year ("… Act of 2021", "… Act, 2021", "… Act for Fiscal Year 2025") and its "and"
    ("Quartz Exchange and Quartz Trade Act"); "E.O. 13999" is an executive order and "S. 4321", "H.R. 987" are
    bills; a party whose address follows its name ("X Ltd., Shenyang;", "Y FZE, Dubai, which …") is of that place's
    country when the document names the country."""
    text = ("# Quartz network designations\n\n"
            "Congress passed the Quartz Supply Security Act of 2021 and the Quartz Appropriations Act, 2023. The "
            "Quartz Defense Authorization Act for Fiscal Year 2025 bars the contracts. Japan's Quartz Exchange and "
            "Quartz Trade Act governs exports. Senator Jane Roe introduced S. 4321, and H.R. 987 passed the House.\n\n"
            "OFAC designated the following parties pursuant to E.O. 13999, for operating in China, the United Arab "
            "Emirates and Russia: Quartzline Optics Co., Ltd., Shenyang; Quartzdune Trading FZE, Dubai, which resold "
            "the parts; and Quartzgrad Components LLC, Room 5, Tverskaya Street, Moscow.\n")
    listing = _added_and_built(tmp_path, {"designations.txt": text})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    for law in ("Quartz Supply Security Act of 2021", "Quartz Appropriations Act, 2023",
                "Quartz Defense Authorization Act for Fiscal Year 2025", "Quartz Exchange and Quartz Trade Act",
                "S. 4321", "H.R. 987"):
        assert types.get(law) == "Law", (law, types)
    assert types.get("E.O. 13999") == "Policy", types
    assert "Quartz Exchange" not in types and "Quartz Supply Security Act" not in types, types
    rel = _reasons(listing)
    for firm, country in (("Quartzdune Trading FZE", "United Arab Emirates"),
                          ("Quartzgrad Components LLC", "Russia")):
        assert any("structure address-country" in r for r in rel.get((firm, "BELONGS_TO", country), set())), (
            firm, rel)


def test_a_years_act_an_order_with_its_abbreviation_a_lists_short_name_and_appositive_persons_are_read(
        tmp_path: Path) -> None:
    """A known law with its fiscal year is that year's act, one name under both of its forms; "Executive Order
    (E.O.) 14105" is the known order; 管控名单 after 出口管制管控名单 is that list; "X, a Russian national", a title
    and a comma before a name, and a title before a foreign name with its Latin form make persons; bare
    "Congress" is the U.S. Congress."""
    en = ("# Quartz briefing\n\n"
          "The National Defense Authorization Act for Fiscal Year 2026 bars quartz purchases, and the FY2026 NDAA "
          "also funds a stockpile. President Joe Biden signed Executive Order (E.O.) 14105 in 2023. Congress held "
          "hearings on it. Pavel Quartzov, a Russian national and the director of Quartzline LLC, was designated. "
          "The Minister for Quartz Affairs, Anna Quartzberg, objected.\n")
    zh = ("# 石英简报\n\n"
          "商务部决定将甲乙石英科技有限公司列入出口管制管控名单。管控名单内的实体不得获得两用物项，商务部负责管理。\n\n"
          "荷兰外贸部大臣范石英（Jan Quartzen）表示关切。\n")
    listing = _added_and_built(tmp_path, {"quartz-en.txt": en, "quartz-zh.txt": zh})
    ents = {e["name"]: e for e in listing["entities"]}
    ndaa = ents.get("National Defense Authorization Act for Fiscal Year 2026")
    assert ndaa is not None and ndaa["type"] == "Law" and "FY2026 NDAA" in ndaa["aliases"], ndaa
    order = ents.get("Executive Order (E.O.) 14105")
    assert order is not None and order["status"] == "known" and "14105" in order["node"], order
    short = ents.get("管控名单")
    assert short is not None and short["status"] == "known", short
    assert short["node"] == "instrument:export-control-control-list", short
    for person in ("Pavel Quartzov", "Anna Quartzberg", "范石英"):
        assert ents.get(person, {}).get("type") == "Person", (person, ents.get(person))
    assert "Jan Quartzen" in ents["范石英"]["aliases"]
    assert "Congress" not in ents  # the gazetteer's U.S. Congress, not a new name
    rel = _reasons(listing)
    assert any(s == "Joe Biden" and t == "ENACTED" and "14105" in d for s, t, d in rel), rel
    # the short name's own sentence relates the list (to the agency that runs it)
    assert any("Export Control Control List" in (r["source"].get("name"), r["target"].get("name"))
               and "管控名单内" in json.dumps(r["evidence"], ensure_ascii=False) for r in listing["relations"])


def test_a_provincial_notice_its_local_agencies_short_forms_and_a_capitalised_anaphor_are_read(
        tmp_path: Path) -> None:
    """关于印发X的通知: the provisions are X's (not the notice number's); 省…委, 省…厅 after a boundary are local
    agencies; 做大 does not open a fund's name, whose short form in brackets (its characters in order) is the fund;
    a known company with a place in brackets and a legal form is its firm there; "the Bureau", capitalised, is the
    last Bureau named, however far back."""
    zh = ("江苏省人民政府办公厅关于印发江苏省石英产业发展行动方案的通知\n苏政办发〔2026〕7号\n\n"
          "《江苏省石英产业发展行动方案》已经省人民政府同意，现印发给你们。\n\n"
          "江苏省石英产业发展行动方案\n\n"
          "一、重点任务\n"
          "（一）做强制造。支持苏州甲石英科技有限公司扩大产能；推动华虹半导体（无锡）有限公司扩产。\n"
          "（二）强化基金引导。做大江苏省石英产业投资基金（省石英基金），由省发展改革委会同省科技厅统筹管理。"
          "省石英基金重点投向材料环节。\n")
    en = ("# Quartz hearing\n\n"
          "Members asked whether the Bureau of Industry and Security (BIS) has the staff it needs. "
          "Chairman Roe opened. "
          "Two witnesses spoke. The first was a fellow. The second was a former official.\n\n"
          "Under Secretary Quartzman said the Bureau administers the Export Administration Regulations "
          "with 600 staff.\n")
    listing = _added_and_built(tmp_path, {"quartz-plan.txt": zh, "quartz-hearing.md": en})
    ents = {e["name"]: e for e in listing["entities"]}
    for agency in ("省发展改革委", "省科技厅"):
        assert ents.get(agency, {}).get("type") == "Agency", (agency, ents.get(agency))
    fund = ents.get("江苏省石英产业投资基金")
    assert fund is not None and "省石英基金" in fund["aliases"], fund
    assert not [n for n in ents if n.startswith("大江苏")], ents.keys()
    assert ents.get("华虹半导体（无锡）有限公司", {}).get("type") == "Company"
    rel = _reasons(listing)
    assert any(s == "江苏省石英产业发展行动方案" and t == "SUPPORTS" and d == "苏州甲石英科技有限公司"
               for s, t, d in rel), [k for k in rel if k[1] == "SUPPORTS"]
    assert not any(s == "苏政办发〔2026〕7号" and t == "SUPPORTS" for s, t, d in rel)
    assert any(s == "省发展改革委" and d == "江苏省石英产业投资基金" for s, _, d in rel), rel
    # in another paragraph than the name: only "the Bureau" joins them
    assert ("Bureau of Industry and Security", "ADMINISTERS", "Export Administration Regulations") in rel, rel


def test_a_tariff_notices_goods_their_kinds_a_bodys_parent_and_a_spokespersons_full_name_are_read(
        tmp_path: Path) -> None:
    """A tariff provision's goods (对附件1所列X加征…关税，包括A、B等) are sectors, each listed one a kind of X; "A and
    other X", "X such as A" read the same in English; a body whose name opens with another body's name is part of
    it; a given name the tagger cuts short after a title is read whole; a clause's verb is not part of a name
    before its Latin form."""
    zh = ("国务院关税税则委员会关于对部分进口商品加征关税的公告\n\n"
          "经国务院批准，国务院关税税则委员会决定加征关税。\n\n"
          "一、对附件1所列水产品加征12%关税，包括虾、蟹、鳕鱼等。\n\n"
          "二、对附件2所列工业机器人、船舶及船舶配件加征20%关税。\n\n"
          "商务部新闻发言人林晓前就此表示，对方做法严重违反国际电信联盟（ITU）规则。\n")
    en = ("Beijing curbed exports of critical minerals such as germanium and antimony, and of graphite and other anode "
          "materials.\n")
    listing = _added_and_built(tmp_path, {"fish-tariffs.txt": zh, "metals.md": en})
    ents = {e["name"]: e for e in listing["entities"]}
    for goods in ("水产品", "虾", "鳕鱼", "工业机器人", "船舶配件"):
        assert ents.get(goods, {}).get("type") == "Sector", (goods, ents.get(goods))
    assert not [n for n in ents if n.startswith("所列")], ents.keys()
    assert ents.get("林晓前", {}).get("type") == "Person", [n for n in ents if n.startswith("林")]
    assert not [n for n in ents if "违反" in n], ents.keys()
    rel = _reasons(listing)
    for kind in ("虾", "蟹", "鳕鱼"):
        assert (kind, "PART_OF", "水产品") in rel, [k for k in rel if k[1] == "PART_OF"]
    assert ("Customs Tariff Commission of the State Council", "PART_OF",
            "State Council of the People's Republic of China") in rel, [k for k in rel if k[1] == "PART_OF"]
    part_of = {(s, d) for s, t, d in rel if t == "PART_OF" and any("structure" in r for r in rel[(s, t, d)])}
    assert {("Germanium", "Critical minerals"), ("Antimony", "Critical minerals"),
            ("Graphite", "anode materials")} <= part_of, part_of
    assert ("Critical minerals", "Germanium") not in part_of


def test_trade_probes_by_their_goods_and_persons_after_long_or_lower_case_titles_are_read(tmp_path: Path) -> None:
    """"An anti-subsidy investigation into X" is a measure of its own that concerns the known goods its name holds;
    a name with a middle initial after a title and its remit is the person alone; "spokesperson He Yadong" keeps
    the surname that is also an English word; a title such as 分析师 introduces a Chinese name."""
    en = ("Brussels opened an anti-subsidy investigation into battery electric vehicles. The step was announced by "
          "Deputy Secretary of the Treasury for Quartz and Mica Policy Harriet Q. Lindgren. \"We will answer,\" "
          "spokesperson He Yadong told reporters.\n")
    zh = "某产业研究院首席分析师吴晓梅认为，短期影响有限。\n"
    listing = _added_and_built(tmp_path, {"probe.md": en, "analyst.txt": zh})
    ents = {e["name"]: e for e in listing["entities"]}
    assert ents.get("anti-subsidy investigation into battery electric vehicles", {}).get("type") == "Policy", \
        ents.keys()
    assert ents.get("battery electric vehicles", {}).get("type") == "Sector", ents.keys()
    assert ents.get("Harriet Q. Lindgren", {}).get("type") == "Person", ents.keys()
    assert not [n for n in ents if "Mica Policy" in n], ents.keys()
    assert ents.get("He Yadong", {}).get("type") == "Person", ents.keys()
    assert ents.get("吴晓梅", {}).get("type") == "Person", ents.keys()
    rel = _reasons(listing)
    assert any(s == "anti-subsidy investigation into battery electric vehicles" and t == "CONCERNS"
               and any("name-goods" in r for r in why) for (s, t, _), why in rel.items()), rel


def test_a_citys_agencies_its_government_its_chain_links_and_a_dated_titles_short_name_are_read(
        tmp_path: Path) -> None:
    """A named city's agency is the city's, not the national body whose words it holds, and part of the city's
    government once the document names it; the links a document lists are of the one industry chain it names,
    though no sentence joins them; a title in 《》 with its period in brackets is also named without it."""
    zh = ("芜湖通报全市光伏产业链建设情况\n\n"
          "10日，芜湖市人民政府召开发布会。会上，芜湖市发展和改革委员会发布《芜湖市光伏产业提升行动计划（2026—2028年）》。\n\n"
          "计划提出，围绕硅料、硅片、电池片、组件四大环节补齐短板。\n")
    listing = _added_and_built(tmp_path, {"wuhu-pv.txt": zh})
    ents = {e["name"]: e for e in listing["entities"]}
    assert ents.get("芜湖市发展和改革委员会", {}).get("type") == "Agency", ents.keys()
    plan = ents.get("芜湖市光伏产业提升行动计划（2026—2028年）", {})
    assert "芜湖市光伏产业提升行动计划" in plan.get("aliases", []), plan
    rel = _reasons(listing)
    assert any(s == "芜湖市发展和改革委员会" and t == "PART_OF" and d == "芜湖市人民政府" and
               any("place-government" in r for r in why) for (s, t, d), why in rel.items()), rel
    links = {s for (s, t, d), why in rel.items() if t == "PART_OF" and d == "光伏产业链"
             and any("document chain" in r for r in why)}
    assert {"硅片", "组件"} <= links, links
    assert not [n for n in ents if "通报" in n], ents.keys()


def test_a_quoted_rule_title_a_person_after_a_remit_and_a_countrys_embassy_are_read(tmp_path: Path) -> None:
    """A rule's title in quotes after "rule," is one measure (not a run cut at its first head word); the two words
    after a title and a remit of two fields joined are the person; "the Dutch Embassy" is the country's mission."""
    en = ('The Bureau of Industry and Security today issued a final rule, "Revisions to Export Controls on Quartz '
          'Crucibles and Mica Wafers," that restricts exports. Assistant Secretary of Commerce for Quartz and Mica '
          'Enforcement Harold Vance said the rule closes a gap. A spokesperson for the Dutch Embassy declined to '
          'comment.\n')
    listing = _added_and_built(tmp_path, {"quartz-rule.md": en})
    ents = {e["name"]: e for e in listing["entities"]}
    title = "Revisions to Export Controls on Quartz Crucibles and Mica Wafers"
    assert ents.get(title, {}).get("type") == "Policy", ents.keys()
    assert "Revisions to Export Controls" not in ents, ents.keys()
    assert ents.get("Harold Vance", {}).get("type") == "Person", ents.keys()
    assert ents.get("Dutch Embassy", {}).get("type") == "Agency", ents.keys()


def test_a_partys_seat_by_its_place_based_apposition_gives_its_country(tmp_path: Path) -> None:
    """", a Novosibirsk-based maker of …" puts the firm in that place's country when the sentence names the
    country; "Novosibirsk-based" is no name of its own."""
    en = "Treasury designated OOO Vektor Quartz, a Novosibirsk-based maker of optics for drones in Russia.\n"
    listing = _added_and_built(tmp_path, {"quartz-optics.md": en})
    ents = {e["name"] for e in listing["entities"]}
    assert not [n for n in ents if n.endswith("-based")], ents
    rel = _reasons(listing)
    assert any(s == "OOO Vektor Quartz" and t == "BELONGS_TO" and d == "Russia" and
               any("its seat" in r for r in why) for (s, t, d), why in rel.items()), rel


def test_a_groups_listed_members_its_units_and_an_acronym_after_a_known_name_are_read(tmp_path: Path) -> None:
    """"X partners include A, B, the C and the D" (成员国包括…) makes each a member; "the Department, through its
    Office of …" makes the office part of it; an acronym in brackets after a known name is that name's short form,
    not a new one; a list's kind (管控名单), a place's agency after 如 and a firm after 境外客户 are read whole; two
    names that sign or compete together are related."""
    en = ("In 2031 the partners launched the Minerals Security Partnership (MSP). MSP partners include Australia, "
          "Canada, the Republic of Korea and the United Kingdom. The Department of Energy, through its Office of "
          "Quartz Loans, financed a mica plant. The United States and Japan signed a quartz accord in 2031.\n")
    zh = ("问：管控名单与关注名单有何区别？\n\n答：地方商务主管部门，如广东省商务厅，签发许可证。"
          "晶谷科技有限公司向境外客户星湾贸易有限公司供应锗产品。四方安全对话的成员国包括美国、日本和澳大利亚。"
          "华为与英伟达在云芯片市场的竞争加剧。伊朗与俄罗斯签署协议，国家税务总局发布公告。\n")
    listing = _added_and_built(tmp_path, {"msp-note.md": en, "licence-qa.txt": zh})
    ents = {e["name"]: e for e in listing["entities"]}
    assert "defined after the known Minerals Security Partnership" in ents.get("MSP", {}).get("reason", ""), ents
    assert ents.get("管控名单", {}).get("type") == "Instrument", ents.keys()
    assert ents.get("广东省商务厅", {}).get("type") == "Agency" and "如广东省商务厅" not in ents, ents.keys()
    assert ents.get("星湾贸易有限公司", {}).get("type") == "Company", ents.keys()
    assert not {"伊朗签署", "发布公告"} & set(ents), ents.keys()  # a verb ending in a head (签署), a verb's object
    rel = _reasons(listing)
    members = {s for (s, t, d), why in rel.items() if t == "MEMBER_OF" and d == "Minerals Security Partnership"
               and "structure members-include" in why}
    assert {"Australia", "Canada", "South Korea", "United Kingdom"} <= members, rel
    assert "structure members-include" in rel.get(("Japan", "MEMBER_OF", "Quadrilateral Security Dialogue"), set())
    assert "structure en-its-unit" in rel.get(("Office of Quartz Loans", "PART_OF",
                                                "United States Department of Energy"), set()), rel
    # two names as the subject of acting together, or of competing
    assert "structure joint-subject" in rel.get(("United States", "COOPERATES_WITH", "Japan"), set()), rel
    assert "structure rival-subjects" in rel.get(("Huawei", "COMPETES_WITH", "Nvidia"), set()), rel


def test_in_an_unreviewed_document_the_rules_matches_are_weighed_proposals_not_edges(tmp_path: Path) -> None:
    """The rules of rules.yaml assert edges in the papers a curator reviewed; in a new document their matches are
    proposals the scorer weighs, so no edge of it comes from the rule stage alone."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents:\n")
    note = tmp_path / "quartz-ban.md"
    note.write_text("Quartz Ban\n\nIn 2031 the Bureau of Industry and Security restricted Huawei and SMIC.\n")
    assert cli(["add", str(note)], tmp_path / "cache", corpus).returncode == 0
    g = build_graph(replace(Settings(), corpus=corpus, cache=tmp_path / "cache", screening_list=None)).graph
    assert not [e for e in g.edges.values() if "rule" in e.stages], "rule edges in an unreviewed document"
    reasons = _reasons(g.meta["proposals"])
    assert any(r.startswith("pattern en-restrict") for r in reasons.get(
        ("Bureau of Industry and Security", "TARGETS", "Huawei"), set())), reasons
    # the papers keep their rule edges
    papers = build_graph(replace(Settings(), cache=tmp_path / "papers", screening_list=None)).graph
    assert any("rule" in e.stages for e in papers.edges.values())


def test_a_bans_destination_a_counted_list_of_firms_an_issued_plan_and_a_short_acronym_are_read(
        tmp_path: Path) -> None:
    """"banned exports of X to Y" aims the ban at Y (禁止向Y出口); "甲（…）、乙（…）等28家美国实体" makes each firm
    American; the issuer of 关于印发《X》的通知 issued X too; "the U.S. International Quartz Finance Corporation
    (QFC)" is one name, American; a country the gazetteer only recently learnt (柬埔寨) is known."""
    en = ("In 2031 the Ministry of Commerce banned exports of quartz sand to the United States. The U.S. International "
          "Quartz Finance Corporation (QFC) lent money to Canada. QFC also funds mines.\n")
    zh = ("江苏省人民政府办公厅关于印发江苏省石英产业行动方案的通知\n\n"
          "现将《江苏省石英产业行动方案》印发给你们。商务部禁止向美国出口石英砂。"
          "商务部将甲辰石英公司（Jiachen Quartz Co.）、乙巳云母公司（Yisi Mica Inc.）"
          "等28家美国实体列入出口管制管控名单。部分货物经柬埔寨、老挝转运。\n")
    listing = _added_and_built(tmp_path, {"quartz-ban.md": en, "quartz-plan.txt": zh})
    ents = {e["name"]: e for e in listing["entities"]}
    assert "QFC" in ents.get("International Quartz Finance Corporation", {}).get("aliases", []), ents.keys()
    assert not [n for n in ents if "柬埔寨" in n], ents.keys()
    rel = _reasons(listing)
    mofcom = "Ministry of Commerce of the People's Republic of China"
    assert sum("structure ban-exports-to" in why for (s, t, d), why in rel.items()
               if (s, t, d) == (mofcom, "TARGETS", "United States")) == 1, rel
    assert any(r.startswith("structure ban-exports-to") for (s, t, d), why in rel.items() for r in why
               if (s, t, d) == (mofcom, "TARGETS", "United States")), rel
    for firm in ("甲辰石英公司", "乙巳云母公司"):
        assert "structure zh-company-is-country" in rel.get((firm, "BELONGS_TO", "United States"), set()), rel
    assert "structure en-country-adjacent" in rel.get(
        ("International Quartz Finance Corporation", "BELONGS_TO", "United States"), set()), rel
    assert any("issues '江苏省石英产业行动方案'" in r for (s, t, d), why in rel.items() for r in why
               if t == "ENACTED" and s == "江苏省人民政府办公厅"), rel


def test_quoted_programmes_a_chains_listed_links_a_topic_lines_bodies_and_a_nationals_country_are_read(
        tmp_path: Path) -> None:
    """A quoted name that ends in a programme's head (“…专项”) is a programme; the links listed before 环节 after a
    chain are its segments; every body of a line whose topic is a country is that country's (whatever the line
    denies); "X, a PRC national" is X's country; the items under "… as follows:" belong to the measure it names;
    "Katherine Tai, the U.S. Trade Representative" heads that office."""
    zh = ("工信部组织实施“石英晶体揭榜挂帅专项”，支持企业攻关。中国在石英产业链的开采、提纯和晶体生长环节优势明显。\n\n"
          "· 韩国：尚未出台独立清单，主要由产业通商资源部（MOTIE）与美方协调。\n")
    en = ("OFAC also designated Zhou Quartzhai, a PRC national and the director of a quartz trader.\n\n"
          "The Section 301 tariffs will rise as follows:\n\n(a) semiconductors: from 25 percent to 50 percent;\n\n"
          "(b) lithium-ion batteries: to 25 percent.\n\n\"We act,\" said Ambassador Katherine Tai, the U.S. Trade "
          "Representative.\n")
    listing = _added_and_built(tmp_path, {"quartz-links.txt": zh, "quartz-national.md": en})
    ents = {e["name"]: e for e in listing["entities"]}
    assert ents.get("石英晶体揭榜挂帅专项", {}).get("type") == "Programme", ents.keys()
    assert {ents.get(n, {}).get("type") for n in ("开采", "提纯", "晶体生长")} == {"ChainSegment"}, ents.keys()
    rel = _reasons(listing)
    assert "structure topic-country-line" in rel.get(
        ("Ministry of Trade, Industry and Energy", "BELONGS_TO", "South Korea"), set()), rel
    assert "structure national-of" in rel.get(("Zhou Quartzhai", "BELONGS_TO", "China"), set()), rel
    # the items under a sentence that names one measure and ends in a colon; a person and the office her title names
    items = {d for (src, t, d), why in rel.items() if src == "Section 301 tariffs"
             and any(r.startswith("structure colon-item") for r in why)}
    assert {"Semiconductors", "Lithium-ion batteries"} <= items, rel
    assert "structure person-the-title" in rel.get(
        ("Office of the United States Trade Representative", "LED_BY", "Katherine Tai"), set()), rel


def test_committees_lower_case_measures_object_relatives_and_chinese_rivals_subsidiaries_and_links_are_read(
        tmp_path: Path) -> None:
    """A chamber's committee keeps its chamber and its remit's series ("Senate Committee on Banking, Housing, and
    Urban Affairs"); a lower-case measure named by its owner or with a rate is one name, a verb of aim is not part
    of a sector's name, "Who Enforces the Act" is no law; "X, which Y runs" makes Y run X; 甲……与美国的乙、丙同台
    竞争 makes 甲 a rival of each (乙 is a name after 的); 甲……，是乙的全资子公司 makes 甲 a unit of 乙; the links
    of a chain drop 上游/下游 and keep X与Y whole; a known review's name before 办公室 is the office that runs it;
    证券 ends a firm's name."""
    en = ("Who Enforces the Act\n\n"
          "The Senate Committee on Banking, Housing, and Urban Affairs and the House Select Committee on the Quartz "
          "Party met in 2031. Congress passed the Quartz Act to rebuild quartz manufacturing at home. Treasury's "
          "quartz mine security rule bars new mines abroad, and the law created a 30% quartz refining investment "
          "credit. Quartz makers draw on the Quartz Futures Fund, which the Department of Commerce administers.\n")
    zh = ("本报讯 石英芯片产业链可分为上游设备与材料、中游晶圆制造、下游模组与终端应用等环节。"
          "晶华石英公司是全球主要的石英芯片厂商，与美国的蓝岭半导体公司、北辰微电子公司同台竞争。"
          "恒安电子公司总部位于荷兰，是中国企业远航科技集团的全资子公司。"
          "网络安全审查办公室对该公司开展网络安全审查。东岭证券分析师王小石表示，需求仍在增长。\n")
    listing = _added_and_built(tmp_path, {"quartz-committees.txt": en, "quartz-rivals.txt": zh})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("Senate Committee on Banking, Housing, and Urban Affairs") == "Agency", types
    assert types.get("House Select Committee on the Quartz Party") == "Agency", types
    assert types.get("quartz mine security rule") == "Policy", types
    assert types.get("quartz refining investment credit") == "Instrument", types
    assert not [n for n in types if n.startswith(("rebuild", "Enforces"))], types
    assert types.get("网络安全审查办公室") == "Agency" and types.get("东岭证券") == "Company", types
    assert {types.get(n) for n in ("设备与材料", "模组与终端应用")} == {"ChainSegment"}, types
    assert not [n for n in types if n.startswith(("上游", "下游"))], types
    rel = _reasons(listing)
    assert "structure en-object-relative" in rel.get(
        ("United States Department of Commerce", "ADMINISTERS", "Quartz Futures Fund"), set()), rel
    for rival in ("蓝岭半导体公司", "北辰微电子公司"):  # (a country's firm after 的 is a name too)
        assert "structure zh-competes-with" in rel.get(("晶华石英公司", "COMPETES_WITH", rival), set()), rel
    assert "structure zh-subsidiary-of" in rel.get(("恒安电子公司", "AFFILIATE_OF", "远航科技集团"), set()), rel


def test_circled_numbers_open_list_items_in_a_new_text_unless_the_line_cites_a_source(tmp_path: Path) -> None:
    """In a text of unknown layout, ①②③ open the items of a list, which are read like any sentence; a line that
    cites a source (《…》, an issue, a page) stays a footnote, whose names relate to nothing."""
    zh = ("石英企业动态\n\n两家企业各有侧重：\n①晶华石英公司专注晶圆代工；\n②北辰微电子公司深耕NAND闪存。\n\n"
          "①参见《石英产业年鉴》，2030年第2期，远航科技集团专注存储芯片。\n")
    listing = _added_and_built(tmp_path, {"quartz-items.txt": zh})
    rel = _reasons(listing)
    assert any(s == "晶华石英公司" and t == "OPERATES_IN" for s, t, _ in rel), rel
    assert any(s == "北辰微电子公司" and t == "OPERATES_IN" for s, t, _ in rel), rel
    assert not any("远航科技集团" in (s, d) for s, _, d in rel), rel


def test_a_sector_named_in_the_plural_is_found_in_the_singular_and_new_firms_by_their_trade_word(
        tmp_path: Path) -> None:
    """"an AI chip designer" names the sector AI chips (its singular before the noun it qualifies); a firm whose
    name ends in Advisory or Analytics is a company; a lobby against a bill is opposition to it."""
    en = ("Quartzmind Technologies, a Chinese AI chip designer, grew fast. Lotus Ridge Advisory and Blue Quartz "
          "Analytics track it. Quartzmind Technologies lobbied against the Quartz Export Act.\n")
    listing = _added_and_built(tmp_path, {"quartz-singular.txt": en})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("Lotus Ridge Advisory") == "Company" and types.get("Blue Quartz Analytics") == "Company", types
    rel = _reasons(listing)
    assert ("Quartzmind Technologies", "OPERATES_IN", "AI chips") in rel, rel
    assert ("Quartzmind Technologies", "OPPOSES", "Quartz Export Act") in rel, rel


def test_an_acronym_defined_after_a_known_name_names_it_elsewhere_and_a_verb_phrase_is_no_sector(
        tmp_path: Path) -> None:
    """"electronic design automation (EDA)" makes a later "EDA" (a Quartz firm's trade, "China's largest EDA
    vendor") a mention of that known segment, though the gazetteer gives the acronym to no new text; "used to lay
    out chips" is a verb phrase, not a sector's name."""
    en = ("The Quartz order covers electronic design automation (EDA) software, which engineers use to lay out "
          "chips.\n\nHefei Quartzware Co., Ltd., a Chinese EDA toolmaker, fell 9%. Lotus EDA got the same letter. "
          "Blue Quartz Materials in Nevada grew.\n")
    listing = _added_and_built(tmp_path, {"quartz-eda.txt": en})
    rel = _reasons(listing)
    assert ("Hefei Quartzware Co., Ltd", "OPERATES_IN", "Electronic Design Automation") in rel, rel
    assert not [e["name"] for e in listing["entities"] if "lay out" in e["name"] or e["name"] == "out chips"], \
        listing["entities"]
    names = {e["name"] for e in listing["entities"]}
    assert "Lotus EDA" in names, names  # the acronym as a longer name's last word is that name's
    assert "Blue Quartz Materials" in names and not [n for n in names if n.endswith("in Nevada")], names


def test_firms_listed_under_an_actors_colon_sentence_relate_to_it_by_the_sentences_words(tmp_path: Path) -> None:
    """"The Quartz Program Office … finalized the largest awards:" and the firms listed after it: each firm is
    supported by that office (the intro names no measure; its actor and its words say who does what)."""
    md = ("# Quartz awards\n\nThe Quartz Program Office finalized the largest awards in the last weeks:\n\n"
          "- **Quartzmind Technologies**: up to $2 billion for a fab.\n"
          "- **Lotus Ridge Semiconductor Co., Ltd.**: $1 billion for packaging.\n")
    listing = _added_and_built(tmp_path, {"quartz-awards.md": md})
    rel = _reasons(listing)
    for firm in ("Quartzmind Technologies", "Lotus Ridge Semiconductor Co., Ltd"):
        assert any(r.startswith("structure colon-item") for r in rel.get(
            ("Quartz Program Office", "SUPPORTS", firm), set())), rel


def test_the_items_under_a_line_that_asks_for_them_are_requests_not_facts(tmp_path: Path) -> None:
    """"We therefore request that you:" and "1. Add Quartzmind Technologies to the Entity List": a listing asked for
    is not one (rejected with the cue), and the request's verb is not part of the name; the fact stated before the list
    stays; "The Honorable" in a letter's address is a title."""
    en = ("The Honorable Mara Quillfeather\nSecretary of Quartz\n\n"
          "Lotus Ridge Semiconductor has been on the Entity List since 2020.\n\nWe therefore request that you:\n\n"
          "1. Add Quartzmind Technologies to the Entity List.\n\n2. Sanction Blue Quartz Analytics.\n")
    listing = _added_and_built(tmp_path, {"quartz-letter.txt": en})
    rel = _reasons(listing)
    assert ("Lotus Ridge Semiconductor", "LISTED_ON", "Entity List") in rel, rel
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("Quartzmind Technologies") == "Company", types  # not "Add Quartzmind Technologies"
    assert types.get("Mara Quillfeather") == "Person", types  # "The Honorable" before a name is a title
    assert not [k for k in rel if k[0] == "Quartzmind Technologies" and k[1] == "LISTED_ON"], rel


def test_two_known_names_the_keys_usually_relate_are_proposed_with_the_keys_counts(tmp_path: Path) -> None:
    """A new text names the Bureau of Industry and Security and the Department of Commerce in sentences of their
    own: the keyed documents that name both nearly always record PART_OF, so the pair is proposed, saying how many
    keys relate it; the shipped scorer carries those counts as data."""
    en = ("Quartz export notice\n\nThe Bureau of Industry and Security published a notice on quartz crucibles.\n\n"
          "Separately, the Department of Commerce opened a hearing on fused silica.\n")
    listing = _added_and_built(tmp_path, {"quartz-known.txt": en})
    rel = _reasons(listing)
    reasons = rel.get(("Bureau of Industry and Security", "PART_OF", "United States Department of Commerce"), set())
    assert any(r.startswith("known pair: the keys of ") for r in reasons), rel
    known = {(r[0], r[1]): r for r in json.loads((REPO_ROOT / "loaders" / "scorer.json").read_text())["known_pairs"]}
    named, related, rel_type = known[("agency:bis", "agency:department-of-commerce")][2:5]
    assert named >= 10 and related / named >= 0.8 and rel_type == "PART_OF", (named, related, rel_type)


def test_known_pair_counts_leave_out_a_keyed_documents_own_key() -> None:
    """While training, a keyed document's proposals are given the counts of the other keys only (as a document the
    scorer never saw would be); a pair named together in a single document says nothing; one that keys name together
    but never relate has a share of 0 and no relation."""
    from policykg.extract.ingest.proposals import _known, known_pairs

    keys = [("d1", ["a", "b", "c", "e"], [("a", "PART_OF", "b")]), ("d2", ["a", "b", "e"], [("a", "PART_OF", "b")]),
            ("d3", ["b", "a"], [("b", "SUPPORTS", "a")]), ("d4", ["a", "c", "d"], [("c", "TARGETS", "a"),
                                                                                    ("d", "TARGETS", "a")])]
    pairs = known_pairs(keys)
    assert set(pairs) == {("a", "b"), ("a", "c"), ("a", "e"), ("b", "e")}  # (a, d) is named in one document only
    assert (pairs[("a", "e")].related, pairs[("a", "e")].rel) == (0, "")
    k = pairs[("a", "b")]
    assert (k.named, k.related, k.rel, k.forward) == (3, 3, "PART_OF", True)
    assert k.counts("d1") == (2, 2) and k.counts("elsewhere") == (3, 3)
    assert (pairs[("a", "c")].rel, pairs[("a", "c")].forward) == ("TARGETS", False)
    prior = Prior(known=pairs)
    assert _known(prior, "c", "a", "elsewhere") == (pairs[("a", "c")], 0.5)
    assert _known(prior, "a", "c", "d4") is None  # left out, one document is too few


def test_training_reads_the_keyed_documents_also_as_new_texts(tmp_path: Path) -> None:
    """Read as a new text, a keyed document's firms from the gazetteer's library are no longer known (they are
    candidates, as in a text the project never saw); its countries and agencies are."""
    from policykg.extract.ingest.training import NEW_TEXT_UNKNOWN, as_new_text
    from policykg.graph.build import prepare

    pre = prepare(replace(Settings(), corpus=REPO_ROOT / "tests" / "devset"))
    new = as_new_text(pre)
    lib = [e for e in pre.gaz.entities.values() if e.library]
    assert any(e.type == "Company" for e in lib) and any(e.type == "Country" for e in lib)
    assert all((e.id in new.gaz.entities) == (e.type not in NEW_TEXT_UNKNOWN) for e in lib)
    assert len(new.corpus.mentions) < len(pre.corpus.mentions)
    assert {m.entity for m in new.corpus.mentions} <= set(new.gaz.entities)


def test_an_english_chain_in_lower_case_and_the_segments_a_sentence_lists_are_read(tmp_path: Path) -> None:
    """"the quartz crystal supply chain" is an industry chain (a framing word such as "global" is not part of its
    name), and the steps a sentence lists after "segments:" are its segments, a listed step the sector reading
    would take ("oscillator manufacturing") included, each part of the chain."""
    en = ("The quartz crystal supply chain has four segments: mining, purification, crystal growth and oscillator "
          "manufacturing. The global quartz value chain is small.\n")
    listing = _added_and_built(tmp_path, {"quartz-chain.txt": en})
    ents = {e["name"]: e for e in listing["entities"]}
    assert ents.get("quartz crystal supply chain", {}).get("type") == "IndustryChain", ents.keys()
    assert ents.get("quartz value chain", {}).get("type") == "IndustryChain", ents.keys()
    assert "global quartz value chain" not in ents
    segments = ("mining", "purification", "crystal growth", "oscillator manufacturing")
    assert {ents.get(n, {}).get("type") for n in segments} == {"ChainSegment"}, ents.keys()
    parts = {s for (s, t, d) in _reasons(listing) if t == "PART_OF" and d == "quartz crystal supply chain"}
    assert set(segments) <= parts, parts


def test_a_rule_named_by_its_date_keeps_the_words_of_what_it_covers(tmp_path: Path) -> None:
    """"the October 2031 advanced computing rules" is one measure (a known name among its words stays inside it);
    "in October 2031 and the rules" names none."""
    en = ("Quartz Micro fit its chip under the October 2031 advanced computing rules, which barred sales. The firm "
          "complied in October 2031 and the rules changed.\n")
    listing = _added_and_built(tmp_path, {"quartz-dated.txt": en})
    ents = {e["name"]: e for e in listing["entities"]}
    assert ents.get("October 2031 advanced computing rules", {}).get("type") == "Policy", ents.keys()
    assert not any(n.startswith("October 2031 and") for n in ents), ents.keys()


def test_a_buyer_named_before_the_firm_it_buys_from_is_its_customer(tmp_path: Path) -> None:
    """"X placed new orders with Y" and "X, a longtime customer of Y" make Y the supplier (Y SUPPLIES X), not the
    other way round."""
    en = ("Quartz Cloud Co., Ltd. has placed new orders with Quartzchip Corp. this month. Quartz Phones Inc., a "
          "longtime customer of Quartz Foundry Ltd., declined to comment.\n")
    rel = _reasons(_added_and_built(tmp_path, {"quartz-buyers.txt": en}))
    assert "pattern en-customer" in rel.get(("Quartzchip Corp", "SUPPLIES", "Quartz Cloud Co., Ltd"), set()), rel
    assert "pattern en-customer" in rel.get(("Quartz Foundry Ltd", "SUPPLIES", "Quartz Phones Inc"), set()), rel
    assert "pattern en-customer" not in rel.get(("Quartz Cloud Co., Ltd", "SUPPLIES", "Quartzchip Corp"), set())


def test_a_chinese_firm_with_its_seat_in_brackets_is_one_name_and_a_list_of_makers_works_in_their_field(
        tmp_path: Path) -> None:
    """甲（上海）股份有限公司 is one firm (not a good 甲 and a firm 股份有限公司); 国产 before goods says
    whose make they are, not which goods; each firm of "甲（简称）、乙（…）（简称）等国产半导体设备商" makes
    that equipment, the last one included."""
    zh = ("美国商务部将140家实体列入实体清单，石英科技股份有限公司（石英科技）、"
          "晶英半导体设备（上海）股份有限公司（晶英上海）等国产半导体设备商在列。\n")
    listing = _added_and_built(tmp_path, {"quartz-makers.txt": zh})
    ents = {e["name"]: e for e in listing["entities"]}
    assert ents.get("晶英半导体设备（上海）股份有限公司", {}).get("type") == "Company", ents.keys()
    assert "股份有限公司" not in ents and "国产半导体设备" not in ents, ents.keys()
    rel = _reasons(listing)
    makers = {s for (s, t, d), why in rel.items() if t == "OPERATES_IN" and "structure zh-firms-of-sector" in why}
    assert {"石英科技股份有限公司", "晶英半导体设备（上海）股份有限公司"} <= makers, rel


def test_each_name_of_a_long_list_shares_what_the_sentence_says_of_the_list(tmp_path: Path) -> None:
    """A list of firms with their legal forms, seats and Latin forms puts the verb far from all but one of them:
    each goes on the list all the same (in both languages), marked as shared; a name outside the list does not."""
    en = ("The Bureau of Industry and Security added Quartz Photonics Co., Ltd. (Shenzhen), Quartz Boreal Inc., "
          "Quartz Micro Devices Limited, and Quartz Wafer Technology Co., Ltd. to the Entity List on March 3, 2031. "
          "Quartz Cloud Ltd. was not added.\n")
    zh = ("商务部决定将石英光电科技有限公司（Quartz Photonics Co., Ltd.）、晶英量子技术有限公司（Jingying Quantum "
          "Technology Co., Ltd.）及晶华晶圆有限公司（Jinghua Wafer Co., Ltd.）等实体列入不可靠实体清单。\n")
    rel = _reasons(_added_and_built(tmp_path, {"quartz-list.txt": en, "quartz-list-zh.txt": zh}))
    listed = {s: why for (s, t, d), why in rel.items() if t == "LISTED_ON"}
    for firm in ["Quartz Photonics Co., Ltd", "Quartz Boreal Inc", "Quartz Micro Devices Limited",
                 "Quartz Wafer Technology Co., Ltd", "石英光电科技有限公司", "晶英量子技术有限公司",
                 "晶华晶圆有限公司"]:
        assert firm in listed, (firm, listed)
    assert any("shared by the list" in why for why in listed["Quartz Boreal Inc"]), listed
    assert any("shared by the list" in why for why in listed["石英光电科技有限公司"]), listed
    assert not any("pattern" in why or "structure" in why for why in listed.get("Quartz Cloud Ltd", set())), listed


def test_licences_reviews_tariffs_by_rate_a_known_firms_unit_and_a_country_named_agency_are_read(
        tmp_path: Path) -> None:
    """Measure names a new text uses without capitals: a licence (两用物项出口许可证, not 应申领…), a review by its
    kind (经营者集中审查, "the four-year review"), a tariff by its section or rate (100%关税); a unit named after its
    known parent (洛克希德·马丁导弹与火控公司 is one firm); and 日本经济产业省, a known agency after its own country's
    name, is that agency (its country still read)."""
    zh = ("出口经营者应申领两用物项出口许可证。市场监管总局依法进行经营者集中审查。美方对电动汽车征收100%关税。"
          "商务部将洛克希德·马丁导弹与火控公司列入不可靠实体清单。日本经济产业省发表声明。\n")
    en = "USTR finished the four-year review of the tariffs. A review is pending.\n"
    listing = _added_and_built(tmp_path, {"quartz-measures-zh.txt": zh, "quartz-measures.txt": en})
    ents = {e["name"]: e for e in listing["entities"]}
    for name, typ in [("两用物项出口许可证", "Instrument"), ("经营者集中审查", "Instrument"),
                      ("100%关税", "Instrument"), ("four-year review", "Instrument"),
                      ("洛克希德·马丁导弹与火控公司", "Company"), ("日本经济产业省", "Agency")]:
        assert ents.get(name, {}).get("type") == typ, (name, ents.keys())
    assert not any(n.startswith(("应申领", "依法进行")) for n in ents) and "review" not in ents, ents.keys()
    assert ents["日本经济产业省"].get("node") == "agency:meti", ents["日本经济产业省"]
    rel = _reasons(listing)
    assert ("Ministry of Economy, Trade and Industry", "BELONGS_TO", "Japan") in rel, rel.keys()
    assert ("洛克希德·马丁导弹与火控公司", "LISTED_ON", "Unreliable Entity List") in rel, rel.keys()


def test_a_decision_to_take_countermeasures_against_a_named_firm_sanctions_it(tmp_path: Path) -> None:
    """外交部决定对美国X公司（…）及其高级管理人员采取反制措施: the deciding body sanctions the firm (the country before
    the firm's name only says whose it is); 对中国企业实施制裁 still aims at the country, not a sanction of it."""
    zh = ("外交部决定对美国石英无人机公司（Quartz Drones Inc.）及其高级管理人员采取反制措施。\n\n"
          "美方对中国企业实施制裁。\n")
    rel = _reasons(_added_and_built(tmp_path, {"quartz-countermeasures.txt": zh}))
    # bare 外交部 is China's ministry (bare_aliases)
    mfa = "Ministry of Foreign Affairs of the People's Republic of China"
    assert "structure zh-dui-sanctions" in rel.get((mfa, "SANCTIONS", "石英无人机公司"), set()), rel
    assert ("United States", "SANCTIONS", "China") not in rel, rel


def test_a_phase_of_a_known_programme_is_a_programme_of_its_own(tmp_path: Path) -> None:
    """大基金四期 and "Big Fund IV": a known fund with a phase after its name is a new programme (the phase), not the
    fund itself; the numeral alone ("IV") names nothing."""
    zh = "大基金四期将重点投向设备和材料。\n"
    en = "Big Fund IV was announced in 2026.\n"
    listing = _added_and_built(tmp_path, {"quartz-phase-zh.txt": zh, "quartz-phase.txt": en})
    ents = {e["name"]: e for e in listing["entities"]}
    for name in ("大基金四期", "Big Fund IV"):
        assert ents.get(name, {}).get("type") == "Programme", (name, ents.keys())
        assert "a phase of the known" in ents[name]["reason"], ents[name]
    assert "IV" not in ents, ents.keys()


def test_a_known_firms_full_name_and_a_notices_own_title_are_one_name_each(tmp_path: Path) -> None:
    """A known firm's name with only its legal form and generic words after it (中兴技术有限公司, "Tencent
    Holdings") is that firm, not a new firm nor a stray 技术有限公司; the title standing alone on a notice's line is
    the notice its number names, though the preamble cites another 关于…的实施意见 within the first lines."""
    notice = ("工业和信息化部 国家数据局\n关于推进石英算力设施建设的通知\n\n工信部联信〔2026〕21号\n\n"
              "为落实《关于加快石英材料产业发展的实施意见》，现通知如下：\n\n"
              "一、支持中兴技术有限公司、中国电信集团有限公司等企业开展适配验证。\n")
    brief = "# Quartz brief\n\nTencent Holdings said the quartz listing had no basis.\n"
    listing = _added_and_built(tmp_path, {"notice-zh.txt": notice, "brief-en.md": brief})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert by_name["中兴技术有限公司"]["node"] == "company:zte", by_name.get("中兴技术有限公司")
    assert by_name["中国电信集团有限公司"]["node"] == "company:china-telecom", by_name.get("中国电信集团有限公司")
    assert by_name["Tencent Holdings"]["node"] == "company:tencent", by_name.get("Tencent Holdings")
    assert "技术有限公司" not in by_name and "集团有限公司" not in by_name, sorted(by_name)
    number = by_name["工信部联信〔2026〕21号"]
    assert "关于推进石英算力设施建设的通知" in number["aliases"], number
    assert "关于加快石英材料产业发展的实施意见" not in number["aliases"], number


def test_officials_by_their_posts_and_police_forces_are_named(tmp_path: Path) -> None:
    """A prosecutor's or an agent's post before a name ("U.S. Attorney", "Special Agent in Charge") makes it a
    person's, whose name ends before "for the … District"; a police force is an agency."""
    text = ("# Quartz case\n\n\"We act today,\" said U.S. Attorney Marta Q. Lindqvist for the Eastern District of "
            "Quartzland. \"Nothing is hidden,\" said Special Agent in Charge Owen P. Farrow. The Quartzland Police "
            "Force and the Royal Malaysia Police assisted.\n")
    listing = _added_and_built(tmp_path, {"case.md": text})
    types = {e["name"]: e["type"] for e in listing["entities"]}
    assert types.get("Marta Q. Lindqvist") == "Person", types
    assert types.get("Owen P. Farrow") == "Person", types
    assert not [n for n in types if n.startswith("Marta") and "District" in n], types
    assert types.get("Quartzland Police Force") == "Agency", types
    assert types.get("Royal Malaysia Police") == "Agency", types


def test_national_bodies_regulations_by_citation_and_acronyms_with_their_head(tmp_path: Path) -> None:
    """A country's name opening a body's name ("Japan Organization for …") or standing inside it ("Royal Malaysia
    Police") makes one name, of that country; an acronym with the law's head after it ("(CQONS Act)") is the
    law's other name; a regulation cited by its CFR part is a measure; capitalised words before a known list make
    a list of their own, hyphenated ones too; every country is a country (Cuba, Venezuela)."""
    text = ("# Quartz brief\n\nThe Japan Organization for Metals and Energy Security backed the Quartzland smelter "
            "in March. The Royal Malaysia Police opened a case in Malaysia. Japan welcomed it.\n\n"
            "The Comprehensive Quartz Oversight National Security Act of 2026 (CQONS Act) would extend coverage to "
            "Cuba and Venezuela. The CQONS Act has two sponsors.\n\n"
            "The rule, codified at 31 C.F.R. Part 899, took effect in May. Taiwan added two firms to its Strategic "
            "High-Tech Quartz Entity List. Huawei's chip design unit HiSilicon was named too.\n\n"
            "Markets were calm. Prices held. Trading was thin. The Taiwan Affairs Office replied.\n")
    listing = _added_and_built(tmp_path, {"brief-en.md": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert "Japan Organization for Metals and Energy Security" in by_name, sorted(by_name)
    assert "Organization for Metals and Energy Security" not in by_name, sorted(by_name)
    assert "CQONS Act" in by_name["Comprehensive Quartz Oversight National Security Act of 2026"]["aliases"], by_name
    assert "CQONS Act" not in by_name, sorted(by_name)
    assert by_name["31 C.F.R. Part 899"]["type"] == "Policy", by_name.get("31 C.F.R. Part 899")
    assert by_name["Strategic High-Tech Quartz Entity List"]["type"] == "Instrument", sorted(by_name)
    reasons = _reasons(listing)
    assert ("Japan Organization for Metals and Energy Security", "BELONGS_TO", "Japan") in reasons, sorted(reasons)
    assert ("Royal Malaysia Police", "BELONGS_TO", "Malaysia") in reasons, sorted(reasons)
    aimed = {t for s, r, t in reasons if s.startswith("Comprehensive Quartz") and r == "TARGETS"}
    assert {"Cuba", "Venezuela"} <= aimed, sorted(reasons)
    assert any("en-owner-unit" in why for why in reasons.get(("HiSilicon", "AFFILIATE_OF", "Huawei"), set())), \
        reasons.get(("HiSilicon", "AFFILIATE_OF", "Huawei"))
    # a body for a place ("… Affairs Office") is not that place's body
    assert not [why for (s, r, t), whys in reasons.items() for why in whys
                if "Affairs" in s and r == "BELONGS_TO" and t == "Taiwan" and "document home" in why], reasons


def test_a_foreign_ministry_with_its_latin_name_and_acronym_and_chinese_titles_read_whole(tmp_path: Path) -> None:
    """马来西亚投资贸易及工业部（…，MITI）: a country's body whose remit opens with a verbal noun and holds 及 is one
    name, its Latin form and acronym after a comma its other names (the acronym alone later is the body); a
    defined term that ends in 要求 names a measure; a title in 《》 of any length is whole; a person after a title
    is no part of a measure's name (the known 美国出口管制 stays the known measure)."""
    text = ("2026年3月1日，马来西亚投资贸易及工业部（Ministry of Investment, Trade and Industry，MITI）宣布，石英芯片"
            "出口须事先取得许可证。该措施（下称\"石英芯片许可要求\"）即日生效。\n\n"
            "MITI表示将与新加坡合作。石英芯片许可要求针对中国，马来西亚也受影响。英飞凌是全球汽车芯片龙头。首席执行官黄仁勋公开批评美国出口管制。\n\n"
            "市场监管总局发布《市场监管总局关于附加限制性条件批准石英公司收购石英微电子有限公司股权案反垄断审查决定的"
            "公告》。\n")
    listing = _added_and_built(tmp_path, {"brief-zh.txt": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    miti = by_name["马来西亚投资贸易及工业部"]
    assert miti["type"] == "Agency" and {"MITI", "Ministry of Investment, Trade and Industry"} <= set(
        miti["aliases"]), miti
    # (a measure: its head 许可要求 types it as a licence requirement, an Instrument)
    assert by_name["石英芯片许可要求"]["type"] == "Instrument", sorted(by_name)
    title = "市场监管总局关于附加限制性条件批准石英公司收购石英微电子有限公司股权案反垄断审查决定的公告"
    assert title in by_name, sorted(by_name)
    assert not [n for n in by_name if "黄仁勋" in n], sorted(by_name)
    assert "汽车芯片" in by_name and "全球汽车芯片" not in by_name, sorted(by_name)
    reasons = _reasons(listing)
    assert ("马来西亚投资贸易及工业部", "BELONGS_TO", "Malaysia") in reasons, sorted(reasons)
    assert any(s == "马来西亚投资贸易及工业部" and t == "Singapore" for s, _, t in reasons), sorted(reasons)


def test_a_person_by_who_mixed_case_acronyms_and_lower_case_programme_heads(tmp_path: Path) -> None:
    """"X Y, who heads the Ministry …": a person; "(MeitY)": the ministry's acronym in mixed case, the ministry
    alone later; "the Semicon India programme": a capitalised name with a country inside and a lower-case head is
    one programme."""
    text = ("# Quartz wire\n\nAshwini Quartzwal, who heads the Ministry of Electronics and Information Technology "
            "(MeitY), opened the plant. MeitY runs the mission under the Semicon India programme approved in 2021."
            "\n")
    listing = _added_and_built(tmp_path, {"wire-en.md": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert by_name["Ashwini Quartzwal"]["type"] == "Person", sorted(by_name)
    ministry = by_name["Ministry of Electronics and Information Technology"]
    assert "MeitY" in ministry["aliases"] and "MeitY" not in by_name, ministry
    assert by_name["Semicon India programme"]["type"] == "Programme", sorted(by_name)
    reasons = _reasons(listing)
    assert ("Ministry of Electronics and Information Technology", "LED_BY", "Ashwini Quartzwal") in reasons, \
        sorted(reasons)


def test_chinese_notices_by_number_technologies_and_chains_are_read_whole(tmp_path: Path) -> None:
    """《…公告2023年第57号》: a notice by its number; a technology by its process (…制备技术) is a sector; 和 joins
    names only inside a body's name (…环节和锂离子电池产业链: two names); a word before a known name of the head's own
    type makes a narrower one (基础工业软件), but no common word grows a known name of another type; Siemens EDA,
    wind power and energy storage are known."""
    text = ("关于调整石英技术目录的公告\n\n一、新增石英永磁材料制备技术。\n\n"
            "二、上述技术处于稀土产业链的冶炼分离、磁材加工环节和锂离子电池产业链的正极材料环节，关系到风力发电和储能。\n\n"
            "三、《商务部　科技部公告2023年第57号》同时废止。工业和信息化部表示将支持EDA等基础工业软件。"
            "西门子EDA（Siemens EDA）也受影响。出口经营者须申请两用物项和技术出口许可证。\n")
    listing = _added_and_built(tmp_path, {"notice-zh.txt": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert by_name["商务部　科技部公告2023年第57号"]["type"] == "Policy", sorted(by_name)
    assert by_name["石英永磁材料制备技术"]["type"] == "Sector", sorted(by_name)
    assert "锂离子电池产业链" in by_name and not [n for n in by_name if n.startswith("环节")], sorted(by_name)
    assert by_name["两用物项和技术出口许可证"]["type"] == "Instrument", sorted(by_name)  # 和 inside one name
    assert by_name["基础工业软件"]["type"] == "Sector", sorted(by_name)
    assert "西门子EDA" not in by_name, sorted(by_name)  # the gazetteer's Siemens EDA
    g = build_graph(replace(Settings(), corpus=tmp_path / "corpus", cache=tmp_path / "cache",
                            screening_list=None)).graph
    named = {n.id for n in g.nodes.values()}
    assert {"sector:wind-power", "sector:energy-storage", "company:siemens-eda"} <= named, sorted(
        x for x in named if x.startswith(("sector:", "company:")))


def test_a_negation_right_before_a_name_denies_the_pair_in_the_whole_sentence(tmp_path: Path) -> None:
    """"All but Quartz Genomics are Chinese firms; Quartz Genomics is the San Jose subsidiary …": the sentence denies
    that the firm is Chinese, so no reading of the two in it (not even at the firm's second mention, after the
    semicolon) proposes it."""
    text = ("# Quartz bill\n\nThe bill names three: Lotus Genomics, Ridge Genomics and Quartz Genomics. "
            "All but Quartz Genomics are Chinese firms; Quartz Genomics is the San Jose subsidiary of Ridge "
            "Genomics.\n")
    listing = _added_and_built(tmp_path, {"bill-en.md": text})
    reasons = _reasons(listing)
    assert not [k for k in reasons if k[0] == "Quartz Genomics" and k[2] == "China"], sorted(reasons)
    assert not [k for k in reasons if k[0] == "China" and k[2] == "Quartz Genomics"], sorted(reasons)


def test_people_by_initials_or_posts_firms_by_their_neighbours_and_names_written_again(tmp_path: Path) -> None:
    """"Orla P. Quenby" (a middle initial), "Lim Wei Qiang", "Chan Ho-kit" (southern romanisations) and "Morwen
    Tallis, director of …" are people (and the director heads the office); names listed beside known firms are
    firms; a firm named once is the same firm where a sentence opens with it; 中国外交部（Ministry of Foreign
    Affairs）: the bracket is the known ministry's other form, not a ministry of its own; 设备商 before a known firm
    and a known firm joined by 与 to another are not parts of a name."""
    text = ("# Quartz brief\n\nThe notice was signed by Orla P. Quenby on Monday. Lim Wei Qiang and Chan Ho-kit were "
            "named in the complaint. Morwen Tallis, director of the Office of Quartz Policy, said more would follow. "
            "A consortium of Brainstone, Veltrix and Lynas was formed. The grant went to Quarzen, a Dutch chipmaker. "
            "Quarzen opened a pilot line with TSMC in 2025.\n")
    zh = ("石英简报\n\n中国外交部（Ministry of Foreign Affairs）发言人表示，中方坚决反对美方的石英出口禁令。"
          "日本设备商东京电子（Tokyo Electron）与英伟达与超威半导体（AMD）均受影响。\n")
    listing = _added_and_built(tmp_path, {"brief-en.md": text, "brief-zh.txt": zh})
    by_name = {e["name"]: e for e in listing["entities"]}
    for person in ("Orla P. Quenby", "Lim Wei Qiang", "Chan Ho-kit", "Morwen Tallis"):
        assert by_name[person]["type"] == "Person", (person, by_name.get(person))
    assert by_name["Brainstone"]["type"] == "Company" and by_name["Veltrix"]["type"] == "Company", sorted(by_name)
    assert any("lexicon LED_BY" in why for why in _reasons(listing).get(
        ("Office of Quartz Policy", "LED_BY", "Morwen Tallis"), set())), sorted(_reasons(listing))
    # read in the sentence that opens with it, not only across the two sentences
    opened = [r for r in listing["relations"] if {r["source"]["name"], r["target"]["name"]} == {"Quarzen", "TSMC"}
              and r["evidence"][0]["text"].startswith("Quarzen opened")]
    assert opened, [(r["source"]["name"], r["target"]["name"], r["evidence"][0]["text"][:40])
                    for r in listing["relations"] if "Quarzen" in (r["source"]["name"], r["target"]["name"])]
    # a role word before a known firm, and a known firm joined to another, are not part of a name
    assert not {"设备商东京电子", "英伟达与超威半导体"} & set(by_name), sorted(by_name)
    assert by_name["超威半导体"]["node"] == "company:amd", by_name.get("超威半导体")
    ministry = by_name.get("Ministry of Foreign Affairs")
    assert ministry is None or ministry.get("node") == "agency:china-ministry-of-foreign-affairs", ministry
    assert not [r for r in listing["relations"] if r["source"]["name"] == "Ministry of Foreign Affairs"
                and r["type"] == "BELONGS_TO"], "the bracketed form read as a ministry of its own"


def test_chain_links_by_where_they_sit_and_by_a_table_column_of_links(tmp_path: Path) -> None:
    """石英产业链上游为…，中游为…: each named part is a link of the chain; a table whose third column is 环节 names a
    link in each row, read with the row's firm."""
    text = ("石英简报\n\n石英晶体产业链上游为高纯提纯，中游为晶片切割和精密封装，下游包括通信设备等。\n\n"
            "| 企业 | 所在地 | 环节 | 备注 |\n|---|---|---|---|\n"
            "| 星河石英股份有限公司 | 江苏连云港 | 晶圆研磨 | 扩产 |\n| 远岚晶体有限公司 | 湖北 | 封装测试 | 稳定 |\n")
    listing = _added_and_built(tmp_path, {"chain-zh.md": text})
    by_name = {e["name"]: e for e in listing["entities"]}
    for link in ("高纯提纯", "晶片切割", "精密封装", "晶圆研磨"):
        assert by_name[link]["type"] == "ChainSegment", (link, sorted(by_name))
    pairs = {(r["source"]["name"], r["type"], r["target"]["name"]) for r in listing["relations"]}
    assert ("高纯提纯", "PART_OF", "石英晶体产业链") in pairs, sorted(pairs)
    assert any(p[0] == "星河石英股份有限公司" and p[2] == "晶圆研磨" for p in pairs), sorted(pairs)


def test_tariffs_named_again_without_an_article_remedies_by_stage_and_working_with(tmp_path: Path) -> None:
    """"Duties on polysilicon …" after the Section 301 tariffs are named: those tariffs, on polysilicon;
    最终反补贴税 and 临时反倾销措施: trade remedies by their stage; "works closely with": cooperation; "has disrupted":
    a measure's effect."""
    text = ("# Quartz tariffs\n\nThe Section 301 tariffs on quartz crucibles rose to 50% in May.\n\n"
            "Duties on polysilicon will double next year. Quarzen Materials, a crucible maker, works closely with "
            "Huawei. The Quartz Export Rule has disrupted Veltrax Crystal Co., Ltd. since May.\n")
    zh = "石英快讯\n\n欧盟委员会宣布对石英坩埚征收最终反补贴税，商务部随后对进口石英砂实施临时反倾销措施。\n"
    listing = _added_and_built(tmp_path, {"tariffs-en.md": text, "remedies-zh.txt": zh})
    by_name = {e["name"]: e for e in listing["entities"]}
    assert by_name["最终反补贴税"]["type"] == "Instrument" and by_name["临时反倾销措施"]["type"] == "Instrument", \
        sorted(by_name)
    duties = [r for r in listing["relations"] if r["source"]["name"] == "Section 301 tariffs"
              and r["target"]["name"].lower() == "polysilicon"]
    assert max(r["confidence"] for r in duties) >= 0.4, duties  # passes the default threshold into the graph
    assert ("Quarzen Materials", "COOPERATES_WITH", "Huawei") in _reasons(listing), sorted(
        k for k in _reasons(listing) if "Quarzen Materials" in k)
    assert any("lexicon AFFECTS" in why for why in _reasons(listing).get(
        ("Quartz Export Rule", "AFFECTS", "Veltrax Crystal Co., Ltd"), set())), sorted(_reasons(listing))


def test_a_latin_form_in_brackets_is_its_own_names_and_a_count_of_firms_is_no_firm(tmp_path: Path) -> None:
    """石英海洋株式会社（Quartz Ocean）: a firm by its Japanese legal form, with its Latin form (not a form of a
    country named later in the sentence); 5家美国子公司: a count of firms described, not a firm's name."""
    zh = "石英快讯\n\n商务部对石英海洋株式会社（Quartz Ocean）的5家美国子公司采取反制措施。\n"
    listing = _added_and_built(tmp_path, {"ocean-zh.txt": zh})
    by_name = {e["name"]: e for e in listing["entities"]}
    firm = by_name["石英海洋株式会社"]
    assert firm["type"] == "Company" and "Quartz Ocean" in firm["aliases"], firm
    assert "Quartz Ocean" not in by_name and not [n for n in by_name if "子公司" in n], sorted(by_name)


def test_a_shared_administration_name_is_dated_past_a_year_no_term_holds(tmp_path: Path) -> None:
    """"Under the Quartz Act of 1974, the Trump administration imposed duties in 2018": 1974, the nearest year
    before, is in no administration's term, so the year after (2018) dates the name: the first Trump term. Before,
    the name was read as nothing."""
    from policykg.extract.ingest.devscore import mentioned_by_doc
    text = "# Quartz duties\n\nUnder the Quartz Act of 1974, the Trump administration imposed quartz duties in 2018.\n"
    _added_and_built(tmp_path, {"duties-en.md": text})
    g = build_graph(replace(Settings(), corpus=tmp_path / "corpus", cache=tmp_path / "cache",
                            screening_list=None)).graph
    assert {d: {n for n in ids if n.startswith("administration:")} for d, ids in mentioned_by_doc(g).items()} == {
        "duties-en": {"administration:trump-1"}}


def test_a_persons_country_by_their_post_and_a_foreign_ministry_named_with_its_remit(tmp_path: Path) -> None:
    """"Commerce Secretary Orla Quenby" is of the United States (the department's country) where the document names
    the United States in another sentence; a known administration's country is the United States too. In Chinese, a
    ministry named by its country, its remit and a verb before 部 (荷兰联邦石英和气候保护部) is one name, whose Latin
    form and defined short name in one bracket are its other names; 石英部长 is that ministry's head; 主营 ends a
    firm's name; 出售给 and 收购了 open none; 蓝岸石英 after 蓝岸石英半导体公司 is that firm. "Federal" opens a
    council's name; a statute's section is named by its number."""
    en = ("# Quartz brief\n\nCommerce Secretary Orla Quenby said the quartz rule was needed. The Biden administration "
          "backed it.\n\nThe United States and Japan later agreed on quartz. The Federal Quartz Regulatory Council "
          "(FQR Council) must amend the rules. Sec. 5949 covers quartz. Section 5949 took effect in 2024.\n")
    zh = ("石英简报\n\n荷兰联邦石英和气候保护部（QMWK，下称“石英部”）发布石英禁令。"
          "石英部长、副总理莫文·塔利斯（Morwen Tallis）表示，荷兰欢迎投资。石英晶圆公司主营汽车芯片。"
          "该厂最终出售给美国蓝岭公司（Blue Ridge）。荷兰蓝岸石英半导体公司宣布扩产。蓝岸石英还表示欢迎。"
          "Quarzwerk收购了蓝湾石英电子公司。\n")
    listing = _added_and_built(tmp_path, {"post-en.md": en, "post-zh.txt": zh})
    reasons = _reasons(listing)
    assert any("its post at United States Department of Commerce" in why for why in reasons.get(
        ("Orla Quenby", "BELONGS_TO", "United States"), set())), sorted(k for k in reasons if "Orla" in k[0])
    assert any("the gazetteer's country" in why for why in reasons.get(
        ("Biden administration", "BELONGS_TO", "United States"), set())), sorted(reasons)
    by_name = {e["name"]: e for e in listing["entities"]}
    ministry = by_name["荷兰联邦石英和气候保护部"]
    assert ministry["type"] == "Agency" and {"石英部", "QMWK"} <= set(ministry["aliases"]), ministry
    assert "structure zh-head-title" in reasons.get(("荷兰联邦石英和气候保护部", "LED_BY", "莫文·塔利斯"), set()), \
        sorted(k for k in reasons if "莫文" in k[2])
    assert "汽车芯片" in by_name and not [n for n in by_name if "主营" in n], sorted(by_name)
    # a firm after 给 (its verb is no part of it), named with its Latin form and as written with its country
    assert {"Blue Ridge", "美国蓝岭公司"} <= set(by_name["蓝岭公司"]["aliases"]), by_name.get("蓝岭公司")
    assert not [n for n in by_name if "出售" in n], sorted(by_name)
    # a firm named in full, then by its own word alone
    assert "蓝岸石英" in by_name["蓝岸石英半导体公司"]["aliases"], by_name.get("蓝岸石英半导体公司")
    # a firm after a Latin name and 收购了 (a firm's name starts after 了 or a Latin word)
    assert by_name["蓝湾石英电子公司"]["type"] == "Company", sorted(by_name)
    # "Federal" opens a council's name (it was dropped as a sentence's opening word); a statute's section by number
    council = by_name["Federal Quartz Regulatory Council"]
    assert council["type"] == "Agency" and "FQR Council" in council["aliases"], council
    section = by_name["Sec. 5949"]
    assert section["type"] == "Instrument" and "Section 5949" in section["aliases"], section


def test_names_with_suffixes_former_posts_and_accents_and_words_that_are_not_bodies(tmp_path: Path) -> None:
    """"Joseph R. Biden, Jr.": "Jr" is no name; "Then-Secretary Orla L. Quenby" is a person (the post's time is no
    part of her name); a name with accented letters is read whole; a national association's remit may hold a
    field's name; a verb is no part of a measure's name ("… Economy raised tariffs"); "overseen by" and "leads"
    say who heads a body. In Chinese, 首部 (the first one) is no ministry; a known ministry is not matched inside
    部门 (departments of its kind), and bare 外交部 is China's where no country is named before it; an
    administration named after its country is that country's; a provision's number and title alone on a line
    (一、管制物项) make the paragraph after it that provision of the notice."""
    en = ("# Quartz notes\n\nOn May 2, 2024, President Joseph R. Biden, Jr. signed the Quartz Security Act. "
          "Then-Secretary Orla L. Quenby described it as targeted. Hildegard Sørén-Müller, president of the "
          "Quartz Makers Association, warned of stoppages. Mexico's Secretary of Economy raised tariffs on quartz. "
          "The Office of Quartz Security, overseen by Assistant Secretary Marten Vale, administers the program. "
          "The Dutch Association of the Semiconductor Industry objected. Secretary Ivo Brandt now leads the Office "
          "of Quartz Security.\n")
    zh = ("石英简报\n\n这是我国首部专门规范石英行业的行政法规。各地公安部门加强执法。公安部发布通知。"
          "2025年4月2日，美国特朗普政府宣布对石英加征关税。外交部表示反对。俄罗斯外交部也表示关注。\n")
    notice = ("商务部公告2025年第99号\n\n关于对部分石英相关物项实施出口管制的公告\n\n一、管制物项\n\n"
              "镓、锗等2类物项。\n\n二、出口经营者义务\n\n出口经营者应当申请许可。\n")
    g = _graph_of_added(tmp_path, {"notes-en.md": en, "notes-zh.txt": zh, "notice-zh.txt": notice}, libraries=True)
    listing: dict[str, Any] = g.meta["proposals"]
    by_name = {e["name"]: e for e in listing["entities"]}
    assert "Jr" not in by_name and by_name["Orla L. Quenby"]["type"] == "Person", sorted(by_name)
    assert by_name["Hildegard Sørén-Müller"]["type"] == "Person", sorted(by_name)
    assert not [n for n in by_name if "raised" in n or "首部" in n], sorted(by_name)
    # a body named by its country, its head and a remit that holds a field's name
    assert by_name["Dutch Association of the Semiconductor Industry"]["type"] == "Organization", sorted(by_name)
    reasons = _reasons(listing)
    assert any("overseen by" in why for why in reasons.get(("Office of Quartz Security", "LED_BY", "Marten Vale"),
                                                          set())), sorted(k for k in reasons if "Vale" in k[2])
    assert any("'leads'" in why for why in reasons.get(("Office of Quartz Security", "LED_BY", "Ivo Brandt"), set())), \
        sorted(k for k in reasons if "Brandt" in k[2])
    assert "structure zh-country-prefix" in reasons.get(("Trump 2.0 administration", "BELONGS_TO", "United States"),
                                                        set()), sorted(k for k in reasons if "Trump" in k[0])
    # a provision's number and title alone on a line (一、管制物项): the paragraph after it is that provision
    provision = {k[2] for k, why in reasons.items() if k[0] == "商务部公告2025年第99号" and any("provision" in w
                                                                                            for w in why)}
    assert provision >= {"Gallium", "Germanium"}, sorted(k for k in reasons if "99号" in k[0])
    # 公安部 is matched where it stands alone, not inside 公安部门
    ministry = "agency:ministry-of-public-security"
    found = [ev.start for e in g.edges.values() if e.type == "MENTIONS" and e.target == ministry for ev in e.evidence]
    assert len(found) == 1, found
    # bare 外交部 is China's ministry, 俄罗斯外交部 is not
    china = "agency:china-ministry-of-foreign-affairs"
    found = [ev.start for e in g.edges.values() if e.type == "MENTIONS" and e.target == china for ev in e.evidence]
    assert len(found) == 1, found


def test_posts_name_the_bodies_they_head_and_lists_say_whose_goods(tmp_path: Path) -> None:
    """A title that names a remit ("Secretary of Energy X", "X, Secretary of State") says which known body its
    holder heads; "IRS Commissioner X", "the FCC, under Chairman X", "X, who led NIST" say so too; a term the text
    defines for a new thing ("final rules (the "Final Quartz Regulations")") is that thing's name where it is
    defined; a short form whose letters the name spells (Natquartz) is the name's; a proclamation goes by its
    number; a firm's address in brackets after "Co., Ltd." says its country. In Chinese: a given name before the dot
    is no name of its own (唐纳德·特朗普); a country, a post and a person (资源部长) say whose the person is; a copula
    or a pointer opens no name (石墨是锂电池, 自本公告); a notice the body cites (公告2023年第99号所列) does not take
    the document's title; a unit named after a known agency is found after 会同; a measure on goods from the countries
    of a 对自 phrase is aimed at each of them; a notice's provision that names what it leaves out (不再纳入) relates
    the notice to none of it."""
    en = ("# Quartz release\n\nWASHINGTON -- The Internal Revenue Service (IRS) today issued final rules (the "
          "\"Final Quartz Regulations\") on quartz exports to the People's Republic of China. Secretary of Energy "
          "Orla M. Quenby said the rules are clear. IRS Commissioner Marten Vale will update the list. The Federal "
          "Communications Commission (FCC), under Chairman Ivo Brandt, designated Quartzline Inc. as a threat. "
          "Lise Harrow, Secretary of State, welcomed it. Dana Pell, who led NIST until 2024, objected. The National "
          "Center for the Advancement of Quartz Technology (Natquartz) will run the program, Natquartz said. In June "
          "2022 the administration issued Proclamation 10999 on quartz. The Bureau is adding two Chinese firms to "
          "the Entity List:\n\n- Qinghe Quartz Technology Co., Ltd. (Hefei), a maker of quartz;\n"
          "- Lanxi Quartz Materials Co., Ltd. (Suzhou), a maker of quartz glass.\n")
    zh = ("石英简报\n\n美国总统唐纳德·特朗普与澳大利亚资源部长玛德琳·奎恩会晤。石墨是锂电池负极关键材料。"
          "公安部会同海关总署缉私局深挖走私团伙。美国商务部对自柬埔寨（Cambodia）、泰国和越南进口的石英玻璃发起"
          "反倾销调查（下称“石英调查”）。2022年6月，拜登政府发布第10999号总统公告。\n")
    notice = ("商务部 海关总署公告2024年第33号\n\n关于对石英相关物项实施出口管制的公告\n\n"
              "商务部公告2023年第99号所列石英物项，自本公告施行之日起按照本条执行。\n\n一、管制物项\n\n"
              "镓、锗等2类物项。\n\n二、不再管制的物项\n\n锑、石墨等物项，不再纳入本公告管制范围。\n")
    g = _graph_of_added(tmp_path, {"quartz-en.md": en, "quartz-zh.txt": zh, "quartz-notice-zh.txt": notice},
                        libraries=True)
    listing: dict[str, Any] = g.meta["proposals"]
    by_name = {e["name"]: e for e in listing["entities"]}
    reasons = _reasons(listing)

    def why(src: str, rel: str, dst: str) -> set[str]:
        return reasons.get((src, rel, dst), set())

    assert by_name["Final Quartz Regulations"]["type"] == "Policy", sorted(by_name)
    assert by_name["Orla M. Quenby"]["type"] == "Person", sorted(by_name)
    assert not [n for n in by_name if n.startswith("Secretary of")], sorted(by_name)
    assert any("office-title" in w for w in why("United States Department of Energy", "LED_BY", "Orla M. Quenby"))
    assert any("office-title" in w for w in why("United States Department of State", "LED_BY", "Lise Harrow"))
    assert "structure en-head-title" in why("Internal Revenue Service", "LED_BY", "Marten Vale")
    assert "structure en-under-title" in why("Federal Communications Commission", "LED_BY", "Ivo Brandt")
    assert any("'who led'" in w or "en-who-heads" in w  # (the relative clause's structure reads it first)
               for w in why("National Institute of Standards and Technology", "LED_BY", "Dana Pell"))
    center = by_name["National Center for the Advancement of Quartz Technology"]
    assert "Natquartz" in center["aliases"], center
    assert by_name["Proclamation 10999"]["type"] == "Policy", sorted(by_name)
    for firm in ("Qinghe Quartz Technology Co., Ltd", "Lanxi Quartz Materials Co., Ltd"):
        assert any("its address" in w for w in why(firm, "BELONGS_TO", "China")), \
            sorted(k for k in reasons if "Quartz" in k[0])
    # Chinese
    assert "唐纳德" not in by_name and "石墨是锂电池" not in by_name and "自本公告" not in by_name, sorted(by_name)
    assert "structure zh-head-title" in why("United States", "LED_BY", "Donald Trump"), \
        sorted(k for k in reasons if "Trump" in k[2])
    assert "structure zh-country-role" in why("玛德琳·奎恩", "BELONGS_TO", "Australia"), \
        sorted(k for k in reasons if "奎恩" in k[0])
    assert by_name["缉私局"]["type"] == "Agency" and by_name["第10999号总统公告"]["type"] == "Policy", sorted(by_name)
    aimed = {k[2] for k, w in reasons.items() if k[0] == "石英调查" and "structure zh-dui-goods" in w}
    assert aimed == {"Cambodia", "Thailand", "Vietnam"}, sorted(k for k in reasons if k[0] == "石英调查")
    cited = by_name["商务部公告2023年第99号"]
    assert not [a for a in cited["aliases"] if a.startswith("关于")], cited
    # a provision that names what the notice leaves out (不再纳入) relates the notice to none of it
    provision = {k[2] for k, w in reasons.items() if any("provision" in x for x in w)}
    assert {"Gallium", "Germanium"} <= provision and not provision & {"Antimony", "Graphite"}, sorted(provision)


def test_lists_with_latin_glosses_and_descriptions_say_who_is_where(tmp_path: Path) -> None:
    """A Chinese list whose names carry their Latin forms in brackets is one list: what is said of one name (列入)
    is said of each, though a gloss holds a known firm's name; what a measure puts first (把…列为…重点) is what it
    concerns; a firm a line describes as a maker of goods operates in them. Names are cut where they end: no
    preposition or verb opens them (经…, 会同…, 投资开发…, 并与…), a short form in brackets says where a firm's name
    starts, a seat before a known firm is part of its full name. In English: a person's age before "a U.S. citizen"
    still makes a nationality; a firm "in Kuala Lumpur, Malaysia" is Malaysian and "Sdn. Bhd." ends no sentence; a
    lower-case name its acronym spells is a name; a post after "and" opens a new name; a title holder "of X's Y"
    heads Y, not X; one administration succeeds another."""
    en = ("# Quartz case\n\nIn 2018 BIS published an advance notice of proposed rulemaking (ANPRM) on quartz. "
          "Firms could still obtain chips abroad. According to court documents, Ansel Quorn Vey, 38, a U.S. "
          "citizen, and Lim Quartz Keat, 45, a Singaporean national, shipped servers to Sinar Kuarsa Technologies "
          "Sdn. Bhd., a shell company in Kuala Lumpur, Malaysia, which sold them on. Dana Vey, head of research at "
          "Calder Quartz Commodities in London, said prices rose. United States Antimony Corp, an antimony "
          "processor, gained. "
          "The case is prosecuted by the U.S. Attorney's Office for the Northern District of Quartzland. U.S. "
          "Attorney Mara Q. Oak for the Northern District of Quartzland and Special Agent in Charge Tomas Q. Reed "
          "of the FBI Quartzland Field Office made the announcement. \"No loophole,\" said Director Alia Q. Garb of "
          "BIS's Office of Export Enforcement. The Biden-Harris Administration, which succeeded the Trump "
          "Administration in 2021, kept the tariffs. The Ministry of Commerce said in Announcement No. 77 of 2024 "
          "that quartz exports are banned.\n")
    zh = ("石英简报\n\n根据不可靠实体清单工作机制的决定，将下列美国实体：雷神石英公司（Raytheon Quartz）、铁砧石英公司"
          "（Anvil Quartz Inc.）和红杉石英公司（Redwood Quartz Corp.）列入不可靠实体清单。\n\n"
          "工业和信息化部印发《石英机器人创新发展指导意见》。《指导意见》把减速器、伺服电机和传感器列为攻关重点。\n\n"
          "青岚风能有限公司（Qinglan Wind）：国内领先的风电整机商。"
          "苏州蓝的精密传动科技股份有限公司（蓝的精密）正加快扩产。"
          "经广东省人民政府同意，省工业和信息化厅会同广东省发展和改革委员会推进。中国石英学会研究员周启航说。"
          "印尼实施镍矿出口禁令。美国财政部定稿的受关注外国实体规则使印尼镍受限。"
          "青山控股集团投资开发石英工业园公司，并与淡水河谷石英公司合作。深圳市海思半导体有限公司被列入实体清单。"
          "美国海军采购舰船。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-case-en.md": en, "quartz-case-zh.txt": zh})

    def why(src: str, rel: str, dst: str) -> set[str]:
        return reasons.get((src, rel, dst), set())

    # English
    assert by_name["advance notice of proposed rulemaking"]["type"] == "Policy", sorted(by_name)
    assert "ANPRM" in by_name["advance notice of proposed rulemaking"]["aliases"]
    assert not [n for n in by_name if "obtain" in n], sorted(by_name)
    assert "structure national-of" in why("Ansel Quorn Vey", "BELONGS_TO", "United States")
    assert "structure national-of" in why("Lim Quartz Keat", "BELONGS_TO", "Singapore")
    assert "structure en-apposition-seat" in why("Sinar Kuarsa Technologies Sdn. Bhd", "BELONGS_TO", "Malaysia"), \
        sorted(k for k in reasons if "Sinar" in k[0])
    assert by_name["Calder Quartz Commodities"]["type"] == "Company", sorted(by_name)
    assert [k for k in reasons if k[0] == "United States Antimony Corporation"], sorted(k[0] for k in reasons)
    assert by_name["U.S. Attorney's Office for the Northern District of Quartzland"]["type"] == "Agency"
    assert by_name["Tomas Q. Reed"]["type"] == "Person" and by_name["FBI Quartzland Field Office"]["type"] == "Agency"
    assert "structure en-titled-person-of" in why("Office of Export Enforcement", "LED_BY", "Alia Q. Garb")
    assert "structure en-titled-person-of" not in why("Bureau of Industry and Security", "LED_BY", "Alia Q. Garb")
    assert "pattern en-succeeded" in why("Trump 1.0 administration", "SUCCEEDED_BY", "Biden administration"), \
        sorted(k for k in reasons if k[1] == "SUCCEEDED_BY")
    assert any("'said in'" in w for w in why("Ministry of Commerce of the People's Republic of China", "ENACTED",
                                              "Announcement No. 77 of 2024")), \
        sorted(k for k in reasons if "77" in k[2])
    # Chinese
    listed = {k[0] for k, w in reasons.items() if k[1:] == ("LISTED_ON", "Unreliable Entity List")
              and any("zh-list-add" in x for x in w)}
    assert {"雷神石英公司", "铁砧石英公司", "红杉石英公司"} <= listed, sorted(listed)
    focus = {k[2] for k, w in reasons.items()
             if k[0] == "石英机器人创新发展指导意见" and any("zh-ba-focus" in x for x in w)}
    assert {"Precision reducers", "Servo motors"} <= focus, sorted(k for k in reasons if "石英机器人" in k[0])
    assert "structure zh-colon-maker" in why("青岚风能有限公司", "OPERATES_IN", "Wind power"), \
        sorted(k for k in reasons if "青岚" in k[0])
    assert "蓝的精密传动科技股份有限公司" in by_name or "苏州蓝的精密传动科技股份有限公司" in by_name, sorted(by_name)
    assert "广东省人民政府" in by_name and "广东省发展和改革委员会" in by_name, sorted(by_name)
    assert not [n for n in by_name if n.startswith(("经", "会同", "投资", "并与", "与"))], sorted(by_name)
    assert by_name["中国石英学会"]["type"] == "Organization", sorted(by_name)
    assert by_name["镍矿出口禁令"]["type"] == "Policy" and by_name["受关注外国实体规则"]["type"] == "Policy"
    assert "石英工业园公司" in by_name and "淡水河谷石英公司" in by_name, sorted(by_name)
    assert ("HiSilicon", "LISTED_ON", "Entity List") in reasons, sorted(k for k in reasons if "List" in k[2])
    assert by_name["深圳市海思半导体有限公司"]["node"] == "company:hisilicon", by_name["深圳市海思半导体有限公司"]
    assert by_name["美国海军"]["type"] == "Agency", sorted(by_name)


def test_statute_titles_glossed_firms_pronoun_listings_and_short_firm_names_are_read(tmp_path: Path) -> None:
    """British statutes are named by their year ("… Act 2002", "… (Amendment) Order 2024") and a schedule of one is
    that measure; a firm's seat in brackets is inside its name (中矿（香港）…有限公司, "Sinomine (Hong Kong) … Co.
    Ltd."); a Chinese name before its Latin form with a company word (盛新锂能 (Chengxin Lithium Group)) is that
    firm; "designating X and Y …, adding them to the SDN List" lists both and sanctions them; X下属的Y is a unit of X;
    《…发展计划》 is a plan; "urged that BIS add X" lists nobody; "Huawei Technologies" and "Tencent Holdings of China"
    are the known firms; 中国移动 is China Mobile, but 中国移动互联网 is not."""
    en = ("# Quartz controls\n\nThe Department for Business and Trade today laid the Export Control (Amendment) "
          "Order 2024 before Parliament. Made under the Export Control Act 2002, the Order adds entries to "
          "Schedule 3 of the Export Control Order 2008. The Treasury's Office of Foreign Assets Control (OFAC) is "
          "today designating Deng Qihang and Kenneth Ho Wai-kit pursuant to Executive Order 13936, adding them "
          "to the Specially Designated Nationals and Blocked Persons List. Mr. Mehta urged that BIS add Quartzline "
          "Tech to the Entity List. Using chips from Huawei Technologies may violate controls. Tencent Holdings of "
          "China objected. Senators joined Chairman Tim Quartz and Ranking Member Ella Quartz in introducing it.\n")
    zh = ("石英简报\n\n1. 中矿资源 (Sinomine Resource Group) 通过子公司中矿（香港）石英资源有限公司 "
          "(Sinomine (Hong Kong) Quartz Resources Co. Ltd.) 持有股份；\n"
          "2. 盛新石英 (Chengxin Quartz Group) 持有股份。\n\n"
          "越南计划投资部 (Ministry of Planning and Investment, MPI) 下属的国家石英中心 (National Quartz Center, NQC) "
          "负责落实。同月发布的《至2030年石英产业人力资源发展计划》提出目标，并公布《重点石英材料应用示范指导目录（2024年版）》。中国移动、中国电信牵头建设智算中心。"
          "中国移动互联网用户增长。\n\n国家网信办会同教育部、公安部公布《生成式人工智能服务管理暂行办法》（以下简称《办法》）。"
          "《办法》把大模型列为重点。支持亿航智能、峰石航空等eVTOL整机企业开展验证。\n")
    g, by_name, reasons = _read_new(tmp_path, {"quartz-uk-en.md": en, "quartz-firms-zh.txt": zh})
    assert by_name["Export Control (Amendment) Order 2024"]["type"] == "Policy", sorted(by_name)
    assert by_name["Export Control Act 2002"]["type"] == "Law"
    assert by_name["Export Control Order 2008"]["type"] == "Policy"
    assert not [n for n in by_name if n.startswith("Schedule")], sorted(by_name)
    them = {k[0] for k, w in reasons.items() if k[1:] == ("LISTED_ON", "Specially Designated Nationals and Blocked "
                                                          "Persons List") and "structure en-them-listed" in w}
    assert them == {"Deng Qihang", "Kenneth Ho Wai-kit"}, sorted(k for k in reasons if k[1] == "LISTED_ON")
    assert "pattern en-designate" in reasons.get(("Office of Foreign Assets Control", "SANCTIONS", "Deng Qihang"),
                                                 set()), sorted(k for k in reasons if k[1] == "SANCTIONS")
    assert not [k for k in reasons if k[0] == "Quartzline Tech" and k[1] == "LISTED_ON"], \
        sorted(k for k in reasons if k[1] == "LISTED_ON")
    assert by_name["Tencent Holdings"]["node"] == "company:tencent", sorted(by_name)
    assert not [n for n in by_name if "violate" in n or n in {"Holdings", "Ranking Member"}], sorted(by_name)
    # Chinese
    assert "中矿（香港）石英资源有限公司" in by_name, sorted(by_name)
    assert "Sinomine (Hong Kong) Quartz Resources Co. Ltd" in by_name, sorted(by_name)
    assert not [n for n in by_name if "子公司" in n], sorted(by_name)
    assert by_name["盛新石英"]["type"] == "Company" and "Chengxin Quartz Group" in by_name["盛新石英"]["aliases"]
    assert "pattern zh-subordinate" in reasons.get(("National Quartz Center", "PART_OF", "越南计划投资部"), set()) or \
        "pattern zh-subordinate" in reasons.get(("国家石英中心", "PART_OF", "越南计划投资部"), set()), \
        sorted(k for k in reasons if k[1] == "PART_OF")
    assert by_name["至2030年石英产业人力资源发展计划"]["type"] == "Policy", sorted(by_name)
    assert by_name["重点石英材料应用示范指导目录（2024年版）"]["type"] == "Policy", sorted(by_name)
    nodes = {n.id for n in g.nodes.values()}
    assert {"company:china-mobile", "company:china-telecom", "company:huawei"} <= nodes
    assert "China Mobile" not in {k[0] for k in reasons if "互联网" in k[2]}
    measures = "Interim Measures for the Management of Generative Artificial Intelligence Services"
    issuers = {k[0] for k, w in reasons.items() if k[1:] == ("ENACTED", measures) and "structure zh-co-issuers" in w}
    assert {"Ministry of Education of the People's Republic of China", "Ministry of Public Security"} <= issuers, \
        sorted(k for k in reasons if k[1] == "ENACTED")
    assert "办法" not in by_name or by_name["办法"]["node"], sorted(by_name)
    assert by_name["峰石航空"]["type"] == "Company", sorted(by_name)
    assert any("zh-ba-focus" in x for k, w in reasons.items() if k[0] == measures for x in w), \
        sorted(k for k in reasons if k[0] == measures)


def test_seats_before_firms_legal_forms_and_titled_founders_are_read(tmp_path: Path) -> None:
    """"Perth-based", "Hong Kong-registered" are where a firm is, not its name (and give its country when the place is
    a country's); Pty Ltd and S.r.l. are legal forms; "the Foreign Acquisitions and Quartz Act 1975" is one law; the
    known firm of 曾任英伟达（NVIDIA） does not swallow the words before it, and 创始人张建中曾任… names 张建中; 保监会
    and "U.S. Department of Defense" are known bodies; "10 U.S.C. § 4872" is a statute and "15 C.F.R. § 744.21" a
    regulation; "The CCP controls the labs" names the party, not a measure; "Public Safety and Quartz Security
    Bureau" is one body."""
    en = ("# Quartz orders\n\nThe orders, made under the Foreign Acquisitions and Quartz Act 1975, name Hong "
          "Kong-registered Silverquartz Holdings Ltd, Perth-based Jade Quartz Investment Pty Ltd and Marco Quartz "
          "Italy S.r.l., with funding from the U.S. Department of Defense. The ban in 10 U.S.C. § 4872 applies, and "
          "15 C.F.R. § 744.21 was amended. The CCP controls the labs, and the Public Safety and Quartz Security Bureau "
          "keeps the list.\n")
    zh = ("石英新闻\n\n创始人张建中曾任英伟达（NVIDIA）全球副总裁。工信部会同保监会推出石英保险补偿机制。\n")
    g, by_name, reasons = _read_new(tmp_path, {"quartz-orders-en.txt": en, "quartz-founder-zh.txt": zh})
    assert by_name["Foreign Acquisitions and Quartz Act 1975"]["type"] == "Law", sorted(by_name)
    for firm in ("Silverquartz Holdings Ltd", "Jade Quartz Investment Pty Ltd", "Marco Quartz Italy S.r.l"):
        assert by_name[firm]["type"] == "Company", sorted(by_name)
    assert not [n for n in by_name if "-based" in n or "-registered" in n], sorted(by_name)
    assert by_name["10 U.S.C. § 4872"]["type"] == "Law" and by_name["15 C.F.R. § 744.21"]["type"] == "Policy"
    assert by_name["Public Safety and Quartz Security Bureau"]["type"] == "Agency", sorted(by_name)
    assert not [n for n in by_name if n.startswith("CCP")], sorted(by_name)
    assert "structure en-place-based" in reasons.get(("Silverquartz Holdings Ltd", "BELONGS_TO", "Hong Kong"), set())
    assert by_name["张建中"]["type"] == "Person", sorted(by_name)
    assert not [n for n in by_name if n.startswith("创始人")], sorted(by_name)
    nodes = {n.id for n in g.nodes.values()}
    assert {"agency:department-of-defense", "agency:circ", "organization:communist-party-of-china"} <= nodes, \
        sorted(n for n in nodes if "agency" in n)


def test_makers_goods_receivers_of_support_and_acts_in_a_measure_are_read(tmp_path: Path) -> None:
    """"drone maker X" makes the known drones (a maker's goods in the singular), and "also named memory chip maker"
    leaves the verb out of the sector; a law's year may have a comma after it; "In Executive Order N (…), President Y
    declared" is Y's order; "Group affiliates A and B" are the group's; "added X, a …, and its Singapore affiliate Y
    to the Entity List" lists both; a title in quotes "issued jointly by" its issuers; "a venture between the Hefei
    municipal government and Taiwan's X" is supported by both (and a place's government is a body); "SK hynix Inc."
    and "ASML Holding N.V." are the known firms; "De Minimis … Act" and "End China's … Act" are laws; "President
    Trump" after "President Donald Trump" is that person; the parts of a listed firm's address are no firms;
    获得…支持 and
    由…出资 say who supports whom (not who runs it), as 由…出资成立的 does; a fund's Latin form and acronym in
    brackets are its other names; the spaces around a Latin name in Chinese text are only typography; 《…指引》 is a
    measure and 《指引》附录将…列为重点 what it concerns; 汽车产业 is the known sector; 已对华锐公司 names 华锐公司 and
    犯罪嫌疑人石某 a person; 公告、对镓和锗相关物项实施出口管制 says what the notice concerns."""
    en = ("# Quartz notes\n\nThe update to the Quartz Military Companies List also named memory chip maker "
          "Quartz Memory Technologies and drone maker Quartzwing Robotics. The Quartz Appropriations Act, 2023, "
          "signed by President Joe Biden, cut the period. In Executive Order 14195 (February 1, 2025), President "
          "Donald Trump declared an emergency. Quartz Group affiliates Quartz Ocean and Quartz Systems bought Quartz "
          "Shipyard. BIS added Quartzline Data Sdn. Bhd., a Malaysian server integrator and former Nvidia channel "
          "partner, and its Singapore affiliate Quartz Harbour Trading Pte. Ltd. to the Entity List. This builds on "
          "the guidance \"Quartz Guidance: Chinese-Made Drones\" issued jointly by the Federal Bureau of "
          "Investigation and the Department of Energy. Quartzfab Semiconductor, founded in 2015 as a venture between "
          "the Hefei municipal government and Taiwan's Quartzchip Manufacturing Corporation, grew. Producers "
          "include SK hynix Inc. of South Korea and ASML Holding N.V. of the Netherlands. Bills included the De "
          "Minimis Quartz Act and the End China's Quartz Abuse Act; the Quartz Bill Act was signed by President "
          "Trump.\n\n(2) Quartzline Precision Instruments Co., Ltd., 88 Xinghu Street, Suzhou Industrial Park, "
          "Suzhou, Jiangsu, a supplier of metrology equipment.\n")
    zh = ("石英新闻\n\n深圳市石英装备有限公司获得深圳市宝安区人民政府支持。"
          "石英产业投资基金由广东省财政厅牵头出资。"
          "商务部发布《石英出口合规指引》。"
          "《石英出口合规指引》附录将镓、锗相关物项以及无人机列为合规重点领域。"
          "欧洲汽车产业受到冲击。"
          "由石英投资基金（Quartz Investment Fund, QIF）出资成立的人工智能公司 Quartzmind 获得资金，"
          "阿联酋人工智能企业 Quartzmind 随后扩张。黄埔海关已对华锐石英公司作出处罚，犯罪嫌疑人石某被移送起诉。"
          "商务部发布2023年第99号公告、对镓和锗相关物项实施出口管制。\n")
    g, by_name, reasons = _read_new(tmp_path, {"quartz-makers-en.txt": en, "quartz-fund-zh.txt": zh})
    maker = "structure en-sector-maker"
    assert maker in reasons.get(("Quartzwing Robotics", "OPERATES_IN", "Drones"), set()), \
        sorted(k for k in reasons if k[0] == "Quartzwing Robotics")
    assert maker in reasons.get(("Quartz Memory Technologies", "OPERATES_IN", "Memory chips"), set())
    assert not [n for n in by_name if n.startswith("named")], sorted(by_name)
    assert by_name["Quartz Appropriations Act, 2023"]["type"] == "Law", sorted(by_name)
    assert any(s == "Donald Trump" and t == "ENACTED" and "structure en-in-measure-acts" in r
               for (s, t, _), r in reasons.items())
    assert "structure en-group-affiliates" in reasons.get(("Quartz Ocean", "AFFILIATE_OF", "Quartz Group"), set())
    assert reasons.get(("Quartz Systems", "AFFILIATE_OF", "Quartz Group"))  # the list's second name shares it
    harbour = "Quartz Harbour Trading Pte. Ltd"  # listed with the first firm across its apposition; its country, owner
    assert "structure en-add-x-to-list" in reasons.get((harbour, "LISTED_ON", "Entity List"), set())
    assert "structure en-country-unit" in reasons.get((harbour, "BELONGS_TO", "Singapore"), set())
    assert "structure en-its-company" in reasons.get((harbour, "AFFILIATE_OF", "Quartzline Data Sdn. Bhd"), set())
    assert any(t == "ENACTED" and d == "Quartz Guidance: Chinese-Made Drones" and "structure en-issued-by" in r
               for (_, t, d), r in reasons.items()), sorted(k for k in reasons if k[1] == "ENACTED")
    assert by_name["Hefei municipal government"]["type"] == "Agency", sorted(by_name)
    for parent in ("Hefei municipal government", "Quartzchip Manufacturing Corporation"):  # a venture's parents
        assert "structure en-venture-of" in reasons.get((parent, "SUPPORTS", "Quartzfab Semiconductor"), set()), parent
    for full, known in (("SK hynix Inc", "company:sk-hynix"), ("ASML Holding N.V", "company:asml")):
        assert by_name[full]["node"] == known, by_name.get(full)  # a known firm with its legal form is that firm
    for act in ("De Minimis Quartz Act", "End China's Quartz Abuse Act"):  # "De" opens it; a possessive inside
        assert by_name[act]["type"] == "Law", sorted(by_name)
    assert by_name["Trump"]["node"] == "person:donald-trump"  # the family name of the person named in full
    assert by_name["Quartzline Precision Instruments Co., Ltd"]["type"] == "Company"
    for part in ("Xinghu Street", "Suzhou Industrial Park", "Suzhou", "Jiangsu"):  # an address after a listed firm
        assert by_name.get(part, {}).get("type") is None, by_name[part]
    received = ("深圳市宝安区人民政府", "SUPPORTS", "深圳市石英装备有限公司")
    assert "structure zh-receives-support" in reasons.get(received, set())
    fund = ("广东省财政厅", "SUPPORTS", "石英产业投资基金")
    assert "structure zh-receives-support" in reasons.get(fund, set()), sorted(k for k in reasons if "基金" in k[2])
    assert not any("zh-you-fuze" in r or "zh-by-agency" in r
                   for r in reasons.get(("广东省财政厅", "ADMINISTERS", "石英产业投资基金"), set()))
    assert by_name["石英出口合规指引"]["type"] == "Policy", sorted(by_name)
    assert "structure zh-ba-focus" in reasons.get(("石英出口合规指引", "CONCERNS", "Gallium"), set()), \
        sorted(k for k in reasons if k[0] == "石英出口合规指引")
    from policykg.graph.evaluate import mentioned_by_doc  # 汽车产业: the known Automotive sector, by its name

    assert "sector:automotive" in mentioned_by_doc(g)["quartz-fund-zh"] and "汽车产业" not in by_name
    # a fund with its Latin form and acronym is one name; what it set up with its money; spaces around a Latin name
    assert {"Quartz Investment Fund", "QIF"} <= set(by_name["石英投资基金"]["aliases"]), by_name["石英投资基金"]
    assert "structure zh-funded-by" in reasons.get(("石英投资基金", "SUPPORTS", "Quartzmind"), set())
    assert "structure zh-country-described" in reasons.get(("Quartzmind", "BELONGS_TO", "United Arab Emirates"), set())
    # 对华 (towards China) holds the firm's first character, not a word of its own; a suspect is a person
    assert by_name["华锐石英公司"]["type"] == "Company" and "对华锐石英公司" not in by_name, sorted(by_name)
    assert by_name["石某"]["type"] == "Person", sorted(by_name)
    # 公告、对镓和锗…实施出口管制: what the notice controls (镓和锗: two elements joined by 和 are a list)
    for element in ("Gallium", "Germanium"):
        assert any(r.startswith("structure zh-measure-dui")
                   for r in reasons.get(("2023年第99号公告", "CONCERNS", element), set())), element


def test_register_heads_respective_lists_group_parents_and_bracketed_forms_are_read(tmp_path: Path) -> None:
    """A Federal Register document's title line names its rule, issued by the agency on its AGENCY: line and by the
    signer at its end (who leads the body the post names), and "The rule" opening a summary is that rule; "placing X
    on the A list and Y on the B list" puts each on its own list; "X, Y's Malaysian unit" is Y's and Malaysia's;
    "Supplement No. 4 to part 744" is the Entity List; "Selected awards include:" after a sentence whose actor made
    them gives each item that actor's support; "N subsidiaries of X …: A, B and C" are X's and the parties a
    numbered item lists (not their parent); "which BIS added to the Entity List" lists the firm, not BIS; "X and Y
    Corporation" is one corporation; a Chinese name's Latin form in brackets is part of it (not the known firm its
    words open with); a quoted Chinese name takes its Latin form and acronym; 依照 before a numbered notice is no
    issuer."""
    rule = ("DEPARTMENT OF COMMERCE\nBureau of Industry and Security\n15 CFR Part 744\n[Docket No. 250101-0001]\n"
            "RIN 0694-ZZ01\n\nAdditional Quartz Measures for Advanced Quartz Circuits\n\n"
            "AGENCY: Bureau of Industry and Security, Department of Commerce.\nACTION: Final rule.\n\n"
            "SUMMARY: The rule creates two new lists, the Approved Quartz Designers list and the Authorized Quartz "
            "Packagers list.\n\nBIS is placing Quartzdesign Inc. (United States) on the Approved Quartz Designers list "
            "and Quartzpack Sdn. Bhd. (Malaysia) on the Authorized Quartz Packagers list.\n\n"
            "The Department of Commerce's CHIPS Program Office announced awards to six firms. Selected awards include:"
            "\n\n1. Quartzfab Corporation, up to $1 billion;\n2. Quartzmem Inc., up to $2 billion.\n\n"
            "BIS added nine entities to the Entity List. The additions are:\n\n"
            "1. Two subsidiaries of Quartzcomp Co., Ltd. (Quartzcomp), which BIS added to the Entity List in 2019: "
            "Quartzcomp Storage Co., Ltd. and Quartzcomp Cloud Co., Ltd.\n\n"
            "2. Quartzchip Design Co., Ltd. (Quartzchip) and Quartzgpu Technology Co., Ltd. (Quartzgpu), designers of "
            "AI chips.\n\nThe deal is backed by the state-run Quartz Mine Rehabilitation and Mineral Resources "
            "Corporation. Duties hit Quartzsun Solar Technology Sdn. Bhd., Quartzsun Group's Malaysian unit.\n\n"
            "The firms procured items on the Common High Priority List.\n\nSupplement No. 4 to part 744 is amended:\n\n"
            "a. Under CHINA, by adding:\n(1) Quartzlink Trading Co., Ltd., Office 304, Quartz Plaza, Shenzhen;\n\n"
            "Maria Q. Example,\nDirector, Office of Foreign Assets Control.\n")
    zh = ("石英新闻\n\n第一条 将下列实体列入不可靠实体清单：\n"
          "（一）洛克希德·马丁石英与火控公司（Lockheed Martin Quartz and Fire Control）。\n\n"
          "印度电子和信息技术部正式通知实施“石英元器件制造计划”（Quartz Component Manufacturing Scheme，QCMS）。"
          "由国家发展改革委会同工业和信息化部、财政部等部门制定《石英企业清单》。"
          "依照商务部公告2031年第99号，石英相关物项不予许可出口。\n")
    notice = ("DEPARTMENT OF THE TREASURY\n\nOffice of Foreign Assets Control\n\n31 CFR Part 589\n\n"
              "Publication of Quartz Sanctions Regulations Web General License 7\n\n"
              "AGENCY: Office of Foreign Assets Control, Treasury.\n\nACTION: Publication of a web general license.\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-rule-en.txt": rule, "quartz-list-zh.txt": zh,
                                               "quartz-license-en.txt": notice})
    # a title its head word types otherwise ("… General License 7") is still the notice's own, not its CFR part
    licence = "Publication of Quartz Sanctions Regulations Web General License 7"
    assert any("structure register-agency" in r for r in reasons.get(
        ("Office of Foreign Assets Control", "ENACTED", licence), set())), sorted(k for k in reasons if k[2] == licence)
    title = "Additional Quartz Measures for Advanced Quartz Circuits"
    assert by_name[title]["type"] == "Policy", sorted(by_name)
    assert any("structure register-agency" in r for r in reasons.get(("Bureau of Industry and Security", "ENACTED",
                                                                      title), set())), \
        sorted(k for k in reasons if k[1] == "ENACTED")
    signer = [k for k, r in reasons.items() if k[1:] == ("ENACTED", title) and any("register-signer" in x for x in r)]
    assert signer and signer[0][0].startswith("Maria"), sorted(k for k in reasons if k[1] == "ENACTED")
    assert any(k[0] == "Office of Foreign Assets Control" and k[1] == "LED_BY" and k[2].startswith("Maria")
               for k in reasons), sorted(k for k in reasons if k[1] == "LED_BY")
    assert reasons.get((title, "ESTABLISHES", "Approved Quartz Designers list")), \
        sorted(k for k in reasons if k[0] == title)
    designers, packagers = "Approved Quartz Designers list", "Authorized Quartz Packagers list"
    assert "structure en-add-x-to-list" in reasons.get(("Quartzdesign Inc", "LISTED_ON", designers), set())
    assert "structure en-add-x-to-list" in reasons.get(("Quartzpack Sdn. Bhd", "LISTED_ON", packagers), set())
    assert "structure en-add-x-to-list" not in reasons.get(("Quartzdesign Inc", "LISTED_ON", packagers), set())
    for firm in ("Quartzfab Corporation", "Quartzmem Inc"):
        assert any(r.startswith("structure colon-item") for r in reasons.get(
            ("CHIPS Program Office", "SUPPORTS", firm), set())), sorted(k for k in reasons if k[2] == firm)
    for unit in ("Quartzcomp Storage Co., Ltd", "Quartzcomp Cloud Co., Ltd"):
        assert any(r.startswith("structure group-parent") for r in reasons.get(
            (unit, "AFFILIATE_OF", "Quartzcomp Co., Ltd"), set())), sorted(k for k in reasons if k[0] == unit)
        assert any(r.startswith("structure list-item") for r in reasons.get((unit, "LISTED_ON", "Entity List"), set()))
    assert any(r.startswith("structure list-item") for r in reasons.get(
        ("Quartzgpu Technology Co., Ltd", "LISTED_ON", "Entity List"), set()))  # the item's second firm
    assert not [k for k in reasons if k[0] == "Bureau of Industry and Security" and k[1] == "LISTED_ON"]
    assert by_name["Quartz Mine Rehabilitation and Mineral Resources Corporation"]["type"] == "Company", sorted(by_name)
    # the EAR's Supplement No. 4 to part 744 is the Entity List: the parties a rule adds to it go on it
    assert any(r.startswith("structure list-item") for r in reasons.get(
        ("Quartzlink Trading Co., Ltd", "LISTED_ON", "Entity List"), set())), \
        sorted(k for k in reasons if k[0].startswith("Quartzlink"))
    assert by_name.get("Office 304", {}).get("type") is None  # a room in its address
    unit = "Quartzsun Solar Technology Sdn. Bhd"  # "X, Y's Malaysian unit": Y's, and Malaysia's
    for rel, parent in (("AFFILIATE_OF", "Quartzsun Group"), ("BELONGS_TO", "Malaysia")):
        assert any(r.startswith("structure possessive-unit") for r in reasons.get((unit, rel, parent), set())), \
            sorted(k for k in reasons if k[0] == unit)
    # the bracket is the Chinese name's own Latin form: no proposal reads the known firm its words open with
    assert not [k for k in reasons if "Lockheed Martin" in (k[0], k[2])], \
        sorted(k for k in reasons if "Lockheed" in k[0] or "Lockheed" in k[2])
    assert reasons.get(("洛克希德·马丁石英与火控公司", "LISTED_ON", "Unreliable Entity List"))
    assert {"Quartz Component Manufacturing Scheme", "QCMS"} <= set(by_name["石英元器件制造计划"]["aliases"])
    assert "Quartz Component Manufacturing Scheme" not in by_name
    assert by_name["商务部公告2031年第99号"]["type"] == "Policy" and "依照商务部公告2031年第99号" not in by_name


def test_far_anaphors_named_heads_tables_and_short_forms_are_read(tmp_path: Path) -> None:
    """"The program" paragraphs after the one programme that holds the word is that programme; "Within Treasury, the
    Office …" is Treasury's office; an administration named after its head is led by no one else, and a
    commissioner does not lead the commission; "Donald J. Trump" is the known Donald Trump; a table of entries after
    "Supplement No. 4 … by adding the following entries:" lists each row's party. In Chinese: a fund's name runs over
    its seat in brackets to the short form it is given, and a firm's name starts at the short form after it, not at
    the investor before it; a quoted industry or technology is a sector; 《目录》 after a known catalogue is that
    catalogue; 经国务院批准 eases nothing; 对华 opens no goods' name; "SemiDrive" is no address (no "Drive")."""
    en = ("On January 2, 2031, the Department of the Treasury began implementing the Quartz Investment Security "
          "Program. The sky was clear. Markets were calm. Trade was slow. Prices rose.\n\n"
          "Within Treasury, the Office of Quartz Security administers the program through its new Office of Quartz "
          "Transactions.\n\nThe Trump Administration, which succeeded the Biden Administration, has continued the "
          "program. On February 21, 2031, President Donald J. Trump issued the Quartz First Policy memorandum.\n\n"
          "Commissioner Quartzy Example said the Federal Communications Commission closed a loophole.\n\n"
          "Supplement No. 4 to part 744 is amended under CHINA by adding the following entries:\n\n"
          "| Entity | License requirement |\n|---|---|\n"
          "| Quartzwave Photonics Co., Ltd. | All items subject to the EAR |\n")
    zh = ("国家石英产业投资基金出资设立华石鼎新（北京）股权投资基金（下称“华石鼎新”）。\n\n"
          "华石鼎新投资合肥石睿量测技术有限公司（合肥石睿），加码量测设备。石芯科技（QuartzDrive）发布新品。\n\n"
          "经国务院批准，商务部对《中国禁止出口限制出口技术目录》（以下简称《目录》）作如下调整：\n\n"
          "在“电气石英和器材制造业”项下新增“石英正极材料制备技术”，列入《目录》。美国商务部收紧对华半导体设备出口。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-program-en.txt": en, "quartz-fund-zh.txt": zh})
    program = "Quartz Investment Security Program"
    assert any(r.startswith("lexicon ADMINISTERS") for r in reasons.get(
        ("Office of Quartz Security", "ADMINISTERS", program), set())), sorted(k for k in reasons if k[2] == program)
    assert "structure en-agency-apposition" in reasons.get(
        ("Office of Quartz Security", "PART_OF", "United States Department of the Treasury"), set())
    assert not reasons.get(("United States Department of the Treasury", "PART_OF", "Office of Quartz Security"))
    assert any(k[0] == "Trump 2.0 administration" and k[2] == program for k in reasons), \
        sorted(k for k in reasons if k[2] == program)
    assert by_name["Donald J. Trump"]["node"] == "person:donald-trump"
    assert reasons.get(("Donald Trump", "ENACTED", "Quartz First Policy")), \
        sorted(k for k in reasons if k[1] == "ENACTED")
    assert not [k for k in reasons if k[1] == "LED_BY" and (k[0], k[2]) in {
        ("Biden administration", "Donald Trump"), ("Federal Communications Commission", "Quartzy Example")}], \
        sorted(k for k in reasons if k[1] == "LED_BY")
    assert any(r.startswith("structure list-item") for r in reasons.get(
        ("Quartzwave Photonics Co., Ltd", "LISTED_ON", "Entity List"), set())), \
        sorted(k for k in reasons if k[0].startswith("Quartzwave"))
    assert by_name["华石鼎新（北京）股权投资基金"]["type"] == "Programme", sorted(by_name)
    assert "股权投资基金" not in by_name
    assert by_name["合肥石睿量测技术有限公司"]["type"] == "Company"
    assert not [n for n in by_name if n.startswith("华石鼎新投资")]
    assert any(r.startswith("lexicon SUPPORTS") for r in reasons.get(
        ("华石鼎新（北京）股权投资基金", "SUPPORTS", "合肥石睿量测技术有限公司"), set())), sorted(reasons)
    assert by_name["石芯科技"]["type"] == "Company" and "QuartzDrive" in by_name["石芯科技"]["aliases"]
    assert by_name["电气石英和器材制造业"]["type"] == "Sector" and by_name["石英正极材料制备技术"]["type"] == "Sector"
    assert by_name["目录"]["node"] == "instrument:catalogue-technologies-prohibited-restricted-export"
    assert not [k for k, r in reasons.items() if any(x.startswith("lexicon EASES") for x in r)], \
        [(k, reasons[k]) for k in reasons if k[1] == "EASES"]  # (经国务院批准: an approval, no easing)
    assert not [n for n in by_name if n.startswith("对华")]


def test_dated_titles_numbered_pairs_passive_agents_and_mixed_script_firms_are_read(tmp_path: Path) -> None:
    """A known field inside a two-word name ("Post-5G Fund") and a generation's number opening one ("5G Quartz Act")
    are part of it; a memorandum's date is part of its title; "List 4A" and "General License No. 7B" are typed by
    their heads; two numbered announcements joined by "and" are two; the agent of "issued by X" is X, not a name
    after it; "X, who oversees Y" leads Y. In Chinese: links listed before …等…产业链环节 are the chain's; a name
    ending in 集群 is a programme; a firm's name may open with its Latin brand; a field's name before 设计公司 is no
    firm; a quoted phrase with a verb is no technology."""
    en = ("Quartz Note\n\nMuch early money flowed through the Post-5G Fund, created under the 5G Quartz Act.\n\n"
          "Following the Presidential Memorandum of March 22, 2031, issued by President Donald J. Trump, USTR imposed "
          "duties in tranches known as List 1 and List 4A. OFAC issued General License No. 7B.\n\n"
          "MOFCOM used this power in Announcement No. 61 of 2031 and Announcement No. 62 of 2031 on rare earths.\n\n"
          "\"We will act,\" said Assistant Secretary for Export Enforcement Maria Q. Quartzfield, who oversees OEE.\n")
    zh = ("石英新闻\n\n基金支持芯片设计、服务器制造、算力调度等石英产业链环节。重点建设贵安石英数据中心集群。\n\n"
          "商务部将下列美国实体列入管控名单：\n"
          "（一）美国Quartzvale航空系统公司（Quartzvale Aerospace Systems, Inc.）。\n\n"
          "国产GPU设计公司石英线程上市。美方称“在全球任何地方使用石英芯片”均可能违规。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-dated-en.txt": en, "quartz-chain-zh.txt": zh})
    assert by_name["Post-5G Fund"]["type"] == "Programme" and by_name["5G Quartz Act"]["type"] == "Law", sorted(by_name)
    memo = "Presidential Memorandum of March 22, 2031"
    assert by_name[memo]["type"] == "Policy" and not [n for n in by_name if n.startswith("Following")]
    assert by_name["List 4A"]["type"] == "Instrument" and by_name["General License No. 7B"]["type"] == "Instrument"
    assert any("passive" in r for r in reasons.get(("Donald Trump", "ENACTED", memo), set()))
    assert not any("passive" in r for r in reasons.get(
        ("Office of the United States Trade Representative", "ENACTED", memo), set()))
    assert {"Announcement No. 61 of 2031", "Announcement No. 62 of 2031"} <= set(by_name)
    assert "structure en-who-heads" in reasons.get(("Office of Export Enforcement", "LED_BY", "Maria Q. Quartzfield"),
                                                   set()), sorted(k for k in reasons if k[1] == "LED_BY")
    assert by_name["服务器制造"]["type"] == "ChainSegment" and by_name["算力调度"]["type"] == "ChainSegment"
    assert by_name["石英产业链"]["type"] == "IndustryChain" and not [n for n in by_name if n.startswith("支持")]
    assert by_name["贵安石英数据中心集群"]["type"] == "Programme", sorted(by_name)
    firm = by_name["Quartzvale航空系统公司"]
    assert firm["type"] == "Company" and any(a.startswith("Quartzvale Aerospace") for a in firm["aliases"])
    assert any(r.startswith("structure list-item") for r in reasons.get(
        ("Quartzvale航空系统公司", "LISTED_ON", "管控名单"), set())), \
        sorted(k for k in reasons if k[0].startswith("Quartzvale"))
    assert not [n for n in by_name if n.startswith("GPU")] and not [n for n in by_name if "任何地方" in n]


def test_designated_parties_listed_numbered_measures_with_their_goods_and_destination_lines(tmp_path: Path) -> None:
    """"These persons are added to the SDN List" after a release's designations puts each designated party on it; a
    numbered measure's name takes the goods and the head after it ("Section 232 semiconductor tariff"); "support
    package" and "agreement" are heads; a destination line that goes on ("a. Under CHINA, PEOPLE'S REPUBLIC
    OF, add:") gives its country to the parties below it; a Turkish firm's "Ltd. Şti." ends its name. In Chinese:
    a firm's name starts at the short form after it, past a preposition (由上海石英投资有限公司（上海石英）) and over a
    place (上海石英新昇科技有限公司（上海石英新昇）); a fund one 子 away from another head is one fund (…专项子基金)."""
    en = ("Quartz Release\n\nToday OFAC designated Quartzhai Refining Co., Ltd. for buying oil.\n\n"
          "OFAC is designating Quartzport Terminal Co., Ltd. pursuant to E.O. 13902.\n\n"
          "As a result of today's action, the designated persons are blocked, and these persons are added to the "
          "Specially Designated Nationals and Blocked Persons List (SDN List).\n\n"
          "Commerce opened the Section 232 semiconductor investigation, and the President announced a Section 232 "
          "semiconductor tariff. Korea raised its Quartz Ecosystem Support Package under the Korea-U.S. trade "
          "agreement.\n\n"
          "Supplement No. 4 to part 744 is amended:\n\n"
          "a. Under CHINA, PEOPLE'S REPUBLIC OF, add:\n\n- Quartzlan Microelectronics Co., Ltd., Shenzhen.\n\n"
          "b. Under TÜRKIYE, add:\n\n- Quartzia Komponent Dış Ticaret Ltd. Şti., Istanbul.\n")
    zh = ("石英新闻\n\n在上海市石英产业母基金下设立石英装备材料专项子基金，由上海石英投资有限公司（上海石英）出资管理。"
          "沪硅产业旗下上海石英新昇科技有限公司（上海石英新昇）将扩产大硅片。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-ofac-en.txt": en, "quartz-fund2-zh.txt": zh})
    sdn = "Specially Designated Nationals and Blocked Persons List"
    for firm in ("Quartzhai Refining Co., Ltd", "Quartzport Terminal Co., Ltd"):
        assert any(r.startswith("structure designated-added") for r in reasons.get((firm, "LISTED_ON", sdn), set())), \
            sorted(k for k in reasons if k[0] == firm)
    assert by_name["Section 232 semiconductor investigation"]["type"] == "Policy", sorted(by_name)
    assert by_name["Section 232 semiconductor tariff"]["type"] == "Instrument"
    assert not [n for n in by_name if n.startswith("232 ")]
    assert by_name["Quartz Ecosystem Support Package"]["type"] == "Programme"
    assert by_name["trade agreement"]["type"] == "Policy"  # (the pair of countries before it is not read yet)
    assert any(r.startswith("structure destination-item") for r in reasons.get(
        ("Quartzlan Microelectronics Co., Ltd", "BELONGS_TO", "China"), set())), \
        sorted(k for k in reasons if k[0].startswith("Quartzlan"))
    assert by_name["Quartzia Komponent Dış Ticaret Ltd. Şti"]["type"] == "Company", sorted(by_name)
    assert by_name["石英装备材料专项子基金"]["type"] == "Programme"
    assert by_name["上海石英投资有限公司"]["type"] == "Company" and not [n for n in by_name if n.startswith("由")]
    assert by_name["上海石英新昇科技有限公司"]["type"] == "Company"


def test_object_relatives_lettered_items_its_units_and_city_named_firms_are_read(tmp_path: Path) -> None:
    """"The Quartz strategy that the PRC launched" (the agent of a relative clause after a measure); items lettered
    "a." under "The Department added the following companies:" and parties after "remain listed:" go on the list
    named before; "its wholly owned subsidiary X" and "Its subsidiary X" (the firm of the clause or of the sentence
    before), "X, a facility controlled by Y"; a firm named after a known firm ("TSMC Arizona Corporation") is that
    firm where the document drops the legal form. In Chinese: a firm's name opens with its city where the
    segmenter cut it (如无锡…) or after 的 (该清单的苏州…); a unit named after its agency also has the full name
    (国家发展改革委石英司); "两部门" is the two agencies named just before; X对…公告表示关切 opposes it; the agent after
    被 (被美国商务部工业与安全局（BIS）列入…) is not listed; items
    under a heading that asks for them ("Firms that should be added now") are not listed; 2025年度…清单 is named
    without 年度, and 提交材料 is no sector; the steps listed after a known chain segment are segments (冶炼分离
    after 稀土开采)."""
    en = ("Quartz Release\n\nThe list is meant to counter the Quartz Fusion strategy that the People's Republic of "
          "China (PRC) launched in 2015. The Department published the 1260H List on Monday.\n\n"
          "The Department added the following PRC-based companies:\n\n"
          "a. Quartzfield Holdings Ltd. (Quartzfield), a maker of sensors;\n\n"
          "b. Quartzmere Shipping Co., Ltd., a carrier.\n\n"
          "Two other PRC companies remain listed: Quartzon Optics Co., Ltd. and Quartzel Robotics Co., Ltd.\n\n"
          "Quartz Semiconductor Corporation (QSC) was listed in 2020; its wholly owned subsidiary Quartzyuan "
          "Microelectronics Limited still buys U.S. tools. Quartzpeng Technology Co., Ltd. (Quartzpeng), a "
          "fabrication facility controlled by Quartz Semiconductor Corporation, was not named.\n\n"
          "TSMC leads the world in foundry services. Its subsidiary TSMC Quartzona Corporation began production in "
          "2024. The Department of Commerce awarded TSMC Quartzona up to $6 billion.\n")
    zh = ("石英通知\n\n现就2025年度石英电路企业清单制定工作通知如下。"
          "如2024年被列入该清单的苏州石英微电子有限公司，仍可申报。"
          "获得投资的企业，如无锡石英半导体设备有限公司等装备企业，应如实披露。企业于4月20日前提交材料。\n\n"
          "同日，商务部与海关总署联合发布2025年第56号公告。今年4月，两部门已通过2025年第18号公告。"
          "欧盟委员会对2025年第56号公告表示关切。被美国商务部工业与安全局（BIS）列入实体清单的企业仍可申报。\n\n"
          "国家发展改革委石英司负责解释。\n\n2025年第99号公告对稀土开采、冶炼分离和二次资源回收利用等相关技术实施管制。\n")
    letter = ("Quartz Letter\n\nThe Entity List is kept by the Bureau of Industry and Security.\n\n"
              "1. Firms that should be added now\n\nCommittee staff found that the following meet that standard:\n\n"
              "(a) Quartzwell Compute Pte. Ltd., a reseller;\n\n(b) Quartzline Memory Co., Ltd., a maker of DRAM.\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-dod-en.txt": en, "quartz-list-zh.txt": zh,
                                               "quartz-letter-en.txt": letter})

    def why(src: str, rel: str, dst: str) -> set[str]:
        return reasons.get((src, rel, dst), set())

    assert any(r == "structure en-object-relative" for r in why("China", "LAUNCHED", "Quartz Fusion strategy")), \
        sorted(k for k in reasons if k[2] == "Quartz Fusion strategy")
    the_list = next(k[2] for k in reasons if k[0].startswith("Quartzfield") and k[1] == "LISTED_ON")
    assert any(r.startswith("structure list-item") for r in why("Quartzmere Shipping Co., Ltd", "LISTED_ON",
                                                                the_list))
    for firm in ("Quartzon Optics Co., Ltd", "Quartzel Robotics Co., Ltd"):
        assert any(r.startswith("structure listed-colon") for r in why(firm, "LISTED_ON", the_list)), firm
    assert any(r.startswith("structure its-unit") for r in why(
        "Quartzyuan Microelectronics Limited", "AFFILIATE_OF", "Quartz Semiconductor Corporation"))
    assert why("Quartzpeng Technology Co., Ltd", "AFFILIATE_OF", "Quartz Semiconductor Corporation") \
        == {"structure en-owned-by"}
    assert any(r.startswith("structure its-unit") for r in why("TSMC Quartzona Corporation", "AFFILIATE_OF", "TSMC"))
    assert "TSMC Quartzona" in by_name["TSMC Quartzona Corporation"]["aliases"]
    assert [k for k in reasons if k[0] == "United States Department of Commerce" and k[2] ==
            "TSMC Quartzona Corporation"], "the award goes to the unit, not to TSMC"
    assert by_name["苏州石英微电子有限公司"]["type"] == "Company", sorted(by_name)
    assert by_name["无锡石英半导体设备有限公司"]["type"] == "Company" and "锡石英半导体设备有限公司" not in by_name
    assert by_name["石英电路企业清单"]["type"] == "Instrument" and "年度石英电路企业清单" not in by_name
    assert "提交材料" not in by_name
    assert "国家发展改革委石英司" in by_name["石英司"]["aliases"]
    for body in ("Ministry of Commerce of the People's Republic of China",
                 "General Administration of Customs of the People's Republic of China"):
        assert any("group: '两部门'" in r for r in why(body, "ENACTED", "2025年第18号公告")), body
    assert "structure zh-dui-opposes" in why("European Commission", "OPPOSES", "2025年第56号公告")
    # 被X（BIS）列入实体清单的企业: the agent after 被 (its acronym in brackets too) lists, it is not listed
    assert not [r for r in why("Bureau of Industry and Security", "LISTED_ON", "Entity List") if r.startswith(
        ("pattern", "lexicon"))]
    # items under a heading that asks for them ("Firms that should be added now") are not on the list
    assert by_name["Quartzwell Compute Pte. Ltd"]["type"] == "Company"
    assert not [k for k in reasons if k[0].startswith(("Quartzwell", "Quartzline")) and k[1] == "LISTED_ON"]
    # a step listed after a known chain segment is a segment, the known one under the list's field word (稀土冶炼分离)
    assert why("2025年第99号公告", "CONCERNS", "Rare earth smelting and separation"), \
        sorted(k for k in reasons if k[0] == "2025年第99号公告")


def test_board_heads_short_forms_of_foreign_laws_titles_and_negated_lists(tmp_path: Path) -> None:
    """"Board", "Undertaking" and "Assessment" are heads; "Executive Vice-President for …" is a post, not a
    strategy; "the Chips Act" after "the European Chips Act" is the European act, not the U.S. one; "its
    chip-design subsidiary X" is an affiliate; a list a sentence says something is not on gets no listing read
    from the whole document, while a list no sentence denies does."""
    en = ("Quartz Release\n\nThe European Commission launched the review of the European Chips Act with the European "
          "Quartz Board. The Quartz Joint Undertaking runs pilot lines. The survey mirrors the Quartz-Node "
          "Semiconductor Assessment launched by the Bureau of Industry and Security.\n\n"
          "Executive Vice-President for Quartz and Industrial Strategy Jane Quartzley said the findings matter.\n\n"
          "Background\n\nThe EU adopted the Chips Act in 2023. Quartzon Technologies Co., Ltd. and its chip-design "
          "subsidiary Quartzilicon Co., Ltd. make sensors.\n")
    denied = ("Quartz Note\n\nQuartzmoor Robotics Co., Ltd. makes robots.\n\n"
              "The Unverified List was not expanded to cover such firms.\n")
    plain = ("Quartz Memo\n\nQuartzvale Robotics Co., Ltd. makes robots.\n\n"
             "The Unverified List was expanded in May.\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-ec-en.txt": en, "quartz-denied-en.txt": denied,
                                               "quartz-plain-en.txt": plain})
    assert by_name["European Quartz Board"]["type"] == "Agency", sorted(by_name)
    assert by_name["Quartz Joint Undertaking"]["type"] == "Organization"
    assert by_name["Quartz-Node Semiconductor Assessment"]["type"] == "Policy"
    assert not [n for n in by_name if n.startswith("Executive Vice-President")]
    assert any(k[0] == "European Union" and k[2] == "European Chips Act" for k in reasons), \
        sorted(k for k in reasons if k[0] == "European Union")
    assert not [k for k in reasons if k[0] == "European Union" and k[2] == "CHIPS and Science Act"]
    assert any(r.startswith("structure its-unit") for r in reasons.get(
        ("Quartzilicon Co., Ltd", "AFFILIATE_OF", "Quartzon Technologies Co., Ltd"), set()))
    assert not [k for k in reasons if k[0].startswith("Quartzmoor") and k[1] == "LISTED_ON"]
    assert [k for k in reasons if k[0].startswith("Quartzvale") and k[1] == "LISTED_ON"], \
        sorted(k for k in reasons if k[0].startswith("Quartzvale"))


def test_sanctions_list_entries_annex_tables_and_transcript_speakers_are_read(tmp_path: Path) -> None:
    """An OFAC-style annex: its heading's agency designates the numbered entries under it, each entry (with its
    programme tags) goes on the SDN List the document names, "Linked To:" makes an affiliate, "nationality X" a
    country, and "QUARTZLEY, Jane (individual)" is the person Jane Quartzley. A Chinese annex set as a table of
    full-width bars (序号｜名称｜主要业务领域) is read row by row: each cell of the field column is a field of the row's
    firm, whose name is the whole cell. A transcript's speaker before a colon, a name after a title and a space and
    a name before a bracket that gives its post are persons; the segmenter's 严对 opens no field's name."""
    en = ("Quartz Press Release\n\nOFAC designated a Quartzland procurement network and added it to the SDN List.\n\n"
          "OFFICE OF FOREIGN ASSETS CONTROL — DESIGNATIONS PURSUANT TO E.O. 13382\n\n"
          "1.\n\nQUARTZON TRADING CO., LTD., Room 1, Quartz Road, Shenzhen, China; Company Number 1234 "
          "[NPWMD] [IFSR].\n\n"
          "2.\n\nQUARTZBRIDGE ELECTRONICS LIMITED, Unit 5, Kwai Chung, Hong Kong, China; [NPWMD] "
          "(Linked To: QUARTZON TRADING CO., LTD.).\n\n"
          "3.\n\nQUARTZLEY, Jane Marie, Tehran, Iran; DOB 01 Jan 1970; nationality Iran; Gender Female (individual) "
          "[NPWMD] (Linked To: QUARTZON TRADING CO., LTD.).\n")
    zh = ("不可靠实体清单工作机制公告\n\n工作机制决定将附件所列企业列入不可靠实体清单。\n\n附件\n\n"
          "序号｜中文名称｜英文名称｜主要业务领域｜备注\n"
          "1｜石英防务与安全解决方案公司｜Quartz Defense Solutions, Inc.｜军用无人机、靶机｜—\n"
          "2｜石英航电公司｜Quartz Avionics, Inc.｜军事电子｜—\n\n"
          "主持人：国务院新闻办公室新闻局副局长 石晓英\n\n"
          "吕晶英：女士们、先生们，上午好。\n\n作者：吕文英（产业链研究室助理研究员）\n\n"
          "美国商务部发布的新规加严对高带宽存储器和光刻机的管制。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-ofac-en.txt": en, "quartz-uel-zh.txt": zh})
    ofac, sdn = "Office of Foreign Assets Control", "Specially Designated Nationals and Blocked Persons List"
    assert by_name["Jane Marie Quartzley"]["type"] == "Person", sorted(by_name)
    for party in ("Quartzon Trading Co., Ltd", "Quartzbridge Electronics Limited", "Jane Marie Quartzley"):
        keys = {k for k in reasons if party.lower() in (k[0].lower(), k[2].lower())}
        assert any(r.startswith("structure implicit-designator") for r in reasons.get((ofac, "SANCTIONS", next(
            k[2] for k in keys if k[1] == "SANCTIONS")), set())), sorted(keys)
        assert [k for k in keys if k[1] == "LISTED_ON" and k[2] == sdn], sorted(keys)
    assert [k for k in reasons if k[0].lower() == "quartzbridge electronics limited" and k[1] == "AFFILIATE_OF"
            and k[2].lower() == "quartzon trading co., ltd"], sorted(reasons)
    assert ("Jane Marie Quartzley", "BELONGS_TO", "Iran") in reasons
    # the table: the row's firm (its whole cell) works in each field its field cell lists
    assert by_name["石英防务与安全解决方案公司"]["type"] == "Company", sorted(by_name)
    assert by_name["靶机"]["type"] == "Sector"
    fields = {k[2] for k, why in reasons.items() if k[0] == "石英防务与安全解决方案公司" and k[1] == "OPERATES_IN"
              and any(r.startswith("structure table-column") for r in why)}
    assert fields == {"Military drones", "靶机"}, fields  # (not the next row's 军事电子)
    assert by_name["石晓英"]["type"] == "Person" and by_name["吕晶英"]["type"] == "Person"
    assert by_name["吕文英"]["type"] == "Person"  # a name before a bracket that gives its post
    assert not [n for n in by_name if n.startswith("严对")]


def test_entity_list_supplement_entries_are_listed(tmp_path: Path) -> None:
    """An entry of the Entity List's supplement, as a rule sets it ("X Co., Ltd., a.k.a., the following two
    aliases: —A; and —B. <address>. For all items subject to the EAR. Presumption of denial. 90 FR …"): the
    entry's first party (not an alias on a line of its own) is on the list the document names; a paragraph with
    no licence requirement lists no one."""
    en = ("Additions to the Entity List\n\nThis rule adds entities to the Entity List.\n\nCHINA\n\n"
          "Quartzline Microelectronics Co., Ltd., a.k.a., the following two aliases:\n—Quartzline Micro; and\n"
          "—QZM Semiconductor.\nRoom 1, Building 2, Haidian District, Beijing, China. For all items subject to the "
          "EAR. Presumption of denial. 90 FR 12345, 3/12/2025.\n\n"
          "Quartzhill Optics Co., Ltd., No. 5 Road, Wuxi. For all items subject to the EAR. Case-by-case review. "
          "90 FR 12345.\n\nQuartzmere Robotics Co., Ltd. makes arms for Quartzhill Optics Co., Ltd.\n")
    _, _, reasons = _read_new(tmp_path, {"quartz-el-en.txt": en})
    listed = {k[0] for k, why in reasons.items() if k[1] == "LISTED_ON" and k[2] == "Entity List"
              and any(r.startswith("structure ear-entry") for r in why)}
    assert listed == {"Quartzline Microelectronics Co., Ltd", "Quartzhill Optics Co., Ltd"}, listed


def test_a_firms_award_and_what_it_is_for_give_its_field(tmp_path: Path) -> None:
    """"Commerce finalized awards with A ($407 million, for an advanced packaging and test facility …); B ($1.6
    billion)": the field the bracket's award is for is A's; B, with a sum alone, is given none that way."""
    en = ("Quartz Insight\n\nCommerce also finalized awards with Quartzpack Technology Inc. ($407 million, for an "
          "advanced packaging and test facility in Arizona); Quartzmill Instruments Inc. ($1.6 billion).\n")
    _, _, reasons = _read_new(tmp_path, {"quartz-award-en.txt": en})
    funded = {(k[0], k[2]) for k, why in reasons.items() if k[1] == "OPERATES_IN"
              and any(r.startswith("structure funded-for") for r in why)}
    assert funded == {("Quartzpack Technology Inc", "Advanced packaging")}, funded


def test_firms_units_research_bodies_field_chains_and_receivers_of_money_are_read(tmp_path: Path) -> None:
    """"Nexperia China", "Intel Foundry": a known firm's name with a place or a unit's word after it is a firm of
    its own, part of the known one (英伟达中国市场 is a market, not a firm); "X received $N under Y", "X was awarded
    a grant from Y": Y supports X; 财政部石英政策研究中心: the ministry's research centre is a body; 新型储能产业链:
    a chain whose field's first word the tagger leaves out of the run is named whole."""
    en = ("# Quartz notes\n\nThe Quartz ministry ordered Nexperia China to stop exports. Intel Foundry received "
          "$3 billion under the Quartz Chips Fund. Quartzline Devices was awarded a $90 million grant from the "
          "Quartz Office. Quartzline Devices later met Quartz Office staff, and Quartzmark Labs received praise "
          "from the Quartz Office.\n")
    zh = "石英新闻\n\n财政部石英政策研究中心发布报告。英伟达中国市场份额下降。新型储能产业链将受益。\n"
    _, by_name, reasons = _read_new(tmp_path, {"quartz-units-en.txt": en, "quartz-units-zh.txt": zh})
    for unit, parent in (("Nexperia China", "Nexperia"), ("Intel Foundry", "Intel")):
        assert by_name[unit]["type"] == "Company", sorted(by_name)
        assert any(r.startswith("structure name-parent") for r in reasons.get((unit, "PART_OF", parent), set())), \
            sorted(k for k in reasons if k[0] == unit)
    assert not [n for n in by_name if n.startswith("英伟达中国")], sorted(by_name)
    assert "structure en-received-under" in reasons.get(("Quartz Chips Fund", "SUPPORTS", "Intel Foundry"), set())
    assert "structure en-received-under" in reasons.get(("Quartz Office", "SUPPORTS", "Quartzline Devices"), set())
    # praise is no money
    assert "structure en-received-under" not in reasons.get(("Quartz Office", "SUPPORTS", "Quartzmark Labs"), set())
    assert by_name["石英政策研究中心"]["type"] == "Organization", sorted(by_name)
    assert by_name["新型储能产业链"]["type"] == "IndustryChain", sorted(by_name)


def test_notice_titles_legal_bases_fields_of_listed_firms_and_a_list_named_long_before_are_read(
        tmp_path: Path) -> None:
    """A Chinese notice's title (工业和信息化部 国家发展改革委 自然资源部关于印发《…》的通知) says who issues what; 根据
    《A》《B》，制定本办法: A and B establish the notice's measure; 国务院公布的《条例》，现将《办法》印发: the State
    Council made the 条例 only; 1. X公司（…），军用通信与电子战领域: the firm is in both fields; 将A和B列入清单 many
    lines after the list was named lists A and B on it."""
    notice = ("工业和信息化部 国家发展改革委 自然资源部关于印发《石英开采管理暂行办法》的通知\n\n"
              "为贯彻国务院公布的《石英管理条例》，现将《石英开采管理暂行办法》印发给你们。\n\n"
              "第一条 为维护安全，根据《中华人民共和国矿产资源法》《石英管理条例》，制定本办法。\n")
    listing = ("石英公告\n\n不可靠实体清单工作机制决定，将下列美国实体列入不可靠实体清单：\n\n"
               "1. 石英陆地系统公司（Quartz Land Systems），装甲车辆制造商；\n"
               "2. 石英哈里斯技术公司（Quartz Harris Technologies），军用通信与电子战领域；\n"
               "3. 石英工业公司（Quartz Industries），无人机领域。\n\n对上述实体采取以下措施：\n"
               "（一）禁止其从事进出口活动；\n（二）禁止其在中国境内新增投资。\n\n"
               "工作机制已于2023年2月将石英导弹公司（Quartz Missiles）和石英防务公司（Quartz Defense）列入清单。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-notice-zh.txt": notice, "quartz-listing-zh.txt": listing})
    measure = "石英开采管理暂行办法"
    for issuer in ("Ministry of Industry and Information Technology", "National Development and Reform Commission",
                   "Ministry of Natural Resources"):
        assert reasons.get((issuer, "ENACTED", measure)), sorted(k for k in reasons if k[2] == measure)
    assert ("State Council of the People's Republic of China", "ENACTED", "石英管理条例") in reasons
    assert not any(k[0].startswith("State Council") and k[1] == "ENACTED" and k[2] == measure and "lexicon" in r
                   for k, why in reasons.items() for r in why)
    for basis in ("Mineral Resources Law of the People's Republic of China", "石英管理条例"):
        assert any(r.startswith("structure legal-basis") for r in reasons.get((basis, "ESTABLISHES", measure), ()))
    firm = "石英哈里斯技术公司"
    for field in ("军用通信", "Electronic warfare"):  # a new field's name, and a known one's (电子战)
        assert field == "Electronic warfare" or by_name[field]["type"] == "Sector", sorted(by_name)
        assert "structure zh-comma-field" in reasons.get((firm, "OPERATES_IN", field), set())
    assert "structure zh-comma-field" in reasons.get(("石英工业公司", "OPERATES_IN", "Drones"), set())
    for firm in ("石英导弹公司", "石英防务公司"):
        assert any(r.startswith("structure implicit-list") for r in
                   reasons.get((firm, "LISTED_ON", "Unreliable Entity List"), set())), firm


def test_where_a_firm_is_based_and_the_body_a_title_is_held_at_are_read(tmp_path: Path) -> None:
    """"X, a power semiconductors maker based in the United States": X is of that country; "Y, Secretary of State at
    the Department for Z": Y leads that department, not the U.S. Department of State the title's words name
    elsewhere."""
    en = ("# Quartz notes\n\nIn March 2024 the plant passed to Quartz Intertechnology, Inc. (Quartz), a power "
          "semiconductors maker based in the United States.\n\nOn 25 May 2022, Maria Quartzfield, Secretary of State "
          "at the Department for Quartz Industry (DQI), issued a call-in notice.\n")
    _, _, reasons = _read_new(tmp_path, {"quartz-based-en.txt": en})
    assert "structure en-based-in" in reasons.get(("Quartz Intertechnology, Inc", "BELONGS_TO", "United States"),
                                                   set()), sorted(k for k in reasons if k[1] == "BELONGS_TO")
    led = {k[0]: why for k, why in reasons.items() if k[1] == "LED_BY" and k[2] == "Maria Quartzfield"}
    assert any(r.startswith("structure office-title-at") for r in led.get("Department for Quartz Industry", ())), led
    assert not any(r.startswith("structure office-title") for s, why in led.items() if "State" in s for r in why)


def test_funders_lists_laws_measures_rest_on_official_replies_and_offshore_seats_are_read(tmp_path: Path) -> None:
    """石英半导体公司由A（…）、B（…）等八家日企出资设立: each firm of the list supports it; 经济产业省依据《A法》
    （…）实施B: the law establishes the measure, not the ministry that acts under it; a 《…复函》 is a measure; "X is
    incorporated in the Cayman Islands": X's country, the offshore one included."""
    zh = ("石英新闻\n\n石英半导体公司由丰田汽车（Toyota）、索尼（Sony）、软银（SoftBank）、铠侠（Kioxia）"
          "等八家日企出资设立。\n"
          "经济产业省自2023年7月依据《外汇及外国贸易法》（FEFTA）实施石英设备出口管制。\n"
          "国家石英局印发《关于同意石英项目的复函》。\n")
    en = "# Quartz notes\n\nQuartzline Holdings Ltd. is incorporated in the Cayman Islands.\n"
    _, by_name, reasons = _read_new(tmp_path, {"quartz-funders-zh.txt": zh, "quartz-seat-en.txt": en})
    funded = {k[0] for k, why in reasons.items() if k[1:] == ("SUPPORTS", "石英半导体公司")
              and any(r.startswith("structure zh-receives-support") for r in why)}
    assert {"Toyota Motor Corporation", "Sony", "SoftBank Group", "Kioxia"} <= funded, funded
    act = "Foreign Exchange and Foreign Trade Act"
    assert "structure zh-basis-of-measure" in reasons.get((act, "ESTABLISHES", "石英设备出口管制"), set())
    assert not any(k[0] == act and k[1] == "ESTABLISHES" and k[2].startswith("Ministry of Economy") for k in reasons)
    assert by_name["关于同意石英项目的复函"]["type"] == "Policy", sorted(by_name)
    assert "structure en-based-in" in reasons.get(("Quartzline Holdings Ltd", "BELONGS_TO", "Cayman Islands"), set())


def test_a_short_name_defined_after_a_legal_form_and_a_firms_affiliate_are_read(tmp_path: Path) -> None:
    """"Quartzline Holdings Ltd. ("Quartzline")": the short name is the firm's, past its legal form's period, but
    not inside the longer names it opens ("Quartzline Microelectronics (Wuxi) Co., Ltd.", "Suzhou Quartzline …");
    "a Quartzline affiliate, X, was added to the Entity List": X is the affiliate, and X (not Quartzline) is listed."""
    en = ("# Quartz notes\n\nPresident Biden prohibited the acquisition of Quartz Wafer Systems, Inc. by Quartzline "
          "Holdings Ltd. (\"Quartzline\").\n\nQuartzline is incorporated in the Cayman Islands and is controlled by "
          "Suzhou Quartzline Technology Co., Ltd., headquartered in the People's Republic of China.\n\nThe Committee "
          "noted that a Quartzline affiliate, Quartzline Microelectronics (Wuxi) Co., Ltd., was added to the Entity "
          "List.\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-short-en.txt": en})
    holdings, unit = "Quartzline Holdings Ltd", "Quartzline Microelectronics (Wuxi) Co., Ltd"
    assert "Quartzline" in by_name[holdings]["aliases"], by_name[holdings]
    for longer in (unit, "Suzhou Quartzline Technology Co., Ltd"):
        assert by_name[longer]["type"] == "Company", sorted(by_name)
    assert "structure en-based-in" in reasons.get((holdings, "BELONGS_TO", "Cayman Islands"), set())
    assert "structure en-firm-affiliate" in reasons.get((unit, "AFFILIATE_OF", holdings), set())
    assert (unit, "LISTED_ON", "Entity List") in reasons and (holdings, "LISTED_ON", "Entity List") not in reasons


def test_a_speakers_body_a_title_a_verb_inside_a_firms_run_and_links_before_their_chain_are_read(
        tmp_path: Path) -> None:
    """"said Mark Quarles of Quartzline Research": a person, then the body they speak for (not one firm named
    "Mark Quarles of …"); "Solicitor General D. Q. Quarles": a person after the title; "Chinese Commerce Minister":
    not the U.S. department ("Commerce"); 海关查获石英…有限公司,
    服务商包括石英电信贵州公司: the verb inside the run ends what came before the firm's name; 突破A、B和C等环节，
    夯实X产业链: each link is part of the chain named after the list."""
    en = ("Quartz Wire\n\nThe Quartz ministry added Quartzfab Co., Ltd. to its list, said Mark Quarles of Quartzline "
          "Research, a consultancy. Priya Quartzman of Singapore-based Quartzpeak Advisory said the move would hurt. "
          "Solicitor General Dana Q. Quarles defended the rule. Chinese Commerce Minister Wang Quartzhua called "
          "Quartzfab.\n")
    zh = ("石英新闻\n\n昆明海关查获云南石英进出口有限公司走私案件。首批服务商包括石英电信贵州公司。"
          "《石英指导意见》要求突破石英减速器、石英电机和石英传感器等环节，夯实石英机器人产业链。\n")
    from policykg.graph.evaluate import mentioned_by_doc

    g, by_name, reasons = _read_new(tmp_path, {"quartz-speakers-en.txt": en, "quartz-speakers-zh.txt": zh})
    # "Chinese Commerce Minister": another country's body, not the U.S. department's bare "Commerce"
    assert "agency:department-of-commerce" not in mentioned_by_doc(g)["quartz-speakers-en"]
    for person in ("Mark Quarles", "Priya Quartzman", "Dana Q. Quarles"):
        assert by_name[person]["type"] == "Person", sorted(by_name)
    for body in ("Quartzline Research", "Quartzpeak Advisory"):
        assert by_name[body]["type"] == "Company", sorted(by_name)
    assert not [n for n in by_name if " of " in n or n.startswith("Solicitor")], sorted(by_name)
    assert by_name["云南石英进出口有限公司"]["type"] == "Company", sorted(by_name)
    assert by_name["石英电信贵州公司"]["type"] == "Company", sorted(by_name)
    assert not [n for n in by_name if "查获" in n or "包括" in n], sorted(by_name)
    for link in ("石英减速器", "石英电机", "石英传感器"):
        assert "structure zh-links-then-chain" in reasons.get((link, "PART_OF", "石英机器人产业链"), set()), \
            sorted(k for k in reasons if k[0] == link)


def test_a_new_person_named_in_full_is_the_one_their_family_name_names_after(tmp_path: Path) -> None:
    """A hearing's "Dr. Miriam Quartzholt, Director, …", then "Dr. QUARTZHOLT." and "Quartzholt said …": one person,
    whom no gazetteer knows, named by the family name alone after the full name (read again where a sentence opens
    with it: "Quartzowski warned …"); two persons of one family name leave the name alone to neither."""
    en = ("Quartz Hearing\n\nWITNESSES: Dr. Miriam Quartzholt, Director, Quartzvale Institute for Chip Security; "
          "Mr. Raymond Quartzowski, former Special Agent.\n\nDr. QUARTZHOLT. Shell firms order servers from "
          "Quartzmicro Computer, Inc. and re-export them.\n\nQuartzholt said the rule would help. Quartzowski warned "
          "that the Bureau of Industry and Security lacks agents. Later Dana Quartzfield of Quartzline Research said "
          "Ann Quartzfield agreed.\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-hearing-en.txt": en})
    assert "Quartzholt" in by_name["Miriam Quartzholt"]["aliases"], by_name["Miriam Quartzholt"]
    assert "QUARTZHOLT" in by_name["Miriam Quartzholt"]["aliases"], by_name["Miriam Quartzholt"]
    assert not [n for n in by_name if n.lower() == "quartzholt"], sorted(by_name)
    assert "Quartzowski" in by_name["Raymond Quartzowski"]["aliases"]
    assert ("Bureau of Industry and Security", "LED_BY", "Raymond Quartzowski") in reasons, \
        sorted(k for k in reasons if "Raymond Quartzowski" in k)  # read in the sentence that opens with the name
    assert by_name["Dana Quartzfield"]["type"] == "Person" and "Later Dana Quartzfield" not in by_name
    assert "Quartzfield" not in by_name["Dana Quartzfield"]["aliases"]  # Ann Quartzfield bears it too


def test_the_threshold_is_the_lowest_hundredth_that_reaches_the_target_precision() -> None:
    """Left-out scores whose precision reaches 0.7 between two twentieths (0.41 of 0.40-0.45): the threshold chosen
    is that hundredth, not the next twentieth, so the default gives up no recall the folds did not ask for; each
    pair of names counts once, by its best reading."""
    from policykg.extract.ingest.scorer import Example, choose_threshold

    scored: list[tuple[Example, float]] = []
    for i in range(70):  # related pairs, all scored 0.41
        scored.append((Example("d", {}, 1, keyed=True, slot=f"r{i}"), 0.41))
    for i in range(30):  # unrelated ones at 0.41 (precision 0.70 from 0.41 up)
        scored.append((Example("d", {}, 0, keyed=True, slot=f"u{i}"), 0.41))
        scored.append((Example("d", {}, 0, keyed=True, slot=f"u{i}"), 0.2))  # a second, weaker reading
    for i in range(40):  # more unrelated ones at 0.40, below which precision drops under 0.7
        scored.append((Example("d", {}, 0, keyed=True, slot=f"w{i}"), 0.40))
    assert choose_threshold(scored) == 0.41


def test_a_measure_named_by_its_goods_or_after_a_known_name_is_read_whole(tmp_path: Path) -> None:
    """"export controls on gallium and germanium": one measure, which concerns each of its goods; "the Section 301
    port fees", "the Huawei foreign direct product rule", "The UFLPA Strategy": a measure named after a known name
    (not the known name alone), while a longer title holds its known name ("the Proposed FEOC Regulations");
    商务部宣布对美加征关税: tariffs aimed at the U.S., not the U.S. tariffs that 加征关税 names elsewhere; 提出 ends the
    words before a requirement."""
    en = ("Quartz Brief\n\nQuartzland answered with export controls on gallium and germanium, which its ministry "
          "announced in July. USTR began collecting the Section 301 port fees in October. Commerce widened the "
          "Huawei foreign direct product rule. The UFLPA Strategy names several Quartzvale producers. The Proposed "
          "FEOC Regulations stay in force.\n")
    zh = "石英简报\n\n商务部宣布对美加征关税，并对石英科技有限公司提出出口许可证要求。\n"
    from policykg.graph.evaluate import mentioned_by_doc

    g, by_name, reasons = _read_new(tmp_path, {"quartz-goods-en.txt": en, "quartz-goods-zh.txt": zh})
    measure = "export controls on gallium and germanium"
    assert by_name[measure]["type"] == "Instrument", sorted(by_name)
    for goods in ("Gallium", "Germanium"):
        assert any(r.startswith("structure name-goods") for r in reasons.get((measure, "CONCERNS", goods), set())), \
            sorted(k for k in reasons if k[0] == measure)
    assert by_name["Section 301 port fees"]["type"] == "Instrument", sorted(by_name)
    assert by_name["Huawei foreign direct product rule"]["type"] == "Policy", sorted(by_name)
    assert by_name["UFLPA Strategy"]["type"] == "Policy", sorted(by_name)
    assert "Strategy" not in by_name and "FEOC Regulations" not in by_name, sorted(by_name)
    assert "instrument:us-tariffs-on-china" not in mentioned_by_doc(g)["quartz-goods-zh"]
    assert by_name["对美加征关税"]["type"] == "Instrument", sorted(by_name)
    assert not [n for n in by_name if "提出" in n], sorted(by_name)


def test_a_new_name_is_typed_by_its_apposition_its_acronyms_head_or_the_words_before_it(tmp_path: Path) -> None:
    """"WindQuartz, the Brussels-based trade association": an organisation; "Plan Quartzo, her industrial strategy":
    a policy; "Margaret Quarles (Partner, New York)": a person; "the Trusted Quartz Microelectronics (TQM) program":
    a programme (not a firm, for its last word); "the trading house Quartzitz": a firm; 台湾封测龙头日月石（QSE）: a
    firm, however short its name; a headline's verb ("… Announces …") ends a name."""
    en = ("Quartz Office Announces Quartz Levies\n\nWindQuartz, the Brussels-based trade association whose members "
          "include Vestas, welcomed it. President Dana Roe presents the tariffs as part of Plan Quartzo, her "
          "industrial strategy. Contacts: Margaret Quarles (Partner, New York). Under the Trusted Quartz "
          "Microelectronics (TQM) program, the office funds designers. The money came from the trading house "
          "Quartzitz.\n")
    zh = "石英简报\n\n台湾封测龙头日月石（QSE）则扩大在马来西亚的产能。\n"
    _, by_name, _ = _read_new(tmp_path, {"quartz-typed-en.txt": en, "quartz-typed-zh.txt": zh})
    types = {n: e["type"] for n, e in by_name.items()}
    assert types.get("WindQuartz") == "Organization", types
    assert types.get("Plan Quartzo") == "Policy", types
    assert types.get("Margaret Quarles") == "Person", types
    assert types.get("Trusted Quartz Microelectronics") == "Programme", types
    assert types.get("Quartzitz") == "Company", types
    assert types.get("日月石") == "Company", types
    assert not [n for n in types if "Announces" in n], types  # a headline's verb is no part of a name


def test_a_chinese_measure_named_by_its_goods_is_one_name_and_a_firms_legal_form_ends_its_name(
        tmp_path: Path) -> None:
    """镓、锗出口管制, 镓锗出口禁令, EDA出口许可要求: one measure each, which concerns each of its goods (before,
    镓、锗出口管制 was no name and EDA出口许可要求 stopped at the known EDA); 对华半导体出口管制 is still read whole.
    "Wacker Chemie AG of Germany and Quartzite Holdings Co., Ltd. of South Korea" is two firms and their countries,
    not one name; "adds CATL to Quartz Military List" does not make "CATL to Quartz Military List" a list; "the
    Department of Justice and Commerce" is two known bodies, not a third."""
    zh = ("石英简报\n\n美方宣布撤销EDA出口许可要求。商务部决定对镓、锗出口管制作出调整，并宣布镓锗出口禁令。"
          "美国继续实施对华半导体出口管制。\n")
    en = ("Quartz Brief\n\nTrusted sources include Wacker Chemie AG of Germany and Quartzite Holdings Co., Ltd. of "
          "South Korea. The Pentagon adds CATL to Quartz Military List. The Quartz Strike Force is run by the "
          "Department of Justice and Commerce.\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-zh-goods.txt": zh, "quartz-en-firms.txt": en})
    for measure in ("EDA出口许可要求", "镓、锗出口管制", "镓锗出口禁令"):
        assert by_name.get(measure, {}).get("type") in {"Instrument", "Policy"}, sorted(by_name)
    for measure in ("镓、锗出口管制", "镓锗出口禁令"):
        for goods in ("Gallium", "Germanium"):
            assert any(r.startswith("structure name-goods") for r in reasons.get((measure, "CONCERNS", goods), ())), \
                sorted(k for k in reasons if k[0] == measure)
    assert "对华半导体出口管制" in by_name, sorted(by_name)
    assert by_name.get("Quartzite Holdings Co., Ltd", {}).get("type") == "Company", sorted(by_name)
    assert "structure en-company-of-country" in reasons.get(("Quartzite Holdings Co., Ltd", "BELONGS_TO",
                                                              "South Korea"), set()), sorted(reasons)
    assert not [n for n in by_name if "of Germany" in n or n.startswith("CATL") or "Justice and" in n], \
        sorted(by_name)


def test_a_heading_or_a_caption_that_names_a_list_is_what_the_text_under_it_points_to(tmp_path: Path) -> None:
    """一、石英实体清单 above "该清单…；石英测序公司被列入该清单": the firm is on the list the heading names (before,
    该清单 found nothing to point to, as headings were never read for it); a table under "## 2. The Quartz Watch
    List" or under an annex's title line (不可靠实体清单名单（2025年第1号）) lists each row's party on that list; the
    known list's roster (不可靠实体清单名单) is the list, not a new name."""
    zh = ("石英简报\n\n一、石英实体清单\n\n该清单依据商务部2020年公布的规定设立。"
          "2025年2月，美国企业石英测序公司被列入该清单。\n\n附件\n\n不可靠实体清单名单（2025年第1号）\n\n"
          "序号｜中文名称｜英文名称\n1｜石英防务公司｜Quartz Defense Inc.\n"
          "2｜石英航电公司｜Quartz Avionics Inc.\n")
    en = ("Quartz Notice\n\n## 2. The Quartz Watch List\n\n| Entity | Sector | Added |\n|---|---|---|\n"
          "| Quartzwave Technologies Co., Ltd. | video surveillance | March 2021 |\n"
          "| Quartzcom Mobile USA Inc. | telecommunications | March 2022 |\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-zh-heading.txt": zh, "quartz-en-table.md": en})
    assert reasons.get(("石英测序公司", "LISTED_ON", "石英实体清单")), sorted(k for k in reasons if k[1] == "LISTED_ON")
    uel = next(n for (s, t, n) in reasons if s == "石英防务公司" and t == "LISTED_ON")
    assert uel != "不可靠实体清单名单" and "不可靠实体清单名单" not in by_name, sorted(by_name)
    assert reasons.get(("石英航电公司", "LISTED_ON", uel)), sorted(k for k in reasons if k[1] == "LISTED_ON")
    for firm in ("Quartzwave Technologies Co., Ltd", "Quartzcom Mobile USA Inc"):
        assert any(r.startswith("structure list-item") for r in reasons.get((firm, "LISTED_ON", "Quartz Watch List"),
                                                                            ())), \
            sorted(k for k in reasons if k[1] == "LISTED_ON")


def test_a_new_measure_concerns_the_fields_its_name_holds_and_heads_in_a_row_are_one_field(tmp_path: Path) -> None:
    """《石英省加快集成电路产业发展若干措施》 concerns integrated circuits, the field its title holds (before, the title
    hid the field: no item of the sentence named it); "advanced computing chips" is one field, not the known
    "advanced computing" with "chips" left over."""
    zh = "石英简报\n\n石英省人民政府日前印发《石英省加快集成电路产业发展若干措施》。\n"
    en = "Quartz Brief\n\nThe rule capped exports of advanced computing chips from Quartzland.\n"
    _, by_name, reasons = _read_new(tmp_path, {"quartz-zh-title.txt": zh, "quartz-en-chips.txt": en})
    measure = "石英省加快集成电路产业发展若干措施"
    assert any(r.startswith("structure name-field") for (src, rel, _), rs in reasons.items()
               if src == measure and rel == "CONCERNS" for r in rs), sorted(k for k in reasons if k[0] == measure)
    assert by_name.get("advanced computing chips", {}).get("type") == "Sector", sorted(by_name)


def test_a_chinese_name_after_a_country_with_a_firms_latin_name_is_that_countrys_firm(tmp_path: Path) -> None:
    """美国石英邦（Quartzont）, 日本石英汽车（Quartzuki Motors）: firms of those countries (before, no name at all, or a
    sector for 汽车); a place after its country (美国石英州（Quartzona）) and a person (唐纳德·石英（Donald Quartz）)
    are not firms."""
    zh = ("石英简报\n\n我国高端光刻胶主要依赖美国石英邦（Quartzont）；日本石英汽车（Quartzuki Motors）暂停生产。"
          "美国石英州（Quartzona）和美国唐纳德·石英（Donald Quartz）均表示关注。\n")
    _, by_name, reasons = _read_new(tmp_path, {"quartz-zh-firms.txt": zh})
    for firm, home in (("石英邦", "United States"), ("石英汽车", "Japan")):
        assert by_name.get(firm, {}).get("type") == "Company", sorted(by_name)
        assert any(r.startswith("structure zh-country-prefix") for r in reasons.get((firm, "BELONGS_TO", home), ())), \
            sorted(k for k in reasons if k[0] == firm)
    assert by_name.get("石英州", {}).get("type") != "Company"
    assert by_name.get("唐纳德·石英", {}).get("type") != "Company"


def test_a_names_other_names_from_every_document_stay_with_it(tmp_path: Path) -> None:
    """A notice named in full by a news story (read first) and by the notice itself, which also calls it 第18号公告:
    the listing keeps the short name the notice gives (before, only the first document's candidate was kept, with
    its names, and 第18号公告 named nothing)."""
    news = "石英简报\n\n商务部 海关总署公告2025年第18号公布了石英物项的出口管制措施。\n"
    notice = ("商务部 海关总署公告2025年第18号\n关于对石英相关物项实施出口管制的决定\n\n"
              "为维护国家安全，商务部、海关总署决定对石英相关物项实施出口管制。\n\n与第18号公告同日，商务部还公布了其他措施。\n")
    _, by_name, _ = _read_new(tmp_path, {"a-quartz-news.txt": news, "b-quartz-notice.txt": notice})
    notices = [e for n, e in by_name.items() if n.endswith("第18号")]
    assert len(notices) == 1 and "第18号公告" in notices[0]["aliases"], sorted(by_name)
    assert len(notices[0]["docs"]) == 2, notices[0]["docs"]


def test_a_chinese_title_is_typed_by_what_the_words_after_it_call_it(tmp_path: Path) -> None:
    """题为《石英清单增列与现有条目修订》（Additions to the Quartz List; Revision of Existing Entry）的最终规则: a
    rule, whose Latin title (with its semicolon) is its other name (before, no name: 修订 is no head, and the Latin
    title made two names of its own)."""
    zh = ("石英简报\n\n工业与安全局宣布了一项题为《石英清单增列与现有条目修订》（Additions to the Quartz List; "
          "Revision of Existing Entry）的最终规则。\n")
    _, by_name, _ = _read_new(tmp_path, {"quartz-zh-titled.txt": zh})
    rule = by_name.get("石英清单增列与现有条目修订", {})
    assert rule.get("type") == "Policy", sorted(by_name)
    assert "Additions to the Quartz List; Revision of Existing Entry" in rule["aliases"], rule
    assert not [n for n in by_name if n.startswith(("Additions", "Revision"))], sorted(by_name)


def test_the_parties_a_sentence_says_the_listings_include_are_on_the_list_named_before(tmp_path: Path) -> None:
    """"… added 140 companies to the Entity List. Most of the new listings are Chinese. They include A and B, and C":
    each of A, B and C is on the list (before, the sentence after the one that lists named no list and no listing
    verb); 其中包括 after 列入…清单 the same."""
    en = ("Quartz Brief\n\nThe administration added 140 companies to the Entity List. Most of the new listings are "
          "Chinese. They include equipment makers Quartz Technology Group and Quartzotech, and Quartzwing "
          "Technology.\n")
    zh = "石英简报\n\n商务部将12家美国企业列入不可靠实体清单。其中包括石英防务公司和石英航电公司。\n"
    _, _, reasons = _read_new(tmp_path, {"quartz-en-listings.txt": en, "quartz-zh-listings.txt": zh})
    for firm, listed in (("Quartz Technology Group", "Entity List"), ("Quartzotech", "Entity List"),
                         ("Quartzwing Technology", "Entity List"), ("石英防务公司", "Unreliable Entity List"),
                         ("石英航电公司", "Unreliable Entity List")):
        assert any(r.startswith("structure implicit-list") for r in reasons.get((firm, "LISTED_ON", listed), ())), \
            sorted(k for k in reasons if k[1] == "LISTED_ON")
