"""Reading the corpus: sources.yaml, sha256 checks, and segmentation into sections, paragraphs and sentences.

Offsets are Unicode code-point offsets into the document text decoded as UTF-8 (Python ``str`` indices).
A paragraph is kept as a *projection*: its readable text (markers such as ``<sup>①</sup>`` or glued endnote
numbers removed, paragraph halves separated by an interleaved footnote joined) together with the original
offset of every character, so a sentence maps back to exact spans of the source file and never swallows
the footnote body that interrupts it.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError, Problem
from policykg.resolve.names import HAN_RE
from policykg.yamlio import load_yaml, strip_lines, where

LATIN_RE = re.compile(r"[A-Za-z]")
ZH_NUM = "一二三四五六七八九十"
ZH_L1 = re.compile(rf"^[{ZH_NUM}]+、")
ZH_L2 = re.compile(rf"^[（(][{ZH_NUM}]+[）)]")
NUM_L3 = re.compile(r"^\d+[.、]\s*\S")
ROMAN_L1 = re.compile(r"^[IVX]+\.\s+\S")
ROMAN_L2 = re.compile(r"^\([ivx]+\)\s+\S")
EN_NUM_L1 = re.compile(r"^\d+\.\s+[A-Z]")
EN_NUM_L2 = re.compile(r"^\d+\.\d+\s+\S")
FOOTNOTE_RE = re.compile(r"^(?:<sup>)?[\u2460-\u2473]")
# what a footnote cites: a title, a page, an issue, a link, a publisher ("①参见《…》，2020年第3期，第12页")
CITATION_RE = re.compile(r"《|参见|见于|载于|https?://|第\s*\d+\s*[页期卷]|\d{4}\s*年\s*第|出版社|同上|[Ii]bid|"
                         r"\bpp?\.\s*\d|\bVol\.")
CAPTION_RE = re.compile(r"^(?:图|表)\s*\d+|^(?:Figure|Table|Fig\.)\s*\d+")
SOURCE_NOTE_RE = re.compile(r"^(?:数据来源|资料来源)")
FIGURE_RE = re.compile(r"^!\[")
REFLIST_RE = re.compile(r"^\[\d+\]")
BRACKET_MARK_RE = re.compile(r"\[\d+(?:\s*[-–,]\s*\d+)*\]")
SUP_RE = re.compile(r"<sup>.*?</sup>")
MD_NOISE_RE = re.compile(r"\*\*|\\(?=[$*_\[\]#&])")
TERMINAL = set("。！？.!?”\"」』）):：;；]")
ZH_STOPS = set("。！？")
CLOSERS = set("”’」』）)\"'")
ABBREVIATIONS = {
    "u.s", "u.k", "e.g", "i.e", "al", "etc", "no", "dr", "mr", "ms", "mrs", "vs", "fig", "inc", "co",
    "corp", "ltd", "st", "jr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "p", "pp", "vol", "d.c", "u.n", "approx", "rep", "reps", "sen", "sens", "gov", "gen", "lt",
    "col", "sec", "secs", "h.r", "h.res", "s.res", "e.o", "pte", "pvt", "c.f.r", "u.s.c", "l.p", "l.l.c", "a.k.a",
    "f.k.a", "sdn", "bhd", "tbk", "pty", "s.r.l", "s.p.a", "k.k",
}
LAYOUTS = {"plain_zh", "numbered_zh", "markdown_zh", "parallel_en_zh", "numbered_en", "generic"}
# generic: any other text an analyst adds: an optional title line, Markdown #-headings, numbered headings
# (一、 (一) 1. I. 1.1), label lines ("Abstract:", "摘要："), plain paragraphs in either language.
LABEL_LINE = re.compile(r"^(?:[A-Z][A-Za-z ]{1,30}|[\u4e00-\u9fff]{2,6})\s*[:：]\s*$")


@dataclass(frozen=True)
class SourceDoc:
    id: str
    file: str
    sha256: str
    title_en: str
    title_zh: str
    authors: tuple[str, ...]
    year: int
    language: str
    doi: str
    layout: str
    back_matter: tuple[str, ...]
    detected: str = ""  # how the layout was chosen when no setting names it
    reviewed: bool = False  # a curator has read it: its curated assertions stand, proposals wait for review
    # paragraphs cut by a page break whose continuation the file holds elsewhere: (the words the cut paragraph
    # ends with, the words its continuation starts with), from the document's ``continuations:`` setting
    continuations: tuple[tuple[str, str], ...] = ()


@dataclass
class Section:
    id: str
    doc: str
    index: int
    title: str
    level: int
    start: int
    end: int
    parent: str | None
    path: str
    language: str


@dataclass
class Paragraph:
    id: str
    doc: str
    index: int
    kind: str  # body | footnote | caption | source_note | figure | note | reference | translation
    section: str
    text: str  # projected, readable text
    offsets: array[int]  # original offset of every character of text (8 bytes each, not a list's ~36)
    language: str
    translation: str | None = None  # for an English paragraph: id of its Chinese original
    original_of: str | None = None  # for a Chinese original: id of the English paragraph

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    def spans(self, i: int, j: int) -> list[tuple[int, int]]:
        """Original spans covered by projected characters [i, j)."""
        if i < j and self.offsets[j - 1] - self.offsets[i] == j - 1 - i:  # nothing left out between: one span
            return [(self.offsets[i], self.offsets[j - 1] + 1)]
        out: list[tuple[int, int]] = []
        for k in range(i, j):
            o = self.offsets[k]
            if out and out[-1][1] == o:
                out[-1] = (out[-1][0], o + 1)
            else:
                out.append((o, o + 1))
        return out


@dataclass
class Sentence:
    doc: str
    paragraph: str
    section: str
    index: int  # index within the document
    p_start: int  # projected offsets within the paragraph
    p_end: int
    start: int  # original offsets
    end: int
    spans: list[tuple[int, int]]
    text: str
    kind: str
    language: str


@dataclass
class Document:
    source: SourceDoc
    text: str
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.source.id

    def section(self, section_id: str) -> Section:
        return self._sections_by_id[section_id]

    def paragraph(self, paragraph_id: str) -> Paragraph:
        return self._paragraphs_by_id[paragraph_id]

    @property
    def _sections_by_id(self) -> dict[str, Section]:
        cache = self.__dict__.get("_sec_cache")
        if cache is None:
            cache = {s.id: s for s in self.sections}
            self.__dict__["_sec_cache"] = cache
        return cache

    @property
    def _paragraphs_by_id(self) -> dict[str, Paragraph]:
        cache = self.__dict__.get("_par_cache")
        if cache is None:
            cache = {p.id: p for p in self.paragraphs}
            self.__dict__["_par_cache"] = cache
        return cache

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end and any(a <= offset < b for a, b in s.spans):
                return s
        return None


def language_of(text: str, mixed: bool = False) -> str:
    han = len(HAN_RE.findall(text))
    latin = len(LATIN_RE.findall(text))
    if mixed and han and latin and 0.15 <= han / (han + latin) <= 0.6:
        return "en+zh"
    return "zh" if han and han >= 0.3 * (han + latin) else "en"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------- sources


def read_sources(corpus: Path, doc_settings: Path | list[Path]) -> list[SourceDoc]:
    """Read sources.yaml and the per-document settings; report every problem at once.

    ``doc_settings`` is the project's documents.yaml, optionally followed by the corpus overlay's, whose
    entries win. A document without settings gets its layout detected from its text.
    """
    sources_path = corpus / "sources.yaml"
    if not corpus.is_dir():
        raise InputError([Problem(str(corpus), "corpus folder not found",
                                  "pass --corpus DIR or set POLICYKG_CORPUS")])
    problems: list[Problem] = []
    try:
        raw = load_yaml(sources_path)
    except InputError as exc:
        problems.extend(exc.problems)
        raw = None
    layers = [doc_settings] if isinstance(doc_settings, Path) else list(doc_settings)
    settings: dict[str, Any] = {}
    settings_file: dict[str, Path] = {}
    for n, layer in enumerate(layers):
        if n > 0 and not layer.is_file():
            continue
        try:
            layer_raw = load_yaml(layer)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        entries = (layer_raw or {}).get("documents") if isinstance(layer_raw, dict) else None
        if entries is not None and not isinstance(entries, dict):
            problems.append(Problem(where(layer, layer_raw), "'documents:' must map document ids to their settings",
                                    "write e.g. documents: {gu2022: {layout: parallel_en_zh}}"))
            continue
        for key, value in (entries or {}).items():
            if key != "__line__":
                settings[key] = value
                settings_file[key] = layer
    if raw is None and problems:
        raise InputError(problems)
    docs: list[SourceDoc] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("documents"), list):
        raise InputError([*problems, Problem(str(sources_path), "expected a top-level 'documents:' list",
                                             "list the documents under 'documents:', each with id, file and sha256")])
    seen: set[str] = set()
    for item in raw["documents"]:
        loc = where(sources_path, item)
        if not isinstance(item, dict):
            problems.append(Problem(loc, "each document must be a mapping", "give each document id, file and sha256"))
            continue
        missing = [k for k in ("id", "file", "sha256") if not item.get(k)]
        if missing:
            problems.append(Problem(loc, f"document entry lacks {', '.join(missing)}",
                                    "give each document id, file and sha256 (policykg add writes them)"))
            continue
        doc_id = str(item["id"])
        if doc_id in seen:
            problems.append(Problem(loc, f"duplicate document id {doc_id!r}", "give each document its own id"))
        seen.add(doc_id)
        conf = settings.get(doc_id)
        path = corpus / str(item["file"])
        if not path.resolve().is_relative_to(corpus.resolve()):
            problems.append(Problem(loc, f"document {doc_id!r}: file {item['file']!r} lies outside the corpus folder",
                                    "keep documents inside the corpus folder and name them relative to it"))
            continue
        if not path.is_file():
            problems.append(Problem(loc, f"document {doc_id!r}: file {path} is missing",
                                    "restore the file or fix 'file:' in sources.yaml"))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(loc, f"document {doc_id!r}: {path} cannot be read ({exc.strerror or exc})",
                                    "check the file's permissions"))
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != str(item["sha256"]):
            problems.append(Problem(
                loc, f"document {doc_id!r}: {path.name} has changed (sha256 {actual[:12]}…, expected "
                f"{str(item['sha256'])[:12]}…)",
                "restore the original file; offsets in loaders/ depend on its exact bytes"))
            continue
        try:
            text = decode_document(path, data)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        detected = ""
        if conf is None and item.get("layout") in LAYOUTS:  # written by 'policykg add'
            conf = {"layout": str(item["layout"])}
        if conf is None:
            layout, why = detect_layout(text)
            conf, detected = {"layout": layout}, f"{layout} (detected: {why})"
        elif not isinstance(conf, dict) or not isinstance(conf.get("layout"), str) or conf["layout"] not in LAYOUTS:
            problems.append(Problem(
                where(settings_file[doc_id], conf), f"no valid layout for document {doc_id!r}",
                f"set '{doc_id}: {{layout: <one of {', '.join(sorted(LAYOUTS))}>}}' or remove the entry to detect it"))
            continue
        back = conf.get("back_matter")
        if back is not None and not (isinstance(back, list) and all(isinstance(b, str) for b in back)):
            problems.append(Problem(where(settings_file[doc_id], conf),
                                    f"back_matter of {doc_id!r} must be a list of headings",
                                    "write e.g. back_matter: [References]"))
            continue
        try:
            continuations = _continuations(conf.get("continuations"), text)
        except ValueError as exc:
            problems.append(Problem(where(settings_file[doc_id], conf), f"continuations of {doc_id!r}: {exc}",
                                    "write e.g. continuations: [{end: <last words of the cut paragraph>, "
                                    "continued_by: <first words of its continuation>}]"))
            continue
        year = item.get("year") or 0
        if isinstance(year, bool) or not isinstance(year, int):
            problems.append(Problem(loc, f"document {doc_id!r}: year {year!r} is not a number",
                                    "write e.g. year: 2025"))
            continue
        authors = item.get("authors") or []
        if isinstance(authors, str):
            authors = [authors]
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            problems.append(Problem(loc, f"document {doc_id!r}: authors must be a list of names, not "
                                    f"{strip_lines(authors)!r}", "write e.g. authors: [Gu Xueming, Liu Yiming]"))
            continue
        docs.append(SourceDoc(
            id=doc_id, file=str(item["file"]), sha256=str(item["sha256"]),
            title_en=str(item.get("title_en", "")), title_zh=str(item.get("title_zh", "")),
            authors=tuple(str(a) for a in authors), year=year,
            language=str(item.get("language", "") or language_of(text, mixed=True)), doi=str(item.get("doi", "")),
            layout=str(conf["layout"]), back_matter=tuple(str(b) for b in conf.get("back_matter") or ()),
            detected=detected, reviewed=conf.get("reviewed") is True, continuations=continuations,
        ))
    for doc_id, layer in settings_file.items():
        # the project's settings name the papers it was built on; a user's corpus may hold other papers.
        # Settings in the user's own overlay must match a document of their corpus.
        if doc_id not in seen and layer != layers[0]:
            problems.append(Problem(str(layer), f"settings for {doc_id!r}, which sources.yaml lacks",
                                    "remove the entry or add the document to the corpus"))
    if problems:
        raise InputError(problems)
    return docs


def decode_document(path: Path, data: bytes) -> str:
    """The text of a corpus document: UTF-8 (a leading BOM dropped, so offsets count from the first
    character), not empty, not binary; otherwise one problem naming the file and the byte at fault."""
    utf16 = _utf16(data[:4096])
    if utf16:
        raise InputError([Problem(str(path), f"{utf16} text, not UTF-8",
                                  f"convert it, e.g. iconv -f {utf16} -t UTF-8 {path.name} > {path.stem}.utf8"
                                  f"{path.suffix}")])
    nul = data.find(b"\x00", 0, 4096)
    if nul >= 0:
        raise InputError([Problem(f"{path}@byte {nul}", "binary file, not text",
                                  "add a text file (UTF-8); convert PDFs or Word files to text first")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"{path}@byte {exc.start}", "not UTF-8 text",
                                  f"convert it, e.g. iconv -f GBK -t UTF-8 {path.name} > {path.stem}.utf8"
                                  f"{path.suffix}")]) from None
    if not text.strip():
        raise InputError([Problem(str(path), "empty document", "add the document's text")])
    return text


def _utf16(head: bytes) -> str:
    """'UTF-16' or 'UTF-32' when the bytes are text in one of them (by its byte order mark, or a NUL byte beside
    every ASCII character), else ''."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    pairs = len(head) // 2
    if pairs >= 8:
        even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
        if max(even, odd) > 0.4 * pairs and min(even, odd) == 0:
            return "UTF-16"
    return ""


