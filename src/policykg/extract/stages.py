"""Relation extraction in three visible stages: section context, pattern rules, curated assertions.

Each stage takes the segmented documents and the mentions, and yields ``Finding`` records (a typed fact
with evidence and the stage that found it). The builder merges findings on the same (source, type, target)
into one edge carrying all their evidence.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError, NotFoundError, Problem
from policykg.extract.gazetteer import Gazetteer, Mention
from policykg.extract.ingest.patterns import Patterns, clause
from policykg.extract.regex_safety import FIX as REGEX_FIX
from policykg.extract.regex_safety import line_of, unsafe_reason
from policykg.graph.model import Evidence, Method, Rejection
from policykg.graph.schema import Schema
from policykg.resolve.names import ANCHOR_SEPARATOR
from policykg.sources.corpus import Document, Sentence
from policykg.yamlio import LINE_KEY, load_yaml, read_list, strip_lines, where

MEASURE_TYPES = {"Law", "Policy", "Instrument", "Programme"}
RULE_SENTENCE_KINDS = {"body", "translation", "heading", "heading_translation"}


@dataclass
class Finding:
    source: str
    type: str
    target: str
    evidence: list[Evidence]
    stage: str
    properties: dict[str, Any] = field(default_factory=dict)
    where: str = ""


@dataclass
class FactFinding:
    """A property value of one entity, with the evidence that states it."""

    entity: str
    property: str
    value: Any
    evidence: Evidence
    where: str = ""


class Corpus:
    """Documents with fast access to sentences and mentions."""

    def __init__(self, docs: list[Document], mentions: list[Mention]):
        self.docs = {d.id: d for d in docs}
        self.mentions = mentions
        self.by_sentence: dict[tuple[str, int], list[Mention]] = defaultdict(list)
        for m in mentions:
            self.by_sentence[(m.doc, m.sentence)].append(m)
        for ms in self.by_sentence.values():
            ms.sort(key=lambda m: (m.start, m.end))

    def evidence(self, sentence: Sentence, method: Method, confidence: float, rule: str | None = None,
                 field_name: str | None = None, surface: str | None = None,
                 span: tuple[int, int] | None = None) -> Evidence:
        """The sentence as evidence; ``span``: the words within it (a mention) instead of the whole."""
        doc = self.docs[sentence.doc]
        para = doc.paragraph(sentence.paragraph)
        original = None
        if para.translation:
            zh = doc.paragraph(para.translation)
            original = (zh.start, zh.end)
        start, end = span if span is not None else (sentence.start, sentence.end)
        return Evidence(
            doc=sentence.doc, start=start, end=end,
            section=doc.section(sentence.section).path, text=sentence.text, method=method, confidence=confidence,
            spans=tuple(sentence.spans) if len(sentence.spans) > 1 and span is None else None,
            original=original, rule=rule, field=field_name, surface=surface,
        )


# ------------------------------------------------------------------------------------ section context


YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
PARENTHESES_RE = re.compile(r"[（(][^()（）]*[)）]")  # citations "(Author, 2020)" date the source, not the act


def _years_outside(text: str, term: tuple[str, str] | None) -> list[str]:
    """The years a sentence names when none of them falls within the term (else []): such a sentence speaks
    of another period than the section's administration (截至 2024 年 in the part on Trump 1.0)."""
    if term is None:
        return []
    years = sorted(set(YEAR_RE.findall(PARENTHESES_RE.sub("", text))))
    first, last = term[0][:4], term[1][:4]
    return years if years and not any(first <= y <= last for y in years) else []


