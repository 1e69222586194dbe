"""Grouped K-fold cross-validation of the proposal scorer on a dump of scripts/dev/dump_examples.py, counted as
`policykg eval --set` counts: pairs of names per keyed document (a pair is found when its best proposal passes).
Prints the related pairs found at precision 0.65 / 0.70 / 0.75 and the average precision. On the devset two runs
of one change differ by about ±10 pairs at one precision: compare the mean of the three and the AP.

    .venv/bin/python scripts/dev/scorer_cv.py DUMP.pkl [k=13] [C=0.2] [agg=max|noisy]"""
import math
import pickle
import sys

from policykg.extract.ingest.scorer import fit

args = dict(a.split("=", 1) for a in sys.argv[2:])
K, C, AGG = int(args.get("k", 13)), float(args.get("C", 0.2)), args.get("agg", "max")
with open(sys.argv[1], "rb") as fh:
    examples, _prior = pickle.load(fh)
keyed_groups = sorted({e.group for e in examples if e.keyed})
fold = {g: i % K for i, g in enumerate(keyed_groups)}
scored = []
for k in range(K):
    weights, b = fit([e for e in examples if fold.get(e.group, -1) != k], C)
    for e in examples:
        if fold.get(e.group, -1) == k:
            z = b + sum(weights.get(f, 0.0) * v for f, v in e.features.items())
            scored.append((e, 1 / (1 + math.exp(-max(-30, min(30, z))))))
slots: dict[str, tuple[int, list[float]]] = {}
for e, p in scored:
    right = e.label if e.related < 0 else e.related
    was, ps = slots.get(e.slot, (0, []))
    slots[e.slot] = (max(was, right), [*ps, p])
def combine(ps: list[float]) -> float:
    return max(ps) if AGG == "max" else 1 - math.prod(1 - p for p in ps)
rows = sorted(((combine(ps), r) for r, ps in slots.values()), reverse=True)
positives = sum(r for _, r in rows)
tp, ap, best = 0, 0.0, {0.65: 0, 0.7: 0, 0.75: 0}
for i, (_, r) in enumerate(rows, 1):
    tp += r
    ap += tp / i if r else 0.0
    for q in best:
        if tp / i >= q:
            best[q] = tp
print(f"agg={AGG} C={C}: found at precision .65/.70/.75 = {best[0.65]}/{best[0.7]}/{best[0.75]} "
      f"(mean {sum(best.values()) / 3:.0f}) of {positives}; AP {ap / positives:.4f}")
