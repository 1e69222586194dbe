"""Bad input, as a user meets it: each case is one `Error: FILE:LINE: … (fix: …)` line, exit status 1, no
traceback, and nothing written (no cache, no output, no temporary file). All problems of all loader files are
listed together. The command line runs as a subprocess on a copy of the real corpus."""

from __future__ import annotations

import codecs
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from policykg.config import REPO_ROOT, Settings
from policykg.extract.regex_safety import unsafe_reason

CORPUS = Settings().corpus
FIX_YAML = "(fix: keep one of them: YAML would silently use the last)"
REGEX_FIX = ("(fix: repeat a group a bounded number of times, e.g. (?:\\w+\\s+){1,3}, or put a character the "
             "repetition cannot match between the repetitions, e.g. (?:\\w+\\s)+ instead of (?:\\w+\\s?)+)")
EXPONENTIAL = ("can take exponential time on a long sentence: part of it can match the same text in two ways, "
               "again and again, as (\\w+\\s?)+ does")
POLYNOMIAL = ("can take time growing as a power of the sentence's length: two repetitions can share out the same "
              "characters between them, as \\w+\\w+ does")
# one curated assertion the corpus supports (gu2022 names the 5G Clean Path and Huawei in one sentence)
ASSERTION = ("doc: gu2022\nassertions:\n  - source: policy:five-g-clean-path\n    type: TARGETS\n"
             "    target: company:huawei\n    anchor: [5G Clean Path, Huawei]\n")


