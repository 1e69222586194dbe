"""The general patterns of loaders/patterns.yaml (and the corpus overlay's): contrast and negation cues,
head words that type a name, person titles, stop words."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from policykg.errors import InputError, Problem
from policykg.yamlio import load_yaml, strip_lines, where

SECTIONS = {"contrast", "negation", "heads", "person_titles", "stop_words", "triggers", "lower_heads", "anaphora",
            "sector_heads", "removal", "unrealised", "requests", "home_places"}
CLAUSE_BREAK = re.compile(r"[,;:，；：。!?！？、]|\s(?:but|while|whereas)\s|但|而")
# a removal that names the listed party by a pronoun (or as "the company"): the same party, taken off later
LATER_REMOVAL = {"en": re.compile(r"^\w+\s+(?:it|them|the (?:company|firm|companies|firms|entity|entities))"
                                  r"\s+(?:off|from)\b|^delist(?:s|ed|ing)?\s+(?:it|them|the (?:company|firm))\b",
                                  re.IGNORECASE),
                 "zh": re.compile(r"(?:将|把)其[^，。；]{0,12}$")}
# the address after a name: a run of short comma-separated parts up to the end of the item ("X Ltd., Shenyang;")
# or a place in brackets (X公司（深圳）)
ADDRESS = re.compile(r"\.?\s*(?:,\s*((?:[^,;:()（）。\n]{1,40},\s*){0,5}[^,;:()（）。\n]{1,40}?)\s*"
                     r"(?:[;.:]|$|,\s*(?:a|an|the|which|who|for|and)\s)|[（(]([^（）()]{1,12})[)）])")
ADDRESS_PART = re.compile(r"\s*,\s*")
TYPE_ORDER = ("Law", "Policy", "Instrument", "Agency", "Programme", "Organization", "Company")


def _en(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(words) + r")(?![A-Za-z])", re.IGNORECASE)


def _zh(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@dataclass
class Patterns:
    contrast: dict[str, re.Pattern[str]]
    negation: dict[str, re.Pattern[str]]
    heads_en: dict[str, str]  # head word -> type
    heads_zh: list[tuple[str, str]]  # ending -> type, longest first
    person_titles: dict[str, list[str]]
    stop_words: set[str] = field(default_factory=set)
    triggers: dict[str, dict[str, re.Pattern[str]]] = field(default_factory=dict)  # relation -> lang -> words
    lower_heads: set[str] = field(default_factory=set)
    sector_heads: set[str] = field(default_factory=set)
    anaphora: dict[str, tuple[re.Pattern[str], dict[str, list[str]]]] = field(default_factory=dict)
    removal: dict[str, re.Pattern[str]] = field(default_factory=dict)  # "removed from", 移出: off a list, not on
    unrealised: dict[str, re.Pattern[str]] = field(default_factory=dict)  # "should be added", 建议将: asked, not done
    # the words of a line that introduces a list of requests ("We therefore request that you:", 建议如下：)
    requests: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # a place that opens a company's name and tells its country: "Hefei … Co., Ltd.", 深圳市… (ISO code -> regex)
    home_places: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @cached_property
    def triggers_en(self) -> re.Pattern[str]:
        """Every relation's English words, one pattern (a word that fully matches it is a relation word)."""
        return re.compile("|".join(f"(?:{langs['en'].pattern})" for _, langs in sorted(self.triggers.items())
                                   if "en" in langs) or "(?!)", re.IGNORECASE)

    def place_home(self, name: str) -> str | None:
        """The ISO code of the country whose place opens ``name`` ("Shenzhen Kunlong …", 合肥…), if any."""
        for code, rx in sorted(self.home_places.items()):
            if rx.match(name):
                return code
        return None

    def address_home(self, after: str) -> str | None:
        """The ISO code of the country whose place is the address given right after a name, in the words that
        follow it (", Shenyang;", ", Room 1203, Futian District, Shenzhen, China", "（深圳）"), if any."""
        m = ADDRESS.match(after)
        if m is None:
            return None
        for part in ADDRESS_PART.split(m.group(1) or m.group(2)):
            for code, rx in sorted(self.home_places.items()):
                if rx.fullmatch(part.strip()):
                    return code
        return None

    def removal_reason(self, text: str, spans: list[tuple[int, int]], lang: str) -> str | None:
        """A removal cue in the clause of a listed party or between it and the list: the sentence takes the party
        off the list ("ZTE was taken off the Denied Persons List", 将X移出实体清单), it does not put it on."""
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        key = "zh" if lang.startswith("zh") else "en"
        # a request or a plan is not a listing either: "CXMT should be added to the Entity List", 建议将X列入
        for cues, why in ((self.removal, "removal"), (self.unrealised, "asked for, not done:")):
            rx = cues.get(key)
            if rx is None:
                continue
            # between the party and the list ("X was taken off the list"), or just before the first ("removes X
            # from", "urged BIS to add X")
            m = rx.search(text, lo, hi) or next((c for c in rx.finditer(text, max(0, lo - 60), hi)
                                                 if c.start() < lo and not CLAUSE_BREAK.search(text, c.end(), lo)),
                                                None)
            if m:
                return f"{why} {m.group(0)!r}"
        # a later clause that takes it off again: "X had been put on the list in January, but the Department
        # removed it from that list in May", 后又将其移出 (the listing ended; the sentence's last word is that)
        rx = self.removal.get(key)
        if rx is not None:
            for m in rx.finditer(text, hi, min(len(text), hi + 160)):
                taken = text[m.start():m.end() + 24] if key == "en" else text[max(hi, m.start() - 16):m.start()]
                if LATER_REMOVAL[key].search(taken):
                    return f"removal {m.group(0)!r} later in the sentence"
            # or by its name, there or between: "… but Commerce lifted that order and removed ZTE in July 2018"
            for a, b in spans if key == "en" else []:
                name = re.escape(text[a:b])
                m = re.search(rf"\b(?:remov(?:e|es|ed|ing)|delist(?:s|ed|ing)?)\s+(?:the\s+)?{name}\b",
                              text[lo:hi + 200], re.IGNORECASE)
                if m:
                    return f"removal {m.group(0)!r} later in the sentence"
        return None

    def block_reason(self, text: str, spans: list[tuple[int, int]], lang: str, clause_level: bool = True) -> str | None:
        """Why a relation between the mentions at ``spans`` (with its trigger) must not be asserted from
        ``text``: a negation inside the stretch that joins them, or a contrast or replacement cue there or
        (``clause_level``) in the clause of either end. None when nothing stands against it. An apposition or a
        possessive ("X, the Dutch maker", X的母公司Y) is not what the clause asserts: a negation or a contrast
        elsewhere in the clause does not reach it (``clause_level=False``)."""
        lang = "zh" if lang.startswith("zh") else "en"
        lo = min(a for a, _ in spans)
        hi = max(b for _, b in spans)
        m = self.negation[lang].search(text, lo, hi)
        if m:
            return f"negation {m.group(0)!r}"
        # a negation right before the first name reaches it, whatever clause break it holds ("All but X are …")
        m = next((m for m in self.negation[lang].finditer(text, max(0, lo - 12), lo) if lo - m.end() <= 1), None)
        if m:
            return f"negation {m.group(0)!r}"
        m = self.contrast[lang].search(text, lo, hi)
        if m:
            return f"contrast {m.group(0)!r}"
        for a, b in spans[:2] if clause_level else []:
            c0, c1 = clause(text, a, b)
            m = self.contrast[lang].search(text, c0, c1)
            if m:
                return f"contrast {m.group(0)!r}"
            for m in self.negation[lang].finditer(text, c0, c1):
                if (m.start() < lo or m.start() >= hi) and _governs(text, m.start(), m.end(), lo, hi):
                    return f"negation {m.group(0)!r}"
        return None


