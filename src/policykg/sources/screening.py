"""The U.S. Consolidated Screening List as a dataset layer on top of the papers' graph.

The file is the compact trade.gov snapshot (keys abbreviated, categorical values as indexes into
``tables``; see the README beside it). Loading it does three things:

1. Every record becomes a listed party (``listed:<list code>-<entity number or entry index>``) linked
   ``LISTED_ON`` to its list, with the Federal Register notices parsed into volume, page and date; the
   lists become Instrument nodes that their agencies ``ADMINISTERS``. The papers' own nodes (the Entity
   List, BIS, Commerce) are reused through the gazetteer.
2. Entity resolution against the companies and organisations the papers discuss. A record that names
   the paper's company itself (exact name or alias, address in its country) is not a new node: the
   company is linked ``LISTED_ON`` directly. A record that names an affiliate (a subsidiary, branch,
   lab, an "Affiliated Entity:" of the company) stays its own node, linked ``AFFILIATE_OF`` with its
   score. Grey-zone matches (a short name found in parties abroad, a common word) are never linked:
   they are kept for review (``review_matches``, ``policykg resolve --review``) and as rejections.
3. Queries on top: ``listings`` (who was added through which notices, by country and list) and
   ``affiliates`` (a company's listed affiliates with their notices).

Every fact carries ``Evidence(method="dataset")`` pointing at the record (``entry <index>``) or
``Evidence(method="resolution")`` with the match score; nothing in the file is dropped without a
reason in ``graph.rejected``.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.errors import InputError, Problem
from policykg.graph.model import Edge, Evidence, Node, PolicyGraph, Rejection
from policykg.resolve.names import normalize_name

if TYPE_CHECKING:  # the gazetteer is passed in by the build; reading the listings does not need it loaded
    from policykg.extract.gazetteer import Gazetteer

STAGE = "screening"
RESOLUTION_STAGE = "resolution"
LISTED_PREFIX = "listed:"
ACCEPT = 0.80  # affiliate links at or above this score are made
REVIEW = 0.35  # between REVIEW and ACCEPT a candidate is reported for review, below it only rejected
FR_BASE_YEAR = 1935  # Federal Register volume N covers calendar year 1935 + N (volume 1 = 1936)
MAX_PROBLEMS = 20
PAPER_TYPES = ("Company", "Organization")
CHINA = ("CN",)
_CN_FAMILY = frozenset({"CN", "HK", "MO"})  # an address in Hong Kong or Macau supports a Chinese company

# Country values the file gives in words; everything else is kept as written.
_COUNTRY_FIXES = {"TURKIYE": "TR", "PRC": "CN", "MACAU": "MO", "MAN, ISLE OF": "IM", "REGION: CHINA": "CN",
                  "REGION: RUSSIA": "RU", "REGION: IRAN": "IR"}


# ================================================================================= Federal Register

@dataclass(frozen=True)
class FRCitation:
    """One Federal Register notice: volume and page, and the date when the record states it."""

    volume: int | None
    page: int | None
    issue: int | None = None
    date: str | None = None  # ISO date as the record states it
    volume_inferred: bool = False  # volume missing in the record, taken from the stated date's year

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        return fr_year(self.volume) if self.volume is not None else None

    @property
    def when(self) -> str | None:
        """The stated date, or the year the volume implies."""
        return self.date or (str(self.year) if self.year is not None else None)

    def __str__(self) -> str:
        if self.page is None:
            return f"{self.volume} FR No. {self.issue}" if self.issue is not None else f"{self.volume} FR"
        return f"{self.volume} FR {self.page}"


def fr_year(volume: int) -> int:
    return FR_BASE_YEAR + volume


_DATE = r"(?:dated\s*)?\(?(?P<date>\d{1,2}/\d{1,3}/\d{1,4})\)?"
_FR_PATTERNS = (
    # "76 FR No. 197 (10/12/2011)", "76 FR no. 242 pg. 78146": issue number, page perhaps
    re.compile(r"(?P<vol>\d{1,3})\s*F\.?\s?R\.?\s*No\.?\s*(?P<issue>\d+)(?:,?\s*pg\.?\s*(?P<page>\d{1,6}))?"
               r"(?:[\s,.;]*" + _DATE + r")?", re.IGNORECASE),
    # "84 FR 22961", "58 F.R. 42719 8/11/93", "81.F.R. 22576", "77 FR 58006 (no. 182)", "82 F.R. 16786, 16787 4/16/17"
    re.compile(r"(?:(?P<vol>\d{1,3})\s*\.?\s*)?F\.?\s?R\.?\s*(?P<page>\d{1,6})(?![\d/])"
               r"(?:,\s*(?P<page2>\d{3,6})(?=\s+\d{1,2}/))?(?:,?\s*\(?No\.?\s*(?P<issue>\d+)\)?)?"
               r"(?:[\s,.;]*" + _DATE + r")?", re.IGNORECASE),
    # "72 F.R. 1/30/07": a notice known by its date only
    re.compile(r"(?P<vol>\d{1,3})\s*F\.?\s?R\.?\s*" + _DATE, re.IGNORECASE),
    # "Vol. 78, No. 136, 07/16/2013" (State Department notices)
    re.compile(r"Vol\.?\s*(?P<vol>\d{1,3}),\s*No\.?\s*(?P<issue>\d+),\s*" + _DATE, re.IGNORECASE),
    # "87 30173 5/18/2022": "F.R." left out; accepted only with a date after it
    re.compile(r"\b(?P<vol>\d{2,3})\s+(?P<page>\d{3,6})\s+" + _DATE),
)
_FR_SEPARATORS = re.compile(r"(?:\band\b|[\s,;.&])+", re.IGNORECASE)


def _us_date(text: str) -> str | None:
    """'8/11/93' or '8/11/1993' as ISO, or None when it is not a valid date."""
    month, day, year = (int(p) for p in text.split("/"))
    digits = len(text.rsplit("/", 1)[1])
    if digits == 2:
        year += 1900 if year >= 30 else 2000
    elif digits != 4:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_federal_register(text: str) -> tuple[list[FRCitation], list[str]]:
    """The notices a record cites, in the record's order, and what could not be read (one reason each)."""
    found: list[tuple[int, FRCitation]] = []
    problems: list[str] = []
    rest = text
    for pattern in _FR_PATTERNS:
        for m in pattern.finditer(rest):
            groups = m.groupdict()
            date = None
            if groups.get("date"):
                date = _us_date(groups["date"])
                if date is None:
                    problems.append(f"invalid date {groups['date']!r} in {m.group(0).strip()!r}")
            vol = int(groups["vol"]) if groups.get("vol") else None
            inferred = False
            if vol is None:
                if date is None:
                    problems.append(f"no volume in {m.group(0).strip()!r}")
                    continue
                vol, inferred = int(date[:4]) - FR_BASE_YEAR, True
            elif date is not None and fr_year(vol) != int(date[:4]):
                # the volume is the surer part (a date typo is likelier): keep its year, report both
                problems.append(f"{m.group(0).strip()!r}: volume {vol} is {fr_year(vol)} but the stated date is "
                                f"{date}; kept the volume's year")
                date = None
            issue = int(groups["issue"]) if groups.get("issue") else None
            pages = [groups.get("page"), groups.get("page2")]
            for page in dict.fromkeys(p for p in pages if p):  # "16786, 16786": one notice
                found.append((m.start(), FRCitation(vol, int(page), issue, date, inferred)))
            if not groups.get("page"):
                found.append((m.start(), FRCitation(vol, None, issue, date, inferred)))
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    leftover = _FR_SEPARATORS.sub(" ", rest).strip()
    if leftover:
        problems.append(f"unread text {leftover!r}")
    found.sort(key=lambda x: x[0])
    return list(dict.fromkeys(c for _, c in found)), problems