def section_context(corpus: Corpus, gaz: Gazetteer, patterns: Patterns | None = None,
                    rejected: list[Rejection] | None = None) -> Iterator[Finding]:
    """A section whose heading names one administration dates the US measures discussed inside it, unless the
    sentence speaks of another administration or only of years outside its term, or the measure's clause sets
    it against another (contrast, replacement), negates it or eases it (a pause, an exemption: EASES, not
    PURSUED)."""
    def reject(admin: str, measure: str, reason: str, s: Sentence) -> None:
        if rejected is not None:
            rejected.append(Rejection("section_context", f"{admin} -[PURSUED]-> {measure}", reason,
                                      f"{s.doc}@{s.start}"))

    for doc in corpus.docs.values():
        heading_admin: dict[str, str] = {}
        for s in doc.sentences:
            if s.kind != "heading":
                continue
            admins = {m.entity for m in corpus.by_sentence[(doc.id, s.index)]
                      if gaz.entities[m.entity].type == "Administration"}
            if len(admins) == 1:
                heading_admin[s.section] = admins.pop()
        if not heading_admin:
            continue
        heading_sentence = {s.section: s for s in doc.sentences if s.kind == "heading"}
        yield from _succession(corpus, gaz, doc, heading_admin, heading_sentence)
        for s in doc.sentences:
            if s.kind != "body":
                continue
            admin = _enclosing(doc, s.section, heading_admin)
            if admin is None:
                continue
            mentions = corpus.by_sentence[(doc.id, s.index)]
            if any(gaz.entities[m.entity].type == "Administration" and m.entity != admin for m in mentions):
                continue  # the sentence itself speaks of another administration
            term = _term(gaz, admin)
            elsewhere = _years_outside(s.text, term)
            for m in mentions:
                ent = gaz.entities[m.entity]
                if ent.type not in MEASURE_TYPES or ent.properties.get("side", "US") != "US":
                    continue
                date = str(ent.properties.get("date", ""))
                if date and term and not (term[0][: len(date)] <= date <= term[1][: len(date)]):
                    continue
                if elsewhere:
                    reject(admin, m.entity, f"the sentence is dated {', '.join(elsewhere)}, outside the term", s)
                    continue
                if patterns is not None:
                    span = (m.p_start - s.p_start, m.p_end - s.p_start)
                    reason = patterns.block_reason(s.text, [span], s.language) or _easing(patterns, s, span)
                    if reason is not None:
                        reject(admin, m.entity, f"{reason} in the sentence", s)
                        continue
                head = heading_sentence[_section_with(doc, s.section, heading_admin)]
                yield Finding(admin, "PURSUED", m.entity, [
                    corpus.evidence(s, "section_context", 0.7, rule="administration-section"),
                    corpus.evidence(head, "section_context", 0.7, rule="administration-section",
                                    field_name="section heading"),
                ], "section_context")


def _easing(patterns: Patterns, s: Sentence, span: tuple[int, int]) -> str | None:
    """An easing word (pause, exempt, allow, 暂停, 豁免 …: the EASES triggers of patterns.yaml) in the measure's
    clause: the administration loosened the measure there, it did not pursue it."""
    words = patterns.triggers.get("EASES", {}).get("zh" if s.language.startswith("zh") else "en")
    if words is None:
        return None
    c0, c1 = clause(s.text, *span)
    m = words.search(s.text, c0, c1)
    return f"easing {m.group(0)!r}" if m else None


def settle_section_context(findings: list[Finding], rejected: list[Rejection] | None = None) -> list[Finding]:
    """The findings without the section-context PURSUED of a measure that the same administration EASES by
    another stage (a rule or a curated assertion): the paper says it loosened the measure, and the section's
    period alone does not say it also pursued it."""
    eased = {(f.source, f.target) for f in findings if f.type == "EASES"}
    kept: list[Finding] = []
    for f in findings:
        if f.stage == "section_context" and f.type == "PURSUED" and (f.source, f.target) in eased:
            if rejected is not None:
                rejected.append(Rejection("section_context", f"{f.source} -[PURSUED]-> {f.target}",
                                          "the administration eases it (EASES)",
                                          f"{f.evidence[0].doc}@{f.evidence[0].start}"))
            continue
        kept.append(f)
    return kept


def _succession(corpus: Corpus, gaz: Gazetteer, doc: Document, heading_admin: dict[str, str],
                heading_sentence: dict[str, Sentence]) -> Iterator[Finding]:
    """Consecutive sections on consecutive administrations: the paper's structure states the succession."""
    ordered = sorted(heading_admin.items(), key=lambda kv: doc.section(kv[0]).start)
    for (sec_a, a), (sec_b, b) in itertools.pairwise(ordered):
        order_a = _order(gaz, a)
        order_b = _order(gaz, b)
        if order_a is not None and order_b == order_a + 1:
            yield Finding(a, "SUCCEEDED_BY", b, [
                corpus.evidence(heading_sentence[sec_a], "section_context", 0.9, rule="administration-sections"),
                corpus.evidence(heading_sentence[sec_b], "section_context", 0.9, rule="administration-sections"),
            ], "section_context")


def _order(gaz: Gazetteer, admin: str) -> int | None:
    ent = gaz.entities[admin]
    value = {**ent.reference_properties, **ent.properties}.get("order")
    return int(value) if value is not None else None


