"""The entity candidates of a piece of text read as a new text would be (training.as_new_text: the gazetteer
library's firms, bodies, people, programmes, measures and laws unknown), for reading why a name is missed.

    .venv/bin/python scripts/dev/read_new_text.py "TEXT" [en|zh]"""
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.extract.ingest.candidates import find_candidates
from policykg.extract.ingest.training import as_new_text
from policykg.graph.build import prepare

text, lang = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "en"
with tempfile.TemporaryDirectory() as d:
    (Path(d) / "docs").mkdir()
    doc = Path(d) / "docs" / "t.txt"
    doc.write_text(text + "\n", encoding="utf-8")
    sha = subprocess.run(["sha256sum", str(doc)], capture_output=True, text=True).stdout.split()[0]
    (Path(d) / "sources.yaml").write_text(f'documents:\n  - id: t\n    file: docs/t.txt\n    sha256: {sha}\n'
                                          f'    title_en: "t"\n    year: 2026\n    language: {lang}\n')
    pre = as_new_text(prepare(replace(Settings(), corpus=Path(d), cache=Path(d) / "c", screening_list=None)))
    for m in pre.corpus.mentions:
        e = pre.gaz.entities[m.entity]
        print("M", e.name, e.type)
    for c in find_candidates(pre.docs[0], list(pre.corpus.mentions), pre.gaz, pre.patterns):
        print("E", repr(c.name), c.type, c.aliases, "|", (c.reason or "")[:80])