# ================================================================================= the file

@dataclass(frozen=True)
class ListSource:
    """One list of the consolidated file (its ``tables.sources`` entry)."""

    index: int
    source: str  # as the file names it: "Entity List (EL) - Bureau of Industry and Security"
    code: str  # "EL"
    name: str  # "Entity List"
    administrator: str  # "Bureau of Industry and Security", "Treasury Department", ...
    legal_basis: str = ""
    effect: str = ""
    url: str = ""

    @property
    def slug(self) -> str:
        return _slug(self.code)


@dataclass
class Party:
    """One record of the file, read and cleaned."""

    index: int
    source: ListSource
    listed_name: str  # ``n`` as written
    name: str  # the party itself: "Affiliated Entity:" and "and any successor" clauses removed
    aliases: list[str]
    short_names: list[str]  # acronyms or short names in brackets: "(SMIC)", "(Huawei)"
    parent: str  # the parent the record names, if any
    countries: list[str]
    entity_number: str
    listed_type: str  # ``t`` as written, "" when absent
    node_type: str
    type_reason: str  # "" when the record states the type
    programmes: list[str]
    licence_requirement: str
    licence_policy: str
    fr_text: str
    citations: list[FRCitation]
    node_id: str = ""

    def record(self) -> str:
        return f"entry {self.index}"

    def all_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, self.listed_name, *self.aliases, *self.short_names]))


@dataclass
class ScreeningList:
    path: Path
    sources: list[ListSource]
    parties: list[Party]
    notes: list[Rejection] = field(default_factory=list)  # unread notices, inconsistent dates

    @property
    def file_name(self) -> str:
        return self.path.name


_FIELD_TYPES: dict[str, tuple[type, str]] = {
    "n": (str, "name"), "a": (list, "alt_names"), "s": (int, "source"), "t": (str, "type"),
    "c": (list, "address countries"), "e": (str, "entity_number"), "lr": (int, "license_requirement"),
    "lp": (int, "license_policy"), "pg": (int, "programs"), "fr": (str, "federal_register_notice"),
    "u": (int, "source_list_url"),
}
_TABLE_OF = {"s": "sources", "lr": "licenceRequirements", "lp": "licencePolicies", "pg": "programmes", "u": "urls"}


