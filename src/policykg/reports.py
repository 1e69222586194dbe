"""Canned policy-path reports, each backed by queries of the library, with paths and evidence per hop."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import NotFoundError, PolicykgError
from .graph import Edge, Node, PolicyGraph
from .queries import ADMIN_RELS, docs, run_embedded
from .resolve import resolve_node

Row = dict[str, Any]


@dataclass
class ReportResult:
    report: str
    params: dict[str, str]
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # context lines (characterisation, differences, …)
    empty_reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"report": self.report, "params": self.params, "title": self.title, "notes": self.notes,
                "rows": self.rows, **({"empty_reason": self.empty_reason} if not self.rows else {})}


class Reporter:
    def __init__(self, graph: PolicyGraph, lang: str = "en"):
        self.g = graph
        self.lang = lang

    # ---------------------------------------------------------------------------------- helpers
    def name(self, node_id: str) -> str:
        return self.g.nodes[node_id].label(self.lang)

    def resolve(self, name: str, types: set[str] | None = None) -> Node:
        node = resolve_node(self.g, name)
        if types and node.type not in types:
            raise NotFoundError(f"{name!r} is a {node.type} ({node.name}); this report needs a "
                                f"{' or '.join(sorted(types))}")
        return node

    def path(self, node_ids: list[str], edge_ids: list[str]) -> list[dict[str, Any]]:
        steps: list[dict[str, Any]] = []
        for i, nid in enumerate(node_ids):
            n = self.g.nodes[nid]
            steps.append({"node": nid, "name": n.label(self.lang), "type": n.type})
            if i < len(edge_ids):
                e = self.g.edges[edge_ids[i]]
                steps.append({"rel": e.type, "dir": "->" if e.source == nid else "<-", "edge": e.id})
        return steps

    def evidence(self, edge_ids: list[str]) -> list[dict[str, Any]]:
        out = []
        for eid in edge_ids:
            for ev in self.g.edges[eid].evidence:
                out.append({"edge": eid, **ev.to_json()})
        return out

    def administrations_of(self, measure: str) -> list[Node]:
        admins = {e.source for e in self.g.in_edges(measure) if e.type in ADMIN_RELS}
        return sorted((self.g.nodes[a] for a in admins), key=lambda n: n.properties.get("order", 99))

    def row(self, node: Node, node_ids: list[str], edge_ids: list[str], **extra: Any) -> Row:
        return {"id": node.id, "name": node.label(self.lang), "type": node.type, **extra,
                "path": self.path(node_ids, edge_ids), "evidence": self.evidence(edge_ids)}

    # ---------------------------------------------------------------------------------- reports
    def sector(self, sector: str) -> ReportResult:
        """Every measure or actor touching the sector's scope (see queries/measures_touching_sector.cypher):
        one row each, grouped by the administration behind it (or in office at its date), else its side."""
        s = self.resolve(sector, {"Sector", "IndustryChain", "ChainSegment"})
        result = ReportResult("sector", {"sector": sector}, f"Policies touching {self.name(s.id)}")
        rows = run_embedded(self.g, "measures_touching_sector", {"sector": s.id})
        for q in rows:
            m = self.g.nodes[q["measure_id"]]
            group, order, attribution = self._sector_group(m)
            side = m.properties.get("side") or ("US" if group != "unattributed" and order < 50 else "")
            extra = {"attribution": attribution} if attribution else {}
            result.rows.append(self.row(m, q["path_ids"], q["path_rel_ids"], group=group, group_order=order,
                                        date=q["date"], hops=q["hops"], side=side or None,
                                        relation=q["path_rels"][0], **extra))
        result.rows.sort(key=lambda r: (r["group_order"], r["group"], r["date"] is None, r["date"] or "", r["id"],
                                        r["hops"], [p.get("node", "") for p in r["path"]]))
        result.notes.extend(self._listed_in_sector(s.id))
        if not result.rows:
            mentions = len(run_embedded(self.g, "entity_mentions", {"entity": s.id}))
            result.empty_reason = (f"{s.name} is in the graph ({mentions} sections mention it) but no law, policy, "
                                   "instrument, programme, administration, agency, country or alliance touches it")
        return result

    def _sector_group(self, m: Node) -> tuple[str, int, str]:
        """(group, order, attribution): an administration acting itself; the administrations behind a measure;
        for a US measure no administration is linked to, the one in office at its date (said so); China's side;
        the other actors behind it; else its side."""
        china = "China" if self.lang == "en" else "中国"
        if m.type == "Administration":
            return m.label(self.lang), int(m.properties.get("order", 99)), ""
        if m.id == "country:china":
            return china, 50, ""
        if m.type in {"Country", "Agency"} or (m.type == "Organization" and not self.administrations_of(m.id)):
            return m.label(self.lang), 60, ""
        behind = self.administrations_of(m.id)
        admins = [a for a in behind if a.type == "Administration"]
        if admins:
            return (" / ".join(a.label(self.lang) for a in admins),
                    min(int(a.properties.get("order", 99)) for a in admins), "")
        side = m.properties.get("side") or ""
        if side == "CN":
            return china, 50, ""
        in_office = self.in_office(m.properties.get("date")) if side == "US" else None
        if in_office is not None:
            return (in_office.label(self.lang), int(in_office.properties.get("order", 99)),
                    "no administration named; dated within its term")
        if behind:
            return " / ".join(a.label(self.lang) for a in behind), 60, ""
        return side or "unattributed", 60, ""

    def in_office(self, date: Any) -> Node | None:
        """The one administration whose term holds the whole period a date names ("2020" is all of 2020)."""
        if not date:
            return None
        text = str(date)
        first = text + "-01-01"[len(text) - 4:] if len(text) < 10 else text
        last = text + "-12-31"[len(text) - 4:] if len(text) < 10 else text
        holding = [a for a in self.g.nodes_of_type("Administration") if a.properties.get("term_start")
                   and str(a.properties["term_start"]) <= first and last <= str(a.properties.get("term_end") or "9999")]
        return holding[0] if len(holding) == 1 else None

    def _listed_in_sector(self, sector_id: str) -> list[str]:
        """Screening-list parties tied to the sector through the companies the papers place in it.

        The list itself names no sectors; a company that OPERATES_IN or LEADS the sector (or a segment or
        sub-sector of it) brings its own listings and its listed affiliates. Empty without the list."""
        from .screening import affiliates, listed_on

        parts = {sector_id}
        frontier = [sector_id]
        while frontier:  # segments of its chain and sub-sectors, transitively
            nid = frontier.pop()
            for e in self.g.in_edges(nid):
                if e.type in {"PART_OF", "CHAIN_OF"} and e.source not in parts and \
                        self.g.nodes[e.source].type in {"Sector", "ChainSegment", "IndustryChain"}:
                    parts.add(e.source)
                    frontier.append(e.source)
        companies = sorted({e.source for p in parts for e in self.g.in_edges(p)
                            if e.type in {"OPERATES_IN", "LEADS"} and self.g.nodes[e.source].type == "Company"})
        counted: list[tuple[str, int]] = []
        for c in companies:
            n = len(listed_on(self.g, c)) and 1
            n += len(affiliates(self.g, c))
            if n:
                counted.append((self.name(c), n))
        if not counted:
            return []
        total = sum(n for _, n in counted)
        return [f"listed parties tied to this sector through the papers' companies: {total} ("
                + ", ".join(f"{name} {n}" for name, n in sorted(counted, key=lambda x: (-x[1], x[0]))) + ")"]

    def administration(self, name: str) -> ReportResult:
        a = self.resolve(name, {"Administration"})
        result = ReportResult("administration", {"administration": name}, f"{self.name(a.id)}")
        result.notes.extend(self._administration_notes(a))
        mine = self._measures(a.id)
        for q in mine:
            m = self.g.nodes[q["measure_id"]]
            result.rows.append(self.row(m, [a.id, m.id], [q["rel_id"]], relation=q["relation"], date=q["date"]))
        mine_ids = {q["measure_id"] for q in mine}
        for rel, label in (("in", "predecessor"), ("out", "successor")):
            edges = self.g.in_edges(a.id, "SUCCEEDED_BY") if rel == "in" else self.g.out_edges(a.id, "SUCCEEDED_BY")
            for e in edges:
                other = e.source if rel == "in" else e.target
                theirs = {q["measure_id"] for q in self._measures(other)}
                only_theirs = sorted(self.name(m) for m in theirs - mine_ids)
                shared = sorted(self.name(m) for m in theirs & mine_ids)
                only_mine = sorted(self.name(m) for m in mine_ids - theirs)
                result.notes.append(f"{label}: {self.name(other)}")
                result.notes.append(f"  only {self.name(other)}: {', '.join(only_theirs) or '-'}")
                result.notes.append(f"  both: {', '.join(shared) or '-'}")
                result.notes.append(f"  only {self.name(a.id)}: {', '.join(only_mine) or '-'}")
        if not result.rows:
            result.empty_reason = f"no measure is linked to {a.name} in the graph"
        return result

    def _measures(self, admin_id: str) -> list[Row]:
        return run_embedded(self.g, "administration_measures", {"administration": admin_id})

    def timeline(self) -> ReportResult:
        result = ReportResult("timeline", {}, "US administrations and their measures, in order")
        for q in run_embedded(self.g, "timeline", {}):
            a = self.g.nodes[q["administration_id"]]
            if q["measure_id"] is None:
                result.rows.append({"id": a.id, "name": a.label(self.lang), "type": a.type,
                                    "administration": a.label(self.lang), "position": q["position"],
                                    "term_start": q["term_start"], "term_end": q["term_end"], "relation": None,
                                    "date": None, "path": self.path([a.id], []), "evidence": []})
                continue
            m = self.g.nodes[q["measure_id"]]
            rel = next(e for e in self.g.out_edges(a.id) if e.target == m.id and e.type == q["relation"])
            result.rows.append(self.row(m, [a.id, m.id], [rel.id], administration=a.label(self.lang),
                                        position=q["position"], term_start=q["term_start"],
                                        term_end=q["term_end"], relation=q["relation"], date=q["date"]))
        if not result.rows:
            result.empty_reason = "the graph holds no administration"
        return result

    def entity(self, name: str) -> ReportResult:
        n = self.resolve(name)
        result = ReportResult("entity", {"entity": name}, f"What involves {self.name(n.id)} ({n.type})")
        for q in run_embedded(self.g, "entity_relations", {"entity": n.id}):
            other = self.g.nodes[q["other_id"]]
            ids = [other.id, n.id] if q["direction"] == "in" else [n.id, other.id]
            result.rows.append(self.row(other, ids, [q["rel_id"]], relation=q["relation"], direction=q["direction"],
                                        docs=q["docs"]))
        # one hop further back: who enacted, runs or pursued the measures aimed at it
        for q in run_embedded(self.g, "measures_against_entity", {"entity": n.id}):
            actor = self.g.nodes[q["actor_id"]]
            result.rows.append(self.row(actor, [actor.id, q["measure_id"], n.id],
                                        [q["actor_rel_id"], q["measure_rel_id"]],
                                        relation=f"{q['actor_relation']} {self.name(q['measure_id'])}, which "
                                                 f"{q['measure_relation']}", direction="behind", docs=None))
        from .screening import affiliates, listed_on

        for lst in listed_on(self.g, n.id):
            result.notes.append(f"listed itself on {lst.list_name} ({lst.list_code}) since {lst.date or '-'}: "
                                f"{', '.join(lst.citations) or 'no notice given'}")
        listed = affiliates(self.g, n.id)
        if listed:
            result.notes.append(f"listed affiliates on the U.S. Consolidated Screening List: {len(listed)}")
            result.notes.extend(f"  {item}" for item in listed)
        mentions = run_embedded(self.g, "entity_mentions", {"entity": n.id})
        if mentions:
            per_doc: dict[str, int] = {}
            for m in mentions:
                per_doc[m["doc"]] = per_doc.get(m["doc"], 0) + int(m["mentions"] or 0)
            result.notes.append("mentioned in: " + ", ".join(f"{d} ({c}×)" for d, c in sorted(per_doc.items())))
        if not result.rows:
            result.empty_reason = f"{n.name} is in the graph but no policy relation involves it"
        return result

    def path_report(self, a: str, b: str) -> ReportResult:
        x, y = self.resolve(a), self.resolve(b)
        if x.id == y.id:
            raise PolicykgError(f"{a!r} and {b!r} are the same entity ({x.name}); give two different ones")
        result = ReportResult("path", {"source": a, "target": b},
                              f"Shortest connections between {self.name(x.id)} and {self.name(y.id)}")
        for q in run_embedded(self.g, "shortest_paths", {"source": x.id, "target": y.id}):
            result.rows.append(self.row(y, q["path_ids"], q["path_rel_ids"], hops=q["hops"]))
        if not result.rows:
            result.empty_reason = f"no chain of policy relations of up to 6 hops links {x.name} and {y.name}"
        return result

    def chain(self, name: str) -> ReportResult:
        n = self.resolve(name, {"IndustryChain", "Sector"})
        chain = n
        if n.type == "Sector":
            chains = [self.g.nodes[e.source] for e in self.g.in_edges(n.id, "CHAIN_OF")]
            if not chains:
                raise NotFoundError(f"{n.name} has no industry chain in the graph")
            chain = chains[0]
        result = ReportResult("chain", {"chain": name}, f"Industry chain: {self.name(chain.id)}")
        for q in run_embedded(self.g, "chain_segments", {"chain": chain.id}):
            seg = self.g.nodes[q["segment_id"]]
            if q["rel_id"] is None:
                result.rows.append({"id": seg.id, "name": seg.label(self.lang), "type": seg.type,
                                    "segment": seg.label(self.lang), "relation": None, "path": self.path([seg.id], []),
                                    "evidence": []})
                continue
            other = self.g.nodes[q["other_id"]]
            ids = [seg.id, other.id] if q["direction"] == "out" else [other.id, seg.id]
            result.rows.append(self.row(other, ids, [q["rel_id"]], segment=seg.label(self.lang),
                                        relation=q["relation"], direction=q["direction"]))
        for e in self.g.out_edges(chain.id):
            if e.type in {"CHAIN_OF"}:
                result.notes.append(f"chain of: {self.name(e.target)}")
        if not result.rows:
            result.empty_reason = f"{chain.name} has no segments in the graph"
        return result

    def countermeasures(self) -> ReportResult:
        result = ReportResult("countermeasures", {}, "Measures and the responses set against them")
        for q in run_embedded(self.g, "countermeasures", {}):
            r = self.g.nodes[q["response_id"]]
            result.rows.append(self.row(r, [q["response_id"], q["measure_id"]], [q["rel_id"]],
                                        measure=self.name(q["measure_id"]), measure_side=q["measure_side"],
                                        response_side=q["response_side"]))
        if not result.rows:
            result.empty_reason = "no RESPONDS_TO relation in the graph"
        return result

    def compare(self, first: str, second: str) -> ReportResult:
        """What two administrations did, side by side: each measure either one is linked to, once, in the
        section that says how it changed from the earlier to the later one (eased, continued, added, dropped),
        with both sides' relations and the evidence of each."""
        a = self.resolve(first, {"Administration"})
        b = self.resolve(second, {"Administration"})
        if a.id == b.id:
            raise PolicykgError(f"{first!r} and {second!r} are the same administration ({a.name}); give two")
        result = ReportResult("compare", {"a": first, "b": second},
                              f"{self.name(a.id)} compared with {self.name(b.id)}")
        earlier, later = sorted((a, b), key=lambda n: int(n.properties.get("order", 99)))
        for n in (a, b):
            result.notes.extend(f"{self.name(n.id)}: {line}" for line in self._administration_notes(n))
        acts: dict[str, dict[str, list[Row]]] = {a.id: {}, b.id: {}}
        for n in (a, b):
            for q in self._measures(n.id):
                acts[n.id].setdefault(q["measure_id"], []).append(q)
        e_name, l_name = self.name(earlier.id), self.name(later.id)
        sections = [  # (label, order, test on the earlier's and the later's relations)
            (f"eased by {l_name}", 1, lambda e, lt: "EASES" in lt),
            (f"eased by {e_name}", 2, lambda e, lt: "EASES" in e),
            ("continued: linked to both", 3, lambda e, lt: bool(e & ADMIN_RELS) and bool(lt & ADMIN_RELS)),
            (f"added by {l_name}: not linked to {e_name}", 4, lambda e, lt: not e),
            (f"dropped by {l_name}: linked to {e_name} only", 5, lambda e, lt: not lt),
        ]
        for mid in sorted(set(acts[a.id]) | set(acts[b.id])):
            rels = {n.id: {q["relation"] for q in acts[n.id].get(mid, [])} for n in (a, b)}
            label, order = next(((lab, o) for lab, o, test in sections
                                 if test(rels[earlier.id], rels[later.id])), ("other", 9))
            m = self.g.nodes[mid]
            sides, paths, edge_ids = [], [], []
            for n in (a, b):
                mine = sorted(acts[n.id].get(mid, []), key=lambda q: q["relation"])
                sides.append({"administration": self.name(n.id), "id": n.id,
                              "relations": [{"relation": q["relation"], "date": q["date"]} for q in mine]})
                for q in mine:
                    paths.append(self.path([n.id, mid], [q["rel_id"]]))
                    edge_ids.append(q["rel_id"])
            result.rows.append({"id": mid, "name": m.label(self.lang), "type": m.type, "group": label,
                                "group_order": order, "date": m.properties.get("date"), "sides": sides,
                                "path": paths[0], "paths": paths, "evidence": self.evidence(edge_ids)})
        result.rows.sort(key=lambda r: (r["group_order"], r["date"] is None, str(r["date"] or ""), r["id"]))
        if result.rows:
            result.notes.append(f"sections compare the earlier ({e_name}) with the later ({l_name}); \"dropped\" "
                                f"means no relation to {l_name} in the graph, not that a paper says it ended")
        else:
            result.empty_reason = f"no measure is linked to {a.name} or {b.name} in the graph"
        return result

    def _administration_notes(self, a: Node) -> list[str]:
        props = a.properties
        out = []
        if props.get("term_start"):
            out.append(f"term: {props.get('term_start')} – {props.get('term_end', '')}")
        if props.get("characterisation"):
            by = sorted({ev.doc for ev in a.evidence if ev.field == "characterisation" and ev.doc})
            out.append(f"characterisation ({', '.join(by)}): " + "; ".join(props["characterisation"]))
        return out

    def listings(self, country: str | None = None) -> ReportResult:
        """One row per party and list: the notice that added it, with the later notices as a property."""
        from .screening import listings

        code = (country or "CN").upper()
        result = ReportResult("listings", {"country": code},
                              f"Parties listed from {code}, by list and the notice that added them")
        out = listings(self.g, country=code)
        years: dict[str, list[str]] = {}
        for _, lc, year, n in out.by_year():
            years.setdefault(lc, []).append(f"{year if year is not None else '?'}: {n}")
        biggest: dict[str, list[str]] = {}
        for _, lc, cite, year, n in sorted(out.notices(), key=lambda x: (-x[4], x[3] or 0, x[2])):
            if cite and len(biggest.setdefault(lc, [])) < 5:
                biggest[lc].append(f"{cite} ({year}): {n}")
        for c, lc, n in out.counts():
            result.notes.append(f"{c} · {lc}: {n} parties")
            if years.get(lc) and any(not y.startswith("?") for y in years[lc]):
                result.notes.append(f"    added by year: {', '.join(years[lc])}")
            if biggest.get(lc):
                result.notes.append(f"    largest adding notices: {'; '.join(biggest[lc])}")
        later: dict[tuple[str, str], list[str]] = {}
        for r in out:
            if r.citation and not r.added:
                later.setdefault((r.party_id, r.list_id), []).append(r.citation)
        seen: set[tuple[str, str, str]] = set()
        for r in out:
            key = (r.party_id, r.list_id, r.country)
            if not r.added or key in seen:
                continue
            seen.add(key)
            edge = next((e for e in self.g.out_edges(r.party_id, "LISTED_ON") if e.target == r.list_id), None)
            node = self.g.nodes[r.party_id]
            edge_ids = [edge.id] if edge else []
            result.rows.append(self.row(node, [r.party_id, r.list_id] if edge else [r.party_id], edge_ids,
                                        group=f"{r.country} · {r.list_code}", country=r.country,
                                        list=r.list_code, notice=r.citation or None, date=r.date,
                                        later_notices=later.get((r.party_id, r.list_id), [])))
        if not result.rows:
            result.empty_reason = ("the graph holds no screening-list records; build with --screening-list FILE "
                                   "or set POLICYKG_SCREENING_LIST" if not any(True for _ in out.rows) and not
                                   _has_screening(self.g) else f"no listed party from {code}")
        return result


