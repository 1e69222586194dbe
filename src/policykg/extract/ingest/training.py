"""Labelled data for the proposal scorer: the curated assertions of the corpus (sentence by sentence), and
optionally keyed document sets (a folder with sources.yaml, the documents and keys/, as tests/devset)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from policykg.config import Settings
from policykg.errors import InputError, Problem
from policykg.extract.gazetteer import Gazetteer, normalize_name
from policykg.extract.ingest.devscore import load_key
from policykg.extract.ingest.proposals import known_pairs, relation_prior
from policykg.extract.ingest.scorer import Example, Scorer
from policykg.extract.ingest.stage import run_proposals, training_set
from policykg.extract.stages import Corpus
from policykg.graph.build import Prepared, prepare

KEYED_WEIGHT = 3.0
# A text the project never saw names firms, bodies, people, programmes, measures and laws the gazetteer's library
# has never heard of (its countries, agencies and sectors it mostly knows). The library grew with the development
# set, so in the devset those names are known and in a new text they are candidates: read as a new text, a keyed
# document keeps only the library's entries of the other types, and its proposals are examples too, so that the
# scorer learns what a candidate's pair looks like (grouped cross-validation with the library's names unknown:
# 1383 -> 1428 related pairs at precision .65/.70/.75, AP 0.628 -> 0.637; with them known, unchanged).
NEW_TEXT_UNKNOWN = frozenset({"Company", "Organization", "Person", "Programme", "Policy", "Instrument", "Law"})


def curated_examples(settings: Settings, keyed: list[Path] | None = None) -> tuple[
        list[Example], dict[tuple[str, str], tuple[str, bool]]]:
    """The curated assertions' sentences as labelled proposals, and the usual relation between two node types
    (counted over the curated assertions and the relations of the keyed sets' keys)."""
    pre = prepare(settings)
    findings = [(f.source, f.type, f.target) for f in pre.curated]
    types = {e.id: e.type for e in pre.gaz.entities.values()}
    for ts, rel, td in key_prior(keyed or []):
        findings.append((f"type:{ts}", rel, f"type:{td}"))
        types[f"type:{ts}"], types[f"type:{td}"] = ts, td
    prior = relation_prior(findings, types)
    prior.known = known_pairs(known_in_keys(keyed or [], pre.gaz))
    run = run_proposals(pre.docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, Scorer(), prior)
    return training_set(run, pre.curated), prior


def as_new_text(pre: Prepared) -> Prepared:
    """The documents read as a text the project never saw: the gazetteer without its library's entries of the
    NEW_TEXT_UNKNOWN types (their names are then found as candidates, or not at all), mentions found anew."""
    gaz = Gazetteer([e for e in pre.gaz.entities.values() if not (e.library and e.type in NEW_TEXT_UNKNOWN)])
    mentions = [m for d in pre.docs for m in gaz.find_mentions(d)]
    return replace(pre, gaz=gaz, corpus=Corpus(pre.docs, mentions))


def _key_names(ent: dict[str, Any]) -> list[str]:
    """A key entity's name and its aliases."""
    return [str(ent["name"]), *[str(a) for a in ent.get("aliases") or []]]


def _known_ids(names: list[str], gaz: Gazetteer, doc: str) -> set[str]:
    """The gazetteer entities any of these names is a name of in document ``doc`` (an entity's doc_aliases in other
    documents left out: a key's 商务部 is MOFCOM, never the U.S. department that gu2022 calls so)."""
    return {e.id for n in names for e in gaz.lookup_in(n, doc)}


def keyed_examples(settings: Settings, set_dir: Path, prior: dict[tuple[str, str], tuple[str, bool]],
                   new_text: bool = False) -> tuple[list[Example], list[tuple[str, str, str]]]:
    """Every proposal in a keyed document, labelled by its key: positive when the key states that relation (type
    and direction) between the two names; ``related`` says whether the key relates the two at all, which is
    what the threshold is chosen on. Also returns the key relations as typed triples, for the relation prior.
    ``new_text``: the documents read as new texts (as_new_text); their pairs are slots of their own, and each
    document stays one group with its usual reading (cross-validation leaves both out together)."""
    keys = sorted((set_dir / "keys").glob("*.yaml"))
    if not keys:
        raise InputError([Problem(str(set_dir), "no keys/*.yaml", "a keyed set holds sources.yaml, documents, keys/")])
    pre = prepare(replace(settings, corpus=set_dir))
    if new_text:
        pre = as_new_text(pre)
    run = run_proposals(pre.docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, Scorer(), prior)
    examples: list[Example] = []
    typed: list[tuple[str, str, str]] = []
    for path in keys:
        key = load_key(path)
        doc = str(key["doc"])
        refs: dict[str, set[str]] = {}
        kinds: dict[str, str] = {}
        for ent in key.get("entities") or []:
            names = _key_names(ent)
            found = _known_ids(names, pre.gaz, doc)
            # a candidate that is another form of a known entity is proposed under that entity's id
            found |= {c.node or c.key for c in run.candidates.get(doc, []) for n in names
                      if normalize_name(n) in {c.key, *(normalize_name(a) for a in c.aliases)}}
            refs[str(ent["name"])] = found
            kinds[str(ent["name"])] = str(ent.get("type"))
        truth: set[tuple[str, str, str]] = set()
        for r in key.get("relations") or []:
            for s in refs.get(str(r["source"]), set()):
                for t in refs.get(str(r["target"]), set()):
                    truth.add((s, str(r["type"]), t))
            typed.append((str(r["source"]), str(r["type"]), str(r["target"])))
        pairs = {frozenset((s, t)) for s, _, t in truth}
        for p in run.proposals:
            if p.doc == doc:
                slot = f"{'new|' if new_text else ''}{doc}|{'|'.join(sorted((p.source.ref, p.target.ref)))}"
                related = int(frozenset((p.source.ref, p.target.ref)) in pairs)
                examples.append(Example(doc, p.features, int(p.key in truth), weight=KEYED_WEIGHT, keyed=True,
                                        slot=slot, related=related))
    return examples, typed


def known_in_keys(set_dirs: list[Path], gaz: Gazetteer) -> list[tuple[str, list[str], list[tuple[str, str, str]]]]:
    """For each keyed document: its id, the gazetteer ids of the names its key lists (a name that is one known
    entity), and its key's relations between them (for proposals.known_pairs)."""
    out = []
    for d in set_dirs:
        for path in sorted((d / "keys").glob("*.yaml")):
            key = load_key(path)
            ids: dict[str, str] = {}
            for ent in key.get("entities") or []:
                found = _known_ids(_key_names(ent), gaz, str(key["doc"]))
                if len(found) == 1:
                    ids[str(ent["name"])] = found.pop()
            rels = [(ids[str(r["source"])], str(r["type"]), ids[str(r["target"])]) for r in key.get("relations") or []
                    if str(r["source"]) in ids and str(r["target"]) in ids]
            out.append((str(key["doc"]), sorted(set(ids.values())), rels))
    return out


def key_prior(set_dirs: list[Path]) -> list[tuple[str, str, str]]:
    """(source type, relation, target type) of every keyed relation, for the co-occurrence prior."""
    out = []
    for d in set_dirs:
        for path in sorted((d / "keys").glob("*.yaml")):
            key = load_key(path)
            types = {str(e["name"]): str(e.get("type")) for e in key.get("entities") or []}
            out += [(types[str(r["source"])], str(r["type"]), types[str(r["target"])])
                    for r in key.get("relations") or [] if str(r["source"]) in types and str(r["target"]) in types]
    return out


__all__ = ["as_new_text", "curated_examples", "key_prior", "keyed_examples", "known_in_keys", "relation_prior"]