def _enclosing(doc: Document, section_id: str, table: dict[str, str]) -> str | None:
    sid: str | None = section_id
    while sid is not None:
        if sid in table:
            return table[sid]
        sid = doc.section(sid).parent
    return None


def _section_with(doc: Document, section_id: str, table: dict[str, str]) -> str:
    sid: str | None = section_id
    while sid is not None and sid not in table:
        sid = doc.section(sid).parent
    return sid or section_id


def _term(gaz: Gazetteer, admin: str) -> tuple[str, str] | None:
    ent = gaz.entities[admin]
    props = {**ent.reference_properties, **ent.properties}
    if "term_start" in props:
        return str(props["term_start"]), str(props.get("term_end", "9999"))
    return None


# ------------------------------------------------------------------------------------------ rules


@dataclass
class Rule:
    id: str
    lang: str
    triggers: re.Pattern[str]
    pattern: str  # "A T B" or "A B T" or "T A B"
    a_types: set[str]
    b_types: set[str]
    yields: str
    reverse: bool
    window: int
    confidence: float
    properties: dict[str, Any]


def load_rules(paths: Path | list[Path], schema: Schema) -> list[Rule]:
    """The project's rules.yaml, optionally followed by the corpus overlay's (more rules)."""
    problems: list[Problem] = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in [paths] if isinstance(paths, Path) else paths:
        found = read_list(path, "rules", problems)
        if found is not None:
            _rules_of(path, found[1], schema, seen, rules, problems)
    if problems:
        raise InputError(problems)
    return rules


RULE_FIX = "each rule needs id, lang, triggers, a, b, yields (see loaders/rules.yaml)"


def _type_list(value: Any, key: str) -> set[str]:
    value = strip_lines(value)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return set(value)
    raise ValueError(f"{key} must be a list of node types, not {value!r}")


def _number(item: dict[str, Any], key: str, default: float, kind: type[int] | type[float],
            low: float, high: float | None = None) -> Any:
    """A numeric field of a loader entry: the default when absent, else a number in [low, high]."""
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{key} {strip_lines(value)!r} is not {what}")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{key} {value!r} is out of range ({low:g}" + (f" to {high:g})" if high is not None
                                                                        else " or more)"))
    return kind(value)


def _rules_of(path: Path, items: list[Any], schema: Schema, seen: set[str], rules: list[Rule],
              problems: list[Problem]) -> None:
    for item in items:
        loc = where(path, item)
        if not isinstance(item, dict):
            problems.append(Problem(loc, "each rule must be a mapping", RULE_FIX))
            continue
        missing = [k for k in ("id", "lang", "triggers", "a", "b", "yields") if item.get(k) in (None, "", [])]
        if missing:
            problems.append(Problem(loc, f"rule lacks {', '.join(missing)}", RULE_FIX))
            continue
        try:
            rid = str(item["id"])
            if rid in seen:
                raise ValueError(f"duplicate rule id {rid!r}")
            seen.add(rid)
            lang = str(item["lang"])
            if lang not in {"zh", "en"}:
                raise ValueError(f"lang must be zh or en, not {lang!r}")
            raw_triggers = strip_lines(item["triggers"])
            if isinstance(raw_triggers, str):
                raw_triggers = [raw_triggers]
            if not isinstance(raw_triggers, list) or not all(isinstance(t, str | int) for t in raw_triggers):
                raise ValueError(f"triggers must be a list of words, not {raw_triggers!r}")
            triggers = [str(t) for t in raw_triggers]
            if lang == "en":  # English triggers are regular expressions: each must compile and cannot hang
                unsafe = [(t, reason) for t in triggers if (reason := unsafe_reason(t, re.IGNORECASE))]
                for t, reason in unsafe:
                    problems.append(Problem(f"{path}:{line_of(path, int(item[LINE_KEY]), t)}",
                                            f"rule {rid}: trigger '{t}' {reason}", REGEX_FIX))
                if unsafe:
                    continue
            alternation = "|".join(t if lang == "en" else re.escape(t) for t in triggers)
            rx = re.compile(rf"\b(?:{alternation})\b" if lang == "en" else alternation, re.IGNORECASE)
            pattern = str(item.get("pattern", "A T B"))
            if pattern not in {"A T B", "A B T", "T A B"}:
                raise ValueError(f"pattern must be 'A T B', 'A B T' or 'T A B', not {pattern!r}")
            yields = str(item["yields"])
            if yields not in schema.rel_types:
                raise ValueError(f"yields unknown relationship type {yields!r}")
            a_types, b_types = _type_list(item["a"], "a"), _type_list(item["b"], "b")
            bad = (a_types | b_types) - set(schema.node_types)
            if bad:
                raise ValueError(f"unknown node types {sorted(bad)}")
            props = strip_lines(item.get("properties") or {})
            if not isinstance(props, dict):
                raise ValueError(f"properties must be a mapping, not {props!r}")
            rules.append(Rule(
                id=rid, lang=lang, triggers=rx, pattern=pattern, a_types=a_types, b_types=b_types,
                yields=yields, reverse=bool(item.get("reverse", False)), window=_number(item, "window", 30, int, 1),
                confidence=_number(item, "confidence", 0.7, float, 0, 1), properties=props,
            ))
        except re.error as exc:
            problems.append(Problem(loc, f"rule {item.get('id')}: triggers do not form a regular expression ({exc})",
                                    "give each trigger as a whole expression, e.g. without (?i) flags"))
        except ValueError as exc:
            problems.append(Problem(loc, str(exc), RULE_FIX))