def read_screening_list(path: Path) -> ScreeningList:
    """Read and check the whole file; every malformed record is one Problem naming the file and entry."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem(str(path), "screening list not found",
                                  "give the JSON file with --screening-list or POLICYKG_SCREENING_LIST")])
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError([Problem(f"{path}:{exc.lineno}", f"malformed JSON: {exc.msg} (column {exc.colno})",
                                  "use the trade.gov consolidated screening list snapshot")]) from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(str(path), f"not UTF-8 text: {exc.reason}")]) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list) or not isinstance(
            raw.get("tables"), dict):
        raise InputError([Problem(str(path), "expected an object with 'entries' (list) and 'tables' (object)",
                                  "use the compact screening-list.json snapshot (see its README)")])
    tables: dict[str, Any] = raw["tables"]
    problems: list[Problem] = []
    for key in _TABLE_OF.values():
        table = tables.get(key)
        if not isinstance(table, list) or not all(isinstance(v, str) for v in table):
            problems.append(Problem(str(path), f"tables.{key} must be a list of strings"))
    if problems:
        raise InputError(problems)
    sources = _sources(raw, tables)
    parties: list[Party] = []
    notes: list[Rejection] = []
    typed = _TypeModel(raw["entries"])
    bad = 0
    for index, entry in enumerate(raw["entries"]):
        reason = _entry_problem(entry, tables)
        if reason:
            bad += 1
            if bad <= MAX_PROBLEMS:
                problems.append(Problem(f"{path} entry {index}", reason,
                                        "fix or remove the record; nothing was loaded"))
            continue
        parties.append(_party(index, entry, sources, tables, typed, path.name, notes))
    if bad > MAX_PROBLEMS:
        problems.append(Problem(str(path), f"{bad - MAX_PROBLEMS} more malformed entries not shown"))
    if problems:
        raise InputError(problems)
    return ScreeningList(path, sources, parties, notes)


def _entry_problem(entry: Any, tables: dict[str, Any]) -> str:
    if not isinstance(entry, dict):
        return f"expected an object, got {type(entry).__name__}"
    if "n" not in entry or "s" not in entry:
        missing = [f"'{k}' ({_FIELD_TYPES[k][1]})" for k in ("n", "s") if k not in entry]
        return f"missing {' and '.join(missing)}"
    for key, value in entry.items():
        spec = _FIELD_TYPES.get(key)
        if spec is None:
            return f"unknown key {key!r}; known: {', '.join(_FIELD_TYPES)}"
        kind, label = spec
        if not isinstance(value, kind) or isinstance(value, bool):
            return f"'{key}' ({label}) must be {kind.__name__}, got {json.dumps(value)[:60]}"
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            return f"'{key}' ({label}) must be a list of strings, got {json.dumps(value)[:60]}"
        if key in _TABLE_OF and isinstance(value, int):
            size = len(tables[_TABLE_OF[key]])
            if not 0 <= value < size:
                return f"'{key}' ({label}) = {value} is outside tables.{_TABLE_OF[key]} (0-{size - 1})"
    if not entry["n"].strip():
        return "'n' (name) is empty"
    return ""


def _sources(raw: dict[str, Any], tables: dict[str, Any]) -> list[ListSource]:
    authority: dict[str, Any] = raw["listAuthority"] if isinstance(raw.get("listAuthority"), dict) else {}
    urls: dict[int, Counter[int]] = defaultdict(Counter)
    for e in raw["entries"]:
        if isinstance(e, dict) and isinstance(e.get("s"), int) and isinstance(e.get("u"), int):
            urls[e["s"]][e["u"]] += 1
    out = []
    for i, source in enumerate(tables["sources"]):
        title, _, administrator = source.partition(" - ")
        auth: dict[str, Any] = authority[source] if isinstance(authority.get(source), dict) else {}
        code = str(auth.get("code") or "")
        bracket = re.search(r"\(([^)]+)\)", title)
        if not code and bracket:
            code = bracket.group(1).removesuffix(" List")
        name = re.sub(r"\s*\([^)]*\)", "", title).strip()
        url_index = urls[i].most_common(1)[0][0] if urls[i] else None
        url = tables["urls"][url_index] if url_index is not None and url_index < len(tables["urls"]) else ""
        out.append(ListSource(i, source, code or _slug(name).upper(), name, administrator.strip(),
                              str(auth.get("citation") or ""), str(auth.get("effect") or ""), url))
    return out


_AFFILIATED = re.compile(r"^(?P<parent>.+?)\.?\s*Affiliated Entity:\s*(?P<name>.+)$", re.IGNORECASE)
_SUBSIDIARY = re.compile(r"\s*\((?:a |an )?(?:subsidiary|branch|affiliate) of (?P<parent>[^)]+)\)", re.IGNORECASE)
_SUCCESSORS = re.compile(r"[;,]?\s*(?:and|&)\s+(?:any|its)\s+(?:successors?|sub-units?)[^;]*$", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*\((?P<q>[^()]*\b(?:entity|national|individual|citizen|company)\b[^()]*)\)",
                        re.IGNORECASE)
_BRACKET = re.compile(r"\s*\((?P<b>[^()]+)\)")


def _party(index: int, entry: dict[str, Any], sources: list[ListSource], tables: dict[str, Any],
           typed: _TypeModel, file_name: str, notes: list[Rejection]) -> Party:
    listed = " ".join(entry["n"].split())
    name, parent = listed, ""
    m = _AFFILIATED.match(name)
    if m:
        name, parent = m.group("name").strip(), m.group("parent").strip()
    m2 = _SUBSIDIARY.search(name)
    if m2:
        parent = parent or m2.group("parent").strip()
        name = (name[: m2.start()] + name[m2.end():]).strip()
    name = _SUCCESSORS.sub("", name).strip()
    qualifiers = [q.group("q") for q in _QUALIFIER.finditer(name)]
    name = _QUALIFIER.sub("", name).strip(" ,;") or listed
    short_names = []
    for b in _BRACKET.finditer(name):
        text = b.group("b").strip()
        rest = (name[: b.start()] + name[b.end():]).casefold()
        acronym = " " not in text and len(text) >= 3 and text.upper() == text and any(c.isalpha() for c in text)
        if acronym or (" " not in text and text.casefold() in rest):
            short_names.append(text)
    countries = list(dict.fromkeys(_COUNTRY_FIXES.get(c.strip().upper(), c.strip()) for c in entry.get("c", [])
                                   if c.strip()))
    fr_text = " ".join(entry.get("fr", "").split())
    citations, fr_problems = parse_federal_register(fr_text) if fr_text else ([], [])
    for reason in fr_problems:
        notes.append(Rejection(STAGE, f"entry {index} federal_register_notice", reason, f"{file_name} entry {index}"))
    listed_type = entry.get("t", "")
    node_type, type_reason = typed.node_type(name, listed_type, qualifiers, entry["s"])
    programmes = [p.strip() for p in tables["programmes"][entry["pg"]].split(";")] if "pg" in entry else []
    return Party(
        index=index, source=sources[entry["s"]], listed_name=listed, name=name,
        aliases=[" ".join(a.split()) for a in entry.get("a", []) if a.strip()], short_names=short_names,
        parent=parent, countries=countries, entity_number=entry.get("e", ""), listed_type=listed_type,
        node_type=node_type, type_reason=type_reason, programmes=[p for p in programmes if p],
        licence_requirement=tables["licenceRequirements"][entry["lr"]] if "lr" in entry else "",
        licence_policy=tables["licencePolicies"][entry["lp"]] if "lp" in entry else "",
        fr_text=fr_text, citations=citations,
    )


# --------------------------------------------------------------------------------- party types

_LEGAL_FORM = re.compile(
    r"\b(?:co|ltd|limited|inc|llc|llp|corp|corporation|company|gmbh|jsc|ojsc|pjsc|cjsc|ooo|oao|zao|plc|pte|pty|"
    r"pvt|sdn|bhd|fze|fzc|fzco|sarl|srl|s\.a|s\.r\.l|b\.v|n\.v|a\.g|k\.k|oy|a\.s|e\.k|dmcc)\b", re.IGNORECASE)
_TRADE_WORD = re.compile(
    r"\b(?:trading|industr(?:y|ies)|enterprises?|group|holdings?|factory|plant|bank|airlines?|shipping|"
    r"logistics|technolog(?:y|ies)|tech|electronics?)\b", re.IGNORECASE)
_ORGANIZATION = re.compile(r"\b(?:universit(?:y|ies)|institutes?|academy|academies|laborator(?:y|ies)|labs?|"
                           r"college|school|research (?:center|centre))\b", re.IGNORECASE)
_AGENCY = re.compile(r"\b(?:ministry|public security|police|government of|armed forces|army|navy|air force|"
                     r"guard corps|intelligence (?:service|agency|directorate)|procurator\w*|court)\b",
                     re.IGNORECASE)
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ogly|qizi)$")
_STATED_TYPES = {"Individual": "Person", "Vessel": "Vessel", "Aircraft": "Aircraft"}


class _TypeModel:
    """Which node type a record is. Records without a stated type (the BIS and State lists) are typed from
    their name: keywords first, then a token model learnt from the file itself (names of the typed
    Individual and Entity records, and of untyped records with a legal form), with a prior per list
    (the Denied Persons and ITAR lists name mostly people, the Entity List mostly firms)."""

    def __init__(self, entries: Sequence[Any]):
        counts: dict[str, Counter[str]] = {"Individual": Counter(), "Entity": Counter()}
        plain: Counter[Any] = Counter()  # per list: records whose name has no firm or body keyword
        sizes: Counter[Any] = Counter()
        for e in entries:
            if not isinstance(e, dict) or not isinstance(e.get("n"), str):
                continue
            names = [e["n"], *(a for a in e.get("a", []) if isinstance(a, str))] if isinstance(
                e.get("a", []), list) else [e["n"]]
            kind = e.get("t")
            if kind is None:
                sizes[e.get("s")] += 1
                if _LEGAL_FORM.search(e["n"]) or _TRADE_WORD.search(e["n"]):
                    kind = "Entity"
                elif not (_ORGANIZATION.search(e["n"]) or _AGENCY.search(e["n"])):
                    plain[e.get("s")] += 1
            if kind in counts:
                for n in names:
                    counts[kind].update(set(_tokens(n)))
        n_ind = sum(counts["Individual"].values()) or 1
        n_ent = sum(counts["Entity"].values()) or 1
        self.weight: dict[str, float] = {}
        for token in set(counts["Individual"]) | set(counts["Entity"]):
            ind, ent = counts["Individual"][token], counts["Entity"][token]
            if ind + ent >= 2 and len(token) > 1:  # initials are scored on their own below
                self.weight[token] = math.log((ind + 0.5) / n_ind) - math.log((ent + 0.5) / n_ent)
        self.people_lists = {s for s, n in sizes.items() if plain[s] / n >= 0.5}

    def node_type(self, name: str, stated: str, qualifiers: list[str], source: int) -> tuple[str, str]:
        if stated in _STATED_TYPES:
            return _STATED_TYPES[stated], ""
        legal = _LEGAL_FORM.search(name)
        if not legal and _ORGANIZATION.search(name):
            return "Organization", "" if stated == "Entity" else "university/institute/academy/laboratory in the name"
        if not legal and _AGENCY.search(name):
            return "Agency", "" if stated == "Entity" else "government body in the name"
        if stated == "Entity":
            return "Company", ""
        qual = " ".join(qualifiers).casefold()
        if re.search(r"\b(?:national|individual|citizen)\b", qual):
            return "Person", f"the record calls it ({' '.join(qualifiers)})"
        trade = legal or _TRADE_WORD.search(name)
        if trade:
            return "Company", f"legal form or trade word {trade.group(0)!r} in the name"
        people = source in self.people_lists
        if people and re.search(r"\ba\.?\s?/?k\.?\s?/?a\b", name, re.IGNORECASE):
            return "Person", "personal names with a.k.a., a list of mostly people"
        tokens = _tokens(name)
        if re.search(r"\d", name) or not 2 <= len(tokens) <= 6:
            return "Company", "not a personal name"
        score = sum(self.weight.get(t, 0.0) for t in tokens)
        score += sum(0.75 for t in tokens if len(t) == 1) + sum(1.5 for t in tokens if _PATRONYMIC.search(t))
        if score > 0.5 or (people and score >= -1.0):
            prior = ", a list of mostly people" if people else ""
            return "Person", f"personal name (token model {score:+.1f}{prior})"
        return "Company", f"not a personal name (token model {score:+.1f})"


# ================================================================================= names

_STRONG_LEGAL = frozenset(re.findall(r"\S+", """
    co corp corporation company inc incorporated ltd limited llc llp plc gmbh jsc pjsc ojsc cjsc ooo oao zao
    pte pty pvt sdn bhd sarl srl spa kk fze fzc fzco fzllc technologies technology tech"""))
_WEAK_LEGAL = frozenset(re.findall(r"\S+", "sa ag ab as bv nv oy lp private ua sl sas sasu se ltda the"))


_TOKEN = re.compile(r"[0-9a-z]+|[\u3400-\u9fff]+")


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    text = name
    if not name.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    run: list[str] = []
    for t in [*tokens, ""]:  # "S.R.L." -> "srl", "K.K." -> "kk"
        if len(t) == 1 and t.isalpha():
            run.append(t)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if t:
            out.append(t)
    return tuple(out)


def name_key(name: str) -> tuple[str, ...]:
    """Normalised name for matching: case, accents, punctuation and legal forms removed."""
    tokens = [t for t in _tokens(name) if t not in _STRONG_LEGAL]
    while tokens and tokens[-1] in _WEAK_LEGAL:
        tokens.pop()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    return tuple(tokens)


def _party_key_name(party: Party, name: str) -> str:
    """A name without its bracketed short names: "Semiconductor Manufacturing International Corporation (SMIC)"."""
    for short in party.short_names:
        name = name.replace(f"({short})", " ")
    return name


def _contains(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    n = len(small)
    return n < len(big) and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _short(key: tuple[str, ...]) -> bool:
    return len(key) == 1 and len(key[0]) <= 4


# ================================================================================= resolution

@dataclass(frozen=True)
class PaperEntity:
    """A company or organisation the papers discuss (a gazetteer node of the graph)."""

    id: str
    type: str
    name: str
    names: tuple[str, ...]
    country: str

    def keys(self) -> dict[tuple[str, ...], str]:
        out: dict[tuple[str, ...], str] = {}
        for n in self.names:
            if re.search(r"[A-Za-z]", n):
                k = name_key(n)
                if k:
                    out.setdefault(k, n)
        return out


@dataclass(frozen=True)
class Match:
    """One scored candidate pair of a paper entity and a listed party, with the decision taken."""

    entity_id: str
    entity_name: str
    party_id: str
    party_name: str
    party_index: int
    list_code: str
    countries: tuple[str, ...]
    method: str
    score: float
    decision: str  # "same" (the company itself), "affiliate", "review", "below"
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)

    def record(self) -> str:
        return (f"{self.method}: {self.entity_name!r} ~ {self.party_name!r} (entry {self.party_index}, "
                f"{self.list_code}); {self.reason}")


def paper_entities(graph: PolicyGraph) -> list[PaperEntity]:
    out = []
    for node_type in PAPER_TYPES:
        for n in graph.nodes_of_type(node_type):
            if n.id.startswith(LISTED_PREFIX):
                continue
            country = n.properties.get("country")
            out.append(PaperEntity(n.id, n.type, n.name, tuple(dict.fromkeys([n.name, *n.aliases])),
                                   country if isinstance(country, str) else ""))
    return out


class _PartyIndex:
    """Name keys of every party, with an inverted index from token to party for candidate lookup."""

    def __init__(self, parties: Sequence[Party]):
        self.parties = parties
        self.name_keys: list[list[tuple[tuple[str, ...], str]]] = []  # per party: (key, kind) kind: name/alias
        self.parent_keys: list[set[tuple[str, ...]]] = []
        self.by_token: dict[str, set[int]] = defaultdict(set)
        for i, p in enumerate(parties):
            keys: list[tuple[tuple[str, ...], str]] = []
            named = [(p.name, "name"), *((s, "name") for s in p.short_names), *((a, "alias") for a in p.aliases)]
            for n, kind in named:
                k = name_key(_party_key_name(p, n))
                if k and (k, kind) not in keys:
                    keys.append((k, kind))
            self.name_keys.append(keys)
            parents: set[tuple[str, ...]] = set()
            if p.parent:
                parents.add(name_key(re.sub(r"\([^)]*\)", " ", p.parent)))
                parents.update(name_key(b.group("b")) for b in _BRACKET.finditer(p.parent))
            self.parent_keys.append({k for k in parents if k})
            for k, _ in keys:
                for t in k:
                    self.by_token[t].add(i)
            for k in self.parent_keys[-1]:
                for t in k:
                    self.by_token[t].add(i)

    def candidates(self, key: tuple[str, ...]) -> set[int]:
        postings = [self.by_token.get(t, set()) for t in key]
        return set.intersection(*postings) if postings else set()


@dataclass
class _Candidate:
    party: int
    method: str
    base: float
    same_eligible: bool
    key: tuple[str, ...]  # the paper-side name key that matched
    via: str = ""  # that name as written, or which matched record it comes from


def _country_signal(entity: PaperEntity, party: Party) -> tuple[float, str, bool | None]:
    if not entity.country or not party.countries:
        return 0.0, "", None
    here = set(party.countries)
    family = _CN_FAMILY if entity.country in _CN_FAMILY else {entity.country}
    if here & family:
        label = "Chinese address" if entity.country in _CN_FAMILY else f"address in {entity.country}"
        return 0.10, label, True
    return -0.15, f"address in {', '.join(party.countries)}, not {entity.country}", False


def resolve_parties(entities: Sequence[PaperEntity], parties: Sequence[Party]) -> list[Match]:
    """Score every name-level candidate pair and decide; deterministic, independent of input order."""
    index = _PartyIndex(parties)
    same_of: dict[str, list[int]] = {}
    per_entity: dict[str, dict[int, _Candidate]] = {}
    for ent in entities:
        direct = _match_keys(ent, ent.keys(), index, bridge="")
        same_of[ent.id] = same = sorted(i for i, c in direct.items() if c.same_eligible
                                        and _country_signal(ent, parties[i])[2] is not False)
        # names of the records that are the company itself find more of its affiliates ("SMIC Beijing")
        bridge: dict[tuple[str, ...], str] = {}
        own = ent.keys()
        for i in same:
            for k, _ in index.name_keys[i]:
                if k not in own and k not in bridge:
                    bridge.setdefault(k, f"{' '.join(k)} (a name of entry {parties[i].index})")
        merged = dict(direct)
        for i, c in _match_keys(ent, bridge, index, bridge="via").items():
            if i not in merged or c.base > merged[i].base:
                merged[i] = c
        per_entity[ent.id] = merged
    matches: list[Match] = []
    for ent in entities:
        same_set = set(same_of[ent.id])
        notices = {str(c) for i in same_set for c in parties[i].citations}
        for i, cand in sorted(per_entity[ent.id].items()):
            p = parties[i]
            signal, label, agrees = _country_signal(ent, p)
            reasons = [f"matched {cand.via!r}" if cand.via else ""]
            if label:
                reasons.append(label)
            shared = sorted({str(c) for c in p.citations} & notices, key=_citation_order) if i not in same_set else []
            if cand.same_eligible and agrees is not False and (i in same_set or cand.method.startswith("alias of")):
                decision, score = "same", cand.base
            else:
                base = cand.base
                if cand.same_eligible:  # the same name, but the record is abroad: a foreign affiliate at best
                    base = 0.75
                    reasons.append("same name as the company, record abroad")
                score = base + signal
                if shared:
                    score += 0.25
                    reasons.append(f"listed by the same notice as the company ({', '.join(shared[:3])})")
                if "contains" in cand.method and _short(cand.key):
                    reasons.append(f"short name {' '.join(cand.key)!r}")
                score = round(min(0.95, max(0.0, score)), 2)
                decision = "affiliate" if score >= ACCEPT else "review" if score >= REVIEW else "below"
            matches.append(Match(ent.id, ent.name, p.node_id or f"entry {i}", p.name, p.index, p.source.code,
                                 tuple(p.countries), cand.method, score, decision,
                                 tuple(r for r in reasons if r)))
    return _settle_conflicts(matches)


def _citation_order(citation: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", citation))


def _match_keys(ent: PaperEntity, keys: dict[tuple[str, ...], str], index: _PartyIndex,
                bridge: str) -> dict[int, _Candidate]:
    best: dict[int, _Candidate] = {}
    via_note = " via" if bridge else ""
    for key, surface in keys.items():
        for i in index.candidates(key):
            found: list[_Candidate] = []
            for k, kind in index.name_keys[i]:
                if k == key:
                    if bridge:
                        found.append(_Candidate(i, "alias of a matched record", 0.90, True, key, surface))
                    elif kind == "name":
                        found.append(_Candidate(i, "exact", 1.00, True, key, surface))
                    else:
                        found.append(_Candidate(i, "alias", 0.95, True, key, surface))
                elif _contains(key, k) and (ent.type == "Company" or len(key) > 1):
                    # one word inside a longer name is a lead for a company's brand ("ZTE Parsian"), but only
                    # noise for an organisation: its acronym ("IEC" in "EP-IEC") or a common word ("alliance")
                    base = 0.55 if _short(key) else 0.75
                    base -= 0.05 if kind == "alias" else 0.0
                    base -= 0.05 if bridge else 0.0
                    method = ("alias contains" if kind == "alias" else "contains") + via_note
                    found.append(_Candidate(i, method, base, False, key, surface))
            for pk in index.parent_keys[i]:
                if pk == key:
                    found.append(_Candidate(i, "named parent" + via_note, 0.90 - (0.05 if bridge else 0.0),
                                            False, key, surface))
            for c in found:
                old = best.get(i)
                if old is None or (c.same_eligible, c.base) > (old.same_eligible, old.base):
                    best[i] = c
    return best


def _settle_conflicts(matches: list[Match]) -> list[Match]:
    """A party claimed by several paper entities is not linked to any of them: it goes to review."""
    claims: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        if m.decision in {"same", "affiliate"}:
            claims[m.party_index].append(m)
    out = []
    for m in matches:
        rivals = [r.entity_name for r in claims.get(m.party_index, []) if r.entity_id != m.entity_id]
        if rivals and m.decision in {"same", "affiliate"}:
            m = Match(m.entity_id, m.entity_name, m.party_id, m.party_name, m.party_index, m.list_code,
                      m.countries, m.method, min(m.score, ACCEPT - 0.01), "review",
                      (*m.reasons, f"also matches {', '.join(sorted(rivals))}"))
        out.append(m)
    return sorted(out, key=lambda m: (m.entity_id, -m.score, m.party_index))


def review_matches(graph: PolicyGraph, path: Path, include_below: bool = False) -> list[Match]:
    """Candidates that were not linked because they are ambiguous (and, if asked, those scored too low).

    Resolution is recomputed from the file against the graph's paper entities, so it gives exactly the
    decisions the load took."""
    wanted = {"review", "below"} if include_below else {"review"}
    return [m for m in resolution(graph, path) if m.decision in wanted]


def resolution(graph: PolicyGraph, path: Path) -> list[Match]:
    """Every scored candidate of the graph's paper entities in the file, with the decision the load takes."""
    sl = read_screening_list(path)
    _assign_ids(sl.parties)
    return resolve_parties(paper_entities(graph), sl.parties)


