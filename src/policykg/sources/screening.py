"""Reading the U.S. Consolidated Screening List file: records checked, cleaned and typed.

The file is the compact trade.gov snapshot (keys abbreviated, categorical values as indexes into
``tables``; see the README beside it). Every record becomes a ``Party``: its name without "Affiliated
Entity:" and "and any successor" clauses, aliases and short names, countries, its list, and the Federal
Register notices parsed (:mod:`policykg.sources.federal_register`). Records that state no type (the BIS
and State lists) are typed from their name (``_TypeModel``). A malformed record is one Problem naming
the file and entry; unreadable notices are kept as notes. The pipeline goes on in
:mod:`policykg.resolve.screening` (matching parties to the papers' companies),
:mod:`policykg.extract.screening` (the list into the graph) and :mod:`policykg.query.screening` (listings).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError, Problem
from policykg.graph.model import Rejection
from policykg.resolve.name_keys import _tokens
from policykg.sources.federal_register import FRCitation, parse_federal_register

STAGE = "screening"
LISTED_PREFIX = "listed:"
MAX_PROBLEMS = 20

# Country values the file gives in words; everything else is kept as written.
_COUNTRY_FIXES = {"TURKIYE": "TR", "PRC": "CN", "MACAU": "MO", "MAN, ISLE OF": "IM", "REGION: CHINA": "CN",
                  "REGION: RUSSIA": "RU", "REGION: IRAN": "IR"}


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


def _assign_ids(parties: Sequence[Party]) -> None:
    taken: set[str] = set()
    for p in parties:
        local = _slug(p.entity_number) if p.entity_number else str(p.index)
        nid = f"{LISTED_PREFIX}{p.source.slug}-{local}"
        if nid in taken:  # the same entity number twice in one list: keep both, told apart by entry
            nid = f"{nid}-{p.index}"
        taken.add(nid)
        p.node_id = nid


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).casefold()).strip("-") or "x"