def _has_screening(graph: PolicyGraph) -> bool:
    return any(n.type == "Instrument" and n.properties.get("code") for n in graph.nodes.values())


REPORTS: dict[str, Callable[..., ReportResult]] = {}


def run_report(graph: PolicyGraph, name: str, params: dict[str, str], lang: str = "en") -> ReportResult:
    r = Reporter(graph, lang)
    table: dict[str, Callable[[], ReportResult]] = {
        "sector": lambda: r.sector(params["sector"]),
        "administration": lambda: r.administration(params["administration"]),
        "timeline": r.timeline,
        "entity": lambda: r.entity(params["entity"]),
        "path": lambda: r.path_report(params["source"], params["target"]),
        "chain": lambda: r.chain(params["chain"]),
        "countermeasures": r.countermeasures,
        "compare": lambda: r.compare(params["a"], params["b"]),
        "listings": lambda: r.listings(params.get("country") or None),
    }
    if name not in table:
        raise NotFoundError(f"no report named {name!r}; known: {', '.join(table)}")
    try:
        result = table[name]()
    except KeyError as exc:
        raise PolicykgError(f"report {name} needs the parameter {exc.args[0]}") from None
    if name != "path":  # a path report lists paths; the others list measures or entities, each once
        result.rows = merge_rows(result.rows)
    return result