# ================================================================================= the graph

@dataclass(frozen=True)
class _AgencySpec:
    slug: str
    name: str
    aliases: tuple[str, ...]
    parent: str = ""


_AGENCIES = {a.slug: a for a in (
    _AgencySpec("department-of-commerce", "United States Department of Commerce",
                ("Department of Commerce", "U.S. Department of Commerce", "Commerce Department")),
    _AgencySpec("bis", "Bureau of Industry and Security", ("BIS",), "department-of-commerce"),
    _AgencySpec("department-of-the-treasury", "United States Department of the Treasury",
                ("Department of the Treasury", "U.S. Department of the Treasury", "Treasury Department")),
    _AgencySpec("ofac", "Office of Foreign Assets Control", ("OFAC",), "department-of-the-treasury"),
    _AgencySpec("department-of-state", "United States Department of State",
                ("Department of State", "U.S. Department of State", "State Department")),
    _AgencySpec("ddtc", "Directorate of Defense Trade Controls", ("DDTC",), "department-of-state"),
    _AgencySpec("isn", "Bureau of International Security and Nonproliferation", ("ISN",), "department-of-state"),
)}
_ORGANISATION_SOURCE = ("U.S. Government Manual: organisation of the Departments of Commerce, the Treasury "
                        "and State")


