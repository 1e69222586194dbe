"""Score the built graph against the gold set in tests/gold/ (an independent reading of each paper).

* Entity recall: a gold entity counts as found when its surface form resolves to a node that the paper
  mentions (a MENTIONS edge from one of its sections); the type agreement is reported beside it.
* Relation recall: a gold relation is found when the graph has an edge of an accepted type between the two
  resolved nodes, in the gold direction, with evidence from that paper. PART_OF is transitive: a gold
  "A part of C" is also found through "A part of B part of C" (or "A part of the chain of C") when the paper
  attests both hops.
* Relation precision: the graph's relation edges with evidence from a paper (lexical and reference edges
  excluded) are judged against that paper's gold: correct when they match a gold relation, wrong when they
  match a gold negative or connect a gold-annotated pair with another type or direction; the rest are
  unjudged. Precision = correct / (correct + wrong); the lower bound correct / all is printed too.
* Answers: each gold question runs its report; every must_include name must appear in the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError, NotFoundError, PolicykgError, Problem
from policykg.extract.gazetteer import Gazetteer, normalize_name
from policykg.graph.model import PolicyGraph
from policykg.query.reports import run_report, touched_nodes
from policykg.yamlio import load_yaml, strip_lines, where

NON_RELATIONS = {"MENTIONS", "HAS_SECTION"}
# PURSUED (a measure sits in an administration's section) is the general form of these three; an edge that
# says PURSUED where the gold says the administration enacted the measure is not wrong, only less specific.
SPECIFIC_OF_PURSUED = ("ENACTED", "LAUNCHED", "CONTINUED")
# Relations between two parties that read the same either way (schema/schema.yaml describes each as "Two …"): an
# edge in either direction matches a gold relation, a gold negative, in either direction.
SYMMETRIC = frozenset({"ALLIED_WITH", "COMPETES_WITH", "COOPERATES_WITH"})


def _either_way(triple: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    s, typ, t = triple
    return [triple, (t, typ, s)] if typ in SYMMETRIC else [triple]


@dataclass
class Tally:
    hit: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += int(ok)

    def __str__(self) -> str:
        return f"{self.ratio:.3f} ({self.hit}/{self.total})"


@dataclass
class EvalResult:
    entity_recall: Tally = field(default_factory=Tally)
    entity_type_agreement: Tally = field(default_factory=Tally)
    relation_recall: Tally = field(default_factory=Tally)
    precision_judged: Tally = field(default_factory=Tally)  # hit=correct, total=correct+wrong
    predicted: int = 0
    answers: Tally = field(default_factory=Tally)
    per_doc: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    per_type: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision_lower_bound(self) -> float:
        return self.precision_judged.hit / self.predicted if self.predicted else 0.0


class GoldResolver:
    """Gold surface forms to node ids, honouring per-document aliases."""

    def __init__(self, graph: PolicyGraph, gaz: Gazetteer):
        self.graph = graph
        self.gaz = gaz

    def resolve(self, name: str, doc: str) -> str | None:
        found = [e for e in self.gaz.lookup(name) if e.id in self.graph.nodes]
        if len(found) > 1:
            key = normalize_name(name)
            scoped = [e for e in found if any(normalize_name(n) == key for n in e.doc_aliases.get(doc, []))]
            found = scoped or found
        return found[0].id if len(found) == 1 else None


def mentioned_by_doc(graph: PolicyGraph) -> dict[str, set[str]]:
    """Document id -> the node ids its sections mention."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges.values():
        if e.type == "MENTIONS":
            mentioned[str(graph.nodes[e.source].properties.get("doc"))].add(e.target)
    return mentioned


def relations_by_doc(graph: PolicyGraph) -> dict[str, list[Any]]:
    """Document id -> the relation edges with evidence from it (lexical and reference-only edges left out)."""
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for e in graph.edges.values():
        if e.type in NON_RELATIONS or e.stages == ["reference"]:
            continue
        for d in sorted({ev.doc for ev in e.evidence if ev.doc}):
            by_doc[d].append(e)
    return by_doc


