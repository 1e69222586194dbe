"""Queries on the screening-list layer: ``listings`` (who was added through which notices, by country and list),
``listed_on`` (one node's listings), ``affiliates`` (a company's listed affiliates with their notices) and
``find_party``."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from policykg.graph.model import Edge, Node, PolicyGraph
from policykg.resolve.names import normalize_name
from policykg.sources.screening import LISTED_PREFIX, STAGE

CHINA = ("CN",)


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