def apply_rules(corpus: Corpus, gaz: Gazetteer, rules: list[Rule], patterns: Patterns | None = None,
                rejected: list[Rejection] | None = None, docs: set[str] | None = None) -> Iterator[Finding]:
    """Rule findings (of the documents in ``docs``, or all); with ``patterns``, a pair whose words carry a contrast
    or negation cue is rejected (listed in ``rejected`` with the cue), not asserted."""
    for doc in corpus.docs.values():
        if docs is not None and doc.id not in docs:
            continue
        for s in doc.sentences:
            if s.kind not in RULE_SENTENCE_KINDS:
                continue
            mentions = corpus.by_sentence.get((doc.id, s.index))
            if not mentions or len(mentions) < 2:
                continue
            local = [(m.p_start - s.p_start, m.p_end - s.p_start, m) for m in mentions]
            for rule in rules:
                if rule.lang != s.language:
                    continue
                for t in rule.triggers.finditer(s.text):
                    for a, b in _pairs(rule, local, t.start(), t.end(), gaz):
                        src, dst = (b, a) if rule.reverse else (a, b)
                        if src.entity == dst.entity or _disposal_agent(s.text, a, t.start(), s.p_start, local):
                            continue
                        if patterns is not None:
                            spans = [(m.p_start - s.p_start, m.p_end - s.p_start) for m in (a, b)]
                            reason = patterns.block_reason(s.text, [*spans, (t.start(), t.end())], s.language)
                            if reason is None and rule.yields == "LISTED_ON":
                                reason = patterns.removal_reason(s.text, spans, s.language)
                            if reason is not None:
                                if rejected is not None:
                                    rejected.append(Rejection(
                                        "rule", f"{src.entity} -[{rule.yields}]-> {dst.entity}",
                                        f"{reason} in the sentence", f"{doc.id}@{s.start} rule {rule.id}"))
                                continue
                        yield Finding(src.entity, rule.yields, dst.entity, [
                            corpus.evidence(s, "rule", rule.confidence, rule=rule.id)],
                            "rule", dict(rule.properties), where=f"rule {rule.id}")


def _disposal_agent(text: str, a: Mention, trigger: int, base: int, local: list[tuple[int, int, Mention]]) -> bool:
    """In "A 将/把 X 列入 B" the words after 将 are the object: A is the one who acts, not the one listed."""
    between = text[a.p_end - base:trigger]
    k = max(between.rfind("将"), between.rfind("把"))
    if k < 0:
        return False
    after = a.p_end - base + k + 1
    return any(after <= start < trigger for start, _, m in local if m is not a)


def _pairs(rule: Rule, local: list[tuple[int, int, Mention]], ts: int, te: int,
           gaz: Gazetteer) -> Iterable[tuple[Mention, Mention]]:
    def typ(m: Mention) -> str:
        return gaz.entities[m.entity].type

    w = rule.window
    if rule.pattern == "A T B":
        left = [m for a, b, m in local if b <= ts and ts - b <= w and typ(m) in rule.a_types]
        right = [m for a, b, m in local if a >= te and a - te <= w and typ(m) in rule.b_types]
        return [(x, y) for x in left for y in right]
    if rule.pattern == "A B T":
        bs = [(a, m) for a, b, m in local if b <= ts and ts - b <= w and typ(m) in rule.b_types]
        out = []
        for a_pos, bm in bs:
            out += [(m, bm) for a, b, m in local if b <= a_pos and a_pos - b <= w and typ(m) in rule.a_types]
        return out
    # "T A B"
    after = [(a, b, m) for a, b, m in local if a >= te and a - te <= 2 * w]
    return [(x[2], y[2]) for x in after for y in after
            if x[1] <= y[0] and typ(x[2]) in rule.a_types and typ(y[2]) in rule.b_types]