def merge_rows(rows: list[Row]) -> list[Row]:
    """One row per entity (within its group): the first row's fields, every path that reaches it in ``paths``,
    the evidence of all of them (each record once), and, where rows name a relation, every relation with its
    date in ``relations`` (a measure Trump 2.0 both continued and eased shows both)."""
    merged: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        key = (row["id"], row.get("group"), row.get("direction"), row.get("segment"), row.get("administration"))
        first = merged.get(key)
        if first is None:
            first = merged[key] = {**row, "paths": [], "evidence": list(row["evidence"])}
            if row.get("relation"):
                first["relations"] = []
        else:
            seen = {_ev_key(ev) for ev in first["evidence"]}
            first["evidence"].extend(ev for ev in row["evidence"] if _ev_key(ev) not in seen)
        for path in row.get("paths") or [row["path"]]:
            if path not in first["paths"]:
                first["paths"].append(path)
        if row.get("relation") and "relations" in first:
            act = {"relation": row["relation"], "date": row.get("date")}
            if act not in first["relations"]:
                first["relations"].append(act)
    return list(merged.values())


def _ev_key(ev: dict[str, Any]) -> tuple[Any, ...]:
    return (ev.get("edge"), ev.get("doc"), ev.get("start"), ev.get("end"), ev.get("method"), ev.get("source"),
            ev.get("record"), ev.get("field"))


