"""The proposal stage of the build: candidates and relation proposals for every document, scored; those above
the threshold, in documents no curator has reviewed, enter the graph with stage ``proposed``; the rest wait
for ``policykg review``. The full list (with each proposal's status) is kept with the graph for
``policykg proposals``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from policykg.graph.store import Packed, Packer
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
class ProposalRun:
    candidates: dict[str, list[Candidate]]
    proposals: list[Proposal]
    blocked: list[str]
    # a document's proposals, made or read when asked for (then ``proposals`` is empty): the build places them
    # a document at a time, and no more than one document's are held at once
    of_document: Callable[[str], list[Proposal]] | None = None

    def documents(self) -> Iterator[list[Proposal]]:
        """The proposals, a document at a time in the order of document ids (or all at once)."""
        if self.of_document is None:
            yield self.proposals
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
    for p in proposals:
        p.confidence = scorer.score(p)
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
    for doc_id in sorted(run.candidates):
        for c in run.candidates[doc_id]:
            prev = cand_by_key.get(c.key)
            if prev is None or (prev.type is None and c.type is not None):
                cand_by_key[c.key] = c
            for o in c.occurrences:
                first_occurrence.setdefault(c.key, {}).setdefault(o.doc, o)

    def node_ref(item: Item) -> str:
        return cand_by_key[item.ref].id if item.candidate else item.ref

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
            evidence.append(corpus.evidence(s, "proposed", c.confidence, rule=c.reason).model_copy(
                update={"surface": occ.surface}))
        cid = candidate_id(c)
        status = "rejected" if cid in decisions.rejected else (
            "in graph" if c.type and c.confidence >= threshold and set(occ_docs) - reviewed else "pending")
        if status == "in graph":
            _add_candidate_node(graph, c, evidence)
        listing.item({"id": cid, "node": c.id if c.type else None, "name": c.name, "type": c.type,
                      "aliases": c.aliases, "confidence": round(c.confidence, 3), "reason": c.reason,
                      "status": status, "docs": occ_docs, "evidence": [e.to_json() for e in evidence]})
    listing.end_list()
    listing.begin_list("relations")
    # (a slot names its document: a document's proposals are placed apart from the others' as they were together)
    for proposals in run.documents():
        # one relation per pair of names in a sentence: the scorer says whether the two are related, the
        # evidence which way: a pattern's or a structure's reading before a relation word's, before the usual one
        best: dict[tuple[str, int, frozenset[str]], Proposal] = {}
        related: dict[tuple[str, int, frozenset[str]], float] = {}  # how sure the scorer is that the two are related
        for p in proposals:
            slot = _slot(p)
            if slot not in best or best_reading(p) > best_reading(best[slot]):
                best[slot] = p
            related[slot] = max(related.get(slot, 0.0), p.confidence)
        for slot, p in best.items():
            p.confidence = related[slot]  # the best reading carries how sure the scorer is of the pair
        for p in sorted(proposals, key=lambda p: (p.doc, p.sentence.start, p.source.start, p.target.start, p.type)):
            src, dst = node_ref(p.source), node_ref(p.target)
            ev = proposal_evidence(corpus, p)
            existing = graph.edges.get(_edge_id(src, p.type, dst))
            if p.id in decisions.rejected:
                status = "rejected"
            elif existing is not None and set(existing.stages) - {"proposed"}:
                status = "known"
            elif p.doc not in reviewed and best[_slot(p)] is p and p.confidence >= threshold:
                status = "in graph"
                for item, ref in ((p.source, src), (p.target, dst)):
                    if item.candidate and ref not in graph.nodes:
                        c = cand_by_key[item.ref]
                        _add_candidate_node(graph, c, [ev.model_copy(update={"field": "named in a proposed relation"})])
                graph.add_edge(src, p.type, dst, [ev], "proposed", where=f"{p.doc}@{p.sentence.start} {p.reason}")
            else:
                status = "pending"
            listing.item({
                "id": p.id, "source": _end(p, p.source, src), "type": p.type, "target": _end(p, p.target, dst),
                "confidence": round(p.confidence, 3), "reason": p.reason, "status": status, "doc": p.doc,
                "evidence": [ev.to_json()]})
        del proposals, best, related
    listing.end_list()
    for b in run.blocked:
        where_, what = b.split(": ", 1)
        fact, reason = what.rsplit(": ", 1)
        graph.rejected.append(Rejection("proposed", fact, f"{reason} in the sentence", where_))
    listing.add("blocked", run.blocked)
    if scorer is not None:
        listing.add("scorer", scorer)
    return listing.close()


def _slot(p: Proposal) -> tuple[str, int, frozenset[str]]:
    return (p.doc, p.sentence.start, frozenset((p.source.ref, p.target.ref)))


def best_reading(p: Proposal) -> tuple[int, float, str]:
    return (_RANK[p.kind], p.confidence, p.type)


_RANK = {"cooccur": 0, "lexicon": 1, "structure": 2, "pattern": 3}


def _end(p: Proposal, item: Item, ref: str) -> dict[str, Any]:
    """One end of a proposed relation: its node id, name and type, and the words of the sentence that name it."""
    return {"id": ref, "name": item.name, "type": item.type, "candidate": item.candidate,
            "surface": p.sentence.text[item.start:item.end]}


def _edge_id(src: str, rel: str, dst: str) -> str:
    from policykg.graph.model import edge_id

    return edge_id(src, rel, dst)


def _add_candidate_node(graph: PolicyGraph, c: Candidate, evidence: list[Evidence]) -> None:
    if c.type is None or c.id in graph.nodes:
        return
    graph.add_node(Node(id=c.id, type=c.type, name=c.name, aliases=sorted(set(c.aliases)),
                        evidence=evidence))
