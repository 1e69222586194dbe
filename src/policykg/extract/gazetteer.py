"""The gazetteer: canonical entities with their names in both languages, and the mention finder.

Mentions are found with one Aho-Corasick pass per paragraph over every alias of every entity (not one
regex per alias). Latin aliases match case-insensitively on word boundaries (all-caps acronyms of up to six
letters, and aliases listed under ``case_sensitive``, match exactly); Chinese aliases match exactly. Where
matches overlap the leftmost-longest wins, so 美国商务部 is the Department of Commerce, not the US.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from policykg.errors import InputError, NotFoundError, Problem
from policykg.graph.schema import Schema
from policykg.resolve.names import (
    normalize_name,  # the lookup key (its own module: resolving names imports nothing else)
)
from policykg.sources.corpus import Document, Paragraph, Sentence
from policykg.yamlio import read_list, strip_lines, where

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LATIN_WORD = re.compile(r"[A-Za-z0-9]")
SECTION_SCOPED = "§section"
# a name several entities share, told apart by the year it is written about (their terms): "Trump administration"
# in a new document is Trump 1.0 beside 2019 and Trump 2.0 beside 2025. Reviewed papers do not use them.
DATED = "§dated"
# a single-character name (镓, 锗, 钨) that means the entity only as an item of a 、-list (镓、锗、锑等): alone, the
# character is part of other words
LISTED = "§list"
# a body's name that is the home country's when no country is named before it: 外交部 is China's Ministry of Foreign
# Affairs in Chinese writing, 俄罗斯外交部 and 该国外交部 are not
BARE = "§bare"
# a firm's short Chinese name that is also the start of a phrase about the country's trade (中国移动互联网, 中国电信业,
# 中国石油需求): a ``firm_aliases`` form names the firm only where none of these follows it
FIRM = "§firm"
FIRM_VETO = re.compile(r"互联网|支付|办公|终端|用户|网络|运营商|设备|业(?!务)|市场|行业|产业|消费|需求|进口|出口|"
                       r"产量|储备|价格|安全|"
                       r"企业(?!集团)|公司(?!董事|总经理|表示|称|宣布|在|已|将|的|与|和)|化工(?!集团)|天然气")
# words before a body's name that make it another country's (该国外交部, 俄外交部)
OTHER_COUNTRY = ["该国", "各国", "他国", "两国", "外国", "对方", "美", "俄", "韩", "英", "荷", "欧盟", "印"]
# 对美 / 对华 right before a measure's name: the country it is aimed at
ZH_AIMED_AT = re.compile(r"对(美国|美方|美|中国|中方|华)$")
ZH_AIMED_SIDE = {"美国": "US", "美方": "US", "美": "US", "中国": "CN", "中方": "CN", "华": "CN"}
# a country's adjective or possessive right before a body's English name: "Chinese Commerce Minister", "Japan's
# Finance Ministry" name that country's body, so a known body of another country is not meant by the words after it
EN_COUNTRY_WORDS = {
    "US": "U\\.S\\.|US|American|America['’]s|Washington['’]s|United\\s+States['’]",
    "CN": "Chinese|China['’]s|Beijing['’]s|PRC", "JP": "Japanese|Japan['’]s|Tokyo['’]s",
    "KR": "(?:South\\s+)?Korean|(?:South\\s+)?Korea['’]s|Seoul['’]s", "TW": "Taiwanese|Taiwan['’]s|Taipei['’]s",
    "NL": "Dutch|Netherlands['’]|The\\s+Hague['’]s", "DE": "German|Germany['’]s|Berlin['’]s",
    "GB": "British|UK|Britain['’]s|London['’]s", "FR": "French|France['’]s|Paris['’]", "IN": "Indian|India['’]s",
    "CA": "Canadian|Canada['’]s|Ottawa['’]s", "AU": "Australian|Australia['’]s|Canberra['’]s",
    "SG": "Singaporean|Singapore['’]s", "MY": "Malaysian|Malaysia['’]s", "VN": "Vietnamese|Vietnam['’]s",
    "MX": "Mexican|Mexico['’]s", "RU": "Russian|Russia['’]s|Moscow['’]s", "EU": "European|EU|Brussels['’]"}
EN_COUNTRY_BEFORE = re.compile(r"(?<![\w.])(?:" + "|".join(f"(?P<{c}>{w})" for c, w in EN_COUNTRY_WORDS.items())
                               + r")\s+(?:[Tt]he\s+)?$")
# the chemical elements' characters, list-only names of the gazetteer's metals (镓, 锗, 锑, 钨 …): one of them joined to
# another by 和 is a list too
LIST_ONLY_CHARS = frozenset("镓锗锑钨钼铟铋碲钆钇钐钪铽镝镥")
LIST_BEFORE = frozenset("、，,；;：:（(和与及对将 \n。！？")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
MENTION_KINDS = {"body", "translation", "footnote", "caption", "source_note", "heading", "heading_translation"}
ENTITY_KEYS = {"id", "type", "kind", "name", "name_zh", "aliases", "doc_aliases", "section_aliases", "case_sensitive",
               "properties", "reference", "dated_aliases", "list_aliases", "bare_aliases", "firm_aliases",
               "__line__"}


@dataclass
class Entity:
    id: str  # node id: "<type lower>:<slug>"
    slug: str
    type: str
    name: str
    name_zh: str = ""
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    doc_aliases: dict[str, list[str]] = field(default_factory=dict)
    # names that mean this entity only inside a section whose heading (or an ancestor's) names it
    section_aliases: list[str] = field(default_factory=list)
    dated_aliases: list[str] = field(default_factory=list)
    list_aliases: list[str] = field(default_factory=list)  # names only as an item of a 、-list (镓 of 镓、锗)
    bare_aliases: list[str] = field(default_factory=list)  # names only where no country is named right before
    firm_aliases: list[str] = field(default_factory=list)  # a firm's short name, not where a phrase goes on
    case_sensitive: set[str] = field(default_factory=set)
    properties: dict[str, Any] = field(default_factory=dict)
    reference_source: str = ""
    reference_properties: dict[str, Any] = field(default_factory=dict)
    where: str = ""
    source_file: str = ""  # the gazetteer file, as loaders/gazetteer/NAME.yaml: the source of its own properties
    # from a file marked ``library: true``: general knowledge, kept out of the graph unless mentioned
    library: bool = False

    def all_names(self, docs: set[str] | None = None) -> list[str]:
        """Every name of the entity; with ``docs``, a document's own names (doc_aliases) only for those documents:
        bare 商务部 is the U.S. Department of Commerce in gu2022 and nist2025 alone, MOFCOM elsewhere."""
        names = [self.name] + ([self.name_zh] if self.name_zh else []) + self.aliases
        for doc, extra in self.doc_aliases.items():
            if docs is None or doc in docs:
                names.extend(extra)
        names.extend(self.section_aliases)
        names.extend(self.dated_aliases)
        names.extend(self.list_aliases)
        names.extend(self.bare_aliases)
        names.extend(self.firm_aliases)
        seen: set[str] = set()
        return [n for n in names if not (n in seen or seen.add(n))]  # type: ignore[func-returns-value]


@dataclass(frozen=True)
class Mention:
    entity: str
    doc: str
    paragraph: str
    section: str
    sentence: int  # document sentence index
    p_start: int
    p_end: int
    start: int
    end: int
    surface: str


def node_id(entity_type: str, slug: str) -> str:
    return f"{entity_type.lower()}:{slug}"


class Gazetteer:
    def __init__(self, entities: list[Entity]):
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._by_name: dict[str, set[str]] = {}
        for e in entities:
            for n in [*e.all_names(), e.slug, e.id]:
                self._by_name.setdefault(normalize_name(n), set()).add(e.id)
        self._automaton = self._build_automaton(entities)
        # a measure's side (the country whose measure it is): never the one a Chinese 对 phrase aims it at
        self._side = {e.id: str(e.properties["side"]) for e in entities
                      if e.type in {"Policy", "Instrument", "Law"} and e.properties.get("side") in {"US", "CN"}}
        countries = sorted({n for e in entities if e.type == "Country" for n in e.all_names() if not n.isascii()},
                           key=len, reverse=True)
        self._country_before = re.compile("(?:" + "|".join(re.escape(n) for n in [*countries, *OTHER_COUNTRY])
                                          + ")$") if countries else None

    # ------------------------------------------------------------------------------------ name lookup
    def lookup(self, name: str) -> list[Entity]:
        if name in self.entities:
            return [self.entities[name]]
        ids = self._by_name.get(normalize_name(name), set())
        return [self.entities[i] for i in sorted(ids)]

    def lookup_in(self, name: str, doc: str) -> list[Entity]:
        """lookup, as the name is read in one document: an entity's doc_aliases in other documents left out."""
        key = normalize_name(name)
        return [e for e in self.lookup(name)
                if e.id == name or any(normalize_name(n) == key for n in [*e.all_names({doc}), e.slug])]

    def resolve(self, name: str) -> Entity:
        """One entity for a name in any language or alias, or NotFoundError with suggestions."""
        found = self.lookup(name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NotFoundError(
                f"{name!r} is ambiguous: " + ", ".join(f"{e.name} ({e.id})" for e in found)
                + "; use the id")
        raise NotFoundError(f"no entity named {name!r}" + self.suggest_text(name))

    def suggest(self, name: str, n: int = 5) -> list[str]:
        key = normalize_name(name)
        keys = list(self._by_name)
        close = difflib.get_close_matches(key, keys, n=n * 2, cutoff=0.6)
        close += [k for k in keys if key and key in k and k not in close][: n * 2]
        out: list[str] = []
        for k in close:
            for eid in sorted(self._by_name[k]):
                label = self.entities[eid].name
                if label not in out:
                    out.append(label)
        return out[:n]

    def suggest_text(self, name: str) -> str:
        s = self.suggest(name)
        return f"; did you mean: {', '.join(s)}?" if s else ""

    # ------------------------------------------------------------------------------------ mentions
    @staticmethod
    def _build_automaton(entities: list[Entity]) -> Any:
        auto = ahocorasick.Automaton()
        payload: dict[str, list[tuple[str, str, bool, str | None]]] = {}
        for e in entities:
            entries: list[tuple[str, str | None]] = [(n, None) for n in
                                                     [e.name, e.name_zh, *e.aliases] if n]
            for doc_id, names in e.doc_aliases.items():
                entries.extend((n, doc_id) for n in names)
            entries.extend((n, SECTION_SCOPED) for n in e.section_aliases)
            entries.extend((n, DATED) for n in e.dated_aliases)
            entries.extend((n, LISTED) for n in e.list_aliases)
            entries.extend((n, BARE) for n in e.bare_aliases)
            entries.extend((n, FIRM) for n in e.firm_aliases)
            for alias, only_doc in entries:
                exact = alias in e.case_sensitive or (
                    alias.isascii() and alias.replace(" ", "").isupper() and len(alias) <= 6)
                key = _fold(alias)
                payload.setdefault(key, []).append((e.id, alias, exact, only_doc))
        # a sector named in the plural is named in the singular before the noun it qualifies: "an AI chip
        # designer", "electric vehicle makers" (multi-word English names only; a name another entity has wins)
        singular: dict[str, list[tuple[str, str, bool, str | None]]] = {}
        for e in entities:
            if e.type != "Sector":
                continue
            for alias in [e.name, *e.aliases]:
                words = alias.split()
                if len(words) < 2 or not alias.isascii() or not re.fullmatch(r"[a-z][a-z\-]{3,}s", words[-1]) \
                        or words[-1].endswith(("ss", "us", "is")):
                    continue
                last = words[-1][:-3] + "y" if words[-1].endswith("ies") else words[-1][:-1]
                form = " ".join([*words[:-1], last])
                if _fold(form) not in payload:
                    singular.setdefault(_fold(form), []).append((e.id, form, False, None))
        payload.update(singular)
        for key, values in payload.items():
            auto.add_word(key, (len(key), values))
        if payload:
            auto.make_automaton()
        return auto if payload else None

    def find_mentions(self, doc: Document) -> list[Mention]:
        if self._automaton is None:
            return []
        starts: dict[str, list[int]] = {}
        sents: dict[str, list[Sentence]] = {}
        for s in doc.sentences:
            starts.setdefault(s.paragraph, []).append(s.p_start)
            sents.setdefault(s.paragraph, []).append(s)
        # entities named in each section's heading, inherited by its subsections: they license the
        # section-scoped aliases (特朗普政府 inside the part on Trump 1.0 is that administration)
        named: dict[str, set[str]] = {}
        for p in doc.paragraphs:
            if p.kind == "heading":
                named.setdefault(p.section, set()).update(eid for _, _, eid in self._scan(p, doc.id, set()))
        for sec in doc.sections:  # sections are in document order, parents first
            if sec.parent is not None:
                named[sec.id] = named.get(sec.id, set()) | named.get(sec.parent, set())
        out: list[Mention] = []
        dated = None if doc.source.reviewed else doc.source.year
        for p in doc.paragraphs:
            if p.kind not in MENTION_KINDS or p.id not in sents:
                continue
            for a, b, eid in self._scan(p, doc.id, named.get(p.section, set()), dated):
                idx = bisect.bisect_right(starts[p.id], a) - 1
                sentence = sents[p.id][max(idx, 0)]
                out.append(Mention(
                    entity=eid, doc=doc.id, paragraph=p.id, section=p.section, sentence=sentence.index,
                    p_start=a, p_end=b, start=p.offsets[a], end=p.offsets[b - 1] + 1, surface=p.text[a:b]))
        if not doc.source.reviewed:
            out = self._defined_acronyms(doc, out, starts, sents)
        return out

    def _defined_acronyms(self, doc: Document, out: list[Mention], starts: dict[str, list[int]],
                          sents: dict[str, list[Sentence]]) -> list[Mention]:
        """"electronic design automation (EDA)": an acronym defined right after a known name, spelling its words
        (or the known name's), names that entity wherever else the document writes it ("China's largest EDA
        vendor"), though the gazetteer does not list it (or lists it for another paper only). Reviewed papers keep
        their curated aliases."""
        paragraphs = {p.id: p for p in doc.paragraphs}
        defined: dict[str, str] = {}
        defining: set[tuple[str, int]] = set()
        for m in out:
            p = paragraphs[m.paragraph]
            am = DEFINED_ACRONYM.match(p.text, m.p_end)
            if am is None or am.group(1) in defined:
                continue
            acr = am.group(1)
            ent = self.entities[m.entity]
            spelled = {_initials(n) for n in [m.surface, ent.name, *ent.aliases] if n and n.isascii()}
            if re.sub(r"[^A-Z]", "", acr) not in spelled or any(e.id != ent.id for e in self.lookup(acr)
                                                                 if acr in [e.name, *e.aliases]):
                continue
            defined[acr] = ent.id
            defining.add((p.id, am.start(1)))
        if not defined:
            return out
        taken: dict[str, list[tuple[int, int]]] = {}
        for m in out:
            taken.setdefault(m.paragraph, []).append((m.p_start, m.p_end))
        rx = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
                        + r")(?![A-Za-z0-9])")
        extra: list[Mention] = []
        for p in doc.paragraphs:
            if p.kind not in MENTION_KINDS or p.id not in sents:
                continue
            for hit in rx.finditer(p.text):
                a, b = hit.span()
                if (p.id, a) in defining or any(x < b and a < y for x, y in taken.get(p.id, [])):
                    continue
                word = NAME_WORD_BEFORE.search(p.text, 0, a)
                if word is not None and word.group(1) not in NAME_WORD_STOP and not any(
                        x <= word.start(1) < y for x, y in taken.get(p.id, [])):
                    continue  # the last word of a longer name ("Siemens EDA"), not the acronym alone
                idx = bisect.bisect_right(starts[p.id], a) - 1
                sentence = sents[p.id][max(idx, 0)]
                extra.append(Mention(
                    entity=defined[hit.group(1)], doc=doc.id, paragraph=p.id, section=p.section,
                    sentence=sentence.index, p_start=a, p_end=b, start=p.offsets[a], end=p.offsets[b - 1] + 1,
                    surface=hit.group(1)))
        if not extra:
            return out
        order = {p.id: i for i, p in enumerate(doc.paragraphs)}
        return sorted([*out, *extra], key=lambda m: (order[m.paragraph], m.p_start, m.p_end))

    def _scan(self, p: Paragraph, doc_id: str, licensed: set[str],
               doc_year: int | None = None) -> Iterable[tuple[int, int, str]]:
        """``doc_year`` None: no dated aliases (a reviewed paper); 0: a document of unknown year."""
        text = p.text
        folded = _fold(text)
        candidates: list[tuple[int, int, int, str]] = []
        for end_idx, (length, values) in self._automaton.iter(folded):
            start = end_idx - length + 1
            end = end_idx + 1
            for eid, alias, exact, only_doc in values:
                if only_doc == SECTION_SCOPED:
                    if eid not in licensed:
                        continue
                elif only_doc == DATED:
                    if doc_year is None or eid != self._dated_entity(text, start, alias, doc_year):
                        continue
                elif only_doc == LISTED:
                    if not _list_item(text, start, end):
                        continue
                elif only_doc == BARE:
                    if self._country_before is not None and self._country_before.search(text, max(0, start - 12),
                                                                                          start):
                        continue
                elif only_doc == FIRM:
                    if FIRM_VETO.match(text, end):
                        continue
                elif only_doc is not None and only_doc != doc_id:
                    continue
                if exact and text[start:end] != alias:
                    continue
                if alias.isascii() and self._other_country(eid, text, start) is not None:
                    continue  # "Chinese Commerce Minister": not the U.S. department's "Commerce"
                if not alias.isascii() and eid in self._side and (aimed := ZH_AIMED_AT.search(
                        text, max(0, start - 4), start)) is not None \
                        and ZH_AIMED_SIDE[aimed.group(1)] == self._side[eid]:
                    continue  # 对美加征关税: tariffs aimed at the U.S., not the U.S. tariffs that 加征关税 names
                stop = _word_end(text, alias, start, end, exact)
                if stop is None:
                    continue
                candidates.append((start, stop, 2 if only_doc == DATED else 0 if only_doc is not None else 1, eid))
        # leftmost-longest; on a tie a document's or section's own alias wins over a global one
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2], c[3]))
        taken_until = -1
        for start, end, _, eid in candidates:
            if start >= taken_until:
                taken_until = end
                yield start, end, eid


    def _other_country(self, eid: str, text: str, start: int) -> str | None:
        """The country whose adjective or possessive comes right before an English name of a known body of another
        country ("Chinese" before "Commerce", the U.S. department's name), else None."""
        e = self.entities.get(eid)
        home = e.properties.get("country") if e is not None and e.type == "Agency" else None
        if not home:
            return None
        m = EN_COUNTRY_BEFORE.search(text, max(0, start - 24), start)
        said = next((c for c, v in m.groupdict().items() if v), None) if m is not None else None
        return said if said is not None and said != home else None

    def _dated_entity(self, text: str, start: int, alias: str, doc_year: int) -> str | None:
        """The entity a shared name means by the nearest year before it in the paragraph (else after it, else
        the document's year): the one whose term holds that year. A year no term holds is passed over for the next
        ("under the Trade Act of 1974, the Trump administration first imposed duties in 2018": 2018)."""
        before = [int(m.group(1)) for m in YEAR_RE.finditer(text, 0, start)]
        after = [int(m.group(1)) for m in YEAR_RE.finditer(text, start)]
        for year in [*reversed(before), *after, doc_year]:
            if not year:
                continue
            best = None
            for e in self.entities.values():
                if alias not in e.dated_aliases:
                    continue
                props = {**e.reference_properties, **e.properties}
                first = int(str(props.get("term_start", "0"))[:4] or 0)
                last = int(str(props.get("term_end", "9999"))[:4] or 9999)
                if first <= year < last or (first == year == last):
                    best = e.id
            if best is not None:
                return best
        return None