def run(args: list[str], cache: Path, corpus: Path | None = None, timeout: float = 300,
        **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "POLICYKG_CACHE": str(cache), **env}
    full_env.pop("POLICYKG_SCREENING_LIST", None)
    where = ["--corpus", str(corpus)] if corpus is not None else []
    return subprocess.run([sys.executable, "-m", "policykg", *where, *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def errors(out: subprocess.CompletedProcess[str], cache: Path | None = None) -> list[str]:
    """The error lines of a failed run, after the checks every bad input must pass."""
    assert out.returncode == 1, (out.returncode, out.stdout[-2000:], out.stderr)
    assert "Traceback" not in out.stderr, out.stderr
    lines = out.stderr.strip().splitlines()
    assert lines and all(line.startswith("Error: ") for line in lines), out.stderr
    assert all("(fix: " in line for line in lines if not re.match(r"Error: \d+ problems", line)), out.stderr
    if cache is not None:
        assert not cache.exists() or not list(cache.iterdir()), list(cache.iterdir())  # nothing cached
    return lines


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the corpus (cp -r ../shared/corpus X && chmod -R u+w X)."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    for p in [dst, *dst.rglob("*")]:
        p.chmod(p.stat().st_mode | 0o200)
    return dst


@pytest.fixture()
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def overlay(corpus: Path, name: str, text: str) -> Path:
    """A file of the corpus overlay <corpus>/loaders/, merged over the project's loaders."""
    path = corpus / "loaders" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ------------------------------------------------------------------------------------------- field values
def test_year_that_is_not_a_number(corpus: Path, cache: Path) -> None:
    sources = corpus / "sources.yaml"
    replace_once(sources, "    year: 2023\n", "    year: twenty-five\n")
    line = line_of(sources, "- id: wu2023")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {sources}:{line}: document 'wu2023': year 'twenty-five' is not a number (fix: write e.g. year: 2025)"]


def test_confidence_that_is_not_a_number(corpus: Path, cache: Path) -> None:
    mine = overlay(corpus, "assertions/mine.yaml", ASSERTION + "    confidence: high\n")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {mine}:3: confidence 'high' is not a number (fix: write a number between 0 and 1, e.g. "
        "confidence: 0.8)"]


@pytest.mark.parametrize("value", ["two", "0", "1.5"])
def test_occurrence_that_is_not_a_whole_number(corpus: Path, cache: Path, value: str) -> None:
    mine = overlay(corpus, "assertions/mine.yaml", ASSERTION + f"    occurrence: {value}\n")
    shown = {"two": "'two'", "0": "0", "1.5": "1.5"}[value]
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {mine}:3: occurrence {shown} is not a whole number of 1 or more (fix: write e.g. occurrence: 2 "
        "for the second sentence the anchor finds)"]


def test_back_matter_that_is_not_a_list(corpus: Path, cache: Path) -> None:
    docs = overlay(corpus, "documents.yaml", "documents:\n  wu2023:\n    layout: plain_zh\n    back_matter: 5\n")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {docs}:3: back_matter of 'wu2023' must be a list of headings (fix: write e.g. back_matter: "
        "[References])"]


@pytest.mark.parametrize("name, text, expected", [
    ("rules.yaml", "rules:\n  - id: mine\n    lang: en\n    triggers: [sells to]\n    a: [Company]\n"
     "    b: [Company]\n    yields: SUPPLIES\n    window: wide\n",
     "{path}:2: window 'wide' is not a whole number (fix: each rule needs id, lang, triggers, a, b, yields (see "
     "loaders/rules.yaml))"),
    ("rules.yaml", "rules:\n  - id: mine\n    lang: en\n    triggers: [sells to]\n    a: Company\n"
     "    b: {x: 1}\n    yields: SUPPLIES\n",
     "{path}:2: b must be a list of node types, not {{'x': 1}} (fix: each rule needs id, lang, triggers, a, b, "
     "yields (see loaders/rules.yaml))"),
    ("gazetteer/mine.yaml", "entities:\n  - id: acme\n    type: Company\n    name: Acme\n    aliases: {a: 1}\n",
     "{path}:2: aliases must be a list of names, not {{'a': 1}} (fix: write e.g. aliases: [Name, 名称])"),
    ("gazetteer/mine.yaml", "entities:\n  - id: acme\n    type: Company\n    name: Acme\n    aliases: [Acme, Inc.]\n",
     "{path}:2: acme: alias 'Inc.' is only a company form (a name with a comma split in two?) (fix: quote the whole "
     "name, e.g. aliases: [\"Acme, Inc.\"])"),
    ("gazetteer/mine.yaml", "entities:\n  - id: acme\n    type: Company\n    name: Acme\n    reference: 5\n",
     "{path}:2: acme: reference must be a mapping with 'source' and 'properties' (fix: write reference: "
     "{{source: …, properties: {{…}}}})"),
    ("assertions/mine.yaml", ASSERTION.replace("anchor: [5G Clean Path, Huawei]", "anchor: {a: 1}"),
     "{path}:3: anchor {{'a': 1}} is not a phrase or a list of phrases (fix: give a short phrase or name found in "
     "the sentence, or a list of them: anchor: [Huawei, Entity List])"),
    ("assertions/mine.yaml", "doc: gu2022\nassertions: 5\n",
     "{path}:1: 'assertions:' must be a list, not 5 (fix: write each entry under 'assertions:' as '- …')"),
    ("documents.yaml", "documents: 5\n",
     "{path}:1: 'documents:' must map document ids to their settings (fix: write e.g. documents: {{gu2022: "
     "{{layout: parallel_en_zh}}}})"),
    ("documents.yaml", "documents:\n  gu2022: {layout: [parallel_en_zh]}\n",
     "{path}:2: no valid layout for document 'gu2022' (fix: set 'gu2022: {{layout: <one of generic, markdown_zh, "
     "numbered_en, numbered_zh, parallel_en_zh, plain_zh>}}' or remove the entry to detect it)"),
    ("patterns.yaml", "contrast:\n  en: {a: 1}\n",
     "{path}:2: contrast.en must be a list of words, not {{'a': 1}} (fix: write e.g. en: [word, another word])"),
    ("patterns.yaml", "stop_words:\n  en: [Yes, No]\n",
     "{path}:2: stop_words.en: YAML reads a bare Yes, No, On or Off as true or false (fix: quote the word: 'No')"),
    ("patterns.yaml", "contrast: 5\n",
     "{path}:1: contrast must be a mapping, not 5 (fix: see loaders/patterns.yaml for the expected shape)"),
])
def test_a_field_of_the_wrong_type_is_one_error(corpus: Path, cache: Path, name: str, text: str,
                                                 expected: str) -> None:
    path = overlay(corpus, name, text)
    assert errors(run(["build"], cache, corpus), cache) == ["Error: " + expected.format(path=path)]


def test_authors_that_are_not_a_list(corpus: Path, cache: Path) -> None:
    sources = corpus / "sources.yaml"
    replace_once(sources, "    authors: [Wu Fuxiang]\n", "    authors: 5\n")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {sources}:{line_of(sources, '- id: wu2023')}: document 'wu2023': authors must be a list of names, "
        "not 5 (fix: write e.g. authors: [Gu Xueming, Liu Yiming])"]


def test_a_loader_file_that_is_not_utf8(corpus: Path, cache: Path) -> None:
    path = corpus / "loaders" / "assertions" / "mine.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes("doc: gu2022\n# 注释\n".encode("gbk"))
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {path}:2: not UTF-8 text (byte 16) (fix: save it as UTF-8, e.g. iconv -f GBK -t UTF-8 mine.yaml > "
        "mine.utf8.yaml)"]


def test_a_bad_environment_setting_is_one_error(cache: Path) -> None:
    out = run(["build"], cache, POLICYKG_PROPOSAL_THRESHOLD="high")
    assert errors(out, cache) == [
        "Error: POLICYKG_PROPOSAL_THRESHOLD: not a number: 'high' (fix: set a confidence between 0 and 1, e.g. 0.5)"]


# ------------------------------------------------------------------------------------------- duplicate keys
@pytest.mark.parametrize("where", ["sources", "rules", "gazetteer", "assertions", "project documents"])
def test_a_duplicate_yaml_key_is_an_error(corpus: Path, cache: Path, loaders_copy: Path, where: str) -> None:
    env: dict[str, str] = {}
    if where == "sources":
        path = corpus / "sources.yaml"
        replace_once(path, "    year: 2023\n", "    year: 2023\n    year: 2024\n")
        key, first = "year", line_of(path, "year: 2023")
    elif where == "rules":
        path = overlay(corpus, "rules.yaml", "rules:\n  - id: mine\n    lang: en\n    triggers: [sells to]\n"
                       "    a: [Company]\n    b: [Company]\n    yields: SUPPLIES\n    yields: LISTED_ON\n")
        key, first = "yields", 7
    elif where == "gazetteer":
        path = overlay(corpus, "gazetteer/mine.yaml", "entities:\n  - id: acme\n    type: Company\n"
                       "    name: Acme\n    name: Acme Corp\n")
        key, first = "name", 4
    elif where == "assertions":
        path = overlay(corpus, "assertions/mine.yaml", ASSERTION + "    note: one\n    note: two\n")
        key, first = "note", 7
    else:
        path = loaders_copy / "documents.yaml"
        replace_once(path, "    reviewed: true\n    back_matter: [注释]\n",
                     "    reviewed: true\n    back_matter: [注释]\n    reviewed: false\n")
        key, first = "reviewed", line_of(path, "back_matter: [注释]") - 1
        env["POLICYKG_LOADERS"] = str(loaders_copy)
    second = line_of(path, "reviewed: false") if where == "project documents" else first + 1
    assert errors(run(["build"], cache, corpus, **env), cache) == [
        f"Error: {path}:{second}: duplicate key {key!r} (first at line {first}) {FIX_YAML}"]


# ------------------------------------------------------------------------------------------- all together
def test_gazetteer_problems_do_not_hide_the_other_loader_files(corpus: Path, cache: Path) -> None:
    gaz = overlay(corpus, "gazetteer/mine.yaml", "entities:\n  - id: Bad_Slug\n    type: Company\n    name: Bad\n")
    mine = overlay(corpus, "assertions/mine.yaml", ASSERTION.replace("Huawei]", "Huawei, zzqq]"))
    rules = overlay(corpus, "rules.yaml", "rules:\n  - id: mine\n    lang: fr\n    triggers: [vend]\n"
                    "    a: [Company]\n    b: [Company]\n    yields: SUPPLIES\n")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {gaz}:2: entity id 'Bad_Slug' is not a lowercase slug (fix: use e.g. 'entity-list')",
        f"Error: {rules}:2: lang must be zh or en, not 'fr' (fix: each rule needs id, lang, triggers, a, b, yields "
        "(see loaders/rules.yaml))",
        f"Error: {mine}:3: anchor ['5G Clean Path', 'Huawei', 'zzqq'] not found in gu2022 (fix: check with "
        "'policykg anchor gu2022 \"5G Clean Path\"')",
        "Error: 3 problems; nothing was written"]


