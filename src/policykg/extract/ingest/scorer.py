"""The learned scorer of relation proposals: a logistic regression over the proposals' features, trained on
the curated assertions (their sentences and relation types are the labelled data).

The model is stored as JSON (feature weights, intercept, and the relation prior between node types), data
that cannot run code when loaded; scoring is a dot product, so neither training library nor numpy is
imported to build or to answer. ``policykg train`` (scikit-learn, in the ``train``/``dev`` extras) writes it.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.errors import InputError, Problem
from policykg.extract.ingest.proposals import KnownPair, Prior, Proposal

SCORER_FORMAT = 1
# without a trained model: how far each kind of evidence goes on its own
# the precision the default threshold is chosen for (on documents the model did not see)
TARGET_PRECISION = 0.7
# curated assertions label only what a curator wrote down: their negatives are less sure than a key's
CURATED_WEIGHT = 1.0
DEFAULT_CONFIDENCE = {"pattern": 0.6, "structure": 0.6, "lexicon": 0.45, "cooccur": 0.25}


@dataclass
class Scorer:
    weights: dict[str, float] = field(default_factory=dict)
    intercept: float = 0.0
    prior: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def trained(self) -> bool:
        return bool(self.weights)

    @property
    def threshold(self) -> float:
        """The confidence at which proposals enter the graph, as chosen when the model was trained."""
        return float(self.info.get("threshold", 0.5)) if self.trained else 0.5

    def score(self, p: Proposal) -> float:
        if not self.trained:
            return DEFAULT_CONFIDENCE[p.kind]
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in p.features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SCORER_FORMAT,
            "intercept": round(self.intercept, 6),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-6},
            "prior": self.prior.rows() if isinstance(self.prior, Prior) else
            [[a, b, rel, fwd] for (a, b), (rel, fwd) in sorted(self.prior.items())],
            "known_pairs": self.prior.known_rows() if isinstance(self.prior, Prior) else [],
            "info": self.info,
        }


def load_scorer(paths: list[Path]) -> Scorer:
    """The last of ``paths`` that exists (the corpus overlay's model wins over the project's)."""
    for path in reversed(paths):
        if not path.is_file():
            continue
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != SCORER_FORMAT:
                raise ValueError(f"format {raw.get('format')!r}, expected {SCORER_FORMAT}")
            weights = {str(k): float(v) for k, v in raw["weights"].items()}
            prior = Prior({(str(r[0]), str(r[1])): (str(r[2]), bool(r[3])) for r in raw["prior"] if len(r) == 4},
                          {(str(r[0]), str(r[1])): (str(r[2]), bool(r[3])) for r in raw["prior"] if len(r) == 5},
                          {(str(r[0]), str(r[1])): KnownPair(int(r[2]), int(r[3]), str(r[4]), bool(r[5]))
                           for r in raw.get("known_pairs") or []})
            return Scorer(weights, float(raw["intercept"]), prior, dict(raw.get("info") or {}), path)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError([Problem(str(path), f"not a policykg scorer model: {exc}",
                                      "rebuild it with 'policykg train' or delete the file")]) from None
    return Scorer()


@dataclass
class Example:
    group: str  # document id: cross-validation leaves one document out
    features: dict[str, float]
    label: int
    # a keyed document labels every proposal (its key lists every relation); curated assertions label only what
    # a curator chose to write down, so their negatives are less sure and count less
    weight: float = 1.0
    keyed: bool = False
    # the pair of names of one document it reads: precision and recall count pairs, as `eval --set` does (a pair
    # is found when one of its readings, in any sentence, passes the threshold)
    slot: str = ""
    related: int = -1  # whether the key relates the two names at all (what `eval --set` counts); -1: as label


def labelled_examples(proposals: list[Proposal], truth: dict[tuple[str, int], set[tuple[str, str, str]]]) -> list[
        Example]:
    """Proposals in sentences that curated assertions speak for: positive when an assertion of that sentence
    relates the same two names. The scorer learns whether two names are related; which relation is read from
    the kind of evidence (a pattern's or a structure's type before the usual one; see stage.best_reading)."""
    out = []
    for p in proposals:
        facts = truth.get((p.doc, p.sentence.start))
        if facts is None:
            continue
        pair = {p.source.ref, p.target.ref}
        hit = any({a, b} == pair for a, _, b in facts)
        out.append(Example(p.doc, p.features, int(hit), weight=CURATED_WEIGHT))
    return out


def fit(examples: list[Example], c: float = 0.1) -> tuple[dict[str, float], float]:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise InputError([Problem("policykg train", "scikit-learn is not installed",
                                  "pip install 'policykg[train]' (or scikit-learn)")]) from None
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([e.features for e in examples])
    y = [e.label for e in examples]
    if len(set(y)) < 2:
        raise InputError([Problem("policykg train", "the curated assertions give only one class of example",
                                  "add curated assertions (positives) to documents with several mentions")])
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    # sparse rows: the same weights as the dense matrix (within 1e-6 on the devset) in ~1/50 of the time, so
    # leave-one-document-out training takes about a minute
    model.fit(x, y, sample_weight=[e.weight for e in examples])
    names = vec.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}, float(model.intercept_[0])


def cross_validate(examples: list[Example]) -> list[tuple[Example, float]]:
    """Leave one document out: each example scored by a model trained on the other documents."""
    out: list[tuple[Example, float]] = []
    for g in sorted({e.group for e in examples}):
        train = [e for e in examples if e.group != g]
        if len({e.label for e in train}) < 2:
            continue
        weights, b = fit(train)
        for e in examples:
            if e.group == g:
                z = b + sum(weights.get(k, 0.0) * v for k, v in e.features.items())
                out.append((e, 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))))
    return out


def _pr(scored: list[tuple[Example, float]], threshold: float) -> tuple[float, float, int, int]:
    slots: dict[str, tuple[int, float]] = {}
    for i, (e, p) in enumerate(scored):
        key = e.slot or f"#{i}"
        right = e.label if e.related < 0 else e.related
        was = slots.get(key, (0, 0.0))
        slots[key] = (max(right, was[0]), max(p, was[1]))
    tp = sum(1 for right, p in slots.values() if p >= threshold and right)
    pred = sum(1 for _, p in slots.values() if p >= threshold)
    pos = sum(right for right, _ in slots.values())
    return (tp / pred if pred else 0.0), (tp / pos if pos else 0.0), tp, pred


def choose_threshold(scored: list[tuple[Example, float]], precision: float = TARGET_PRECISION) -> float:
    """The lowest threshold at which the keyed documents, each scored by a model that never saw it, reach the
    target precision (or the most precise threshold if none does)."""
    grid = [round(0.05 * k, 2) for k in range(2, 19)]
    ok = [t for t in grid if _pr(scored, t)[0] >= precision and _pr(scored, t)[3] > 0]
    return ok[0] if ok else max(grid, key=lambda t: (_pr(scored, t)[0], -t))


def train(examples: list[Example], prior: dict[tuple[str, str], tuple[str, bool]],
          progress: Callable[[str], None] | None = None, keep_threshold: float | None = None) -> Scorer:
    """The scorer fitted on all examples, with the threshold chosen by leaving one document out at a time; or,
    given ``keep_threshold``, that threshold and no cross-validation (the same weights, in a fraction of the
    time)."""
    if keep_threshold is not None:
        weights, b = fit(examples)
        info = {"examples": len(examples), "positives": sum(e.label for e in examples),
                "documents": sorted({e.group for e in examples}), "threshold": keep_threshold,
                "threshold_rule": "kept from the model it replaces (trained without cross-validation)"}
        return Scorer(weights, b, prior, info)
    scored = cross_validate(examples)
    keyed = [(e, p) for e, p in scored if e.keyed] or scored
    threshold = choose_threshold(keyed)
    per_doc: dict[str, dict[str, float]] = {}
    for g in sorted({e.group for e, _ in scored}):
        prec, rec, tp, pred = _pr([(e, p) for e, p in scored if e.group == g], threshold)
        per_doc[g] = {"precision": round(prec, 3), "recall": round(rec, 3),
                      "positives": sum(e.label for e, _ in scored if e.group == g),
                      "examples": sum(1 for e, _ in scored if e.group == g)}
    if progress:
        for doc, m in per_doc.items():
            progress(f"  left out {doc}: precision {m['precision']:.3f} recall {m['recall']:.3f} "
                     f"({m['positives']:.0f} positives in {m['examples']:.0f} proposals)")
        for t in (0.2, 0.3, threshold, 0.5, 0.6):
            prec, rec, tp, pred = _pr(keyed, t)
            progress(f"  keyed documents, each left out, threshold {t:.2f}: precision {prec:.3f} ({tp}/{pred}) "
                     f"recall {rec:.3f} of the proposals' positives" + ("  <- chosen" if t == threshold else ""))
    weights, b = fit(examples)
    by_label: dict[int, int] = defaultdict(int)
    for e in examples:
        by_label[e.label] += 1
    info = {"examples": len(examples), "positives": by_label[1], "documents": sorted({e.group for e in examples}),
            "cross_validation": per_doc, "threshold": threshold,
            "threshold_rule": f"lowest with leave-one-document-out precision >= {TARGET_PRECISION} on keyed documents"}
    return Scorer(weights, b, prior, info)


def write_scorer(scorer: Scorer, path: Path) -> None:
    from policykg.exporters import write_text  # the project's one atomic writer

    text = json.dumps(scorer.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_text(path, text, path.name)
