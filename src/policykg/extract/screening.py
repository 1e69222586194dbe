"""The U.S. Consolidated Screening List as a dataset layer on top of the papers' graph.

Every record becomes a listed party (``listed:<list code>-<entity number or entry index>``) linked
``LISTED_ON`` to its list, with its Federal Register notices; the lists become Instrument nodes that their
agencies ``ADMINISTERS``. The papers' own nodes (the Entity List, BIS, Commerce) are reused through the
gazetteer. Records resolved to a paper company (:mod:`policykg.resolve.screening`) link the company itself
``LISTED_ON``; affiliates are linked ``AFFILIATE_OF`` with their score.

Every fact carries ``Evidence(method="dataset")`` pointing at the record (``entry <index>``) or
``Evidence(method="resolution")`` with the match score; nothing in the file is dropped without a
reason in ``graph.rejected``.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.graph.model import Evidence, Node, PolicyGraph, Rejection
from policykg.resolve.name_keys import _tokens
from policykg.resolve.screening import REVIEW, Match, paper_entities, resolve_parties
from policykg.sources.federal_register import FRCitation
from policykg.sources.screening import (
    STAGE,
    ListSource,
    Party,
    ScreeningList,
    _assign_ids,
    _slug,
    read_screening_list,
)

if TYPE_CHECKING:  # the gazetteer is passed in by the build; reading the listings does not need it loaded
    from policykg.extract.gazetteer import Gazetteer

RESOLUTION_STAGE = "resolution"


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
