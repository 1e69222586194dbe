"""Grouped K-fold cross-validation of the proposal scorer on a dump of scripts/dev/dump_examples.py, counted as
`policykg eval --set` counts: pairs of names per keyed document (a pair is found when its best proposal passes).
Prints the related pairs found at precision 0.65 / 0.70 / 0.75 and the average precision, for the keyed documents
as they are and read as new texts (training.as_new_text: the library's firms, bodies, people, programmes, measures
and laws unknown), each scored by a model trained without its document. On the devset two runs of one change
differ by about ±10 pairs at one precision: compare the mean of the three and the AP.

    .venv/bin/python scripts/dev/scorer_cv.py DUMP.pkl [k=13] [model=trees|lr] [C=0.1] [agg=max|noisy]
                                                       [drop=PREFIX,PREFIX] [new_text=1|0]

model=trees: the shipped scorer's boosted trees (scorer.fit, TREE_PARAMS); model=lr: the logistic regression it
replaced (C its regularisation), for comparison.

drop: leave out the features whose names start with one of the prefixes (e.g. drop=known_ for no known pairs).
new_text=0: train without the documents read as new texts (they are still scored)."""
import math
import pickle
import sys

from policykg.extract.ingest.scorer import Example, Scorer, fit

args = dict(a.split("=", 1) for a in sys.argv[2:])
K, C, AGG = int(args.get("k", 13)), float(args.get("C", 0.1)), args.get("agg", "max")
MODEL = args.get("model", "trees")
NEW_TEXT = args.get("new_text", "1") == "1"
with open(sys.argv[1], "rb") as fh:
    examples, _prior = pickle.load(fh)
DROP = tuple(p for p in args.get("drop", "").split(",") if p)
if DROP:
    for e in examples:
        e.features = {f: v for f, v in e.features.items() if not f.startswith(DROP)}
keyed_groups = sorted({e.group for e in examples if e.keyed})
fold = {g: i % K for i, g in enumerate(keyed_groups)}
scored = []


def fit_lr(train: list[Example]) -> Scorer:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([e.features for e in train])
    model = LogisticRegression(C=C, max_iter=5000).fit(x, [e.label for e in train],
                                                       sample_weight=[e.weight for e in train])
    weights = dict(zip(vec.get_feature_names_out(), model.coef_[0], strict=True))
    return Scorer(weights={str(k): float(v) for k, v in weights.items()}, intercept=float(model.intercept_[0]))


for k in range(K):
    train = [e for e in examples if fold.get(e.group, -1) != k and (NEW_TEXT or not e.slot.startswith("new|"))]
    scorer = fit_lr(train) if MODEL == "lr" else Scorer(trees=fit(train))
    test = [e for e in examples if fold.get(e.group, -1) == k]
    scored += list(zip(test, scorer.probabilities([e.features for e in test]), strict=True))


def combine(ps: list[float]) -> float:
    return max(ps) if AGG == "max" else 1 - math.prod(1 - p for p in ps)


def report(name: str, part: list[tuple[Example, float]]) -> None:
    slots: dict[str, tuple[int, list[float]]] = {}
    for e, p in part:
        right = e.label if e.related < 0 else e.related
        was, ps = slots.get(e.slot, (0, []))
        slots[e.slot] = (max(was, right), [*ps, p])
    rows = sorted(((combine(ps), r) for r, ps in slots.values()), reverse=True)
    positives = sum(r for _, r in rows)
    if not positives:
        return
    tp, ap, best = 0, 0.0, {0.65: 0, 0.7: 0, 0.75: 0}
    for i, (_, r) in enumerate(rows, 1):
        tp += r
        ap += tp / i if r else 0.0
        for q in best:
            if tp / i >= q:
                best[q] = tp
    print(f"{name} {MODEL} agg={AGG}: found at precision .65/.70/.75 = {best[0.65]}/{best[0.7]}/{best[0.75]} "
          f"(mean {sum(best.values()) / 3:.0f}) of {positives}; AP {ap / positives:.4f}")


report("as they are ", [(e, p) for e, p in scored if not e.slot.startswith("new|")])
report("as new texts", [(e, p) for e, p in scored if e.slot.startswith("new|")])