def evaluate(graph: PolicyGraph, gaz: Gazetteer, gold_dir: Path) -> EvalResult:
    files = sorted(gold_dir.glob("*.yaml"))
    if not files:
        raise InputError([Problem(str(gold_dir), "no gold files (*.yaml)")])
    res = EvalResult()
    resolver = GoldResolver(graph, gaz)
    mentioned = mentioned_by_doc(graph)
    by_doc_edges = relations_by_doc(graph)
    for path in files:
        gold = load_yaml(path)
        if not isinstance(gold, dict) or "doc" not in gold:
            raise InputError([Problem(str(path), "a gold file needs 'doc:'")])
        doc = str(gold["doc"])
        _entities(res, resolver, graph, gold, doc, mentioned[doc], path)
        judged_pairs, gold_triples = _relations(res, resolver, graph, gold, doc, path)
        negatives = set()
        for item in gold.get("negatives") or []:
            s, t = resolver.resolve(str(item["source"]), doc), resolver.resolve(str(item["target"]), doc)
            if s and t:
                for typ in str(item["type"]).split("|"):
                    negatives.add((s, typ, t))
        for e in by_doc_edges.get(doc, []):
            res.predicted += 1
            res.per_doc[doc]["predicted"].add(True)
            triple = (e.source, e.type, e.target)
            if e.type == "PURSUED" and any((e.source, t, e.target) in gold_triples for t in SPECIFIC_OF_PURSUED):
                triple = next((e.source, t, e.target) for t in SPECIFIC_OF_PURSUED
                              if (e.source, t, e.target) in gold_triples)
            if any(x in gold_triples for x in _either_way(triple)):
                verdict: bool | None = True
            elif any(x in negatives for x in _either_way(triple)) or frozenset((e.source, e.target)) in judged_pairs:
                verdict = False
            else:
                verdict = None
            if verdict is not None:
                res.precision_judged.add(verdict)
                res.per_doc[doc]["precision"].add(verdict)
                res.per_type[e.type]["precision"].add(verdict)
                if not verdict:
                    res.wrong.append(f"{doc}: {graph.nodes[e.source].name} -[{e.type}]-> "
                                     f"{graph.nodes[e.target].name} ({'+'.join(e.stages)})")
        for item in gold.get("answers") or []:
            _answer(res, resolver, graph, item, doc, path)
    return res


def _entities(res: EvalResult, resolver: GoldResolver, graph: PolicyGraph, gold: dict[str, Any], doc: str,
              mentioned: set[str], path: Path) -> None:
    for item in gold.get("entities") or []:
        name, typ = str(item["name"]), str(item.get("type", ""))
        nid = resolver.resolve(name, doc)
        ok = nid is not None and nid in mentioned
        res.entity_recall.add(ok)
        res.per_doc[doc]["entities"].add(ok)
        if ok and nid is not None:
            res.entity_type_agreement.add(graph.nodes[nid].type == typ)
        else:
            res.misses.append(f"{doc}: entity {name} ({typ}) " + ("not in gazetteer" if nid is None else
                                                                 "not mentioned") + f" [{where(path, item)}]")


