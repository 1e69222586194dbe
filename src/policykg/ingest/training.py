"""Labelled data for the proposal scorer: the curated assertions of the corpus (sentence by sentence), and
optionally keyed document sets (a folder with sources.yaml, the documents and keys/, as tests/devset)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..build import prepare
from ..config import Settings
from ..errors import InputError, Problem
from ..gazetteer import normalize_name
from ..yamlio import load_yaml
from .proposals import relation_prior
from .scorer import Example, Scorer
from .stage import prior_from, run_proposals, training_set

KEYED_WEIGHT = 3.0


def curated_examples(settings: Settings) -> tuple[list[Example], dict[tuple[str, str], tuple[str, bool]]]:
    pre = prepare(settings)
    prior = prior_from(pre.curated, pre.gaz)
    run = run_proposals(pre.docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, Scorer(), prior)
    return training_set(run, pre.curated), prior


def keyed_examples(settings: Settings, set_dir: Path, prior: dict[tuple[str, str], tuple[str, bool]]) -> tuple[
        list[Example], list[tuple[str, str, str]]]:
    """Every proposal in a keyed document, labelled by its key: positive when the key relates the two names
    (the scorer decides whether two names are related; the relation's type comes from its evidence). Also
    returns the key relations as typed triples, for the relation prior."""
    keys = sorted((set_dir / "keys").glob("*.yaml"))
    if not keys:
        raise InputError([Problem(str(set_dir), "no keys/*.yaml", "a keyed set holds sources.yaml, documents, keys/")])
    pre = prepare(replace(settings, corpus=set_dir))
    run = run_proposals(pre.docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, Scorer(), prior)
    examples: list[Example] = []
    typed: list[tuple[str, str, str]] = []
    for path in keys:
        key = load_yaml(path)
        doc = str(key["doc"])
        refs: dict[str, set[str]] = {}
        kinds: dict[str, str] = {}
        for ent in key.get("entities") or []:
            names = [str(ent["name"]), *[str(a) for a in ent.get("aliases") or []]]
            found = {e.id for n in names for e in pre.gaz.lookup(n)}
            found |= {c.key for c in run.candidates.get(doc, []) for n in names
                      if normalize_name(n) in {c.key, *(normalize_name(a) for a in c.aliases)}}
            refs[str(ent["name"])] = found
            kinds[str(ent["name"])] = str(ent.get("type"))
        truth: set[frozenset[str]] = set()
        for r in key.get("relations") or []:
            for s in refs.get(str(r["source"]), set()):
                for t in refs.get(str(r["target"]), set()):
                    truth.add(frozenset((s, t)))
            typed.append((str(r["source"]), str(r["type"]), str(r["target"])))
        for p in run.proposals:
            if p.doc == doc:
                hit = frozenset((p.source.ref, p.target.ref)) in truth
                examples.append(Example(doc, p.features, int(hit), weight=KEYED_WEIGHT, keyed=True))
    return examples, typed


def key_prior(set_dirs: list[Path]) -> list[tuple[str, str, str]]:
    """(source type, relation, target type) of every keyed relation, for the co-occurrence prior."""
    out = []
    for d in set_dirs:
        for path in sorted((d / "keys").glob("*.yaml")):
            key = load_yaml(path)
            types = {str(e["name"]): str(e.get("type")) for e in key.get("entities") or []}
            out += [(types[str(r["source"])], str(r["type"]), types[str(r["target"])])
                    for r in key.get("relations") or [] if str(r["source"]) in types and str(r["target"]) in types]
    return out


__all__ = ["curated_examples", "key_prior", "keyed_examples", "relation_prior"]
