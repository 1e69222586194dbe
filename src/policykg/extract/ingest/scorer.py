"""The learned scorer of relation proposals: gradient-boosted decision trees over the proposals' features,
trained on the curated assertions and the keyed documents (their sentences and relation types are the labelled
data).

The model is stored as JSON (the trees' splits and leaf values, the features they test, and the relation prior
between node types), data that cannot run code when loaded. Scoring walks the trees one at a time over a block
of proposals with numpy; the training library is not imported to build or to answer. ``policykg train`` (LightGBM and
scikit-learn, in the ``train``/``dev`` extras) writes it. A model of the earlier format (a logistic regression's
weights, format 1) is still read and scored as before.

Why trees: the proposals' features are mostly indicators whose meaning depends on each other (a verb's word
says one thing for a firm and a country, another for two agencies); the logistic regression could only add them
up. Grouped cross-validation on the devset (13 folds, pairs found at precision 0.65/0.70/0.75): 2216/1640 pairs
(as they are / read as new texts) with the regression, 2324/1712 with the trees.
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

SCORER_FORMAT = 2
# the boosted trees (LightGBM): chosen by grouped cross-validation on the devset; one thread and deterministic
# training, so a retraining gives the same trees. With 199 keyed documents, pairs found at precision >= 0.70 over
# the left-out folds: 63 leaves of depth <= 10 6666; 127 leaves of depth <= 12 6769, <= 16 6769, any depth 6797 (but
# 108 levels deep: scoring 5 times slower); 255 leaves 6764; 600 trees of 63 leaves 6722, 500 of 127 6728;
# min_child_samples 10 6578. Scoring 20,000 proposals: 1.6 s with 63 leaves of depth 10, 1.95 s with these.
TREE_PARAMS: dict[str, Any] = {"n_estimators": 300, "learning_rate": 0.05, "num_leaves": 127, "max_depth": 12,
                               "min_child_samples": 20, "colsample_bytree": 0.5, "reg_lambda": 1.0}
# features seen in fewer training examples are left out (noise the trees would split on)
MIN_FEATURE_COUNT = 5
# cross-validation folds (documents kept together) for the threshold
CV_FOLDS = 13
# proposals scored per numpy block (the block's matrix: rows x the features the trees test, float32); 1024 was
# fastest for 31k proposals (512: 13 % slower, 2048 the same)
SCORE_BLOCK = 1024
# without a trained model: how far each kind of evidence goes on its own
# the precision the default threshold is chosen for (on documents the model did not see)
TARGET_PRECISION = 0.7
# curated assertions label only what a curator wrote down: their negatives are less sure than a key's
CURATED_WEIGHT = 1.0
DEFAULT_CONFIDENCE = {"pattern": 0.6, "structure": 0.6, "lexicon": 0.45, "cooccur": 0.25}
# The pair model: smaller trees over what all of a document's readings of two names say together (their best,
# second best and mean scores, how many there are, the best of each kind of evidence, and every feature of the best
# reading), trained on the proposal trees' scores from the cross-validation (each document scored by trees that
# never saw it). Grouped cross-validation of both stages on the 326-document devset, related pairs found at
# precision >= 0.70: 12402 -> 12740 (read as new texts 5121 -> 5305); with the aggregates alone 12633, with
# every reading's relation and pattern added 12553; 300 trees of 31 leaves 12773 (within noise, slower).
PAIR_TREE_PARAMS: dict[str, Any] = {"n_estimators": 200, "learning_rate": 0.05, "num_leaves": 15,
                                    "min_child_samples": 20, "colsample_bytree": 0.8, "reg_lambda": 1.0}
PAIR_KINDS = ("pattern", "structure", "lexicon", "cooccur")
TOP = "top:"  # the pair model's names for the best reading's own features


@dataclass
class Trees:
    """Boosted trees as flat node arrays: node i tests ``features[feature[i]] <= threshold[i]`` and goes to
    ``left[i]`` or ``right[i]``; a leaf tests a column that is always 0 against 0 and points to itself (a walk
    stops there; ``depth`` is the longest). ``roots``: each tree's first node; the raw score is the sum of the leaves'
    ``value``."""
    features: list[str]
    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]
    roots: list[int]
    depth: int
    _arrays: tuple[Any, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_lightgbm(cls, dump: dict[str, Any], names: list[str]) -> Trees:
        used: dict[int, int] = {}
        t = cls([], [], [], [], [], [], [], 0)

        def add(node: dict[str, Any], level: int) -> int:
            i = len(t.feature)
            t.feature.append(-1)
            t.threshold.append(0.0)  # a leaf: its column is always 0 (finite: strict JSON)
            t.left.append(i)
            t.right.append(i)
            t.value.append(0.0)
            t.depth = max(t.depth, level)
            if "leaf_value" in node:
                t.value[i] = float(node["leaf_value"])
                return i
            if node.get("decision_type") != "<=" or node.get("missing_type") not in {"None", None}:
                raise ValueError(f"unsupported split {node.get('decision_type')}/{node.get('missing_type')}")
            col = used.setdefault(int(node["split_feature"]), len(used))
            t.feature[i] = col
            t.threshold[i] = float(node["threshold"])
            t.left[i] = add(node["left_child"], level + 1)
            t.right[i] = add(node["right_child"], level + 1)
            return i

        for tree in dump["tree_info"]:
            t.roots.append(add(tree["tree_structure"], 0))
        t.features = [names[j] for j, _ in sorted(used.items(), key=lambda kv: kv[1])]
        leaf = len(t.features)  # the always-zero column
        t.feature = [leaf if f < 0 else f for f in t.feature]
        return t

    def to_json(self) -> dict[str, Any]:
        return {"features": self.features, "feature": self.feature, "threshold": self.threshold,
                "left": self.left, "right": self.right, "value": [round(v, 9) for v in self.value],
                "roots": self.roots, "depth": self.depth}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Trees:
        t = cls([str(f) for f in raw["features"]], [int(x) for x in raw["feature"]],
                [float(x) for x in raw["threshold"]], [int(x) for x in raw["left"]], [int(x) for x in raw["right"]],
                [float(x) for x in raw["value"]], [int(x) for x in raw["roots"]], int(raw["depth"]))
        n = len(t.feature)
        if not (len(t.threshold) == len(t.left) == len(t.right) == len(t.value) == n) or not t.roots:
            raise ValueError("the trees' node arrays differ in length")
        if any(not 0 <= x < n for x in (*t.left, *t.right, *t.roots)) or any(
                not 0 <= f <= len(t.features) for f in t.feature):
            raise ValueError("a tree points outside its nodes or features")
        return t

    def _walk(self) -> tuple[Any, ...]:
        """The node arrays as numpy arrays for the walk (made once per Trees): each node's feature and threshold
        (a leaf's threshold is -inf, so a walk at a leaf goes "right", to itself), the next node each way, the
        leaves' values, and each tree's own depth (a walk of a tree stops after that many steps)."""
        import numpy as np

        if self._arrays is None:
            n = len(self.feature)
            left, right = np.asarray(self.left, dtype=np.int64), np.asarray(self.right, dtype=np.int64)
            leaf = left == np.arange(n)
            threshold = np.where(leaf, -np.inf, np.asarray(self.threshold)).astype(np.float32)
            depth = []
            for root in self.roots:
                deepest, stack = 0, [(root, 0)]
                while stack:
                    node, level = stack.pop()
                    if leaf[node]:
                        deepest = max(deepest, level)
                    else:
                        stack += [(int(left[node]), level + 1), (int(right[node]), level + 1)]
                depth.append(deepest)
            self._arrays = (np.asarray(self.feature, dtype=np.int64), threshold, left, right,
                            np.asarray(self.value), depth)
        return self._arrays

    def raw_scores(self, rows: list[dict[str, float]], tops: list[dict[str, float]] | None = None) -> list[float]:
        """Each row's sum of leaf values. ``tops``: a second set of features per row, read as if each name had the
        prefix ``top:`` (the pair model's best reading, without copying it under the prefix)."""
        import numpy as np  # only when proposals are scored (a build), never for a report

        col = {f: j for j, f in enumerate(self.features)}
        top_col = {f[len(TOP):]: j for j, f in enumerate(self.features) if f.startswith(TOP)}
        width = len(self.features) + 1  # the last column is always 0 (the leaves test it)
        feature, threshold, left, right, value, depth = self._walk()
        out: list[float] = []
        for start in range(0, len(rows), SCORE_BLOCK):
            block = rows[start:start + SCORE_BLOCK]
            at_row, at_col, values = [], [], []
            for i, feats in enumerate(block):
                for k, v in feats.items():
                    j = col.get(k)
                    if j is not None:
                        at_row.append(i)
                        at_col.append(j)
                        values.append(v)
                for k, v in (tops[start + i] if tops is not None else {}).items():
                    j = top_col.get(k)
                    if j is not None:
                        at_row.append(i)
                        at_col.append(j)
                        values.append(v)
            x = np.zeros((len(block), width), dtype=np.float32)  # as trained: float32
            x[at_row, at_col] = values
            flat, offset = x.ravel(), np.arange(len(block), dtype=np.int64) * width
            total = np.zeros(len(block))
            # one tree at a time over the whole block, for as many steps as that tree is deep (a walk that has
            # reached a leaf stays there): fewer and smaller array operations than all trees at once
            for root, steps in zip(self.roots, depth, strict=True):
                at = np.full(len(block), root, dtype=np.int64)
                for _ in range(steps):
                    at = np.where(flat[offset + feature[at]] <= threshold[at], left[at], right[at])
                total += value[at]
            out += total.tolist()
        return out


def pair_features(readings: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    """What a document's readings of two names say together, for the pair model: given each reading as (its
    features, the proposal trees' score), the best, second best, mean and sum of the scores, how many readings
    there are (and how many score 0.2 or more), the best score and count of each kind of evidence, how many
    relations they read, and every feature of the best reading (``top:``)."""
    f = pair_aggregates(readings)
    f.update({TOP + n: v for n, v in best_reading(readings).items()})
    return f


def pair_aggregates(readings: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    """pair_features without the best reading's own features."""
    scores = sorted((p for _, p in readings), reverse=True)
    f: dict[str, float] = {"pair:max": scores[0], "pair:second": scores[1] if len(scores) > 1 else 0.0,
                           "pair:mean": sum(scores) / len(scores), "pair:sum": sum(scores),
                           "pair:n": float(len(scores)), "pair:n_hi": float(sum(1 for p in scores if p >= 0.2))}
    for k in PAIR_KINDS:
        of_kind = [p for feats, p in readings if feats.get(f"kind={k}")]
        f[f"pair:max_{k}"] = max(of_kind) if of_kind else -1.0
        f[f"pair:n_{k}"] = float(len(of_kind))
    f["pair:rels"] = float(len({n for feats, _ in readings for n in feats if n.startswith("rel=")}))
    return f


def best_reading(readings: list[tuple[dict[str, float], float]]) -> dict[str, float]:
    """The features of the best-scored reading (the first of the best: readings come in the document's order)."""
    return max(readings, key=lambda r: r[1])[0]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class Scorer:
    weights: dict[str, float] = field(default_factory=dict)  # format 1: a logistic regression
    intercept: float = 0.0
    prior: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    trees: Trees | None = None
    pairs: Trees | None = None  # the pair model (see PAIR_TREE_PARAMS); None: a pair is as sure as its best reading

    @property
    def trained(self) -> bool:
        return bool(self.weights) or self.trees is not None

    @property
    def size(self) -> str:
        if self.trees is not None:
            pairs = f" and a pair model of {len(self.pairs.roots)} trees" if self.pairs is not None else ""
            return f"{len(self.trees.roots)} trees over {len(self.trees.features)} features{pairs}"
        return f"{len(self.weights)} features"

    @property
    def threshold(self) -> float:
        """The confidence at which proposals enter the graph, as chosen when the model was trained."""
        return float(self.info.get("threshold", 0.5)) if self.trained else 0.5

    def score(self, p: Proposal) -> float:
        return self.score_all([p])[0]

    def score_all(self, proposals: list[Proposal]) -> list[float]:
        """Each proposal's confidence. With a pair model, the readings of two names in one document are weighed
        together: the best reading is given the pair model's score and the others the same share of it as their
        own score has of the best's."""
        own = self.probabilities([p.features for p in proposals], [p.kind for p in proposals])
        if self.pairs is None:
            return own
        groups: dict[tuple[str, frozenset[str]], list[int]] = {}
        for i, p in enumerate(proposals):
            groups.setdefault((p.doc, frozenset((p.source.ref, p.target.ref))), []).append(i)
        members = list(groups.values())
        together = self.pair_probabilities([[(proposals[i].features, own[i]) for i in m] for m in members])
        out = list(own)
        for m, q in zip(members, together, strict=True):
            best = max(own[i] for i in m)
            for i in m:
                out[i] = q * own[i] / best if best > 0 else q
        return out

    def pair_probabilities(self, pairs: list[list[tuple[dict[str, float], float]]]) -> list[float]:
        """The pair model's score for each pair, given its readings as (features, the proposal trees' score)."""
        assert self.pairs is not None
        return [_sigmoid(z) for z in self.pairs.raw_scores([pair_aggregates(r) for r in pairs],
                                                           [best_reading(r) for r in pairs])]

    def probabilities(self, rows: list[dict[str, float]], kinds: list[str] | None = None) -> list[float]:
        if self.trees is not None:
            return [_sigmoid(z) for z in self.trees.raw_scores(rows)]
        if not self.weights:
            return [DEFAULT_CONFIDENCE[k] for k in (kinds or ["cooccur"] * len(rows))]
        return [_sigmoid(self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in f.items())) for f in rows]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": SCORER_FORMAT if self.trees is not None else 1,
            "prior": self.prior.rows() if isinstance(self.prior, Prior) else
            [[a, b, rel, fwd] for (a, b), (rel, fwd) in sorted(self.prior.items())],
            "known_pairs": self.prior.known_rows() if isinstance(self.prior, Prior) else [],
            "info": self.info,
        }
        if self.trees is not None:
            out["trees"] = self.trees.to_json()
            if self.pairs is not None:
                out["pair_trees"] = self.pairs.to_json()
        else:
            out["intercept"] = round(self.intercept, 6)
            out["weights"] = {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-6}
        return out


def load_scorer(paths: list[Path]) -> Scorer:
    """The last of ``paths`` that exists (the corpus overlay's model wins over the project's)."""
    for path in reversed(paths):
        if not path.is_file():
            continue
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") not in (1, SCORER_FORMAT):
                raise ValueError(f"format {raw.get('format')!r}, expected {SCORER_FORMAT} (or 1)")
            trees = Trees.from_json(raw["trees"]) if raw["format"] == SCORER_FORMAT else None
            pairs = Trees.from_json(raw["pair_trees"]) if trees and "pair_trees" in raw else None
            weights = {} if trees else {str(k): float(v) for k, v in raw["weights"].items()}
            prior = Prior({(str(r[0]), str(r[1])): (str(r[2]), bool(r[3])) for r in raw["prior"] if len(r) == 4},
                          {(str(r[0]), str(r[1])): (str(r[2]), bool(r[3])) for r in raw["prior"] if len(r) == 5},
                          {(str(r[0]), str(r[1])): KnownPair(int(r[2]), int(r[3]), str(r[4]), bool(r[5]))
                           for r in raw.get("known_pairs") or []})
            return Scorer(weights, float(raw.get("intercept", 0.0)), prior, dict(raw.get("info") or {}), path, trees,
                          pairs)
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


def _training_libraries() -> Any:
    try:
        import lightgbm
        import numpy
        from sklearn.feature_extraction import DictVectorizer
    except ImportError:
        raise InputError([Problem("policykg train", "LightGBM or scikit-learn is not installed",
                                  "pip install 'policykg[train]' (LightGBM and scikit-learn)")]) from None
    return lightgbm, numpy, DictVectorizer


def fit(examples: list[Example], params: dict[str, Any] | None = None) -> Trees:
    """Boosted trees on the examples' features (those seen at least MIN_FEATURE_COUNT times); ``params``: the
    trees' settings (TREE_PARAMS, or PAIR_TREE_PARAMS for the pair model)."""
    lightgbm, np, dict_vectorizer = _training_libraries()
    y = [e.label for e in examples]
    if len(set(y)) < 2:
        raise InputError([Problem("policykg train", "the curated assertions give only one class of example",
                                  "add curated assertions (positives) to documents with several mentions")])
    seen: dict[str, int] = defaultdict(int)
    for e in examples:
        for f in e.features:
            seen[f] += 1
    vec = dict_vectorizer(sort=True)
    x = vec.fit_transform([{f: v for f, v in e.features.items() if seen[f] >= MIN_FEATURE_COUNT}
                           for e in examples]).tocsr().astype(np.float32)
    model = lightgbm.LGBMClassifier(**(params or TREE_PARAMS), verbose=-1, n_jobs=1, deterministic=True,
                                    force_row_wise=True)
    model.fit(x, y, sample_weight=[e.weight for e in examples])
    return Trees.from_lightgbm(model.booster_.dump_model(), [str(n) for n in vec.get_feature_names_out()])


def cross_validate(examples: list[Example], folds: int = CV_FOLDS,
                   progress: Callable[[str], None] | None = None, params: dict[str, Any] | None = None,
                   documents: list[Example] | None = None, what: str = "proposals") -> list[tuple[Example, float]]:
    """Grouped K-fold: each document's examples (both its readings) scored by trees (``params``) trained without
    it; the documents are folded as those of ``documents`` are (default: the examples'), so that the pair model's
    folds are the proposal trees'."""
    groups = sorted({e.group for e in (documents or examples)})
    fold = {g: i % folds for i, g in enumerate(groups)}
    out: list[tuple[Example, float]] = []
    for k in range(min(folds, len(groups))):
        train = [e for e in examples if fold[e.group] != k]
        test = [e for e in examples if fold[e.group] == k]
        if len({e.label for e in train}) < 2 or not test:
            continue
        if progress:
            step = "pair model, fold" if what == "pairs" else "fold"
            progress(f"  {step} {k + 1}/{min(folds, len(groups))}: {len(test)} {what} left out")
        scorer = Scorer(trees=fit(train, params))
        out += list(zip(test, scorer.probabilities([e.features for e in test]), strict=True))
    return out


def pair_examples(scored: list[tuple[Example, float]]) -> list[Example]:
    """The pair model's examples: the keyed examples' pairs (slots), each with the pair features of its readings as
    scored in the cross-validation and labelled by whether the key relates the two names."""
    slots: dict[str, list[tuple[Example, float]]] = {}
    for e, p in scored:
        if e.keyed and e.slot:
            slots.setdefault(e.slot, []).append((e, p))
    return [Example(r[0][0].group, pair_features([(e.features, p) for e, p in r]),
                    max(e.label if e.related < 0 else e.related for e, _ in r), keyed=True, slot=slot)
            for slot, r in sorted(slots.items())]


def _slots(scored: list[tuple[Example, float]]) -> list[tuple[int, float]]:
    """Each pair of names (slot) once: whether the key relates them, and its best score."""
    slots: dict[str, tuple[int, float]] = {}
    for i, (e, p) in enumerate(scored):
        key = e.slot or f"#{i}"
        right = e.label if e.related < 0 else e.related
        was = slots.get(key, (0, 0.0))
        slots[key] = (max(right, was[0]), max(p, was[1]))
    return list(slots.values())


def _pr(scored: list[tuple[Example, float]], threshold: float,
        slots: list[tuple[int, float]] | None = None) -> tuple[float, float, int, int]:
    slots = _slots(scored) if slots is None else slots
    tp = sum(1 for right, p in slots if p >= threshold and right)
    pred = sum(1 for _, p in slots if p >= threshold)
    pos = sum(right for right, _ in slots)
    return (tp / pred if pred else 0.0), (tp / pos if pos else 0.0), tp, pred


# the thresholds tried, in steps of 0.01: a coarser grid (0.05 until 2026-12) could pass over the operating point by
# several points of precision (0.40 just under 0.70, 0.45 at 0.734 with 335 documents)
THRESHOLD_GRID = [round(0.01 * k, 2) for k in range(10, 91)]


def choose_threshold(scored: list[tuple[Example, float]], precision: float = TARGET_PRECISION) -> float:
    """The lowest threshold at which the keyed documents, each scored by a model that never saw it, reach the
    target precision (or the most precise threshold if none does)."""
    slots = _slots(scored)
    pr = {t: _pr(scored, t, slots) for t in THRESHOLD_GRID}
    ok = [t for t in THRESHOLD_GRID if pr[t][0] >= precision and pr[t][3] > 0]
    return ok[0] if ok else max(THRESHOLD_GRID, key=lambda t: (pr[t][0], -t))


def train(examples: list[Example], prior: dict[tuple[str, str], tuple[str, bool]],
          progress: Callable[[str], None] | None = None, keep_threshold: float | None = None,
          keep_pairs: Trees | None = None) -> Scorer:
    """The scorer fitted on all examples: the proposal trees, and the pair model fitted on the proposal trees'
    cross-validated scores of the keyed documents' pairs, with the threshold chosen by grouped cross-validation of
    both; or, given ``keep_threshold``, the proposal trees only, with that threshold and ``keep_pairs`` (the pair
    model of the model it replaces) and no cross-validation (the same proposal trees, in a fraction of the
    time)."""
    if keep_threshold is not None:
        info = {"examples": len(examples), "positives": sum(e.label for e in examples),
                "documents": sorted({e.group for e in examples}), "threshold": keep_threshold,
                "threshold_rule": "kept from the model it replaces (trained without cross-validation)"}
        return Scorer(prior=prior, info=info, trees=fit(examples), pairs=keep_pairs)
    scored = cross_validate(examples, progress=progress)
    pairs = pair_examples(scored)
    pair_trees = None
    if len({e.label for e in pairs}) == 2:
        keyed = cross_validate(pairs, progress=progress, params=PAIR_TREE_PARAMS, documents=examples,
                               what="pairs")
        pair_trees = fit(pairs, PAIR_TREE_PARAMS)
    else:  # no keyed set: each proposal scored alone, the pair as sure as its best reading
        keyed = [(e, p) for e, p in scored if e.keyed] or scored
    threshold = choose_threshold(keyed)
    per_doc: dict[str, dict[str, float]] = {}
    for g in sorted({e.group for e, _ in keyed}):
        prec, rec, tp, pred = _pr([(e, p) for e, p in keyed if e.group == g], threshold)
        per_doc[g] = {"precision": round(prec, 3), "recall": round(rec, 3),
                      "positives": sum(e.label for e, _ in keyed if e.group == g),
                      "examples": sum(1 for e, _ in keyed if e.group == g)}
    if progress:
        for doc, m in per_doc.items():
            progress(f"  left out {doc}: precision {m['precision']:.3f} recall {m['recall']:.3f} "
                     f"({m['positives']:.0f} related pairs in {m['examples']:.0f})")
        slots = _slots(keyed)
        for t in sorted({0.2, 0.3, 0.4, 0.45, threshold, 0.5, 0.6}):
            prec, rec, tp, pred = _pr(keyed, t, slots)
            progress(f"  keyed documents, each left out, threshold {t:.2f}: precision {prec:.3f} ({tp}/{pred}) "
                     f"recall {rec:.3f} of the proposals' related pairs" + ("  <- chosen" if t == threshold else ""))
    trees = fit(examples)
    by_label: dict[int, int] = defaultdict(int)
    for e in examples:
        by_label[e.label] += 1
    info = {"examples": len(examples), "positives": by_label[1], "documents": sorted({e.group for e in examples}),
            "pairs": len(pairs), "related_pairs": sum(e.label for e in pairs),
            "cross_validation": per_doc, "threshold": threshold,
            "threshold_rule": f"lowest with {CV_FOLDS}-fold grouped cross-validation precision >= "
                              f"{TARGET_PRECISION} on keyed documents"}
    return Scorer(prior=prior, info=info, trees=trees, pairs=pair_trees)


def write_scorer(scorer: Scorer, path: Path) -> None:
    from policykg.exporters import write_text  # the project's one atomic writer

    body = scorer.to_json()
    parts = [(name, body.pop(name)) for name in ("pair_trees", "trees") if name in body]
    text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    for name, trees in parts:  # the node arrays one per line, not one number per line
        lines = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}"
                            for k, v in sorted(trees.items()))
        text = text[:text.rindex("}")].rstrip() + f',\n "{name}": {{\n' + lines + "\n }\n}\n"
    write_text(path, text, path.name)