def _governs(text: str, neg_start: int, neg_end: int, lo: int, hi: int) -> bool:
    """A negation outside the joined stretch counts when it directly precedes it (…did not add X to Y; neither X
    nor Y has been placed on Z) or directly follows it as the later name's own predicate (…, X has never been
    added; …X并未被列入)."""
    return 0 <= lo - neg_end <= 12 or 0 <= neg_start - hi <= 12


# the last text read, the starts and the ends of its clause breaks (one tuple, replaced whole: safe to share)
_BREAKS: tuple[str | None, list[int], list[int]] = (None, [], [])


def clause(text: str, a: int, b: int) -> tuple[int, int]:
    """The clause around ``text[a:b]``: from the end of the last break that ends by ``a`` to the start of the first
    break from ``b`` on. The breaks of a text are found once (a sentence is read pair by pair)."""
    global _BREAKS
    cached = _BREAKS
    if cached[0] is not text:
        found = list(CLAUSE_BREAK.finditer(text))
        cached = _BREAKS = (text, [m.start() for m in found], [m.end() for m in found])
    _, starts, ends = cached
    k = bisect.bisect_right(ends, a)
    start = ends[k - 1] if k else 0
    n = bisect.bisect_left(starts, b)
    return start, (starts[n] if n < len(starts) else len(text))


