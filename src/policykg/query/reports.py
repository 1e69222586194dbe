"""Canned policy-path reports, each backed by queries of the library, with paths and evidence per hop."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import NotFoundError, PolicykgError
from policykg.graph import time
from policykg.graph.model import Edge, Evidence, Node, PolicyGraph
from policykg.query.library import ADMIN_RELS, docs, run_embedded
from policykg.resolve.names import ANCHOR_SEPARATOR, HAN_RE, merge_spans
from policykg.resolve.nodes import resolve_node

Row = dict[str, Any]


@dataclass
class ReportResult:
    report: str
    params: dict[str, str]
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # context lines (characterisation, differences, …)
    empty_reason: str = ""
    lang: str = "en"  # the language of its names and labels (the renderers follow it)

    def to_json(self) -> dict[str, Any]:
        return {"report": self.report, "params": self.params, "title": self.title, "notes": self.notes,
                "rows": self.rows, **({"empty_reason": self.empty_reason} if not self.rows else {})}


class Reporter:
    def __init__(self, graph: PolicyGraph, lang: str = "en", corpus: Path | None = None,
                 window: time.Window | None = None):
        self.g = graph
        self.window = window or time.Window()  # --as-of, --from, --to (README "Time: as-of and intervals")
        self.lang = lang
        self.corpus = corpus  # where the documents are read for the Chinese originals (--lang zh)
        self._names: dict[str, re.Pattern[str] | None] = {}
        self._texts: dict[str, str | None] = {}

    # ---------------------------------------------------------------------------------- helpers
    def name(self, node_id: str) -> str:
        return self.g.nodes[node_id].label(self.lang)

    def t(self, template: str, **values: Any) -> str:
        """A title, label or note in the report's language."""
        return (ZH.get(template, template) if self.lang == "zh" else template).format(**values)

    def describe(self, window: time.Window) -> str:
        """The time filter in words, in the report's language (time.Window.describe in English)."""
        if self.lang != "zh":
            return window.describe()
        parts = []
        if window.as_of:
            parts.append(self.t("as of {x}", x=window.as_of))
        if window.start or window.end:
            parts.append(self.t("changed from {a} to {b}", a=window.start or self.t("the beginning"),
                                b=window.end or self.t("today")))
        return ",".join(parts)

    def type_name(self, node_type: str) -> str:
        return TYPE_ZH.get(node_type, node_type) if self.lang == "zh" else node_type

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
        """Each evidence record of the edges, with ``focus``: where in its text the words naming the edge's two
        ends stand (so a shortened sentence keeps them in view); with --lang zh, a translated paper's record also
        carries the sentence of its Chinese original (``original_text``, ``original_focus``, ``section_zh``)."""
        out = []
        for eid in edge_ids:
            e = self.g.edges[eid]
            ends = [e.source, e.target]
            for ev in e.evidence:
                item: dict[str, Any] = {"edge": eid, **ev.to_json()}
                if e.type == "RESPONDS_TO":  # a paper's recommendation or a response it reports as taken
                    item["recommends"] = recommends(ev)
                if ev.text:
                    item["focus"] = self._focus(ends, ev.text, _anchor_spans(ev, ev.text))
                if self.lang == "zh" and ev.original and ev.doc:
                    original = self._original(ev, ends)
                    if original is not None:
                        item["original_text"], item["original_focus"] = original
                        item["section_zh"] = self._section_zh(ev.doc, ev.section or "")
                out.append(item)
        return out

    def _name_pattern(self, node_id: str) -> re.Pattern[str] | None:
        """Any name of the node: Latin forms case-insensitively between word boundaries, Chinese ones exactly,
        the longest first."""
        if node_id not in self._names:
            n = self.g.nodes[node_id]
            forms = sorted({x for x in [n.name, n.name_zh, *n.aliases] if x and len(x.strip()) >= 2},
                           key=lambda x: (-len(x), x))
            alternatives = [re.escape(x) if HAN_RE.search(x) else rf"(?<![A-Za-z0-9]){re.escape(x)}(?![A-Za-z0-9])"
                            for x in forms]
            self._names[node_id] = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
        return self._names[node_id]

    def _focus(self, ends: list[str], text: str, fixed: list[list[int]] | None = None) -> list[list[int]]:
        """The words that support a fact in ``text``: the ``fixed`` spans (a curated fact's anchors) and one
        mention of each end that occurs, the mentions chosen to lie as close together (and to the anchors) as
        they can."""
        fixed = fixed or []
        options = []
        for nid in ends:
            rx = self._name_pattern(nid)
            spans = [[m.start(), m.end()] for m in rx.finditer(text)] if rx is not None else []
            if spans:
                options.append(spans)

        def spread(combo: tuple[list[int], ...]) -> tuple[int, int]:
            every = [*combo, *fixed]
            return max(b for _, b in every) - min(a for a, _ in every), combo[0][0]

        best = min(itertools.product(*options), key=spread) if options else ()
        return merge_spans([*best, *fixed])

    def _doc_text(self, doc: str) -> str | None:
        """The text of a corpus document, when the corpus folder holds the very file the graph was built from."""
        if doc not in self._texts:
            self._texts[doc] = None
            node = self.g.nodes.get(f"document:{doc}")
            folder = self.corpus
            if folder is None:
                from policykg.config import Settings

                try:
                    folder = Settings().corpus
                except PolicykgError:
                    return None
            if node is not None and node.properties.get("file"):
                try:
                    data = (folder / str(node.properties["file"])).read_bytes()
                except OSError:
                    return None
                if hashlib.sha256(data).hexdigest() == node.properties.get("sha256", ""):
                    self._texts[doc] = data.decode("utf-8-sig", errors="replace")
        return self._texts[doc]

    def _original(self, ev: Evidence, ends: list[str]) -> tuple[str, list[list[int]]] | None:
        """The sentence of the Chinese original paragraph that an English sentence translates: the one naming
        most of the edge's ends, and of those the one at the nearest place in its paragraph."""
        from policykg.sources.corpus import split_sentences  # --lang zh only: the build's modules stay out of a report
        text = self._doc_text(str(ev.doc))
        if text is None or ev.original is None or ev.start is None or ev.end is None:
            return None
        o0, o1 = ev.original
        para = text[o0:o1]
        line_start = text.rfind("\n", 0, ev.start) + 1
        line_end = text.find("\n", ev.start)
        line_end = len(text) if line_end < 0 else line_end
        place = ((ev.start + ev.end) / 2 - line_start) / max(1, line_end - line_start)
        best: tuple[tuple[int, float], str] | None = None
        for a, b in split_sentences(para):
            sentence = para[a:b]
            named = sum(1 for nid in ends if (rx := self._name_pattern(nid)) is not None and rx.search(sentence))
            score = (named, -abs((a + b) / 2 / max(1, len(para)) - place))
            if best is None or score > best[0]:
                best = (score, sentence)
        if best is None:
            return None
        return best[1], self._focus(ends, best[1])

    def _section_zh(self, doc: str, path: str) -> str:
        """A translated paper's section path in its Chinese headings (the line after each English heading)."""
        text = self._doc_text(doc) or ""
        titles = []
        for title in path.split(" > "):
            k = text.find("\n" + title.strip())
            after = text[text.find("\n", k + 1):].lstrip().split("\n", 1)[0].strip() if k >= 0 else ""
            titles.append(after if after and HAN_RE.search(after) and len(after) <= 80 else title)
        return " > ".join(titles)

    def administrations_of(self, measure: str) -> list[Node]:
        admins = {e.source for e in self.g.in_edges(measure) if e.type in ADMIN_RELS}
        return sorted((self.g.nodes[a] for a in admins), key=lambda n: n.properties.get("order", 99))

    def row(self, node: Node, node_ids: list[str], edge_ids: list[str], date_from: list[str] | None = None,
            **extra: Any) -> Row:
        """A report row; with ``date_from`` (the relation and node ids the row's ``date`` is read from, in the
        order the query reads them), the row says where its date comes from (``date_source``)."""
        if date_from is not None and extra.get("date"):
            extra["date_source"] = self.date_source(extra["date"], date_from)
        return {"id": node.id, "name": node.label(self.lang), "type": node.type, **extra,
                "path": self.path(node_ids, edge_ids), "evidence": self.evidence(edge_ids)}

    def date_of(self, item_ids: list[str]) -> Any:
        """The first date among the relations and nodes given (as the queries' coalesce reads them)."""
        for item_id in item_ids:
            item = self.g.edges.get(item_id) or self.g.nodes.get(item_id)
            if item is not None and item.properties.get("date"):
                return item.properties["date"]
        return None

    def date_source(self, value: Any, item_ids: list[str]) -> dict[str, Any] | None:
        """Where a printed date comes from, read from the statements of the first relation or node among
        ``item_ids`` whose date it is: ``kind`` "paper" (``papers`` state this very value), "reference" (no
        paper states it; ``reference`` names the source), "dataset" or "unstated"; ``less_precise``: papers that
        state the same date less precisely (2022 for 2022-10-07), ``other_values``: differing values and who
        gives them (the merged value was picked by the rule of README "Statements")."""
        item: Node | Edge | None = None
        for item_id in item_ids:
            found = self.g.edges.get(item_id) or self.g.nodes.get(item_id)
            if found is not None and found.properties.get("date") == value:
                item = found
                break
        if item is None:
            return None
        statements = item.statements_of("date")
        exact = [ev for st in statements if st.value == value for ev in st.evidence]
        papers = sorted({ev.doc for ev in exact if ev.doc})
        reference = sorted({ev.source for ev in exact if not ev.doc and ev.method == "reference" and ev.source})
        datasets = sorted({ev.source for ev in exact if not ev.doc and ev.method == "dataset" and ev.source})
        kind = "paper" if papers else "reference" if reference else "dataset" if datasets else "unstated"
        less: list[dict[str, Any]] = []
        other: list[dict[str, Any]] = []
        for st in sorted(statements, key=lambda st: str(st.value)):
            if st.value == value:
                continue
            if isinstance(st.value, str) and str(value).startswith(st.value):
                docs_of = sorted({ev.doc for ev in st.evidence if ev.doc})
                if docs_of:
                    less.append({"value": st.value, "papers": docs_of})
            elif not (isinstance(st.value, str) and st.value.startswith(str(value))):
                other.append({"value": st.value, "sources": st.sources()})
        out: dict[str, Any] = {"value": value, "kind": kind, "of": "relation" if isinstance(item, Edge) else "node",
                               "item": item.id, **({"relation": item.type} if isinstance(item, Edge) else {}),
                               "papers": papers, "reference": reference}
        if datasets:
            out["datasets"] = datasets
        if less:
            out["less_precise"] = less
        if other:
            out["other_values"] = other
        return out

    # ---------------------------------------------------------------------------------- reports
    def sector(self, sector: str) -> ReportResult:
        """Every measure or actor touching the sector's scope (see queries/measures_touching_sector.cypher):
        one row each, grouped by the administration behind it (or in office at its date), else its side."""
        s = self.resolve(sector, {"Sector", "IndustryChain", "ChainSegment"})
        result = ReportResult("sector", {"sector": sector}, self.t("Policies touching {x}", x=self.name(s.id)))
        rows = run_embedded(self.g, "measures_touching_sector", {"sector": s.id}, self.window)
        for q in rows:
            m = self.g.nodes[q["measure_id"]]
            group, order, attribution = self._sector_group(m)
            side = m.properties.get("side") or ("US" if group != "unattributed" and order < 50 else "")
            extra = {"attribution": attribution} if attribution else {}
            result.rows.append(self.row(m, q["path_ids"], q["path_rel_ids"], [m.id], group=group, group_order=order,
                                        date=q["date"], hops=q["hops"], side=side or None,
                                        relation=q["path_rels"][0], **extra))
        result.rows.sort(key=lambda r: (r["group_order"], r["group"], r["date"] is None, r["date"] or "", r["id"],
                                        r["hops"], [p.get("node", "") for p in r["path"]]))
        result.notes.extend(self._listed_in_sector(s.id))
        if not result.rows:
            mentions = len(run_embedded(self.g, "entity_mentions", {"entity": s.id}))
            result.empty_reason = self.t(
                "{x} is in the graph ({n} sections mention it) but no law, policy, instrument, programme, "
                "administration, agency, country or alliance touches it", x=self.name(s.id), n=mentions)
        return result

    def _sector_group(self, m: Node) -> tuple[str, int, str]:
        """(group, order, attribution): an administration acting itself; the administrations behind a measure;
        for a US measure no administration is linked to, the one in office at its date (said so); China's side;
        the other actors behind it; else its side."""
        china = self.t("China")
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
                    self.t("no administration named; dated within its term"))
        if behind:
            return " / ".join(a.label(self.lang) for a in behind), 60, ""
        return self.t(side) if side else self.t("unattributed"), 60, ""  # US, CN: the measure's side

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
        from policykg.query.screening import affiliates, listed_on

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
        return [self.t("listed parties tied to this sector through the papers' companies: {n} ({items})", n=total,
                       items=", ".join(f"{name} {n}" for name, n in sorted(counted, key=lambda x: (-x[1], x[0]))))]

    def administration(self, name: str) -> ReportResult:
        a = self.resolve(name, {"Administration"})
        result = ReportResult("administration", {"administration": name}, f"{self.name(a.id)}")
        result.notes.extend(self._administration_notes(a))
        mine = self._measures(a.id)
        for q in mine:
            m = self.g.nodes[q["measure_id"]]
            result.rows.append(self.row(m, [a.id, m.id], [q["rel_id"]], [q["rel_id"], m.id], relation=q["relation"],
                                        date=q["date"]))
        mine_ids = {q["measure_id"] for q in mine}
        for rel, label in (("in", "predecessor"), ("out", "successor")):
            edges = self.g.in_edges(a.id, "SUCCEEDED_BY") if rel == "in" else self.g.out_edges(a.id, "SUCCEEDED_BY")
            for e in edges:
                other = e.source if rel == "in" else e.target
                theirs = {q["measure_id"] for q in self._measures(other)}
                only_theirs = sorted(self.name(m) for m in theirs - mine_ids)
                shared = sorted(self.name(m) for m in theirs & mine_ids)
                only_mine = sorted(self.name(m) for m in mine_ids - theirs)
                sep = "、" if self.lang == "zh" else ", "
                result.notes.append(self.t(label + ": {x}", x=self.name(other)))
                for who, items in ((self.name(other), only_theirs), (None, shared), (self.name(a.id), only_mine)):
                    listed = sep.join(items) or "-"
                    result.notes.append(self.t("  both: {items}", items=listed) if who is None else
                                        self.t("  only {x}: {items}", x=who, items=listed))
        if not result.rows:
            result.empty_reason = self.t("no measure is linked to {x} in the graph", x=self.name(a.id))
        return result

    def _measures(self, admin_id: str) -> list[Row]:
        return run_embedded(self.g, "administration_measures", {"administration": admin_id}, self.window)

    def timeline(self) -> ReportResult:
        result = ReportResult("timeline", {}, self.t("US administrations and their measures, in order"))
        for q in run_embedded(self.g, "timeline", {}, self.window):
            a = self.g.nodes[q["administration_id"]]
            if q["measure_id"] is None:
                result.rows.append({"id": a.id, "name": a.label(self.lang), "type": a.type,
                                    "administration": a.label(self.lang), "position": q["position"],
                                    "term_start": q["term_start"], "term_end": q["term_end"], "relation": None,
                                    "date": None, "path": self.path([a.id], []), "evidence": []})
                continue
            m = self.g.nodes[q["measure_id"]]
            rel = next(e for e in self.g.out_edges(a.id) if e.target == m.id and e.type == q["relation"])
            result.rows.append(self.row(m, [a.id, m.id], [rel.id], [rel.id, m.id], administration=a.label(self.lang),
                                        position=q["position"], term_start=q["term_start"],
                                        term_end=q["term_end"], relation=q["relation"], date=q["date"]))
        if not result.rows:
            result.empty_reason = self.t("the graph holds no administration")
        return result

    def entity(self, name: str) -> ReportResult:
        n = self.resolve(name)
        result = ReportResult("entity", {"entity": name}, self.t("What involves {x} ({type})", x=self.name(n.id),
                                                                          type=self.type_name(n.type)))
        for q in run_embedded(self.g, "entity_relations", {"entity": n.id}, self.window):
            other = self.g.nodes[q["other_id"]]
            ids = [other.id, n.id] if q["direction"] == "in" else [n.id, other.id]
            dated = [q["rel_id"], other.id]
            status = self.response_status([q["rel_id"]]) if q["relation"] == "RESPONDS_TO" else {}
            result.rows.append(self.row(other, ids, [q["rel_id"]], dated, relation=q["relation"],
                                        direction=q["direction"], date=self.date_of(dated), docs=q["docs"], **status))
        # one hop further back: who enacted, runs or pursued the measures aimed at it
        for q in run_embedded(self.g, "measures_against_entity", {"entity": n.id}, self.window):
            actor = self.g.nodes[q["actor_id"]]
            result.rows.append(self.row(actor, [actor.id, q["measure_id"], n.id],
                                        [q["actor_rel_id"], q["measure_rel_id"]],
                                        relation=self.t("{a} {m}, which {b}", a=q["actor_relation"],
                                                        m=self.name(q["measure_id"]), b=q["measure_relation"]),
                                        direction="behind", docs=None))
        result.rows.extend(self._chain_rows(n))
        from policykg.query.screening import affiliates, listed_on

        for lst in listed_on(self.g, n.id):
            result.notes.append(self.t("listed itself on {name} ({code}) since {date}: {notices}", name=lst.list_name,
                                       code=lst.list_code, date=lst.date or "-",
                                       notices=", ".join(lst.citations) or self.t("no notice given")))
        listed = affiliates(self.g, n.id)
        if listed:
            result.notes.append(self.t("listed affiliates on the U.S. Consolidated Screening List: {n}", n=len(listed)))
            result.notes.extend(f"  {item}" for item in listed)
        mentions = run_embedded(self.g, "entity_mentions", {"entity": n.id})
        if mentions:
            per_doc: dict[str, int] = {}
            for m in mentions:
                per_doc[m["doc"]] = per_doc.get(m["doc"], 0) + int(m["mentions"] or 0)
            result.notes.append(self.t("mentioned in: {items}",
                                       items=", ".join(f"{d} ({c}×)" for d, c in sorted(per_doc.items()))))
        if not result.rows:
            result.empty_reason = self.t("{x} is in the graph but no policy relation involves it", x=self.name(n.id))
        return result

    def _chain_rows(self, n: Node) -> list[Row]:
        """Where an entity stands in an industry chain, for the entity report: a sector's or chain's segments in
        chain order, each with who leads it, what it depends on and what targets it (as ``report chain``); a
        segment's place among its chain's segments; a company's segments with their leaders and dependencies.
        Each row is grouped under its chain and segment, its path reaching the entity through the chain."""
        reach: list[tuple[str, list[str], list[str]]] = []  # (chain, nodes from the chain on to n, their edges)
        via: dict[str, str] = {}  # a company's relation to a segment (its path starts at the company)
        only: set[str] | None = None  # the segments whose relations are shown (None: all of the chain's)
        if n.type == "Sector":
            reach = [(e.source, [n.id], [e.id]) for e in self.g.in_edges(n.id, "CHAIN_OF")]
        elif n.type == "IndustryChain":
            reach = [(n.id, [], [])]
        elif n.type == "ChainSegment":
            reach = [(e.target, [], []) for e in self.g.out_edges(n.id, "PART_OF")
                     if self.g.nodes[e.target].type == "IndustryChain"]
            only = set()  # its own relations are the report's direct rows
        elif n.type == "Company":
            ins = sorted((e.target, e.id) for e in self.g.out_edges(n.id) if e.type in {"OPERATES_IN", "LEADS",
                         "SUPPLIES"} and self.g.nodes[e.target].type == "ChainSegment")
            via = {seg: edge for seg, edge in reversed(ins)}  # the company's first relation to each segment
            segments = set(via)
            only = segments
            reach = [(c, [], []) for c in sorted({e.target for s in segments for e in self.g.out_edges(s, "PART_OF")
                                                 if self.g.nodes[e.target].type == "IndustryChain"})]
        rows: list[Row] = []
        for chain, tail_nodes, tail_edges in reach:
            chain_name = self.name(chain)
            segs = run_embedded(self.g, "chain_segments", {"chain": chain}, self.window)
            rank = {sid: i for i, sid in enumerate(dict.fromkeys(q["segment_id"] for q in segs), 1)}
            for q in segs:
                seg = self.g.nodes[q["segment_id"]]
                if only is not None and seg.id not in only and n.type != "ChainSegment":
                    continue
                part = next(e for e in self.g.out_edges(seg.id, "PART_OF") if e.target == chain)
                group = self.t("industry chain {chain}, segment {pos} of {n}: {segment}", chain=chain_name,
                               pos=rank[seg.id], n=len(rank), segment=seg.label(self.lang))
                up = [seg.id, chain, *tail_nodes], [part.id, *tail_edges]
                if seg.id in via:
                    up = [n.id, *up[0]], [via[seg.id], *up[1]]
                rows.append(self.row(seg, up[0], up[1], relation="PART_OF", direction="chain", group=group,
                                     segment=seg.label(self.lang), position=q["position"]))
                if q["rel_id"] is None or seg.id == n.id or (only is not None and seg.id not in only):
                    continue
                other = self.g.nodes[q["other_id"]]
                if other.id == n.id:
                    continue
                ids = [seg.id, other.id] if q["direction"] == "out" else [other.id, seg.id]
                rows.append(self.row(other, ids, [q["rel_id"]], relation=q["relation"],
                                     direction="chain", group=group,
                                     segment=seg.label(self.lang), position=q["position"]))
        return rows

    def path_report(self, a: str, b: str) -> ReportResult:
        x, y = self.resolve(a), self.resolve(b)
        if x.id == y.id:
            raise PolicykgError(f"{a!r} and {b!r} are the same entity ({x.name}); give two different ones")
        result = ReportResult("path", {"source": a, "target": b},
                              self.t("Shortest connections between {a} and {b}", a=self.name(x.id), b=self.name(y.id)))
        for q in run_embedded(self.g, "shortest_paths", {"source": x.id, "target": y.id}, self.window):
            result.rows.append(self.row(y, q["path_ids"], q["path_rel_ids"], hops=q["hops"]))
        if not result.rows:
            result.empty_reason = self.t("no chain of policy relations of up to 6 hops links {a} and {b}",
                                         a=self.name(x.id), b=self.name(y.id))
        return result

    def chain(self, name: str) -> ReportResult:
        n = self.resolve(name, {"IndustryChain", "Sector"})
        chain = n
        if n.type == "Sector":
            chains = [self.g.nodes[e.source] for e in self.g.in_edges(n.id, "CHAIN_OF")]
            if not chains:
                raise NotFoundError(f"{n.name} has no industry chain in the graph")
            chain = chains[0]
        result = ReportResult("chain", {"chain": name}, self.t("Industry chain: {x}", x=self.name(chain.id)))
        for q in run_embedded(self.g, "chain_segments", {"chain": chain.id}, self.window):
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
                result.notes.append(self.t("chain of: {x}", x=self.name(e.target)))
        if not result.rows:
            result.empty_reason = self.t("{x} has no segments in the graph", x=self.name(chain.id))
        return result

    def response_status(self, edge_ids: list[str]) -> dict[str, Any]:
        """Whether the papers state a response as taken or only recommend it: ``status`` "recommended" when every
        evidence sentence of the relations recommends (see :func:`recommends`), "stated" when none does, else
        "stated and recommended"; ``recommended_by`` and ``stated_by`` name the documents; ``by_edge`` gives each
        relation's own status."""
        rec: set[str] = set()
        stated: set[str] = set()
        by_edge: dict[str, str] = {}
        for eid in edge_ids:
            e_rec = e_stated = False
            for ev in self.g.edges[eid].evidence:
                if recommends(ev):
                    e_rec = True
                    rec.add(ev.doc or ev.source or "")
                else:
                    e_stated = True
                    stated.add(ev.doc or ev.source or "")
            by_edge[eid] = _status(e_rec, e_stated)
        return {"status": _status(bool(rec), bool(stated)), "recommended_by": sorted(rec), "stated_by": sorted(stated),
                "by_edge": by_edge}

    def countermeasures(self) -> ReportResult:
        """Each response once, with the measures it answers; a response the papers only recommend says so
        (``status``), so a suggestion is not read as a measure taken."""
        result = ReportResult("countermeasures", {}, self.t("Measures and the responses set against them"))
        found = run_embedded(self.g, "countermeasures", {}, self.window)
        edges_of: dict[str, list[str]] = {}
        for q in found:
            edges_of.setdefault(q["response_id"], []).append(q["rel_id"])
        for q in found:
            r = self.g.nodes[q["response_id"]]
            dated = [q["rel_id"], q["response_id"]]
            result.rows.append(self.row(r, [q["response_id"], q["measure_id"]], [q["rel_id"]], dated,
                                        date=self.date_of(dated), measure=self.name(q["measure_id"]),
                                        measure_side=q["measure_side"], response_side=q["response_side"],
                                        **self.response_status(edges_of[q["response_id"]])))
        if not result.rows:
            result.empty_reason = self.t("no RESPONDS_TO relation in the graph")
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
                              self.t("{a} compared with {b}", a=self.name(a.id), b=self.name(b.id)))
        earlier, later = sorted((a, b), key=lambda n: int(n.properties.get("order", 99)))
        for n in (a, b):
            result.notes.extend(f"{self.name(n.id)}: {line}" for line in self._administration_notes(n))
        acts: dict[str, dict[str, list[Row]]] = {a.id: {}, b.id: {}}
        for n in (a, b):
            for q in self._measures(n.id):
                acts[n.id].setdefault(q["measure_id"], []).append(q)
        e_name, l_name = self.name(earlier.id), self.name(later.id)
        sections = [  # (label, order, test on the earlier's and the later's relations)
            (self.t("eased by {x}", x=l_name), 1, lambda e, lt: "EASES" in lt),
            (self.t("eased by {x}", x=e_name), 2, lambda e, lt: "EASES" in e),
            (self.t("continued: linked to both"), 3, lambda e, lt: bool(e & ADMIN_RELS) and bool(lt & ADMIN_RELS)),
            (self.t("added by {x}: not linked to {y}", x=l_name, y=e_name), 4, lambda e, lt: not e),
            (self.t("dropped by {x}: linked to {y} only", x=l_name, y=e_name), 5, lambda e, lt: not lt),
        ]
        for mid in sorted(set(acts[a.id]) | set(acts[b.id])):
            rels = {n.id: {q["relation"] for q in acts[n.id].get(mid, [])} for n in (a, b)}
            label, order = next(((lab, o) for lab, o, test in sections
                                 if test(rels[earlier.id], rels[later.id])), (self.t("other"), 9))
            m = self.g.nodes[mid]
            sides, paths, edge_ids = [], [], []
            for n in (a, b):
                mine = sorted(acts[n.id].get(mid, []), key=lambda q: q["relation"])
                sides.append({"administration": self.name(n.id), "id": n.id,
                              "relations": [{"relation": q["relation"], "date": q["date"]} for q in mine]})
                for q in mine:
                    paths.append(self.path([n.id, mid], [q["rel_id"]]))
                    edge_ids.append(q["rel_id"])
            date = m.properties.get("date")
            result.rows.append({"id": mid, "name": m.label(self.lang), "type": m.type, "group": label,
                                "group_order": order, "date": date,
                                **({"date_source": self.date_source(date, [mid])} if date else {}), "sides": sides,
                                "path": paths[0], "paths": paths, "evidence": self.evidence(edge_ids)})
        result.rows.sort(key=lambda r: (r["group_order"], r["date"] is None, str(r["date"] or ""), r["id"]))
        if result.rows:
            result.notes.append(self.t("sections compare the earlier ({x}) with the later ({y}); \"dropped\" means no "
                                       "relation to {y} in the graph, not that a paper says it ended", x=e_name,
                                       y=l_name))
        else:
            result.empty_reason = self.t("no measure is linked to {a} or {b} in the graph", a=self.name(a.id),
                                         b=self.name(b.id))
        return result

    def _administration_notes(self, a: Node) -> list[str]:
        props = a.properties
        out = []
        if props.get("term_start"):
            out.append(self.t("term: {a} – {b}", a=props.get("term_start"), b=props.get("term_end", "")))
        if props.get("characterisation"):
            by = sorted({ev.doc for ev in a.evidence if ev.field == "characterisation" and ev.doc})
            out.append(self.t("characterisation ({docs}): {text}", docs=", ".join(by),
                              text="; ".join(props["characterisation"])))
        return out

    def listings(self, country: str | None = None) -> ReportResult:
        """One row per party and list: the notice that added it, with the later notices as a property."""
        from policykg.query.screening import listings

        code = (country or "CN").upper()
        result = ReportResult("listings", {"country": code},
                              self.t("Parties listed from {code}, by list and the notice that added them", code=code))
        out = listings(self.g, country=code)
        years: dict[str, list[str]] = {}
        for _, lc, year, n in out.by_year():
            years.setdefault(lc, []).append(f"{year if year is not None else '?'}: {n}")
        biggest: dict[str, list[str]] = {}
        for _, lc, cite, year, n in sorted(out.notices(), key=lambda x: (-x[4], x[3] or 0, x[2])):
            if cite and len(biggest.setdefault(lc, [])) < 5:
                biggest[lc].append(f"{cite} ({year}): {n}")
        for c, lc, n in out.counts():
            result.notes.append(self.t("{c} · {lc}: {n} parties", c=c, lc=lc, n=n))
            if years.get(lc) and any(not y.startswith("?") for y in years[lc]):
                result.notes.append(self.t("    added by year: {items}", items=", ".join(years[lc])))
            if biggest.get(lc):
                result.notes.append(self.t("    largest adding notices: {items}", items="; ".join(biggest[lc])))
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
            result.empty_reason = (self.t("the graph holds no screening-list records; build with --screening-list "
                                          "FILE or set POLICYKG_SCREENING_LIST") if not any(True for _ in out.rows)
                                   and not _has_screening(self.g) else self.t("no listed party from {code}", code=code))
        return result


