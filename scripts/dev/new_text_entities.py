"""Entity recall of a keyed set read as new texts (training.as_new_text: the gazetteer library's firms, bodies,
people, programmes, measures and laws unknown), as a text the project never saw would be read: a key entity is
found when one of its names is a gazetteer mention's entity name or surface, or an entity candidate's name or
alias, in its document. Prints recall by type and the missed names (for reading the misses of a development set;
never run it on tests/heldout to choose a change).

    .venv/bin/python scripts/dev/new_text_entities.py SET_DIR [OUT.txt]"""
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.extract.gazetteer import normalize_name
from policykg.extract.ingest.candidates import find_candidates
from policykg.extract.ingest.training import as_new_text
from policykg.graph.build import prepare
from policykg.yamlio import load_yaml

set_dir = Path(sys.argv[1])
pre = as_new_text(prepare(replace(Settings(), corpus=set_dir, screening_list=None)))
names: dict[str, set[str]] = defaultdict(set)
by_doc = defaultdict(list)
for m in pre.corpus.mentions:
    by_doc[m.doc].append(m)
for d in pre.docs:
    for m in by_doc[d.id]:
        e = pre.gaz.entities[m.entity]
        names[d.id] |= {normalize_name(n) for n in [e.name, e.name_zh or "", *e.aliases] if n}
        names[d.id].add(normalize_name(d.sentences[m.sentence].text[m.p_start - d.sentences[m.sentence].p_start:
                                                                    m.p_end - d.sentences[m.sentence].p_start]))
    for c in find_candidates(d, by_doc[d.id], pre.gaz, pre.patterns):
        names[d.id] |= {normalize_name(n) for n in [c.name, *c.aliases]}
found, total = Counter(), Counter()
missed = []
for path in sorted((set_dir / "keys").glob("*.yaml")):
    key = load_yaml(path)
    doc = str(key["doc"])
    for ent in key["entities"]:
        forms = [str(ent["name"]), *[str(a) for a in ent.get("aliases") or []]]
        total[ent["type"]] += 1
        if any(normalize_name(f) in names[doc] for f in forms):
            found[ent["type"]] += 1
        else:
            missed.append(f"{ent['type']:13} {doc:45} {ent['name']}")
print(f"all: {sum(found.values())}/{sum(total.values())} = {sum(found.values()) / sum(total.values()):.3f}")
for t, n in total.most_common():
    print(f"  {t:14} {found[t]}/{n} = {found[t] / n:.2f}")
out = "\n".join(sorted(missed)) + "\n"
if len(sys.argv) > 2:
    Path(sys.argv[2]).write_text(out, encoding="utf-8")
else:
    print(out)