def _relations(res: EvalResult, resolver: GoldResolver, graph: PolicyGraph, gold: dict[str, Any], doc: str,
               path: Path) -> tuple[set[frozenset[str]], set[tuple[str, str, str]]]:
    pairs: set[frozenset[str]] = set()
    triples: set[tuple[str, str, str]] = set()
    for item in gold.get("relations") or []:
        types = str(item["type"]).split("|")
        s, t = resolver.resolve(str(item["source"]), doc), resolver.resolve(str(item["target"]), doc)
        ok = False
        if s and t:
            pairs.add(frozenset((s, t)))
            for typ in types:
                triples.add((s, typ, t))
            for e in graph.out_edges(s):
                if e.target == t and e.type in types and any(ev.doc == doc for ev in e.evidence):
                    ok = True
            for e in graph.out_edges(t):  # a symmetric relation stored the other way round
                if e.target == s and e.type in types and e.type in SYMMETRIC and \
                        any(ev.doc == doc for ev in e.evidence):
                    ok = True
            if not ok and "PART_OF" in types:
                ok = _part_of_via(graph, s, t, doc)
        res.relation_recall.add(ok)
        res.per_doc[doc]["relations"].add(ok)
        for typ in types[:1]:
            res.per_type[typ]["recall"].add(ok)
        if not ok:
            why = "unresolved " + ", ".join(n for n, x in ((item["source"], s), (item["target"], t)) if not x) \
                if not (s and t) else "no edge"
            res.misses.append(f"{doc}: {item['source']} -[{item['type']}]-> {item['target']} ({why}) "
                              f"[{where(path, item)}]")
    return pairs, triples


def _part_of_via(graph: PolicyGraph, s: str, t: str, doc: str) -> bool:
    """s PART_OF x PART_OF t, or s PART_OF a chain that is CHAIN_OF t, both hops attested by ``doc``."""
    def attested(e: Any) -> bool:
        return any(ev.doc == doc for ev in e.evidence)

    return any(attested(e) and any(f.target == t and f.type in {"PART_OF", "CHAIN_OF"} and attested(f)
                                   for f in graph.out_edges(e.target))
               for e in graph.out_edges(s, "PART_OF"))


def _answer(res: EvalResult, resolver: GoldResolver, graph: PolicyGraph, item: dict[str, Any], doc: str,
            path: Path) -> None:
    item = strip_lines(item)
    report, param = str(item["report"]), str(item.get("param", ""))
    key = {"sector": "sector", "administration": "administration", "entity": "entity", "chain": "chain"}.get(report)
    params = {key: param} if key else {}
    try:
        touched = touched_nodes(run_report(graph, report, params))
    except (NotFoundError, PolicykgError) as exc:
        touched = set()
        res.misses.append(f"{doc}: answer '{item['question']}': {exc}")
    for name in item.get("must_include") or []:
        nid = resolver.resolve(str(name), doc)
        ok = nid is not None and nid in touched
        res.answers.add(ok)
        res.per_doc[doc]["answers"].add(ok)
        if not ok:
            res.misses.append(f"{doc}: answer '{item['question']}' lacks {name}")


def format_result(res: EvalResult, show: int = 30) -> str:
    lines = [
        f"entity recall        {res.entity_recall}   (type agreement {res.entity_type_agreement})",
        f"relation recall      {res.relation_recall}",
        f"relation precision   {res.precision_judged}   on judged edges; lower bound "
        f"{res.precision_lower_bound:.3f} over all {res.predicted} predicted edge-document pairs",
        f"answers              {res.answers}",
        "",
        "per document:        entities        relations       precision       answers",
    ]
    for doc, t in sorted(res.per_doc.items()):
        lines.append(f"  {doc:<18} {t['entities']!s:<15} {t['relations']!s:<15} {t['precision']!s:<15} "
                     f"{t['answers']!s}")
    lines.append("per relation type:   recall          precision")
    for typ, t in sorted(res.per_type.items()):
        lines.append(f"  {typ:<18} {t['recall']!s:<15} {t['precision']!s}")
    if res.misses:
        lines.append(f"\nmisses ({len(res.misses)}):")
        lines += [f"  - {m}" for m in res.misses[:show]]
        if len(res.misses) > show:
            lines.append(f"  … {len(res.misses) - show} more (--show N)")
    if res.wrong:
        lines.append(f"\nwrong edges ({len(res.wrong)}):")
        lines += [f"  - {m}" for m in res.wrong[:show]]
    return "\n".join(lines)