# Where a paper recommends rather than reports: its recommendations part (建议 "recommendations", 对策
# "countermeasures", 启示 "implications"; README "What the reports mean") or a sentence that says what should be done.
RECOMMENDATION_SECTION = re.compile(r"建议|对策|启示|recommendation|countermeasure|policy implication", re.IGNORECASE)
RECOMMENDATION_WORDS = re.compile(r"\b(?:should|ought to|recommend(?:s|ed)?)\b|应当|应该|建议", re.IGNORECASE)


def recommends(ev: Evidence) -> bool:
    """Whether an evidence sentence recommends (a paper's proposal) rather than reports what was done."""
    return bool(RECOMMENDATION_SECTION.search(ev.section or "") or RECOMMENDATION_WORDS.search(ev.text or ""))


def _status(recommended: bool, stated: bool) -> str:
    return "stated and recommended" if recommended and stated else "recommended" if recommended else "stated"


def _has_screening(graph: PolicyGraph) -> bool:
    return any(n.type == "Instrument" and n.properties.get("code") for n in graph.nodes.values())


REPORTS: dict[str, Callable[..., ReportResult]] = {}


# The canned reports and their parameters, in the order `policykg view REPORT ARGS…` takes them.
REPORT_ARGS: dict[str, tuple[str, ...]] = {
    "sector": ("sector",),
    "administration": ("administration",),
    "timeline": (),
    "entity": ("entity",),
    "path": ("source", "target"),
    "chain": ("chain",),
    "countermeasures": (),
    "listings": ("country",),
    "compare": ("a", "b"),
}