# ---------------------------------------------------------------------------------------- curated


ASSERTION_KEYS = {"source", "type", "target", "doc", "anchor", "occurrence", "properties", "confidence",
                  "note", "__line__"}
FACT_KEYS = {"entity", "property", "value", "doc", "anchor", "occurrence", "note", "__line__"}


def find_anchor(doc: Document, anchors: list[str], occurrence: int = 1) -> Sentence | None:
    """The n-th sentence whose readable text contains every anchor (case-insensitive for Latin)."""
    wanted = [a.casefold() for a in anchors]
    n = 0
    for s in doc.sentences:
        low = s.text.casefold()
        if all(a in low for a in wanted):
            n += 1
            if n == occurrence:
                return s
    return None


def load_curated(folders: Path | list[Path], corpus: Corpus, gaz: Gazetteer, schema: Schema,
                 skipped: list[str] | None = None) -> tuple[list[Finding], list[FactFinding]]:
    """Curated assertions and facts of the project and of the corpus overlay. A file about a document the
    corpus does not hold (a user's corpus need not contain the project's papers) is listed in ``skipped``."""
    problems: list[Problem] = []
    findings: list[Finding] = []
    facts: list[FactFinding] = []
    layers = [folders] if isinstance(folders, Path) else list(folders)
    for path in [p for folder in layers for p in sorted(folder.glob("*.yaml"))]:
        try:
            raw = load_yaml(path) or {}
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), "expected a mapping with 'assertions:' and/or 'facts:'",
                                    "see loaders/assertions/README.md for the format"))
            continue
        default_doc = raw.get("doc")
        if default_doc is not None and not isinstance(default_doc, str):
            problems.append(Problem(where(path, raw), f"doc must be one document id, not {strip_lines(default_doc)!r}",
                                    f"use one of {', '.join(corpus.docs)}"))
            continue
        if default_doc and str(default_doc) not in corpus.docs and skipped is not None:
            skipped.append(f"{path}: about document {default_doc!r}, which this corpus does not hold")
            continue
        lists = {key: raw.get(key) or [] for key in ("assertions", "facts")}
        for key, items in lists.items():
            if not isinstance(items, list):
                problems.append(Problem(where(path, raw), f"'{key}:' must be a list, not {strip_lines(items)!r}",
                                        f"write each entry under '{key}:' as '- …'"))
                lists[key] = []
        for item in lists["assertions"]:
            f = _assertion(path, item, default_doc, corpus, gaz, schema, problems)
            if f is not None:
                findings.append(f)
        for item in lists["facts"]:
            ff = _fact(path, item, default_doc, corpus, gaz, schema, problems)
            if ff is not None:
                facts.append(ff)
    if problems:
        raise InputError(problems)
    return findings, facts


def _resolve(gaz: Gazetteer, name: Any, loc: str, role: str, problems: list[Problem]) -> str | None:
    try:
        return gaz.resolve(str(name)).id
    except NotFoundError as exc:
        problems.append(Problem(loc, f"{role}: {exc}", "add the entity to loaders/gazetteer/ or fix the name"))
        return None