def touched_nodes(result: ReportResult) -> set[str]:
    """Every node a report's rows pass through (for subgraph exports)."""
    out: set[str] = set()
    for row in result.rows:
        if row.get("id"):
            out.add(row["id"])
        for path in row.get("paths") or [row.get("path", [])]:
            out.update(step["node"] for step in path if "node" in step)
    return out


# ------------------------------------------------------------------------------------------- rendering


RELATION_REPORTS = {"sector", "timeline", "administration"}  # rows whose relations the text lists beside the name


def _acts_text(acts: list[dict[str, Any]], row_date: Any) -> str:
    """Each relation ("CONTINUED, EASES (2025)"), with its date where it differs from the row's."""
    return ", ".join(a["relation"] + (f" ({a['date']})" if a.get("date") and a["date"] != row_date else "")
                     for a in acts) or "-"


def _relations_text(row: Row) -> str:
    acts = row.get("relations")
    return f" — {_acts_text(acts, row.get('date'))}" if acts else ""


def _path_text(path: list[dict[str, Any]]) -> str:
    parts = []
    for step in path:
        if "node" in step:
            parts.append(step["name"])
        else:
            parts.append(f" -[{step['rel']}]-> " if step["dir"] == "->" else f" <-[{step['rel']}]- ")
    return "".join(parts)