def run_report(graph: PolicyGraph, name: str, params: dict[str, str], lang: str = "en",
               corpus: Path | None = None, window: time.Window | None = None) -> ReportResult:
    """A canned report; ``corpus`` is the folder the graph was built from (for --lang zh, where a translated
    paper's evidence shows its Chinese original; default: the configured corpus). ``window``: the time filter
    (--as-of, --from, --to; see policykg.graph.time), applied by the library queries the report reads."""
    r = Reporter(graph, lang, corpus, window)
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
    unknown = sorted(set(params) - set(REPORT_ARGS[name]))
    if unknown:  # a misspelt parameter would otherwise be ignored and answer another question
        takes = ", ".join(REPORT_ARGS[name]) or "no parameters"
        raise PolicykgError(f"report {name} has no parameter {', '.join(unknown)} (it takes {takes})")
    try:
        result = table[name]()
    except KeyError as exc:
        raise PolicykgError(f"report {name} needs the parameter {exc.args[0]}") from None
    if name != "path":  # a path report lists paths; the others list measures or entities, each once
        result.rows = merge_rows(result.rows)
    if window is not None and window.active:
        _time_notes(r, result, window)
    result.lang = lang
    return result


def _time_notes(r: Reporter, result: ReportResult, window: time.Window) -> None:
    """What a time filter kept and left out, said in the report (never silently): the filter first, then the
    undated measures and acts it left out (the papers give no date for them)."""
    if result.report == "listings":  # screening-list rows: the date of the notice that added the party
        kept = [row for row in result.rows if window.status([(row.get("date"), None, True)]) == "kept"]
        undated = [row for row in result.rows if not row.get("date")]
        window.undated.update({row["id"]: row["name"] for row in undated})
        result.rows = kept
    result.params.update({k: v for k, v in window.params().items() if v is not None})
    shown = {row.get("id") for row in result.rows}
    names = []
    for item in sorted(window.undated):
        if item in shown:
            continue
        if item in r.g.edges:
            e = r.g.edges[item]
            names.append(f"{r.name(e.source)} {e.type} {r.name(e.target)}")
        elif item in r.g.nodes:
            names.append(r.name(item))
        else:
            names.append(window.undated[item])
    notes = [r.t("time: {x}; undated items are left out (README \"Time\")", x=r.describe(window))]
    if names:
        names = sorted(set(names))
        more = r.t(" (+{n} more)", n=len(names) - 8) if len(names) > 8 else ""
        notes.append(r.t("left out as undated (the papers give no date): {n}: {items}{more}", n=len(names),
                         items="; ".join(names[:8]), more=more))
    result.notes[:0] = notes
    if not result.rows and result.empty_reason:
        result.empty_reason = r.t("{reason}, {x}", reason=result.empty_reason, x=r.describe(window))
    elif not result.rows:
        result.empty_reason = r.t("nothing is known to be in force {x}", x=r.describe(window))


