"""The proposal stage of the build: candidates and relation proposals for every document, scored; those above
the threshold, in documents no curator has reviewed, enter the graph with stage ``proposed``; the rest wait
for ``policykg review``. The full list (with each proposal's status) is kept with the graph for
``policykg proposals``."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policykg.errors import InputError, Problem
from policykg.extract.gazetteer import Gazetteer
from policykg.extract.ingest.candidates import Candidate, find_candidates
from policykg.extract.ingest.patterns import Patterns
from policykg.extract.ingest.proposals import Item, Proposal, proposal_evidence, propose_document, relation_prior
from policykg.extract.ingest.scorer import Example, Scorer, labelled_examples
from policykg.extract.stages import Corpus, Finding, Rule
from policykg.graph.model import Evidence, Node, PolicyGraph, Rejection
from policykg.graph.schema import Schema
from policykg.graph.store import Packed, Packer, deflate_segment, encode_item
from policykg.sources.corpus import Document
from policykg.yamlio import load_yaml, strip_lines, where


def candidate_id(c: Candidate) -> str:
    return "c:" + hashlib.sha1(f"{c.type}|{c.key}".encode()).hexdigest()[:12]


@dataclass
class Decisions:
    """What the user decided in review: rejected proposal ids (accepted ones live on as loader entries)."""

    rejected: dict[str, str] = field(default_factory=dict)  # id -> note
    path: Path | None = None


def load_decisions(path: Path) -> Decisions:
    if not path.is_file():
        return Decisions(path=path)
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("rejected", []), list):
        raise InputError([Problem(str(path), "expected 'rejected:' as a list of {id, what}",
                                  "fix the file or delete it to forget the decisions")])
    out = Decisions(path=path)
    for item in raw.get("rejected") or []:
        if not isinstance(item, dict) or not str(item.get("id", "")).startswith(("p:", "c:")):
            raise InputError([Problem(where(path, item), "each rejected entry needs an id (p:… or c:…)")])
        out.rejected[str(item["id"])] = str(strip_lines(item).get("what", ""))
    return out


@dataclass
class DocPlaced:
    """Proposals as placed (of one document, or of several), in the listing's order, with their listing items
    made ahead: four pieces each (``pieces``, read only when asked for), around the ends' node ids and the
    status. ``block`` and ``keep``: the items as listed, compressed (``deflate_segment``), kept for a digest of
    the ids and statuses they were listed with: a rebuild splices in a block that is unchanged."""

    placed: list[Placed]
    pieces: Callable[[], list[bytes]]
    block: Callable[[str], bytes | None] = lambda digest: None
    keep: Callable[[str, bytes], None] = lambda digest, data: None


@dataclass
class ProposalRun:
    candidates: dict[str, list[Candidate]]
    proposals: list[Proposal]
    blocked: list[str]
    # a document's proposals as placed, read when asked for (then ``proposals`` is empty): the build places them
    # a document at a time, and no more than one document's are held at once
    of_document: Callable[[str], DocPlaced] | None = None

    def documents(self, corpus: Corpus) -> Iterator[DocPlaced]:
        """The proposals as placed, a document at a time in the order of document ids (or all at once)."""
        if self.of_document is None:
            placed, pieces = placements(self.proposals, corpus)
            yield DocPlaced(placed, lambda: pieces)
            return
        for doc_id in sorted(self.candidates):
            yield self.of_document(doc_id)


def run_proposals(docs: list[Document], corpus: Corpus, gaz: Gazetteer, rules: list[Rule], schema: Schema,
                  pat: Patterns, scorer: Scorer, prior: dict[tuple[str, str], tuple[str, bool]]) -> ProposalRun:
    by_doc: dict[str, list[Any]] = {}
    for m in corpus.mentions:
        by_doc.setdefault(m.doc, []).append(m)
    candidates = {d.id: find_candidates(d, by_doc.get(d.id, []), gaz, pat) for d in docs}
    blocked: list[str] = []
    proposals: list[Proposal] = []
    for d in docs:
        proposals += propose_document(d, corpus, gaz, candidates[d.id], rules, schema, pat, prior, blocked)
    for p, c in zip(proposals, scorer.score_all(proposals), strict=True):
        p.confidence = c
    return ProposalRun(candidates, proposals, blocked)


def curated_truth(findings: list[Finding]) -> dict[tuple[str, int], set[tuple[str, str, str]]]:
    truth: dict[tuple[str, int], set[tuple[str, str, str]]] = {}
    for f in findings:
        for ev in f.evidence:
            if ev.doc is not None and ev.start is not None:
                truth.setdefault((ev.doc, ev.start), set()).add((f.source, f.type, f.target))
    return truth


def training_set(run: ProposalRun, curated: list[Finding]) -> list[Example]:
    return labelled_examples(run.proposals, curated_truth(curated))


def prior_from(curated: list[Finding], gaz: Gazetteer) -> dict[tuple[str, str], tuple[str, bool]]:
    types = {e.id: e.type for e in gaz.entities.values()}
    return relation_prior(((f.source, f.type, f.target) for f in curated), types)


def apply_proposals(graph: PolicyGraph, corpus: Corpus, run: ProposalRun, threshold: float, decisions: Decisions,
                    reviewed: set[str], scorer: str | None = None) -> Packed:
    """Put the proposals above ``threshold`` of unreviewed documents into the graph; return the listing (with
    ``scorer`` last when given), made an item at a time as the cache stores it (a large corpus has ~600
    relation proposals per document, each with its evidence)."""
    cand_by_key: dict[str, Candidate] = {}
    first_occurrence: dict[str, dict[str, Any]] = {}  # key -> doc -> its first occurrence there (one pass)
    # every document's other names of one name (第18号公告 in the notice itself, not in a news story citing it)
    aliases: dict[str, list[str]] = {}
    for doc_id in sorted(run.candidates):
        for c in run.candidates[doc_id]:
            prev = cand_by_key.get(c.key)
            if prev is None or (prev.type is None and c.type is not None):
                cand_by_key[c.key] = c
            names = aliases.setdefault(c.key, [])
            names += [a for a in c.aliases if a not in names]
            for o in c.occurrences:
                first_occurrence.setdefault(c.key, {}).setdefault(o.doc, o)
    for key, c in cand_by_key.items():
        if aliases[key] != c.aliases:
            cand_by_key[key] = replace(c, aliases=aliases[key])

    listing = Packer()
    listing.add("threshold", threshold)
    listing.begin_list("entities")
    for key in sorted(cand_by_key, key=lambda k: (cand_by_key[k].occurrences[0].doc, k)):
        c = cand_by_key[key]
        occ_docs = sorted(first_occurrence.get(key, {}))
        evidence = []
        for doc_id in occ_docs:
            occ = first_occurrence[key][doc_id]
            s = corpus.docs[doc_id].sentences[occ.sentence]
            evidence.append(corpus.evidence(s, "proposed", c.confidence, rule=c.reason, surface=occ.surface))
        cid = candidate_id(c)
        status = "rejected" if cid in decisions.rejected else "known" if c.node is not None else (
            "in graph" if c.type and c.confidence >= threshold and set(occ_docs) - reviewed else "pending")
        if status == "in graph":
            _add_candidate_node(graph, c, evidence)
        listing.item({"id": cid, "node": c.node or (c.id if c.type else None), "name": c.name, "type": c.type,
                      "aliases": c.aliases, "confidence": round(c.confidence, 3), "reason": c.reason,
                      "status": status, "docs": occ_docs, "evidence": [e.to_json() for e in evidence]})
    listing.end_list()
    listing.begin_list("relations")
    # an edge the curated assertions or the rules made is known (no proposal is placed before this loop)
    known = {(e.source, e.type, e.target) for e in graph.edges.values()}
    for dp in run.documents(corpus):
        listed: list[tuple[str, str, str]] = []  # each proposal's ends' node ids and status, as listed
        for q in dp.placed:
            src = cand_by_key[q.source].id if q.source_candidate else q.source
            dst = cand_by_key[q.target].id if q.target_candidate else q.target
            enters = q.best and q.doc not in reviewed and q.confidence >= threshold
            if q.id in decisions.rejected:
                status = "rejected"
            elif (src, q.type, dst) in known:
                status = "known"
                if enters:
                    # a new document states a relation the graph knows: its sentence is more evidence for the
                    # edge (method `proposed`, with the confidence), and the edge keeps its own stages
                    graph.corroborate(src, q.type, dst, [q.evidence(corpus)])
            elif enters:
                status = "in graph"
                ev = q.evidence(corpus)
                for ref, key, is_candidate in ((src, q.source, q.source_candidate),
                                               (dst, q.target, q.target_candidate)):
                    if is_candidate and ref not in graph.nodes:
                        _add_candidate_node(graph, cand_by_key[key],
                                            [ev.model_copy(update={"field": "named in a proposed relation"})])
                graph.add_edge(src, q.type, dst, [ev], "proposed", where=q.where(corpus))
            else:
                status = "pending"
            listed.append((src, dst, status))
        if listed:
            digest = hashlib.sha256("\x00".join(f"{a}\x01{b}\x01{c}" for a, b, c in listed).encode()).hexdigest()
            block = dp.block(digest)
            if block is None:
                pieces = dp.pieces()
                block = deflate_segment(b",".join(
                    b"".join((pieces[4 * i], _quoted(a), pieces[4 * i + 1], _quoted(b), pieces[4 * i + 2],
                              _quoted(c), pieces[4 * i + 3])) for i, (a, b, c) in enumerate(listed)))
                dp.keep(digest, block)
            listing.items_segment(block, len(listed))
        del dp, listed
    listing.end_list()
    for b in run.blocked:
        where_, what = b.split(": ", 1)
        fact, reason = what.rsplit(": ", 1)
        graph.rejected.append(Rejection("proposed", fact, f"{reason} in the sentence", where_))
    listing.add("blocked", run.blocked)
    if scorer is not None:
        listing.add("scorer", scorer)
    return listing.close()


_SOURCE, _TARGET, _STATUS = "\x00source\x00", "\x00target\x00", "\x00status\x00"
_MARKS = [json.dumps(mark, ensure_ascii=False).encode() for mark in (_SOURCE, _TARGET, _STATUS)]


@dataclass(slots=True)
class Placed:
    """A scored proposal as the build places it: its ends (a candidate's by its key: which node a candidate
    becomes is known only when every document's candidates are), whether it is the best reading of its pair in
    its sentence, and the sentence (its index in the document) with the reading's reason, which make its
    evidence. All of it depends on the document alone, so the per-document cache keeps it."""

    id: str
    source: str
    source_candidate: bool
    type: str
    target: str
    target_candidate: bool
    doc: str
    confidence: float
    best: bool
    sentence: int
    reason: str

    def evidence(self, corpus: Corpus) -> Evidence:
        s = corpus.docs[self.doc].sentences[self.sentence]
        return corpus.evidence(s, "proposed", round(self.confidence, 3), rule=self.reason)

    def where(self, corpus: Corpus) -> str:
        return f"{self.doc}@{corpus.docs[self.doc].sentences[self.sentence].start} {self.reason}"

    def to_row(self) -> list[Any]:
        return [self.id, self.source, self.source_candidate, self.type, self.target, self.target_candidate,
                self.doc, self.confidence, self.best, self.sentence, self.reason]

    @classmethod
    def from_row(cls, row: list[Any]) -> Placed:
        return cls(*row)


@functools.lru_cache(maxsize=65536)
def _quoted(text: str) -> bytes:
    return json.dumps(text, ensure_ascii=False).encode()


def placements(proposals: list[Proposal], corpus: Corpus) -> tuple[list[Placed], list[bytes]]:
    """The proposals (of one document, or of several) as they are placed, in the listing's order, and the pieces
    of their listing items (four each: see DocPlaced). One relation per pair of names in a sentence: the scorer
    says whether the two are related, the evidence which way (a pattern's or a structure's reading before a
    relation word's, before the usual one)."""
    best: dict[tuple[str, int, frozenset[str]], Proposal] = {}
    related: dict[tuple[str, int, frozenset[str]], float] = {}  # how sure the scorer is that the two are related
    for p in proposals:
        slot = _slot(p)
        if slot not in best or best_reading(p) > best_reading(best[slot]):
            best[slot] = p
        related[slot] = max(related.get(slot, 0.0), p.confidence)
    for slot, p in best.items():
        p.confidence = related[slot]  # the best reading carries how sure the scorer is of the pair
    out, pieces = [], []
    for p in sorted(proposals, key=lambda p: (p.doc, p.sentence.start, p.source.start, p.target.start, p.type)):
        ev = proposal_evidence(corpus, p)
        listed = encode_item({
            "id": p.id, "source": _end(p, p.source, _SOURCE), "type": p.type, "target": _end(p, p.target, _TARGET),
            "confidence": round(p.confidence, 3), "reason": p.reason, "status": _STATUS, "doc": p.doc,
            "evidence": [ev.to_json()]})
        for mark in _MARKS:
            head, sep, listed = listed.partition(mark)
            if not sep or mark in listed:
                raise ValueError(f"proposal {p.id}: its text holds a reserved mark")
            pieces.append(head)
        pieces.append(listed)
        out.append(Placed(p.id, p.source.ref, p.source.candidate, p.type, p.target.ref, p.target.candidate, p.doc,
                          p.confidence, best[_slot(p)] is p, p.sentence.index, p.reason))
    return out, pieces


def _slot(p: Proposal) -> tuple[str, int, frozenset[str]]:
    return (p.doc, p.sentence.start, frozenset((p.source.ref, p.target.ref)))


def best_reading(p: Proposal) -> tuple[int, float, str]:
    return (_RANK[p.kind], p.confidence, p.type)


_RANK = {"cooccur": 0, "lexicon": 1, "structure": 2, "pattern": 3}


def _end(p: Proposal, item: Item, ref: str) -> dict[str, Any]:
    """One end of a proposed relation: its node id, name and type, and the words of the sentence that name it."""
    return {"id": ref, "name": item.name, "type": item.type, "candidate": item.candidate,
            "surface": p.sentence.text[item.start:item.end]}


def _add_candidate_node(graph: PolicyGraph, c: Candidate, evidence: list[Evidence]) -> None:
    if c.type is None or c.id in graph.nodes:
        return
    graph.add_node(Node(id=c.id, type=c.type, name=c.name, aliases=sorted(set(c.aliases)),
                        evidence=evidence))
