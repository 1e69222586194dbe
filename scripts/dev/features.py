"""The features and their weighted contributions behind the proposals of one document, for reading why a pair
scored as it did (a development aid; the scorer is the shipped one).

    .venv/bin/python scripts/dev/features.py SET_DIR DOC_ID [NAME_PART ...]

Prints each proposal whose two names contain every NAME_PART (case-insensitive), its confidence and its
features: those the trees test (starred) first; for a model of the earlier format, weight x value, largest first."""
import sys
from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.extract.ingest.scorer import load_scorer
from policykg.extract.ingest.stage import run_proposals
from policykg.graph.build import prepare

set_dir, doc = Path(sys.argv[1]), sys.argv[2]
parts = [p.lower() for p in sys.argv[3:]]
settings = Settings()
pre = prepare(replace(settings, corpus=set_dir))
scorer = load_scorer([Path("loaders/scorer.json")])
docs = [d for d in pre.docs if d.id == doc]
run = run_proposals(docs, pre.corpus, pre.gaz, pre.rules, pre.schema, pre.patterns, scorer, scorer.prior)
for p in sorted(run.proposals, key=lambda p: -p.confidence):
    names = f"{p.source.ref} {p.target.ref}".lower()
    if not all(x in names for x in parts):
        continue
    print(f"{p.confidence:.3f} {p.source.ref} {p.type} {p.target.ref} | {p.reason} | @{p.sentence.start}")
    if scorer.trees is not None:
        tested = set(scorer.trees.features)
        feats = sorted(p.features, key=lambda k: (k not in tested, k))
        print("   " + ", ".join(f"{'*' if k in tested else ''}{k}" for k in feats[:24]))
        continue
    contrib = sorted(((scorer.weights.get(k, 0.0) * v, k) for k, v in p.features.items()), key=lambda x: -abs(x[0]))
    print("   " + ", ".join(f"{k}={c:+.2f}" for c, k in contrib[:14]))