def _list_item(text: str, start: int, end: int) -> bool:
    """The words at start:end are an item of a 、-list: 、 right after them (and a list's edge before, or a next item
    as short), or right before them (镓、锗实施…: the last item may run into the verb)."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    # 许可镓、锗、锑: after a verb, the first of a list of single characters
    single_next = end + 2 < len(text) and text[end + 2] in "、和与及等"
    # 对镓和锗相关物项…: two elements joined by 和/与/及 (each a list-only name: LIST_ONLY_CHARS)
    joined = (after in "和与及" and text[end + 1:end + 2] in LIST_ONLY_CHARS) or \
        (before in "和与及" and start >= 2 and text[start - 2] in LIST_ONLY_CHARS)
    # 镓锗出口禁令: two list-only elements written together
    together = end - start == 1 and (after in LIST_ONLY_CHARS or before in LIST_ONLY_CHARS) \
        and text[start] in LIST_ONLY_CHARS
    return before == "、" or (after == "、" and (before in LIST_BEFORE or single_next)) \
        or (end - start == 1 and joined) or together


# an acronym in brackets right after a name: "(EDA)", "（HBM）"
DEFINED_ACRONYM = re.compile(r"\s*[(（]\s*([A-Z][A-Za-z]{1,8})\s*[)）]")
# a capitalised word right before, unless it opens a sentence or is a name already read ("Chinese")
NAME_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9&.\-]*)[ ]$")
NAME_WORD_STOP = frozenset({"The", "A", "An", "In", "On", "Its", "Their", "This", "That", "These", "Those", "For", "Of",
                            "And", "Or", "By", "With", "To", "From", "As", "At", "All", "Any", "Both", "Each"})
INITIAL_SKIP = frozenset({"and", "of", "the", "for", "on", "in", "&", "to"})


def _initials(name: str) -> str:
    """The capitals of a name's words, hyphenated parts apart: "high-bandwidth memory" -> HBM."""
    words = [w for w in re.split(r"[\s\-/]+", name) if w and w.lower() not in INITIAL_SKIP]
    return "".join(w[0].upper() for w in words if w[0].isalnum())