def _office(source: ListSource) -> _AgencySpec:
    """The office that runs a list, from its name, legal basis and URL."""
    adm, basis, url = source.administrator.casefold(), source.legal_basis, source.url.casefold()
    if "industry and security" in adm:
        return _AGENCIES["bis"]
    if "treasury" in adm:
        return _AGENCIES["ofac" if "OFAC" in basis or "ofac" in url else "department-of-the-treasury"]
    if "state" in adm:
        if source.code == "DTC" or "pmddtc" in url:
            return _AGENCIES["ddtc"]
        if source.code == "ISN" or "nonproliferation" in url:
            return _AGENCIES["isn"]
        return _AGENCIES["department-of-state"]
    return _AgencySpec(_slug(source.administrator), source.administrator, ())


@dataclass
class ScreeningResult:
    """What ``add_screening_list`` did, in numbers."""

    entries: int = 0
    party_nodes: int = 0
    merged: int = 0  # records that are a paper entity itself (linked directly, no node of their own)
    nodes_added: int = 0
    edges_added: int = 0
    matches: list[Match] = field(default_factory=list)
    notes: int = 0

    def by_decision(self) -> Counter[str]:
        return Counter(m.decision for m in self.matches)


def add_screening_list(graph: PolicyGraph, path: Path, gaz: Gazetteer) -> ScreeningResult:
    """Load the consolidated screening list into the graph and resolve it against the papers' entities."""
    try:
        with _gc_paused():
            return _add_screening_list(graph, path, gaz)
    finally:
        _tokens.cache_clear()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Bulk loads create ~100k small objects that are all kept; the cyclic collector would rescan them over
    and over (half the load time) for nothing. Afterwards they are moved out of its sight (gc.freeze: they
    are still freed by reference counting when dropped), so the build's later steps do not pay either."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _add_screening_list(graph: PolicyGraph, path: Path, gaz: Gazetteer) -> ScreeningResult:
    nodes_before, edges_before = len(graph.nodes), len(graph.edges)
    sl = read_screening_list(path)
    file_name = sl.file_name
    graph.rejected.extend(sl.notes)
    lists = _add_lists(graph, sl, gaz)
    _assign_ids(sl.parties)
    matches = resolve_parties(paper_entities(graph), sl.parties)
    same: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        if m.decision == "same":
            same[m.party_index].append(m)
    result = ScreeningResult(entries=len(sl.parties), matches=matches, notes=len(sl.notes))
    schema = graph.schema
    # listings of the paper entities themselves: one LISTED_ON edge per (entity, list), records combined
    direct: dict[tuple[str, str], list[tuple[Party, Match]]] = defaultdict(list)
    for p in sl.parties:
        if p.index in same:
            for m in same[p.index]:
                direct[(m.entity_id, lists[p.source.index])].append((p, m))
            result.merged += 1
            continue
        props = {"countries": p.countries or None, "entity_number": p.entity_number or None,
                 "dataset_entry": p.index, "listed_type": p.listed_type or None, "listed_parent": p.parent or None}
        props = schema.validate_node_properties(p.node_type, {k: v for k, v in props.items() if v is not None})
        record = _dataset_evidence(file_name, p, _RECORD_FIELDS)  # one immutable object for node and edge
        evidence = [record]
        if p.type_reason:
            evidence.append(Evidence(method="dataset", confidence=0.8, source=file_name, record=p.record(),
                                     field=f"type {p.node_type} inferred: {p.type_reason}"))
        graph.add_node(Node(id=p.node_id, type=p.node_type, name=p.name,
                            aliases=[n for n in p.all_names() if n != p.name], properties=props,
                            evidence=evidence))
        result.party_nodes += 1
        graph.add_edge(p.node_id, "LISTED_ON", lists[p.source.index],
                       [record], STAGE, _listing_properties([p], names=False),
                       where=f"{file_name} {p.record()}")
    for (entity_id, list_id), pairs in sorted(direct.items()):
        evidence = []
        for p, m in pairs:
            evidence.append(_dataset_evidence(file_name, p, _RECORD_FIELDS))
            evidence.append(Evidence(method="resolution", confidence=m.score, source=file_name,
                                     record=m.record(), rule=m.method))
        graph.add_edge(entity_id, "LISTED_ON", list_id, evidence, STAGE, _listing_properties([p for p, _ in pairs]),
                       where=f"{file_name} " + ", ".join(p.record() for p, _ in pairs))
    for m in matches:
        fact = f"({m.party_id})-[AFFILIATE_OF]->({m.entity_id})"
        where = f"{file_name} entry {m.party_index}"
        if m.decision == "affiliate":
            ev = Evidence(method="resolution", confidence=m.score, source=file_name, record=m.record(), rule=m.method)
            graph.add_edge(m.party_id, "AFFILIATE_OF", m.entity_id, [ev], RESOLUTION_STAGE,
                           {"match_method": m.method, "score": m.score}, where=where)
        elif m.decision == "review":
            graph.rejected.append(Rejection(RESOLUTION_STAGE, fact, f"needs review: score {m.score:.2f} "
                                            f"({m.method}; {m.reason})", where))
        elif m.decision == "below":
            graph.rejected.append(Rejection(RESOLUTION_STAGE, fact, f"score {m.score:.2f} below {REVIEW:.2f} "
                                            f"({m.method}; {m.reason})", where))
    result.nodes_added = len(graph.nodes) - nodes_before
    result.edges_added = len(graph.edges) - edges_before
    return result