def test_corpus_problems_do_not_hide_loader_problems(corpus: Path, cache: Path) -> None:
    sources = corpus / "sources.yaml"
    replace_once(sources, "    year: 2023\n", "    year: twenty-five\n")
    rules = overlay(corpus, "rules.yaml", "rules:\n  - id: mine\n    lang: en\n    triggers: [sells to]\n"
                    "    a: [Company]\n    b: [Company]\n    yields: SELLS\n")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {sources}:{line_of(sources, '- id: wu2023')}: document 'wu2023': year 'twenty-five' is not a "
        "number (fix: write e.g. year: 2025)",
        f"Error: {rules}:2: yields unknown relationship type 'SELLS' (fix: each rule needs id, lang, triggers, a, "
        "b, yields (see loaders/rules.yaml))",
        "Error: 2 problems; nothing was written"]


# ------------------------------------------------------------------------------------------- new documents
def _document(kind: str, folder: Path) -> tuple[Path, str]:
    """A document of one bad kind, and the error line it must give (FILE standing for its path)."""
    text = "美国商务部将华为列入实体清单。\n"
    if kind == "empty":
        path = folder / "empty.txt"
        path.write_bytes(b"")
        return path, "Error: FILE: empty document (fix: add the document's text)"
    if kind == "binary":
        path = folder / "scan.txt"
        path.write_bytes(b"%PDF\x00\x01\x02binary")
        return path, ("Error: FILE@byte 4: binary file, not text (fix: add a text file (UTF-8); convert PDFs or Word "
                      "files to text first)")
    if kind == "gbk":
        path = folder / "notice.txt"
        path.write_bytes(text.encode("gbk"))
        return path, ("Error: FILE@byte 0: not UTF-8 text (fix: convert it, e.g. iconv -f GBK -t UTF-8 notice.txt > "
                      "notice.utf8.txt)")
    path = folder / "brief.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    return path, ("Error: FILE: UTF-16 text, not UTF-8 (fix: convert it, e.g. iconv -f UTF-16 -t UTF-8 brief.txt > "
                  "brief.utf8.txt)")


