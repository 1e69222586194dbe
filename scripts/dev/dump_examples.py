"""The scorer's labelled examples (the curated assertions' sentences and a keyed set's proposals), pickled for
experiments with scripts/dev/scorer_cv.py; compare two dumps to prove that a change leaves every feature as it was.

    .venv/bin/python scripts/dev/dump_examples.py OUT.pkl [SET_DIR (default tests/devset)]

Run from the repository root (the corpus: POLICYKG_CORPUS or ../shared/corpus). About ten seconds. The pickle is a
scratch file of your own run: never load one from elsewhere."""
import pickle
import sys
from pathlib import Path

from policykg.config import Settings
from policykg.extract.ingest.training import curated_examples, keyed_examples

settings = Settings()
keyed = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("tests/devset")
examples, prior = curated_examples(settings, [keyed])
more, _ = keyed_examples(settings, keyed, prior)
more += keyed_examples(settings, keyed, prior, new_text=True)[0]  # as `policykg train` does
with open(sys.argv[1], "wb") as fh:
    pickle.dump((examples + more, prior), fh)
print(f"{len(examples)} curated examples, {len(more)} keyed")