def _assign_ids(parties: Sequence[Party]) -> None:
    taken: set[str] = set()
    for p in parties:
        local = _slug(p.entity_number) if p.entity_number else str(p.index)
        nid = f"{LISTED_PREFIX}{p.source.slug}-{local}"
        if nid in taken:  # the same entity number twice in one list: keep both, told apart by entry
            nid = f"{nid}-{p.index}"
        taken.add(nid)
        p.node_id = nid


_RECORD_FIELDS = "n, a, c, t, e, s, fr, lr, lp, pg"


def _dataset_evidence(file_name: str, p: Party, fields: str) -> Evidence:
    return Evidence(method="dataset", confidence=1.0, source=file_name, record=p.record(), field=fields)


def _listing_properties(parties: Sequence[Party], names: bool = True) -> dict[str, Any]:
    """What a listing says; the names as listed only where the party is a paper entity (a listed party's own
    node carries them)."""
    cites: dict[str, FRCitation] = {}
    for p in parties:
        for c in p.citations:
            cites.setdefault(str(c), c)
    by_time = sorted(cites.items(), key=lambda kv: (kv[1].year or 9999, kv[1].volume or 0, kv[1].page or 0,
                                                      kv[1].date or ""))
    ordered = [(text, c.when) for text, c in by_time]
    dates = [d for _, d in ordered if d]

    def joined(values: Iterable[str]) -> str | None:
        vals = [v for v in values if v]
        if len(vals) > 1:
            vals = list(dict.fromkeys(vals))
        return " | ".join(vals) if vals else None

    props: dict[str, Any] = {
        "date": min(dates) if dates else None,
        "fr_citations": [c for c, _ in ordered] or None,
        "fr_dates": [d or "" for _, d in ordered] or None,
        "fr_text": joined(p.fr_text for p in parties),
        "entries": [str(p.index) for p in parties],
        "entity_number": joined(p.entity_number for p in parties),
        "listed_names": list(dict.fromkeys(n for p in parties for n in [p.listed_name, *p.aliases])) if names
        else None,
        "countries": list(dict.fromkeys(c for p in parties for c in p.countries)) or None,
        "programmes": list(dict.fromkeys(g for p in parties for g in p.programmes)) or None,
        "licence_requirement": joined(p.licence_requirement for p in parties),
        "licence_policy": joined(p.licence_policy for p in parties),
    }
    return {k: v for k, v in props.items() if v is not None}