@pytest.mark.parametrize("kind", ["empty", "binary", "gbk", "utf16"])
def test_a_new_document_that_is_not_utf8_text_through_add(corpus: Path, cache: Path, tmp_path: Path,
                                                           kind: str) -> None:
    before = sorted(p.name for p in corpus.iterdir()), (corpus / "sources.yaml").read_bytes()
    path, expected = _document(kind, tmp_path)
    assert errors(run(["add", str(path)], cache, corpus), cache) == [expected.replace("FILE", str(path))]
    assert (sorted(p.name for p in corpus.iterdir()), (corpus / "sources.yaml").read_bytes()) == before


@pytest.mark.parametrize("kind", ["empty", "binary", "gbk", "utf16"])
def test_a_new_document_that_is_not_utf8_text_in_sources(corpus: Path, cache: Path, kind: str) -> None:
    import hashlib

    path, expected = _document(kind, corpus)
    with (corpus / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"  - id: mine\n    file: {path.name}\n    sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}\n")
    assert errors(run(["build"], cache, corpus), cache) == [expected.replace("FILE", str(path))]


# ------------------------------------------------------------------------------------------- cache
@pytest.mark.parametrize("kind", ["a file", "inside a file"])
def test_a_cache_that_cannot_be_written_means_not_cached(tmp_path: Path, kind: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder\n", encoding="utf-8")
    cache = blocker if kind == "a file" else blocker / "cache"
    out = run(["build"], cache)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert out.stdout.startswith("Built graph from corpus")
    warnings = out.stderr.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith(f"Warning: cache {cache} not writable; not cached")
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


# ------------------------------------------------------------------------------------------- exports
@pytest.fixture(scope="module")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache with the corpus graph, so that the export cases do not each build it."""
    cache = tmp_path_factory.mktemp("exportcache")
    assert run(["build"], cache).returncode == 0
    return cache


FORMATS = {"json": "json", "gexf": "gexf", "graphml": "graphml", "turtle": "ttl", "jsonld": "jsonld",
           "vocabulary": "ttl", "shapes": "shacl.ttl"}


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_to_a_directory(built_cache: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out"
    target.mkdir()
    assert errors(run(["export", fmt, "-o", str(target)], built_cache)) == [
        f"Error: {target}: is a directory (fix: give a file name, e.g. -o {target}/policykg.{FORMATS[fmt]})"]
    assert not list(target.iterdir()) and not hidden(tmp_path)


@pytest.mark.parametrize("fmt", ["json", "gexf", "csv"])
def test_export_inside_a_file(built_cache: Path, tmp_path: Path, fmt: str) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n", encoding="utf-8")
    target = blocker / "out"
    assert errors(run(["export", fmt, "-o", str(target)], built_cache)) == [
        f"Error: {target}: cannot write: {blocker} is a file, not a folder (fix: give a path inside a folder)"]
    assert blocker.read_text(encoding="utf-8") == "mine\n" and not hidden(tmp_path)


def test_csv_export_onto_a_file(built_cache: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.csv"
    target.write_text("mine\n", encoding="utf-8")
    assert errors(run(["export", "csv", "-o", str(target)], built_cache)) == [
        f"Error: {target}: is a file; the CSV export writes a directory of files (fix: give a new or empty "
        "directory)"]
    assert target.read_text(encoding="utf-8") == "mine\n" and not hidden(tmp_path)


def _unwritable(folder: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return True
    os.close(fd)
    os.unlink(name)
    return False


@pytest.mark.parametrize("fmt", ["json", "turtle", "csv"])
def test_export_into_a_read_only_folder(built_cache: Path, tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if not _unwritable(folder):  # root writes into read-only folders: take a folder of the system's
            if not (Path("/sys").is_dir() and _unwritable(Path("/sys"))):
                pytest.skip("no folder this user cannot write to")
            folder = Path("/sys")
        target = folder / "policykg-bad-input-out"
        fix = "choose a folder you can write to" + (", or -o - for stdout" if fmt != "csv" else "")
        (line,) = errors(run(["export", fmt, "-o", str(target)], built_cache))
        assert re.fullmatch(rf"Error: {re.escape(str(target))}: cannot write \((Permission denied|Operation not "
                            rf"permitted|Read-only file system)\) \(fix: {re.escape(fix)}\)", line), line
        assert not target.exists()
        if folder != Path("/sys"):
            assert not list(folder.iterdir())
    finally:
        (tmp_path / "ro").chmod(0o755)


def test_a_killed_export_leaves_nothing_the_next_export_keeps(built_cache: Path, tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)  # a process that has ended
    killed = tmp_path / f".graph.json.policykg-{dead_pid}-k1ll3d00.tmp"
    killed.write_text('{"nodes": [', encoding="utf-8")
    killed_csv = tmp_path / f".csv.policykg-{dead_pid}-k1ll3d01.tmp"
    killed_csv.mkdir()
    (killed_csv / "nodes_Law.csv").write_text("id:ID\n", encoding="utf-8")
    running = tmp_path / f".graph.json.policykg-{os.getpid()}-running0.tmp"  # an export still writing
    running.write_text("", encoding="utf-8")
    old = tmp_path / ".graph.json.abcd1234.tmp"  # named before the names carried a process id
    old.write_text("", encoding="utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    other = tmp_path / ".graph.json.swp"  # not ours
    other.write_text("", encoding="utf-8")
    assert run(["export", "json", "-o", str(tmp_path / "graph.json")], built_cache).returncode == 0
    assert run(["export", "csv", "-o", str(tmp_path / "csv")], built_cache).returncode == 0
    assert hidden(tmp_path) == sorted([running.name, other.name])
    assert (tmp_path / "graph.json").stat().st_size > 1000 and (tmp_path / "csv" / "nodes_Law.csv").is_file()


def test_terminated_build_exits_cleanly(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "POLICYKG_CACHE": str(cache)}
    proc = subprocess.Popen([sys.executable, "-m", "policykg", "build", "--rebuild"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build finished before the signal")
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err
    assert not cache.exists() or not [p for p in cache.iterdir() if p.name.startswith(".")]


# ------------------------------------------------------------------------------------------- patterns
def test_a_trigger_with_nested_repetition_is_refused_at_once(corpus: Path, cache: Path) -> None:
    rules = overlay(corpus, "rules.yaml", "rules:\n  - id: mine\n    lang: en\n    triggers: [sells to,\n"
                    "               '(\\w+\\s?)+QQQ']\n    a: [Company]\n    b: [Company]\n    yields: SUPPLIES\n")
    t0 = time.perf_counter()
    out = run(["build"], cache, corpus, timeout=60)
    assert time.perf_counter() - t0 < 15  # matching it against the corpus would never end
    assert errors(out, cache) == [
        f"Error: {rules}:5: rule mine: trigger '(\\w+\\s?)+QQQ' {EXPONENTIAL} {REGEX_FIX}"]


def test_unsafe_and_invalid_patterns_are_all_listed(corpus: Path, cache: Path) -> None:
    patterns = overlay(corpus, "patterns.yaml", "contrast:\n  en: [unlike, '(a|aa)+b']\n"
                       "person_titles:\n  en: ['Mr\\.', '\\w+\\w+']\n"
                       "triggers:\n  SUPPLIES:\n    en: ['sold (']\n")
    rules = overlay(corpus, "rules.yaml", "rules:\n  - id: mine\n    lang: en\n    triggers: ['(?:a*)*x']\n"
                    "    a: [Company]\n    b: [Company]\n    yields: SUPPLIES\n")
    assert errors(run(["build"], cache, corpus), cache) == [
        f"Error: {rules}:4: rule mine: trigger '(?:a*)*x' can take exponential time on a long sentence: it "
        f"repeats or makes optional something that can match no character at all, as (a*)* or (?=a)? do {REGEX_FIX}",
        f"Error: {patterns}:2: contrast.en: '(a|aa)+b' {EXPONENTIAL} {REGEX_FIX}",
        f"Error: {patterns}:4: person_titles.en: '\\w+\\w+' {POLYNOMIAL} {REGEX_FIX}",
        f"Error: {patterns}:7: triggers.SUPPLIES.en: 'sold (' is not a valid regular expression (missing ), "
        f"unterminated subpattern at position 5) {REGEX_FIX}",
        "Error: 4 problems; nothing was written"]


def test_the_projects_own_patterns_pass_the_check() -> None:
    from policykg.extract.regex_safety import check_pattern_files
    from policykg.extract.stages import load_rules
    from policykg.graph.schema import load_schema

    settings = Settings()
    assert check_pattern_files(settings.patterns_files)
    assert load_rules(settings.rules_files, load_schema(REPO_ROOT / "schema" / "schema.yaml"))


@pytest.mark.parametrize("pattern", [
    r"add(?:s|ed|ing)? to", r"not(?! only)", r"(?:do|does|did|is|are)n['’]t", r"(?:\w+\s+){0,2}by",
    r"(?:[a-z][a-z\-]+\s+){1,3}(?:rule|act)", r"(\w+\s)+QQQ", r"\w+ \w+", r"[^,]+,[^,]+", r"\d+\.\d+",
    r"(?:[A-Z][a-z]+ )+Act", r"(a|ab)+c", r".*QQQ", r"(\s*,\s*\w+)+", r"ship(?:s|ped)? (?:[\w\-]+ ){0,3}to",
])
def test_patterns_that_run_in_linear_time_are_kept(pattern: str) -> None:
    assert unsafe_reason(pattern, re.IGNORECASE) is None


@pytest.mark.parametrize("pattern", [
    r"(\w+\s?)+QQQ", r"(a+)+", r"(\w+)*x", r"(a|aa)+c", r"(?:a|b|ab)+", r"(a*)*b", r"(?:ab(?!b){2,}){2,}",
    r"(?:ab{0,3}(?=a)?){2,}Q",
    r"\w+\w+", r".+ .+", r"\w+\d+x", r"(?=(\w+)+x)", r"(?:\w{0,3}(?:\w{1,2}){1,2}){0,3}.*?Q", r"(",
])
def test_patterns_that_can_backtrack_without_limit_are_refused(pattern: str) -> None:
    assert unsafe_reason(pattern, re.IGNORECASE) is not None


def test_every_pattern_the_check_keeps_runs_fast() -> None:
    """Random patterns over a small alphabet: whatever the check keeps matches long texts quickly."""
    import random

    rng = random.Random(7)
    atoms = ["a", "b", " ", r"\w", r"\s", ".", "[ab]", r"\d", "[^b]", "ab", r"\S", r"\b", "(?=a)"]
    quantifiers = ["", "", "*", "+", "?", "{0,3}", "{1,2}", "*?", "{2,}"]

    def pattern(depth: int = 0) -> str:
        out = []
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.25 and depth < 3:
                inner = pattern(depth + 1) + ("|" + pattern(depth + 1) if rng.random() < 0.3 else "")
                atom = f"(?:{inner})"
            else:
                atom = rng.choice(atoms)
            out.append(atom + rng.choice(quantifiers))
        return "".join(out)

    texts = [unit * (300 // len(unit)) + "!" for unit in ["a", "b", " ", "1", "ab", "a ", "aab", "a b"]]
    kept = 0
    for _ in range(300):
        p = pattern() + "Q"
        if unsafe_reason(p, re.IGNORECASE) is not None:
            continue
        kept += 1
        rx = re.compile(p, re.IGNORECASE)
        t0 = time.perf_counter()
        for text in texts:
            for _ in rx.finditer(text):
                pass
        assert time.perf_counter() - t0 < 1.0, p
    assert kept > 100
