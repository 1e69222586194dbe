"""Scoring extraction on documents the loaders were never written for: a folder that is a corpus of its own
(sources.yaml + the documents) with one key per document in keys/ (entities, relations, negatives).

* Entity recall: a key entity is found when one of its names is a node the document mentions (gazetteer)
  or an entity candidate of that document (any status, typed or not).
* Relation pairs: the graph's relation edges with evidence from the document (every stage, the proposals
  that entered the graph included). A key relation's pair is found when an edge joins its two entities, in
  either direction and of any type; typed recall asks for the key's type and direction too. Precision is
  closed-world: an edge is right when its pair is a key pair, wrong otherwise. Contradicted: edges equal to
  a key negative. Of the wrong edges, those the gazetteer itself records (a known agency's or company's
  country: "Tokyo Electron BELONGS_TO Japan", which a key writer may leave out) are counted apart as
  "recorded", so a reader can tell a key's silence from an error; precision does not count them right.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError, Problem
from policykg.extract.gazetteer import normalize_name
from policykg.graph.evaluate import mentioned_by_doc, relations_by_doc
from policykg.graph.model import PolicyGraph
from policykg.yamlio import load_yaml, where


@dataclass
class DocScore:
    doc: str
    entities: tuple[int, int] = (0, 0)
    pairs: tuple[int, int] = (0, 0)
    typed: tuple[int, int] = (0, 0)
    correct: int = 0
    predicted: int = 0
    contradicted: int = 0
    recorded: int = 0  # wrong edges the gazetteer records (a known entity's own country)
    missed_entities: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0


def _ratio(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1] if pair[1] else 0.0


def score_set(graph: PolicyGraph, keys_dir: Path) -> list[DocScore]:
    files = sorted(keys_dir.glob("*.yaml"))
    if not files:
        raise InputError([Problem(str(keys_dir), "no keys (*.yaml)", "write one key per document in keys/")])
    index: dict[str, set[str]] = defaultdict(set)
    for node in graph.nodes.values():
        if node.type in {"Document", "Section"}:
            continue
        for name in [node.name, node.name_zh, *node.aliases]:
            if name:
                index[normalize_name(name)].add(node.id)
    mentioned = mentioned_by_doc(graph)
    listing = graph.meta.get("proposals", {})
    cand_names: dict[str, set[str]] = defaultdict(set)
    for ent in listing.get("entities", []):
        for d in ent["docs"]:
            for name in [ent["name"], *ent["aliases"]]:
                cand_names[d].add(normalize_name(name))
            if ent.get("node"):
                mentioned[d].add(ent["node"])
        if ent.get("status") == "known" and ent.get("node"):  # 美光（Micron）, 新思科技公司: a known node's other name
            for name in [ent["name"], *ent["aliases"]]:
                index[normalize_name(name)].add(ent["node"])
    edges_by_doc = relations_by_doc(graph)
    out = []
    for path in files:
        key = load_key(path)
        out.append(_score_doc(graph, path, key, index, mentioned, cand_names, edges_by_doc))
    return out


def load_key(path: Path) -> dict[str, Any]:
    """A key file, checked: 'doc:', entities with a name, relations with source, type and target. A field with
    no value is refused: in a flow mapping an unquoted comma splits a name ({name: Acme Co., Ltd., ...} reads as
    the name "Acme Co." and an empty field "Ltd."), which would silently score the wrong name."""
    key = load_yaml(path)
    if not isinstance(key, dict) or "doc" not in key:
        raise InputError([Problem(str(path), "a key needs 'doc:'", "name the document id")])
    for part, needed in (("entities", ("name",)), ("relations", ("source", "type", "target"))):
        for i, item in enumerate(key.get(part) or []):
            at = f"{path}: {part}[{i}]"
            if not isinstance(item, dict) or any(not item.get(f) for f in needed):
                raise InputError([Problem(at, f"an item of {part} needs {', '.join(needed)}", "complete it")])
            empty = [f for f, v in item.items() if v is None]
            if empty:
                raise InputError([Problem(at, f"field {empty[0]!r} has no value (an unquoted comma in a name?)",
                                          "put the name in double quotes")])
    return key


def _score_doc(graph: PolicyGraph, path: Path, key: dict[str, Any], index: dict[str, set[str]],
               mentioned: dict[str, set[str]], cand_names: dict[str, set[str]],
               edges_by_doc: dict[str, list[Any]]) -> DocScore:
    doc = str(key["doc"])
    res = DocScore(doc)
    ids_of: dict[str, set[str]] = {}
    found = 0
    entities = key.get("entities") or []
    for ent in entities:
        names = [str(ent["name"]), *[str(a) for a in ent.get("aliases") or []]]
        ids = set().union(*(index.get(normalize_name(n), set()) for n in names))
        ids_of[str(ent["name"])] = ids
        hit = bool(ids & mentioned[doc]) or any(normalize_name(n) in cand_names[doc] for n in names)
        found += hit
        if not hit:
            res.missed_entities.append(f"{ent['name']} ({ent.get('type')})")
    res.entities = (found, len(entities))
    owner: dict[str, str] = {}
    for name, ids in ids_of.items():
        for i in ids:
            owner.setdefault(i, name)
    rels = key.get("relations") or []
    pairs = {}
    typed = set()
    for r in rels:
        rs, rt = str(r["source"]), str(r["target"])
        if rs not in ids_of or rt not in ids_of:
            raise InputError([Problem(where(path, r), f"relation end {rs if rs not in ids_of else rt!r} is not a "
                                                      "key entity", "use a name from the key's entities")])
        pairs[frozenset((rs, rt))] = r
        typed.add((rs, str(r["type"]), rt))
    negatives = {(str(r["source"]), str(r["type"]), str(r["target"])) for r in key.get("negatives") or []}
    got_pairs: set[frozenset[str]] = set()
    got_typed: set[tuple[str, str, str]] = set()
    for e in edges_by_doc.get(doc, []):
        s, t = owner.get(e.source), owner.get(e.target)
        res.predicted += 1
        label = f"{graph.nodes[e.source].name} -[{e.type}]-> {graph.nodes[e.target].name} ({'+'.join(e.stages)})"
        if s is not None and t is not None and frozenset((s, t)) in pairs:
            res.correct += 1
            got_pairs.add(frozenset((s, t)))
            got_typed.add((s, e.type, t))
        elif _recorded(graph, e.source, e.type, e.target):
            res.recorded += 1
            res.wrong.append(label + " [the gazetteer records it]")
        else:
            res.wrong.append(label)
        if s is not None and t is not None and (s, e.type, t) in negatives:
            res.contradicted += 1
            res.wrong.append("contradicts the key: " + label)
    res.pairs = (len(got_pairs & set(pairs)), len(pairs))
    res.typed = (len(got_typed & typed), len(typed))
    res.missed_relations = [f"{r['source']} -[{r['type']}]-> {r['target']}" for p, r in pairs.items()
                            if p not in got_pairs]
    return res


def _recorded(graph: PolicyGraph, source: str, rel: str, target: str) -> bool:
    """An edge the gazetteer states on its own: a known entity's country (its ``country`` code is the target's
    ``iso2``)."""
    if rel != "BELONGS_TO":
        return False
    code = graph.nodes[source].properties.get("country")
    return bool(code) and graph.nodes[target].type == "Country" and \
        graph.nodes[target].properties.get("iso2") == code


def format_scores(scores: list[DocScore], show: int = 10) -> str:
    lines = [f"{'document':<22}{'entities':>16}{'pairs recall':>18}{'typed recall':>18}{'precision':>18}"
             f"{'contradicted':>14}"]
    tot = DocScore("total")
    for s in scores:
        lines.append(f"{s.doc:<22}{_fmt(s.entities):>16}{_fmt(s.pairs):>18}{_fmt(s.typed):>18}"
                     f"{_fmt((s.correct, s.predicted)):>18}{s.contradicted:>14}")
        tot.entities = (tot.entities[0] + s.entities[0], tot.entities[1] + s.entities[1])
        tot.pairs = (tot.pairs[0] + s.pairs[0], tot.pairs[1] + s.pairs[1])
        tot.typed = (tot.typed[0] + s.typed[0], tot.typed[1] + s.typed[1])
        tot.correct += s.correct
        tot.predicted += s.predicted
        tot.contradicted += s.contradicted
        tot.recorded += s.recorded
    lines.append(f"{'all':<22}{_fmt(tot.entities):>16}{_fmt(tot.pairs):>18}{_fmt(tot.typed):>18}"
                 f"{_fmt((tot.correct, tot.predicted)):>18}{tot.contradicted:>14}")
    if tot.recorded:
        lines.append(f"of the {tot.predicted - tot.correct} edges no key lists, {tot.recorded} are what the gazetteer "
                     f"records (a known entity's country); counting those right, precision would be "
                     f"{_fmt((tot.correct + tot.recorded, tot.predicted))}")
    if show:
        for s in scores:
            lines.append(f"\n{s.doc}:")
            lines += [f"  missed entity: {m}" for m in s.missed_entities[:show]]
            lines += [f"  missed relation: {m}" for m in s.missed_relations[:show]]
            lines += [f"  wrong: {m}" for m in s.wrong[:show]]
    return "\n".join(lines)


def _fmt(pair: tuple[int, int]) -> str:
    return f"{_ratio(pair):.3f} ({pair[0]}/{pair[1]})"