def _add_lists(graph: PolicyGraph, sl: ScreeningList, gaz: Gazetteer) -> dict[int, str]:
    """One Instrument per list (the papers' own where the gazetteer has it), run by its agency."""
    out: dict[int, str] = {}
    used = {p.source.index for p in sl.parties}
    for src in sl.sources:
        if src.index not in used:
            continue
        record = f"tables.sources[{src.index}]"
        ev = Evidence(method="dataset", confidence=1.0, source=sl.file_name, record=record, field="source list")
        names = [src.name, src.code, src.source]
        existing = _gazetteer_node(gaz, "Instrument", names)
        kind = "export_control_list" if "industry and security" in src.administrator.casefold() or \
            src.code == "DTC" else "sanction_list"
        node = Node(id=existing.id if existing else f"instrument:{_slug(src.name)}", type="Instrument",
                    name=existing.name if existing else src.name, name_zh=existing.name_zh if existing else "",
                    kind=existing.kind if existing else kind,
                    properties={k: v for k, v in {"side": "US", "code": src.code, "legal_basis": src.legal_basis,
                                                  "url": src.url, "description": src.effect}.items() if v},
                    evidence=[ev])
        node = graph.add_node(node)
        for alias in [src.code, src.source] if not existing else []:
            if alias not in node.aliases:
                node.aliases.append(alias)
        out[src.index] = node.id
        office = _office(src)
        office_id = _add_agency(graph, gaz, office, ev)
        basis = Evidence(method="dataset", confidence=1.0, source=sl.file_name,
                         record=f"{record}; listAuthority", field=f"administrator {src.administrator!r}"
                         + (f", legal basis {src.legal_basis!r}" if src.legal_basis else ""))
        graph.add_edge(office_id, "ADMINISTERS", node.id, [basis], STAGE, where=f"{sl.file_name} {record}")
    return out


def _add_agency(graph: PolicyGraph, gaz: Gazetteer, spec: _AgencySpec, ev: Evidence) -> str:
    existing = _gazetteer_node(gaz, "Agency", [spec.name, *spec.aliases])
    if existing is not None and existing.id in graph.nodes:
        graph.add_node(Node(id=existing.id, type="Agency", name=existing.name, evidence=[ev]))
        node_id = existing.id
    else:
        node_id = existing.id if existing else f"agency:{spec.slug}"
        graph.add_node(Node(
            id=node_id, type="Agency", name=existing.name if existing else spec.name,
            name_zh=existing.name_zh if existing else "",
            aliases=list(existing.aliases) if existing else list(spec.aliases),
            properties={"country": "US"}, evidence=[ev]))
    if spec.parent:
        parent_id = _add_agency(graph, gaz, _AGENCIES[spec.parent], ev)
        ref = Evidence(method="reference", confidence=1.0, source=_ORGANISATION_SOURCE, field="PART_OF")
        graph.add_edge(node_id, "PART_OF", parent_id, [ref], "reference", where="screening: agencies")
    return node_id


def _gazetteer_node(gaz: Gazetteer, node_type: str, names: Iterable[str]) -> Any:
    for name in names:
        found = [e for e in gaz.lookup(name) if e.type == node_type]
        if len(found) == 1:
            return found[0]
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).casefold()).strip("-") or "x"


# ================================================================================= queries