def _evidence_lines(row: Row, per_edge: int, width: int) -> list[str]:
    """One line per sentence, labelled with every hop of the row's paths it proves and naming every stage
    that found it ("rule+curated"); up to ``per_edge`` sentences per hop, then "+N more" for that hop."""
    hops = {step["edge"]: step["rel"] for path in row.get("paths", [row["path"]]) for step in path if "edge" in step}
    sentences: dict[tuple[Any, ...], dict[str, Any]] = {}
    for ev in row["evidence"]:
        key = (ev.get("doc"), ev.get("start"), ev.get("end"), ev.get("source"), ev.get("record"), ev.get("field"))
        seen = sentences.setdefault(key, {"ev": ev, "edges": [], "methods": []})
        if ev["edge"] not in seen["edges"]:
            seen["edges"].append(ev["edge"])
        if ev["method"] not in seen["methods"]:
            seen["methods"].append(ev["method"])
    total: dict[str, int] = {}
    for sentence in sentences.values():
        for e in sentence["edges"]:
            total[e] = total.get(e, 0) + 1
    shown: dict[str, int] = {}
    out = []
    for sentence in sentences.values():
        if all(shown.get(e, 0) >= per_edge for e in sentence["edges"]):
            continue
        for e in sentence["edges"]:
            shown[e] = shown.get(e, 0) + 1
        ev = {**sentence["ev"], "method": "+".join(sentence["methods"])}
        labels = ", ".join(dict.fromkeys(hops.get(e, "relation") for e in sentence["edges"]))
        record = (f"{ev['method']}:", ev.get("source"), ev.get("record"), ev.get("field"))
        where = f"{ev['doc']} § {ev.get('section', '')}" if ev.get("doc") else " ".join(str(x) for x in record if x)
        text = " ".join((ev.get("text") or "").split())
        if len(text) > width:
            text = text[: width - 1] + "…"
        # a relation read by the general patterns and not yet reviewed says so wherever it is shown
        mark = f" (proposed {ev.get('confidence', 0):.2f}, not reviewed)" if "proposed" in sentence["methods"] else ""
        out.append(f"[{labels}] [{where}]{mark} {text}".rstrip())
    for e, n in total.items():
        if n > shown.get(e, 0):
            out.append(f"[{hops.get(e, 'relation')}] … +{n - shown.get(e, 0)} more")
    return out