def load_patterns(paths: list[Path]) -> Patterns:
    problems: list[Problem] = []
    merged: dict[str, Any] = {}
    for path in paths:
        raw = load_yaml(path)
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), "expected a mapping (contrast, negation, heads, ...)"))
            continue
        for key, value in strip_lines(raw).items():
            if key not in SECTIONS:
                problems.append(Problem(where(path, raw), f"unknown section {key!r}",
                                        "use contrast, negation, heads, person_titles, stop_words"))
                continue
            _merge(merged.setdefault(key, {}), value)
    if problems:
        raise InputError(problems)
    try:
        contrast = {"en": _en(merged["contrast"]["en"]), "zh": _zh(merged["contrast"]["zh"])}
        negation = {"en": _en(merged["negation"]["en"]), "zh": _zh(merged["negation"]["zh"])}
        heads_en: dict[str, str] = {}
        heads_zh: list[tuple[str, str]] = []
        for typ, by_lang in merged["heads"].items():
            by_lang = by_lang or {}
            for w in by_lang.get("en", []):
                heads_en.setdefault(str(w), typ)
            heads_zh += [(str(w), typ) for w in by_lang.get("zh", [])]
        heads_zh.sort(key=lambda x: -len(x[0]))
        triggers = {}
        for rel, by_lang in merged.get("triggers", {}).items():
            triggers[str(rel)] = {lang: (_en if lang == "en" else _zh)([str(w) for w in words])
                                  for lang, words in by_lang.items() if words}
        return Patterns(
            contrast=contrast, negation=negation, heads_en=heads_en, heads_zh=heads_zh,
            person_titles={k: [str(w) for w in v] for k, v in merged.get("person_titles", {}).items()},
            stop_words={str(w) for w in merged.get("stop_words", {}).get("en", [])}, triggers=triggers,
            lower_heads={str(w) for w in merged.get("lower_heads", {}).get("en", [])},
            sector_heads={str(w) for w in merged.get("sector_heads", {}).get("en", [])},
            anaphora=_anaphora(merged.get("anaphora", {})),
            removal={lang: (_en if lang == "en" else _zh)([str(w) for w in words])
                     for lang, words in merged.get("removal", {}).items() if words},
            unrealised={lang: (_en if lang == "en" else _zh)([str(w) for w in words])
                        for lang, words in merged.get("unrealised", {}).items() if words},
            requests={lang: (_en if lang == "en" else _zh)([str(w) for w in words])
                      for lang, words in merged.get("requests", {}).items() if words},
            home_places={str(code): _place_opening([str(w) for w in words])
                         for code, words in merged.get("home_places", {}).items() if words})
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise InputError([Problem(str(paths[-1]), f"patterns: missing or malformed entry {exc}",
                                  "see loaders/patterns.yaml for the expected shape")]) from None


def _place_opening(places: list[str]) -> re.Pattern[str]:
    """A name that opens with one of ``places`` (a whole word in Latin script: "Hefei X", not "Hefeizhi")."""
    alts = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    return re.compile(rf"(?:the\s+)?(?:{alts})(?![a-z])", re.IGNORECASE)


def _anaphora(raw: dict[str, Any]) -> dict[str, tuple[re.Pattern[str], dict[str, list[str]]]]:
    out = {}
    for lang, nouns in raw.items():
        table = {str(k): [str(t) for t in v] for k, v in nouns.items()}
        alts = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        if lang == "en":
            rx = re.compile(rf"(?<![A-Za-z])(?:the|this|that|such|these)\s+(?P<noun>{alts})(?![A-Za-z])", re.IGNORECASE)
        else:
            rx = re.compile(rf"(?:该|此|这一?|上述|本)(?P<noun>{alts})")
        out[str(lang)] = (rx, table)
    return out


def _merge(into: dict[str, Any], value: Any) -> None:
    if not isinstance(value, dict):
        raise InputError([Problem("patterns", f"expected a mapping, got {value!r}")])
    for k, v in value.items():
        if isinstance(v, list):
            into[k] = [*into.get(k, []), *v]
        elif isinstance(v, dict):
            _merge(into.setdefault(k, {}), v)
        else:
            into[k] = v