@dataclass(frozen=True)
class ListingRow:
    """One notice of one listing: a party, the list, and a Federal Register citation."""

    party_id: str
    party: str
    party_type: str
    country: str
    list_id: str
    list_name: str
    list_code: str
    citation: str  # "" when the list gives no notice (OFAC lists)
    volume: int | None
    page: int | None
    date: str | None  # ISO date or year
    year: int | None
    added: bool  # the earliest notice of the listing: the one that added the party

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Listings:
    rows: list[ListingRow]

    def __iter__(self) -> Iterator[ListingRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def counts(self) -> list[tuple[str, str, int]]:
        """(country, list code, number of parties), largest first."""
        parties: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in self.rows:
            parties[(r.country, r.list_code)].add(r.party_id)
        return sorted(((c, lc, len(ps)) for (c, lc), ps in parties.items()), key=lambda x: (-x[2], x[0], x[1]))

    def notices(self) -> list[tuple[str, str, str, int | None, int]]:
        """(country, list code, adding notice, year, parties added), by year then size."""
        added: dict[tuple[str, str, str, int | None], set[str]] = defaultdict(set)
        for r in self.rows:
            if r.added:
                added[(r.country, r.list_code, r.citation, r.year)].add(r.party_id)
        return sorted(((*k, len(v)) for k, v in added.items()),
                      key=lambda x: (x[3] if x[3] is not None else 9999, -x[4], x[0], x[1], x[2]))

    def by_year(self) -> list[tuple[str, str, int | None, int]]:
        """(country, list code, year added, parties)."""
        counter: Counter[tuple[str, str, int | None]] = Counter()
        for country, code, _, year, n in self.notices():
            counter[(country, code, year)] += n
        return sorted(((*k, v) for k, v in counter.items()),
                      key=lambda x: (x[0], x[1], x[2] if x[2] is not None else 9999))


_CITATION = re.compile(r"^(?P<vol>\d+) FR (?:(?P<page>\d+)|No\. \d+)?$")


def _screening_listings(graph: PolicyGraph) -> Iterator[Edge]:
    for e in graph.edges_of_type("LISTED_ON"):
        if STAGE in e.stages:
            yield e


def listings(graph: PolicyGraph, countries: Sequence[str] | None = CHINA, lists: Sequence[str] | None = None,
             years: tuple[int, int] | None = None, country: str | None = None) -> Listings:
    """Which parties were added to which list through which notices, by country.

    ``countries``: ISO codes to keep (None: all; default China); ``country``: one code, overrides
    ``countries``; ``lists``: list codes ("EL", "MEU") or instrument ids; ``years``: inclusive range of the
    year the party was added. Rows are sorted by country, list, year, notice, party."""
    if country:
        countries = [country]
    wanted_c = {c.upper() for c in countries} if countries else None
    wanted_l = {x.casefold() for x in lists} if lists else None
    rows: list[ListingRow] = []
    for e in _screening_listings(graph):
        party, lst = graph.nodes[e.source], graph.nodes[e.target]
        code = str(lst.properties.get("code", ""))
        if wanted_l and code.casefold() not in wanted_l and lst.id.casefold() not in wanted_l:
            continue
        here = [c for c in e.properties.get("countries", []) if wanted_c is None or c in wanted_c]
        if wanted_c is not None and not here:
            continue
        cites = list(zip(e.properties.get("fr_citations", []), e.properties.get("fr_dates", []), strict=True))
        first = e.properties.get("date")
        first_year = int(str(first)[:4]) if first else None
        if years and (first_year is None or not years[0] <= first_year <= years[1]):
            continue
        added_cite = next((c for c, d in cites if d and d == first), cites[0][0] if cites else "")
        for country in here or ["?"]:
            if not cites:
                rows.append(ListingRow(party.id, party.name, party.type, country, lst.id, lst.name, code, "",
                                       None, None, None, None, True))
            for cite, date in cites:
                m = _CITATION.match(cite)
                rows.append(ListingRow(
                    party.id, party.name, party.type, country, lst.id, lst.name, code, cite,
                    int(m.group("vol")) if m else None, int(m.group("page")) if m and m.group("page") else None,
                    date or None, int(date[:4]) if date else None, cite == added_cite))
    rows.sort(key=lambda r: (r.country, r.list_code, r.year if r.year is not None else 9999, r.citation, r.party))
    return Listings(rows)


@dataclass(frozen=True)
class ListingSummary:
    list_id: str
    list_name: str
    list_code: str
    date: str | None  # when added (earliest notice)
    citations: tuple[str, ...]
    dates: tuple[str, ...]
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Affiliate:
    party_id: str
    name: str
    party_type: str
    countries: tuple[str, ...]
    parent_named: str
    score: float
    method: str
    listings: tuple[ListingSummary, ...]

    @property
    def added(self) -> str | None:
        dates = [lst.date for lst in self.listings if lst.date]
        return min(dates) if dates else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "added": self.added,
                "fr_citations": [c for lst in self.listings for c in lst.citations]}

    def __str__(self) -> str:
        lists = "; ".join(f"{lst.list_code} {lst.date or '-'}: {', '.join(lst.citations) or 'no notice'}"
                          for lst in self.listings)
        return f"{self.name} [{', '.join(self.countries) or '-'}] ({lists}; {self.method} {self.score:.2f})"


def listed_on(graph: PolicyGraph, node_id: str) -> list[ListingSummary]:
    """The screening-list listings of one node (a listed party, or a paper company listed directly)."""
    out = []
    for e in graph.out_edges(node_id, "LISTED_ON"):
        if STAGE not in e.stages:
            continue
        lst = graph.nodes[e.target]
        out.append(ListingSummary(lst.id, lst.name, str(lst.properties.get("code", "")), e.properties.get("date"),
                                  tuple(e.properties.get("fr_citations", [])), tuple(e.properties.get("fr_dates", [])),
                                  tuple(e.properties.get("entries", []))))
    return sorted(out, key=lambda s: (s.date or "9999", s.list_code))


def affiliates(graph: PolicyGraph, company_id: str) -> list[Affiliate]:
    """The listed affiliates of a paper company or organisation, with their lists and notices."""
    out = []
    for e in graph.in_edges(company_id, "AFFILIATE_OF"):
        n = graph.nodes[e.source]
        out.append(Affiliate(n.id, n.name, n.type, tuple(n.properties.get("countries", [])),
                             str(n.properties.get("listed_parent", "")), float(e.properties.get("score", 0.0)),
                             str(e.properties.get("match_method", "")), tuple(listed_on(graph, n.id))))
    return sorted(out, key=lambda a: (a.added or "9999", a.name, a.party_id))


def find_party(graph: PolicyGraph, name: str) -> list[Node]:
    """Listed parties whose name or alias normalises to ``name`` (helper for tests and the CLI)."""
    key = normalize_name(name)
    return [n for n in graph.nodes.values() if n.id.startswith(LISTED_PREFIX)
            and any(normalize_name(x) == key for x in [n.name, *n.aliases])]