def _locate(path: Path, item: dict[str, Any], default_doc: Any, corpus: Corpus,
            problems: list[Problem]) -> tuple[Sentence, str] | None:
    """The sentence an entry's anchors find, and the anchors (its evidence's ``surface``: the words that
    support it, which reports keep in view)."""
    loc = where(path, item)
    doc_id = str(item.get("doc") or default_doc or "")
    doc = corpus.docs.get(doc_id)
    if doc is None:
        problems.append(Problem(loc, f"unknown document {doc_id!r}", f"use one of {', '.join(corpus.docs)}"))
        return None
    raw = strip_lines(item.get("anchor"))
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        anchors = [str(raw)]
    elif isinstance(raw, list) and all(isinstance(a, str | int | float) and not isinstance(a, bool) for a in raw):
        anchors = [str(a) for a in raw if str(a)]
    else:
        anchors = []
    if not anchors:
        problems.append(Problem(loc, "no anchor" if raw in (None, "", []) else f"anchor {raw!r} is not a phrase "
                                "or a list of phrases", "give a short phrase or name found in the sentence, or a "
                                "list of them: anchor: [Huawei, Entity List]"))
        return None
    occurrence = item.get("occurrence", 1)
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
        problems.append(Problem(loc, f"occurrence {strip_lines(occurrence)!r} is not a whole number of 1 or more",
                                "write e.g. occurrence: 2 for the second sentence the anchor finds"))
        return None
    sentence = find_anchor(doc, anchors, occurrence)
    if sentence is None:
        problems.append(Problem(
            loc, f"anchor {anchors} not found in {doc_id}" + (f" (occurrence {occurrence})" if occurrence > 1
                                                               else ""),
            f"check with 'policykg anchor {doc_id} \"{anchors[0]}\"'"))
        return None
    return sentence, ANCHOR_SEPARATOR.join(anchors)


def _assertion(path: Path, item: Any, default_doc: Any, corpus: Corpus, gaz: Gazetteer, schema: Schema,
               problems: list[Problem]) -> Finding | None:
    loc = where(path, item)
    if not isinstance(item, dict):
        problems.append(Problem(loc, "an assertion must be a mapping", "write source, type, target and anchor "
                                "under '- '"))
        return None
    unknown = set(item) - ASSERTION_KEYS
    if unknown:
        problems.append(Problem(loc, f"unknown keys {sorted(unknown)}",
                                f"use only {', '.join(sorted(ASSERTION_KEYS - {LINE_KEY}))}"))
    rel = str(item.get("type", ""))
    if rel not in schema.rel_types:
        problems.append(Problem(loc, f"unknown relationship type {rel!r}", "see schema/schema.yaml"))
        return None
    try:
        conf = _number(item, "confidence", 0.95, float, 0, 1)
    except ValueError as exc:
        problems.append(Problem(loc, str(exc), "write a number between 0 and 1, e.g. confidence: 0.8"))
        conf = None
    src = _resolve(gaz, item.get("source"), loc, "source", problems)
    dst = _resolve(gaz, item.get("target"), loc, "target", problems)
    located = _locate(path, item, default_doc, corpus, problems)
    if src is None or dst is None or located is None or conf is None:
        return None
    sentence, anchors = located
    props = strip_lines(item.get("properties") or {})
    try:
        schema.validate_edge(rel, gaz.entities[src].type, gaz.entities[dst].type, props)
    except ValueError as exc:
        problems.append(Problem(loc, f"{src} -[{rel}]-> {dst}: {exc}", "fix the type or the endpoints"))
        return None
    return Finding(src, rel, dst, [corpus.evidence(sentence, "curated", conf, rule=f"{path.name}:{item['__line__']}",
                                                   surface=anchors)], "curated", props, where=loc)


def _fact(path: Path, item: Any, default_doc: Any, corpus: Corpus, gaz: Gazetteer, schema: Schema,
          problems: list[Problem]) -> FactFinding | None:
    loc = where(path, item)
    if not isinstance(item, dict):
        problems.append(Problem(loc, "a fact must be a mapping", "write entity, property, value and anchor under '- '"))
        return None
    unknown = set(item) - FACT_KEYS
    if unknown:
        problems.append(Problem(loc, f"unknown keys {sorted(unknown)}",
                                f"use only {', '.join(sorted(FACT_KEYS - {LINE_KEY}))}"))
    ent = _resolve(gaz, item.get("entity"), loc, "entity", problems)
    located = _locate(path, item, default_doc, corpus, problems)
    if ent is None or located is None:
        return None
    sentence, anchors = located
    prop = str(item.get("property", ""))
    value = strip_lines(item.get("value"))
    etype = gaz.entities[ent].type
    try:
        spec = schema.node_types[etype].properties.get(prop)
        if spec is not None and spec.type == "string_list":  # one value per fact; the build collects them
            value = str(value)
            schema.validate_node_properties(etype, {prop: [value]})
        else:
            value = schema.validate_node_properties(etype, {prop: value})[prop]
    except (ValueError, KeyError) as exc:
        problems.append(Problem(loc, f"{ent}.{prop}: {exc}", "use a property declared for the type"))
        return None
    return FactFinding(ent, prop, value, corpus.evidence(sentence, "curated", 0.95,
                                                         rule=f"{path.name}:{item['__line__']}",
                                                         field_name=prop, surface=anchors), where=loc)
