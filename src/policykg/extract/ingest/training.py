"""Labelled data for the proposal scorer: the curated assertions of the corpus (sentence by sentence), and
optionally keyed document sets (a folder with sources.yaml, the documents and keys/, as tests/devset)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.errors import InputError, Problem
from policykg.extract.gazetteer import normalize_name
from policykg.extract.ingest.proposals import relation_prior
from policykg.extract.ingest.scorer import Example, Scorer
from policykg.extract.ingest.stage import run_proposals, training_set
from policykg.graph.build import prepare
from policykg.yamlio import load_yaml

KEYED_WEIGHT = 3.0


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
    run = run_proposals(pre.docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, Scorer(), prior)
    return training_set(run, pre.curated), prior


def keyed_examples(settings: Settings, set_dir: Path, prior: dict[tuple[str, str], tuple[str, bool]]) -> tuple[
        list[Example], list[tuple[str, str, str]]]:
    """Every proposal in a keyed document, labelled by its key: positive when the key states that relation (type
    and direction) between the two names; ``related`` says whether the key relates the two at all, which is
    what the threshold is chosen on. Also returns the key relations as typed triples, for the relation prior."""
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
        truth: set[tuple[str, str, str]] = set()
        for r in key.get("relations") or []:
            for s in refs.get(str(r["source"]), set()):
                for t in refs.get(str(r["target"]), set()):
                    truth.add((s, str(r["type"]), t))
            typed.append((str(r["source"]), str(r["type"]), str(r["target"])))
        pairs = {frozenset((s, t)) for s, _, t in truth}
        for p in run.proposals:
            if p.doc == doc:
                slot = f"{doc}|{'|'.join(sorted((p.source.ref, p.target.ref)))}"
                related = int(frozenset((p.source.ref, p.target.ref)) in pairs)
                examples.append(Example(doc, p.features, int(p.key in truth), weight=KEYED_WEIGHT, keyed=True,
                                        slot=slot, related=related))
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
