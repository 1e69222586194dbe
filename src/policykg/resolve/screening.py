"""Entity resolution of the screening list's parties against the companies and organisations the papers discuss.

A record that names the paper's company itself (exact name or alias, address in its country) is not a new
node: the company is linked ``LISTED_ON`` directly. A record that names an affiliate (a subsidiary, branch,
lab, an "Affiliated Entity:" of the company) stays its own node, linked ``AFFILIATE_OF`` with its score.
Grey-zone matches (a short name found in parties abroad, a common word) are never linked: they are kept for
review (``review_matches``, ``policykg resolve --review``) and as rejections.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policykg.graph.model import PolicyGraph
from policykg.resolve.name_keys import name_key
from policykg.sources.screening import _BRACKET, LISTED_PREFIX, Party, _assign_ids, read_screening_list

ACCEPT = 0.80  # affiliate links at or above this score are made
REVIEW = 0.35  # between REVIEW and ACCEPT a candidate is reported for review, below it only rejected
PAPER_TYPES = ("Company", "Organization")
_CN_FAMILY = frozenset({"CN", "HK", "MO"})  # an address in Hong Kong or Macau supports a Chinese company


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