def render_text(result: ReportResult, per_edge: int = 2, width: int = 150) -> str:
    lines = [result.title, "=" * min(len(result.title) * 2, 80)]
    lines += result.notes
    if result.notes:
        lines.append("")
    if not result.rows:
        lines.append(f"Nothing found: {result.empty_reason}")
        return "\n".join(lines) + "\n"
    group = None
    for row in result.rows:
        g = row.get("group") or row.get("administration") or row.get("segment")
        if g is not None and g != group:
            group = g
            lines.append(f"\n## {g}")
        date = f" ({row['date']})" if row.get("date") else ""
        notice = f" added by {row['notice']}" if row.get("notice") else ""
        acts = _relations_text(row) if result.report in RELATION_REPORTS else ""
        lines.append(f"- {row['name']} [{row['type']}]{date}{notice}{acts}")
        if row.get("attribution"):
            lines.append(f"    ({row['attribution']})")
        if row.get("sides"):
            sides = (f"{side['administration']}: {_acts_text(side['relations'], row.get('date'))}"
                     for side in row["sides"])
            lines.append("    " + " | ".join(sides))
        paths = row.get("paths", [row["path"]])
        for path in paths[:3]:
            lines.append(f"    path: {_path_text(path)}")
        if len(paths) > 3:
            lines.append(f"    … +{len(paths) - 3} more paths")
        for ev in _evidence_lines(row, per_edge, width):
            lines.append(f"      {ev}")
    lines.append(f"\n{len(result.rows)} row(s)")
    return "\n".join(lines) + "\n"


def render_markdown(result: ReportResult, per_edge: int = 2, width: int = 200) -> str:
    lines = [f"# {result.title}", ""]
    lines += [f"- {n}" for n in result.notes]
    if result.notes:
        lines.append("")
    if not result.rows:
        lines.append(f"_Nothing found: {result.empty_reason}_")
        return "\n".join(lines) + "\n"
    lines += ["| # | name | type | date | path | evidence |", "|---|---|---|---|---|---|"]
    for i, row in enumerate(result.rows, 1):
        ev = "<br>".join(x.replace("|", "\\|") for x in _evidence_lines(row, per_edge, width))
        lines.append(f"| {i} | {row['name']} | {row['type']} | {row.get('date') or ''} | "
                     f"{_path_text(row['path']).replace('|', '/')} | {ev} |")
    return "\n".join(lines) + "\n"


def render_json(result: ReportResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"


def edge_docs(edge: Edge) -> list[str]:
    return docs(edge)