def _fold(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_end(text: str, alias: str, start: int, end: int, exact: bool) -> int | None:
    """End of a match that respects Latin word boundaries (allowing a plural s), or None."""
    if LATIN_WORD.match(alias[0]) and start > 0 and LATIN_WORD.match(text[start - 1]):
        return None
    if alias[-1] == "部" and text[end:end + 1] == "门":
        return None  # 公安部门, 商务部门: departments of a kind, not the ministry (部门 is one word)
    if LATIN_WORD.match(alias[-1]) and end < len(text) and LATIN_WORD.match(text[end]):
        if not exact and len(alias) >= 4 and alias[-1].isalpha() and text[end] == "s" and (
                end + 1 >= len(text) or not LATIN_WORD.match(text[end + 1])):
            return end + 1
        return None
    return end


# ---------------------------------------------------------------------------------------- loading


def load_gazetteer(folders: Path | list[Path], schema: Schema, doc_ids: set[str] | None,
                   collect: list[Problem] | None = None) -> Gazetteer:
    """The project's gazetteer folder, optionally followed by the corpus overlay's (more entities, not
    replacements: an id or a name given twice is an error naming both places).

    ``doc_ids`` None: the documents named in ``doc_aliases`` are not checked (the corpus could not be read).
    With ``collect``, problems are appended there and the gazetteer of the entries that could be read is returned
    (so the loader files that use it can be checked too); without it they are raised together."""
    problems: list[Problem] = []
    entities: list[Entity] = []
    layers = [folders] if isinstance(folders, Path) else list(folders)
    files = [p for folder in layers for p in sorted(folder.glob("*.yaml"))]
    if not files:
        raise InputError([Problem(str(layers[0]), "no gazetteer files (*.yaml)", "add loaders/gazetteer/*.yaml")])
    for path in files:
        found = read_list(path, "entities", problems)
        if found is None:
            continue
        raw, items = found
        library = bool(raw.get("library", False))
        for item in items:
            entity = _entity(path, item, schema, doc_ids, problems)
            if entity is not None:
                entity.library = library
                entities.append(entity)
    seen: dict[str, Entity] = {}
    alias_owner: dict[tuple[str, str | None], Entity] = {}
    for e in entities:
        if e.id in seen:
            problems.append(Problem(e.where, f"duplicate entity id {e.id} (first at {seen[e.id].where})",
                                    "merge the two entries or give one another id"))
        seen[e.id] = e
        pairs: list[tuple[str, str | None]] = [(n, None) for n in [e.name, e.name_zh, *e.aliases] if n]
        pairs += [(n, d) for d, names in e.doc_aliases.items() for n in names]
        pairs += [(n, f"{SECTION_SCOPED}:{e.id}") for n in e.section_aliases]
        for name, doc_id in pairs:
            key = (_fold(name), doc_id)
            other = alias_owner.get(key)
            if other is not None and other.id != e.id:
                problems.append(Problem(
                    e.where, f"name {name!r} belongs to both {other.id} and {e.id}",
                    "keep the name on one entity, or scope it with doc_aliases"))
            alias_owner[key] = e
    if problems and collect is None:
        raise InputError(problems)
    if collect is not None:
        collect.extend(problems)
    return Gazetteer(sorted({e.id: e for e in entities}.values(), key=lambda e: e.id))


# an alias that is only a legal form: a name with a comma, split by a YAML flow list
LEGAL_FORM_ONLY = re.compile(r"(?:Inc|Ltd|Co|LLC|L\.?L\.?C|Corp|Limited|Corporation|GmbH|plc|PLC|S\.A|N\.V|AG|LP|L\.P|"
                             r"Pte|Pvt|B\.V|K\.K|Co\., Ltd)\.?")


def _names(value: Any, loc: str, key: str, problems: list[Problem]) -> list[str]:
    """A list of names as written: one name or a list of them (a number counts as a name)."""
    value = strip_lines(value)
    if value is None:
        return []
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
        return [str(v) for v in value]
    problems.append(Problem(loc, f"{key} must be a list of names, not {value!r}", f"write e.g. {key}: [Name, 名称]"))
    return []


def _entity(path: Path, item: Any, schema: Schema, doc_ids: set[str] | None,
            problems: list[Problem]) -> Entity | None:
    loc = where(path, item)
    if not isinstance(item, dict):
        problems.append(Problem(loc, "each entity must be a mapping", "write '- id: …' with type and name under it"))
        return None
    unknown = set(item) - ENTITY_KEYS
    if unknown:
        allowed = sorted(ENTITY_KEYS - {"__line__"})
        problems.append(Problem(loc, f"unknown keys {sorted(unknown)}", f"use only {allowed}"))
    slug, etype, name = item.get("id"), item.get("type"), item.get("name")
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        problems.append(Problem(loc, f"entity id {slug!r} is not a lowercase slug", "use e.g. 'entity-list'"))
        return None
    if not isinstance(etype, str) or etype not in schema.node_types or schema.node_types[etype].lexical:
        problems.append(Problem(loc, f"{slug}: unknown entity type {etype!r}",
                                f"use one of {', '.join(schema.entity_types())}"))
        return None
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(loc, f"{slug}: missing English 'name'", "add e.g. name: Entity List"))
        return None
    for key in ("name_zh", "kind"):
        if not isinstance(item.get(key) or "", str):
            problems.append(Problem(loc, f"{slug}: {key} must be one name, not {strip_lines(item[key])!r}",
                                    f"write e.g. {key}: {'实体清单' if key == 'name_zh' else 'export_control_list'}"))
    props = strip_lines(item.get("properties") or {})
    ref = strip_lines(item.get("reference") or {})
    if not isinstance(ref, dict):
        problems.append(Problem(loc, f"{slug}: reference must be a mapping with 'source' and 'properties'",
                                "write reference: {source: …, properties: {…}}"))
        ref = {}
    try:
        props = schema.validate_node_properties(etype, props)
    except ValueError as exc:
        problems.append(Problem(loc, f"{slug}: {exc}", "see schema/schema.yaml for the declared properties"))
        props = {}  # kept without them: its names still resolve while the other loader files are checked
    try:
        ref_props = schema.validate_node_properties(etype, ref.get("properties") or {})
    except ValueError as exc:
        problems.append(Problem(loc, f"{slug}: reference: {exc}", "see schema/schema.yaml for the declared properties"))
        ref_props = {}
    if ref and not ref.get("source"):
        problems.append(Problem(loc, f"{slug}: reference facts need a 'source'", "name where the facts come from"))
    raw_doc_aliases = strip_lines(item.get("doc_aliases") or {})
    if not isinstance(raw_doc_aliases, dict):
        problems.append(Problem(loc, f"{slug}: doc_aliases must map document ids to names",
                                "write doc_aliases: {gu2022: [the Act]}"))
        raw_doc_aliases = {}
    doc_aliases = {str(k): _names(v, loc, f"doc_aliases.{k}", problems) for k, v in raw_doc_aliases.items()}
    section_aliases = _names(item.get("section_aliases"), loc, "section_aliases", problems)
    dated_aliases = _names(item.get("dated_aliases"), loc, "dated_aliases", problems)
    list_aliases = _names(item.get("list_aliases"), loc, "list_aliases", problems)
    bare_aliases = _names(item.get("bare_aliases"), loc, "bare_aliases", problems)
    firm_aliases = _names(item.get("firm_aliases"), loc, "firm_aliases", problems)
    for d in doc_aliases:
        if doc_ids is not None and d not in doc_ids:
            problems.append(Problem(loc, f"{slug}: doc_aliases names unknown document {d!r}",
                                    f"use one of {', '.join(sorted(doc_ids))}"))
    aliases = _names(item.get("aliases"), loc, "aliases", problems)
    for alias in aliases:
        if LEGAL_FORM_ONLY.fullmatch(alias.strip()):
            # [Illumina, Inc.] is two names in YAML: "Inc." would then name this company in every document
            problems.append(Problem(loc, f"{slug}: alias {alias!r} is only a company form (a name with a comma "
                                         "split in two?)",
                                    f"quote the whole name, e.g. aliases: [\"{name}, {alias}\"]"))
    return Entity(
        id=node_id(etype, slug), slug=slug, type=etype, name=name.strip(),
        name_zh=str(item.get("name_zh") or ""), kind=str(item.get("kind") or ""),
        aliases=[a for a in aliases if a and a != name], doc_aliases=doc_aliases, section_aliases=section_aliases,
        dated_aliases=dated_aliases, list_aliases=list_aliases, bare_aliases=bare_aliases, firm_aliases=firm_aliases,
        case_sensitive=set(_names(item.get("case_sensitive"), loc, "case_sensitive", problems)),
        properties=props, reference_source=str(ref.get("source", "")), reference_properties=ref_props,
        where=loc, source_file=f"{path.parent.parent.name}/{path.parent.name}/{path.name}",
    )