def read_corpus(corpus: Path, doc_settings: Path | list[Path]) -> list[Document]:
    return [segment(src, decode_document(corpus / src.file, (corpus / src.file).read_bytes()))
            for src in read_sources(corpus, doc_settings)]


def detect_layout(text: str) -> tuple[str, str]:
    """The layout of a document no setting describes, and why: the five known layouts where their marks are
    unmistakable, else generic."""
    blocks = [b for b in _lines(text)]
    if not blocks:
        return "generic", "empty"
    langs = [b.language for b in blocks if len(b.raw) > 40]
    pairs = sum(1 for a, b in itertools.pairwise(langs) if a == "en" and b == "zh")
    if langs and pairs >= 3 and pairs >= 0.3 * len(langs):
        return "parallel_en_zh", f"{pairs} English paragraphs each followed by a Chinese one"
    zh_share = sum(1 for x in langs if x == "zh") / max(1, len(langs))
    if zh_share > 0.5 and SUP_RE.search(text) and re.search(r"^#", text, re.M):
        return "markdown_zh", "Chinese Markdown with <sup> footnote markers"
    marks = []
    if re.search(r"^#{1,6}[ \t]+\S", text, re.M):
        marks.append("Markdown headings")
    if re.search(rf"^[{ZH_NUM}]+、", text, re.M) or re.search(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+\S", text, re.M):
        marks.append("numbered headings")
    # the document's language as `add` records it (language_of): paragraphs of Chinese with Latin names in brackets
    # are Chinese, though a paragraph count may call them English
    lang = {"zh": "Chinese", "en": "English"}.get(language_of(text, mixed=True), "English and Chinese")
    return "generic", f"{lang} text" + (f" with {' and '.join(marks)}" if marks else ", plain paragraphs")


# ------------------------------------------------------------------------------------------ segmentation


@dataclass
class _Block:
    start: int
    end: int
    raw: str
    kind: str = "body"
    level: int = 0
    title: str = ""
    language: str = "en"


def _lines(text: str) -> Iterable[_Block]:
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            yield _Block(start, start + len(stripped), stripped, language=language_of(stripped))
        pos += len(line) + 1


def _numbered_level(title: str) -> int | None:
    if ZH_L1.match(title) or ROMAN_L1.match(title):
        return 1
    if ZH_L2.match(title) or ROMAN_L2.match(title):
        return 2
    if EN_NUM_L2.match(title):
        return 2
    if NUM_L3.match(title):
        return 3
    return None


def _ends_open(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] not in TERMINAL


def _classify(src: SourceDoc, blocks: list[_Block]) -> None:
    layout = src.layout
    back = False
    back_level = 99
    for i, b in enumerate(blocks):
        raw = b.raw
        # headings
        level: int | None = None
        title = raw
        if layout == "markdown_zh":
            m = re.match(r"^(#{1,6})\s*(.+)$", raw)
            bold = re.match(r"^\*\*([^*].*?)\*\*\s*$", raw)
            if m:
                title = _clean_title(m.group(2))
                level = _numbered_level(title)
                if level is None:
                    level = max(0, len(m.group(1)) - 1)
            elif bold:
                title = _clean_title(bold.group(1))
                level = _numbered_level(title) or 2
        elif layout == "parallel_en_zh":
            if i == 0:
                level = 0
            elif len(raw) <= 160 and _ends_open(raw):
                level = _numbered_level(raw)
        elif layout == "numbered_zh":
            if i == 0:
                level = 0
            elif ZH_L1.match(raw) and len(raw) <= 60 and _ends_open(raw):
                level = 1
        elif layout == "numbered_en":
            if len(raw) <= 160 and _ends_open(raw) and (EN_NUM_L1.match(raw) or EN_NUM_L2.match(raw)):
                level = _numbered_level(raw) or 1
                if EN_NUM_L1.match(raw):
                    level = 1
            elif len(raw) <= 30 and _ends_open(raw) and raw[0].isupper() and ":" not in raw \
                    and not raw.isupper():
                level = 1
        elif layout == "generic":
            level = _generic_heading(raw, b, i, blocks)
            if level is not None:
                title = _clean_title(re.sub(r"^#+\s*", "", raw))
        elif layout == "plain_zh" and _ends_open(raw) and not raw.startswith(("【", "[", "(", "（")) and (
            (b.language == "zh" and len(raw) <= 60)
            or (b.language == "en" and 3 <= len(raw.split()) <= 20 and ":" not in raw)
        ):
            level = 1
        if level is not None:
            b.kind, b.level, b.title = "heading", level, title
            if b.language == "zh" and layout == "parallel_en_zh" and i > 0:
                b.kind = "heading_translation"
            if back and level <= back_level and not _is_back_matter(title, src):
                back = False
            if _is_back_matter(title, src):
                back, back_level = True, level
            continue
        if back:
            b.kind = "note"
            continue
        if FOOTNOTE_RE.match(raw) and (layout != "generic" or CITATION_RE.search(raw)):
            # (in a text of unknown layout ①②③ open the items of a list unless the line cites a source)
            b.kind = "footnote"
        elif FIGURE_RE.match(raw):
            b.kind = "figure"
        elif CAPTION_RE.match(raw):
            b.kind = "caption"
        elif SOURCE_NOTE_RE.match(raw) and len(raw) < 200:
            b.kind = "source_note"
        elif REFLIST_RE.match(raw) and layout in {"numbered_zh", "plain_zh"}:
            b.kind = "note"
        elif layout == "parallel_en_zh" and b.language == "zh" and i > 0:
            b.kind = "translation"


def _generic_heading(raw: str, b: _Block, i: int, blocks: list[_Block]) -> int | None:
    """Headings of a text of unknown layout: Markdown, numbering, a label line, or a short first line."""
    m = re.match(r"^(#{1,6})\s*\S", raw)
    if m:
        return len(m.group(1)) - 1
    short = len(raw) <= (60 if b.language == "zh" else 160)
    if short and LABEL_LINE.match(raw):
        return 1
    if not (short and _ends_open(raw)):
        return None
    level = _numbered_level(raw)
    if level is not None and not NUM_L3.match(raw):
        return level
    if i == 0 and len(blocks) > 1:
        return 0  # a title line
    return None


def _clean_title(title: str) -> str:
    title = re.sub(r"\\\*|\*+", "", title).strip()
    return title.strip("[]").strip()


def _is_back_matter(title: str, src: SourceDoc) -> bool:
    squeezed = re.sub(r"\s+", "", title)
    return any(re.sub(r"\s+", "", name) in squeezed for name in src.back_matter)


CONTINUATION_LEAD = 12  # characters a continuation may repeat before its first words (skipped)


def _continuations(raw: Any, text: str) -> tuple[tuple[str, str], ...]:
    """The ``continuations:`` setting of a document, each checked against its text (ValueError says what is
    wrong): a list of {end: words, continued_by: words}, each naming exactly one line of the file."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ValueError(f"expected a list, not {strip_lines(raw)!r}")
    pairs: list[tuple[str, str]] = []
    for item in raw:
        item = strip_lines(item)
        if not (isinstance(item, dict) and set(item) == {"end", "continued_by"}
                and all(isinstance(v, str) and v.strip() for v in item.values())):
            raise ValueError(f"each entry needs the words 'end' and 'continued_by', not {item!r}")
        pairs.append((item["end"].strip(), item["continued_by"].strip()))
    _continuation_links(tuple(pairs), list(_lines(text)))
    return tuple(pairs)


def _continuation_links(pairs: tuple[tuple[str, str], ...],
                        blocks: list[_Block]) -> tuple[dict[int, int], dict[int, int]]:
    """For each cut paragraph's line, the line that continues it; for each continuation, how many of its
    leading characters repeat the cut and are skipped. ValueError when the words do not name one line each."""
    following: dict[int, int] = {}
    skip: dict[int, int] = {}
    for end, start in pairs:
        enders = [i for i, b in enumerate(blocks) if b.raw.endswith(end)]
        starters = [(i, b.raw.find(start)) for i, b in enumerate(blocks)
                    if 0 <= b.raw.find(start) <= CONTINUATION_LEAD]
        if len(enders) != 1:
            raise ValueError(f"{len(enders)} lines end with {end!r}; name the end of exactly one")
        if len(starters) != 1:
            raise ValueError(f"{len(starters)} lines start with {start!r}; name the start of exactly one")
        (i,), ((j, k),) = enders, starters
        if i == j or i in following or j in skip:
            raise ValueError(f"{end!r} -> {start!r} joins a line to itself or a line twice")
        following[i], skip[j] = j, k
    for i in following:  # no chain may come back to where it started
        k, steps = following[i], 0
        while k in following and k != i and steps <= len(following):
            k, steps = following[k], steps + 1
        if k == i:
            raise ValueError("the continuations form a loop")
    return following, skip


def _reading_order(src: SourceDoc, blocks: list[_Block]) -> tuple[list[int], dict[int, int]]:
    """Block indices in the order they read (each continuation right after the line it continues), and the
    characters each continuation skips."""
    following, skip = _continuation_links(src.continuations, blocks)
    order: list[int] = []
    for i in range(len(blocks)):
        if i in skip:
            continue  # placed after the line it continues
        order.append(i)
        while order[-1] in following:
            order.append(following[order[-1]])
    return order, skip


def _project(raw_text: str, start: int, end: int, glued: list[tuple[int, int]]) -> tuple[str, array[int]]:
    """Readable text of [start, end) and the original offset of each of its characters."""
    chunk = raw_text[start:end]
    dropped: list[tuple[int, int]] = []  # [a, b) within the chunk
    for rx in (SUP_RE, BRACKET_MARK_RE, MD_NOISE_RE):
        for m in rx.finditer(chunk):
            if rx is BRACKET_MARK_RE and m.start() == 0:
                continue
            if m.end() > m.start():
                dropped.append((m.start(), m.end()))
    dropped += [(a - start, b - start) for a, b in glued if start <= a and b <= end and b > a]
    if not dropped:
        return chunk, array("q", range(start, end))
    parts: list[str] = []
    offs = array("q")
    at = 0  # the kept runs between the dropped ranges, in order
    for a, b in sorted(dropped):
        if a > at:
            parts.append(chunk[at:a])
            offs.extend(range(start + at, start + a))
        at = max(at, b)
    if at < len(chunk):
        parts.append(chunk[at:])
        offs.extend(range(start + at, end))
    return "".join(parts), offs


GLUED_CANDIDATE = re.compile(r"(?<=[A-Za-z.,;:”\")\]’])(\d{1,2})(?=[\s,.;:)]|$)|\b((?:19|20)\d\d)(\d{1,2})\b")


def _glued_endnotes(text: str, blocks: list[_Block]) -> list[tuple[int, int]]:
    """Endnote numbers glued to words or years, found by their running order 1, 2, 3 …"""
    found: list[tuple[int, int]] = []
    expected = 1
    for b in blocks:
        if b.kind != "body" or b.language != "en":
            continue
        for m in GLUED_CANDIDATE.finditer(text, b.start, b.end):
            if m.group(1) is not None:
                value, a = m.group(1), m.start(1)
                before = text[a - 1]
                if before == "." and a >= 2 and text[a - 2].isdigit():
                    continue
            else:
                value, a = m.group(3), m.start(3)
            if int(value) == expected:
                found.append((a, a + len(value)))
                expected += 1
    return found


_STOP_RE = re.compile(r"[。！？.!?]")  # where a sentence may end: ZH_STOPS and the Latin stops


def split_sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        m = _STOP_RE.search(text, i)  # the characters between two stops are never looked at one by one
        if m is None:
            break
        i = m.start()
        ch = text[i]
        cut = -1
        if ch in ZH_STOPS:
            j = i + 1
            while j < n and text[j] in CLOSERS:
                j += 1
            cut = j
        elif ch in ".!?":
            j = i + 1
            while j < n and text[j] in CLOSERS:
                j += 1
            if j < n and text[j] == " ":
                k = j
                while k < n and text[k] == " ":
                    k += 1
                nxt = text[k] if k < n else ""
                if (nxt.isupper() or nxt.isdigit() or nxt in "“\"(‘[" or HAN_RE.match(nxt)) \
                        and not (ch == "." and _is_abbreviation(text, i)):
                    cut = j
            elif j >= n:
                cut = j
        if cut > 0:
            out.append((start, cut))
            start = cut
            i = cut
            continue
        i += 1
    if start < n:
        out.append((start, n))
    trimmed: list[tuple[int, int]] = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


def _is_abbreviation(text: str, dot: int) -> bool:
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and text[dot - 1].isupper()


def segment(src: SourceDoc, text: str) -> Document:
    blocks = list(_lines(text))
    _classify(src, blocks)
    glued = _glued_endnotes(text, blocks) if src.layout == "parallel_en_zh" else []
    doc = Document(source=src, text=text)

    # sections
    front = Section(id=f"{src.id}#s0", doc=src.id, index=0, title="(front matter)", level=-1, start=0,
                    end=len(text), parent=None, path="(front matter)", language=src.language[:2])
    doc.sections.append(front)
    stack: list[Section] = []
    block_section: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            while stack and stack[-1].level >= b.level:
                stack[-1].end = b.start
                stack.pop()
            parent = stack[-1] if stack and stack[-1].level > 0 else None
            idx = len(doc.sections)
            title, _ = _project(text, b.start, b.end, glued)
            title = _clean_title(re.sub(r"^#+\s*", "", title))
            sec = Section(
                id=f"{src.id}#s{idx}", doc=src.id, index=idx, title=title, level=b.level, start=b.start,
                end=len(text), parent=parent.id if parent else None,
                path=(f"{parent.path} > {title}" if parent else title), language=b.language,
            )
            doc.sections.append(sec)
            stack.append(sec)
        block_section.append(stack[-1].id if stack else front.id)
    if len(doc.sections) > 1:
        front.end = doc.sections[1].start

    # paragraphs, joining a body paragraph with its continuation after an interleaved footnote/caption, and a
    # paragraph cut by a page break with the line the document's settings name as its continuation
    pending: Paragraph | None = None
    interrupt_kinds = {"footnote", "caption", "source_note", "figure"}
    last_body: Paragraph | None = None
    last_end, last_line = 0, 0  # where the last body line ends, and its length (a wrapped line is a long one)
    order, skip = _reading_order(src, blocks)
    for n in order:
        b, sec_id = blocks[n], block_section[n]
        start = b.start + skip.get(n, 0)
        if b.kind in {"heading", "heading_translation"}:
            last_body = None
            hashes = re.match(r"^#+\s*", b.raw)
            start += hashes.end() if hashes else 0
        ptext, offs = _project(text, start, b.end, glued)
        if not ptext.strip():
            continue
        joins = last_body is not None and _ends_open(last_body.text) and len(last_body.text) >= 80
        # plain text wrapped at a fixed width: the next line of the same block of lines goes on the sentence, even
        # when it opens with a capital ("… Beta Quartz\nTechnology, both makers …")
        wrapped = (src.layout == "generic" and last_body is not None and b.kind == "body" and last_line >= 60
                   and last_body.language == "en" and b.language == "en" and _ends_open(last_body.text)
                   and text[last_end:b.start].count("\n") == 1 and not LINE_ITEM.match(b.raw))
        continued = n in skip or (b.kind == "body" and ((joins and _continues(ptext)) or wrapped))
        if last_body is not None and continued:
            sep_needed = last_body.language == "en" and not last_body.text.endswith(("-", " "))
            if sep_needed:
                # a space between the halves, mapped to the last char of the first half
                last_body.text += " "
                last_body.offsets.append(last_body.offsets[-1])
            last_body.text += ptext
            last_body.offsets.extend(offs)
            last_end, last_line = b.end, len(b.raw)
            continue
        para = Paragraph(
            id=f"{src.id}#p{len(doc.paragraphs)}", doc=src.id, index=len(doc.paragraphs), kind=b.kind,
            section=sec_id, text=ptext, offsets=offs, language=b.language,
        )
        if b.kind in {"heading", "heading_translation"}:
            doc.paragraphs.append(para)
            continue
        if b.kind == "translation" and pending is not None:
            pending.translation = para.id
            para.original_of = pending.id
        doc.paragraphs.append(para)
        if b.kind == "body":
            last_body = para
            last_end, last_line = b.end, len(b.raw)
            pending = para if src.layout == "parallel_en_zh" and b.language == "en" else None
        elif b.kind not in interrupt_kinds:
            last_body = None
            if b.kind != "translation":
                pending = None

    # sentences
    for p in doc.paragraphs:
        for a, z in split_sentences(p.text):
            spans = _dedupe_spans(p.spans(a, z))
            doc.sentences.append(Sentence(
                doc=src.id, paragraph=p.id, section=p.section, index=len(doc.sentences), p_start=a, p_end=z,
                # spans run in reading order; a page-break continuation may lie earlier in the file
                start=min(x for x, _ in spans), end=max(y for _, y in spans), spans=spans, text=p.text[a:z],
                kind=p.kind,
                language=p.language if p.kind != "translation" else "zh",
            ))
    return doc


# a line that opens a list item, a table row or a label: its own paragraph, never a wrapped line's continuation
LINE_ITEM = re.compile(r"^(?:[-*•·|>#]|\(?\d{1,3}[.)．、]|\(?[a-z][.)]\s|\([ivx]+\)|[A-Z][A-Za-z ]{0,30}:\s)")


def _continues(ptext: str) -> bool:
    if ptext.count("｜") >= 2:  # a row of a table set with full-width bars (2｜名称｜领域): a line of its own
        return False
    first = ptext.lstrip()[:1]
    return bool(first) and (first.islower() or bool(HAN_RE.match(first)) or first.isdigit())


def _dedupe_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and out[-1][0] <= a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def describe(doc: Document) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for p in doc.paragraphs:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    return {"sections": len(doc.sections), "paragraphs": kinds, "sentences": len(doc.sentences)}