def merge_rows(rows: list[Row]) -> list[Row]:
    """One row per entity (within its group): the first row's fields, every path that reaches it in ``paths``,
    the evidence of all of them (each record once), and, where rows name a relation, every relation with its
    date in ``relations`` (a measure Trump 2.0 both continued and eased shows both)."""
    merged: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        key = (row["id"], row.get("group"), row.get("direction"), row.get("segment"), row.get("administration"))
        first = merged.get(key)
        new = first is None
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
        if row.get("by_edge") and not new:  # a response's status over all its merged relations
            by_edge = {**first.get("by_edge", {}), **row["by_edge"]}
            rec = sorted({*first.get("recommended_by", []), *row["recommended_by"]})
            stated = sorted({*first.get("stated_by", []), *row["stated_by"]})
            first.update(status=_status(bool(rec), bool(stated)), recommended_by=rec, stated_by=stated,
                         by_edge=by_edge)
        if row.get("date_source") and row["date_source"] not in first.setdefault("date_sources", []):
            first["date_sources"].append(row["date_source"])  # where each date the row's relations print comes from
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


def _window(text: str, marks: list[list[int]], width: int) -> str:
    """At most about ``width`` characters of ``text`` that keep every mark (the words naming a hop's two ends, a
    curated fact's anchors) in view: the whole text when it fits; else the stretch around the marks, "…" where
    text is left out; marks too far apart for one stretch get a stretch each, cut between words."""
    def squeeze(part: str) -> str:
        return " ".join(part.split())

    n = len(text)
    if len(squeeze(text)) <= width:
        return squeeze(text)
    spans = [(a, b) for a, b in merge_spans([[max(0, a), min(n, b)] for a, b in marks if a < b])]
    if not spans:
        return squeeze(text[: width - 1]) + "…"
    lo, hi = spans[0][0], spans[-1][1]
    room = width - 2  # an ellipsis either side
    if hi - lo <= room:
        a = max(0, min(lo - (room - (hi - lo)) // 2, n - room))
        pieces = [(a, min(n, a + room))]
    else:
        context = max(12, (room - sum(b - a for a, b in spans) - 3 * (len(spans) - 1)) // (2 * len(spans)))
        pieces = []
        for a, b in spans:
            a, b = _word_edge(text, max(0, a - context), -1), _word_edge(text, min(n, b + context), 1)
            if pieces and a <= pieces[-1][1] + 12:  # a short gap reads better than "…"
                pieces[-1] = (pieces[-1][0], b)
            else:
                pieces.append((a, b))
    return (("…" if pieces[0][0] else "") + " … ".join(squeeze(text[a:b]) for a, b in pieces)
            + ("…" if pieces[-1][1] < n else ""))


def _word_edge(text: str, k: int, step: int) -> int:
    """``k`` moved (back for -1, on for 1) to the nearest space within a word's length, so a cut in Latin text
    falls between words; Chinese text is cut where it is."""
    for d in range(12):
        j = k + step * d
        if j <= 0 or j >= len(text):
            return max(0, min(len(text), j))
        if text[j].isspace() or not text[j].isascii():
            return j + 1 if step < 0 and text[j].isspace() else j
    return k


def _anchor_spans(ev: Evidence, text: str) -> list[list[int]]:
    """Where the anchors of a curated fact (kept in its evidence's ``surface``) stand in its sentence."""
    if ev.method != "curated" or not ev.surface:
        return []
    low = text.casefold()
    spans = []
    for anchor in ev.surface.split(ANCHOR_SEPARATOR):
        k = low.find(anchor.casefold())
        if k >= 0 and len(low) == len(text):  # casefold kept the offsets
            spans.append([k, k + len(anchor)])
    return spans


def _evidence_lines(row: Row, per_edge: int, width: int, lang: str = "en") -> list[str]:
    """One line per sentence, labelled with every hop of the row's paths it proves and naming every stage
    that found it ("rule+curated"); up to ``per_edge`` sentences per hop, then "+N more" for that hop. A long
    sentence shows the window around the words naming each hop's ends; in Chinese, a translated paper's sentence
    shows its Chinese original, with the English below it."""
    hops = {step["edge"]: step["rel"] for path in row.get("paths", [row["path"]]) for step in path if "edge" in step}
    sentences: dict[tuple[Any, ...], dict[str, Any]] = {}
    for ev in row["evidence"]:
        key = (ev.get("doc"), ev.get("start"), ev.get("end"), ev.get("source"), ev.get("record"), ev.get("field"))
        seen = sentences.setdefault(key, {"ev": ev, "edges": [], "methods": [], "focus": [], "original_focus": []})
        if ev["edge"] not in seen["edges"]:
            seen["edges"].append(ev["edge"])
        if ev["method"] not in seen["methods"]:
            seen["methods"].append(ev["method"])
        for name in ("focus", "original_focus"):
            seen[name].extend(span for span in ev.get(name) or [] if span not in seen[name])
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
        section = ev.get("section_zh") if lang == "zh" and ev.get("section_zh") else ev.get("section", "")
        where = f"{ev['doc']} § {section}" if ev.get("doc") else " ".join(str(x) for x in record if x)
        text = _window(ev.get("text") or "", sentence["focus"], width)
        english = ""
        if lang == "zh" and ev.get("original_text"):
            text, english = _window(ev["original_text"], sentence["original_focus"], width), text
        # a relation read by the general patterns and not yet reviewed says so wherever it is shown
        mark = _label(lang, " (recommends)") if sentence["ev"].get("recommends") else ""
        if "proposed" in sentence["methods"]:
            mark += _label(lang, " (proposed {c}, not reviewed)", c=f"{ev.get('confidence', 0):.2f}")
        out.append(f"[{labels}] [{where}]{mark} {text}".rstrip())
        if english:
            out.append(_label(lang, "  English: {text}", text=english))
    for e, n in total.items():
        if n > shown.get(e, 0):
            out.append(_label(lang, "[{rel}] … +{n} more", rel=hops.get(e, "relation"), n=n - shown.get(e, 0)))
    return out


def _date_text(source: dict[str, Any], lang: str = "en") -> str:
    """Where a printed date comes from: "stated by cai2026", or "reference fact (its source), not stated by the
    papers", with the papers that state it less precisely and the sources that give another value."""
    sep = "、" if lang == "zh" else ", "
    kind = source.get("kind")
    if kind == "paper":
        text = _label(lang, "stated by {docs}", docs=sep.join(source["papers"]))
    elif kind == "reference":
        text = _label(lang, "reference fact ({sources}), not stated by the papers",
                      sources="; ".join(source["reference"]))
    elif kind == "dataset":
        text = _label(lang, "from the dataset ({sources})", sources="; ".join(source.get("datasets", [])))
    else:
        text = _label(lang, "no source recorded")
    for item in source.get("less_precise", []):
        text += _label(lang, "; less precisely {value} in {docs}", docs=sep.join(item["papers"]), value=item["value"])
    for item in source.get("other_values", []):
        text += _label(lang, "; {value} according to {sources}", sources="; ".join(item["sources"]),
                       value=item["value"])
    return text


def _date_lines(row: Row, lang: str = "en") -> list[str]:
    """One line for each date the row prints (its own, and a relation's that differs), saying where it comes
    from; a date read from a relation names it ("date 2017-12 [ENACTED]")."""
    sources = [row["date_source"]] if row.get("date_source") else []
    sources += [src for src in row.get("date_sources") or [] if src["value"] != row.get("date")]
    out = []
    for src in sources:
        which = f" [{src['relation']}]" if src.get("relation") else ""
        line = _label(lang, "date {value}{which}: {source}", value=src["value"], which=which,
                      source=_date_text(src, lang))
        if line not in out:
            out.append(line)
    return out


def _status_text(row: Row, lang: str = "en") -> str:
    """Whether the papers report a response as taken or only recommend it."""
    sep = "、" if lang == "zh" else ", "
    rec, stated = sep.join(row.get("recommended_by", [])), sep.join(row.get("stated_by", []))
    if row["status"] == "recommended":
        return _label(lang, "status: recommended by {docs}, a paper's proposal, not a measure it reports as taken",
                      docs=rec)
    if row["status"] == "stated":
        return _label(lang, "status: stated as taken by {docs}", docs=stated)
    return _label(lang, "status: stated as taken by {stated}; recommended by {rec}", stated=stated, rec=rec)


def _path_status(row: Row, path: list[dict[str, Any]], lang: str = "en") -> str:
    statuses = [row["by_edge"][step["edge"]] for step in path if step.get("edge") in row.get("by_edge", {})]
    return "".join(f" [{_label(lang, status)}]" for status in dict.fromkeys(statuses))


def _label(lang: str, template: str, **values: Any) -> str:
    return (ZH.get(template, template) if lang == "zh" else template).format(**values)


def _type(lang: str, node_type: str) -> str:
    return TYPE_ZH.get(node_type, node_type) if lang == "zh" else node_type


def render_text(result: ReportResult, per_edge: int = 2, width: int = 150) -> str:
    lang = result.lang
    lines = [result.title, "=" * min(len(result.title) * 2, 80)]
    lines += result.notes
    if result.notes:
        lines.append("")
    if not result.rows:
        lines.append(_label(lang, "Nothing found: {reason}", reason=result.empty_reason))
        return "\n".join(lines) + "\n"
    group = None
    for row in result.rows:
        g = row.get("group") or row.get("administration") or row.get("segment")
        if g is not None and g != group:
            group = g
            lines.append(f"\n## {g}")
        date = f" ({row['date']})" if row.get("date") else ""
        notice = _label(lang, " added by {x}", x=row["notice"]) if row.get("notice") else ""
        acts = _relations_text(row) if result.report in RELATION_REPORTS else ""
        lines.append(f"- {row['name']} [{_type(lang, row['type'])}]{date}{notice}{acts}")
        if row.get("attribution"):
            lines.append(f"    ({row['attribution']})")
        lines.extend(f"    {line}" for line in _date_lines(row, lang))
        if row.get("status"):
            lines.append(f"    {_status_text(row, lang)}")
        if row.get("sides"):
            sides = (f"{side['administration']}: {_acts_text(side['relations'], row.get('date'))}"
                     for side in row["sides"])
            lines.append("    " + " | ".join(sides))
        paths = row.get("paths", [row["path"]])
        for path in paths[:3]:
            lines.append(_label(lang, "    path: {x}", x=_path_text(path)) + _path_status(row, path, lang))
        if len(paths) > 3:
            lines.append(_label(lang, "    … +{n} more paths", n=len(paths) - 3))
        for ev in _evidence_lines(row, per_edge, width, lang):
            lines.append(f"      {ev}")
    lines.append(_label(lang, "\n{n} row(s)", n=len(result.rows)))
    return "\n".join(lines) + "\n"


def render_markdown(result: ReportResult, per_edge: int = 2, width: int = 200) -> str:
    lang = result.lang
    lines = [f"# {result.title}", ""]
    lines += [f"- {n}" for n in result.notes]
    if result.notes:
        lines.append("")
    if not result.rows:
        lines.append("_" + _label(lang, "Nothing found: {reason}", reason=result.empty_reason) + "_")
        return "\n".join(lines) + "\n"
    lines += [_label(lang, "| # | name | type | date | path | evidence |"), "|---|---|---|---|---|---|"]
    for i, row in enumerate(result.rows, 1):
        ev = "<br>".join(x.replace("|", "\\|") for x in _evidence_lines(row, per_edge, width, lang))
        date = "<br>".join([str(row.get("date") or ""), *_date_lines(row, lang)]).replace("|", "\\|")
        name = row["name"] + (f"<br>{_status_text(row, lang)}" if row.get("status") else "")
        lines.append(f"| {i} | {name} | {_type(lang, row['type'])} | {date} | "
                     f"{_path_text(row['path']).replace('|', '/')} | {ev} |")
    return "\n".join(lines) + "\n"


def render_json(result: ReportResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n"


def edge_docs(edge: Edge) -> list[str]:
    return docs(edge)


# ------------------------------------------------------------------------------------------- language

# Titles, section labels, notes and column labels in Chinese (--lang zh), keyed by their English template. Names
# come from the graph (name_zh where present); relation types stay the schema's (CONCERNS, EASES …), as in Cypher.
ZH: dict[str, str] = {
    # titles
    "Policies touching {x}": "涉及{x}的政策与措施",
    "US administrations and their measures, in order": "美国历届政府及其措施(按先后顺序)",
    "What involves {x} ({type})": "与{x}({type})相关的措施与关系",
    "Shortest connections between {a} and {b}": "{a}与{b}之间的最短关联",
    "Industry chain: {x}": "产业链:{x}",
    "Measures and the responses set against them": "措施及针对它们的应对",
    "{a} compared with {b}": "{a}与{b}对比",
    "Parties listed from {code}, by list and the notice that added them": "{code}被列入清单的实体(按清单及列入公告)",
    # groups and sections
    "China": "中国",
    "unattributed": "未归属",
    "US": "美国",
    "CN": "中国",
    "no administration named; dated within its term": "未指明政府;日期在其任期内",
    "eased by {x}": "{x}放宽",
    "continued: linked to both": "延续:两届政府均有关联",
    "added by {x}: not linked to {y}": "{x}新增:与{y}无关联",
    "dropped by {x}: linked to {y} only": "{x}未再关联:仅与{y}有关联",
    "other": "其他",
    # notes
    "term: {a} – {b}": "任期:{a} – {b}",
    "characterisation ({docs}): {text}": "定性({docs}):{text}",
    "predecessor: {x}": "前任:{x}",
    "successor: {x}": "继任:{x}",
    "  only {x}: {items}": "  仅{x}:{items}",
    "  both: {items}": "  两者皆有:{items}",
    "mentioned in: {items}": "提及于:{items}",
    "chain of: {x}": "所属产业:{x}",
    "industry chain {chain}, segment {pos} of {n}: {segment}": "{chain}第{pos}/{n}环节:{segment}",
    "{a} {m}, which {b}": "{a} {m},该措施 {b}",
    "listed parties tied to this sector through the papers' companies: {n} ({items})":
        "经文献所述企业与该产业相关的被列名实体:{n}({items})",
    "sections compare the earlier ({x}) with the later ({y}); \"dropped\" means no relation to {y} in the graph, "
    "not that a paper says it ended": "各部分以较早的{x}对照较晚的{y};“未再关联”指图中没有与{y}的关系,并非文献称其终止",
    # screening list
    "listed itself on {name} ({code}) since {date}: {notices}": "本身列于{name}({code}),自{date}起:{notices}",
    "no notice given": "未给出公告",
    "listed affiliates on the U.S. Consolidated Screening List: {n}": "列于美国综合筛查清单的关联方:{n}",
    "{c} · {lc}: {n} parties": "{c} · {lc}:{n}个实体",
    "    added by year: {items}": "    按年份列入:{items}",
    "    largest adding notices: {items}": "    列入最多的公告:{items}",
    "the graph holds no screening-list records; build with --screening-list FILE or set POLICYKG_SCREENING_LIST":
        "图中没有筛查清单记录;请用 --screening-list FILE 构建,或设置 POLICYKG_SCREENING_LIST",
    "no listed party from {code}": "没有来自{code}的被列名实体",
    # empty answers
    "Nothing found: {reason}": "未找到:{reason}",
    "{x} is in the graph ({n} sections mention it) but no law, policy, instrument, programme, administration, "
    "agency, country or alliance touches it":
        "{x}在图中({n}个章节提及),但没有法律、政策、工具、计划、政府、机构、国家或联盟涉及它",
    "no measure is linked to {x} in the graph": "图中没有与{x}关联的措施",
    "the graph holds no administration": "图中没有任何政府",
    "{x} is in the graph but no policy relation involves it": "{x}在图中,但没有政策关系涉及它",
    "no chain of policy relations of up to 6 hops links {a} and {b}": "{a}与{b}之间没有6步以内的政策关系链",
    "{x} has no segments in the graph": "{x}在图中没有环节",
    "no RESPONDS_TO relation in the graph": "图中没有RESPONDS_TO(应对)关系",
    "no measure is linked to {a} or {b} in the graph": "图中没有与{a}或{b}关联的措施",
    # time (--as-of, --from, --to)
    "time: {x}; undated items are left out (README \"Time\")": "时间:{x};未注明日期的条目不计入",
    "left out as undated (the papers give no date): {n}: {items}{more}": "因文献未给出日期而未计入:{n}项:{items}{more}",
    " (+{n} more)": "(另有{n}项)",
    "as of {x}": "截至{x}",
    "changed from {a} to {b}": "{a}至{b}间有变化",
    "the beginning": "最早",
    "today": "今",
    "{reason}, {x}": "{reason}({x})",
    "nothing is known to be in force {x}": "{x}时没有已知生效的条目",
    # where a date comes from
    "stated by {docs}": "见于{docs}",
    "reference fact ({sources}), not stated by the papers": "参考事实({sources}),文献未载",
    "from the dataset ({sources})": "来自数据集({sources})",
    "no source recorded": "未记录来源",
    "; less precisely {value} in {docs}": ";{docs}仅称{value}",
    "; {value} according to {sources}": ";{sources}作{value}",
    "date {value}{which}: {source}": "日期{value}{which}:{source}",
    # a response the papers report or only recommend
    "status: recommended by {docs}, a paper's proposal, not a measure it reports as taken":
        "状态:{docs}提出的建议,并非文献所述已采取的措施",
    "status: stated as taken by {docs}": "状态:{docs}所述已采取",
    "status: stated as taken by {stated}; recommended by {rec}": "状态:{stated}所述已采取;{rec}建议",
    "recommended": "建议",
    "stated": "已述",
    "stated and recommended": "已述且建议",
    " (recommends)": "(建议)",
    # rendering
    "    path: {x}": "    路径:{x}",
    "    … +{n} more paths": "    … 另有{n}条路径",
    "[{rel}] … +{n} more": "[{rel}] … 另有{n}条",
    "\n{n} row(s)": "\n共{n}行",
    " added by {x}": "(列入依据:{x})",
    " (proposed {c}, not reviewed)": "(自动提出 {c},未审核)",
    "  English: {text}": "  英译:{text}",
    "| # | name | type | date | path | evidence |": "| # | 名称 | 类型 | 日期 | 路径 | 证据 |",
}

TYPE_ZH: dict[str, str] = {
    "Administration": "政府", "Country": "国家/地区", "Agency": "机构", "Person": "人物", "Law": "法律",
    "Policy": "政策", "Instrument": "政策工具", "Programme": "计划", "Company": "企业", "Organization": "组织",
    "Sector": "产业/技术", "IndustryChain": "产业链", "ChainSegment": "产业链环节", "Document": "文献",
    "Section": "章节", "Vessel": "船舶", "Aircraft": "航空器",
}
