"""Where a keyed set's misses are, from its build: each key relation is found, low (its best proposal scored below
the threshold), unprop (both names found, never proposed) or entity (a name missing), counted by relation type;
the examples go to OUT.json.

    POLICYKG_CACHE=CACHE .venv/bin/policykg eval --set SET_DIR
    .venv/bin/python scripts/dev/miss_analysis.py SET_DIR CACHE OUT.json"""
import json
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from policykg.config import Settings
from policykg.extract.gazetteer import normalize_name
from policykg.extract.ingest.devscore import score_set
from policykg.graph.build import build_graph
from policykg.yamlio import load_yaml

set_dir, cache, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
graph = build_graph(replace(Settings(), corpus=set_dir, cache=cache, screening_list=None)).graph
listing = graph.meta["proposals"]
index: dict[str, set[str]] = defaultdict(set)
for node in graph.nodes.values():
    if node.type not in {"Document", "Section"}:
        for n in [node.name, node.name_zh, *node.aliases]:
            if n:
                index[normalize_name(n)].add(node.id)
for ent in listing["entities"]:
    for n in [ent["name"], *ent["aliases"]]:
        index[normalize_name(n)] |= {ent["node"]} if ent.get("node") else set()
best: dict[tuple[str, frozenset[str]], tuple[float, str]] = defaultdict(lambda: (0.0, ""))
for r in listing["relations"]:
    s = r["source"].get("id") or r["source"].get("name")
    t = r["target"].get("id") or r["target"].get("name")
    k = (r["evidence"][0]["doc"] if r.get("evidence") else "", frozenset((s, t)))
    if r["confidence"] > best[k][0]:
        best[k] = (r["confidence"], f'{r["type"]} {r["reason"]}')
scores = {s.doc: s for s in score_set(graph, set_dir / "keys")}
cats: Counter[tuple[str, str]] = Counter()
examples: dict[str, list[list[object]]] = defaultdict(list)
for path in sorted((set_dir / "keys").glob("*.yaml")):
    key = load_yaml(path)
    doc = str(key["doc"])
    missed_entities = {m.rsplit(" (", 1)[0] for m in scores[doc].missed_entities}
    missed = set(scores[doc].missed_relations)
    ids = {str(e["name"]): set().union(*(index.get(normalize_name(n), set())
                                         for n in [e["name"], *(e.get("aliases") or [])]))
           for e in key["entities"]}
    for r in key["relations"]:
        label = f"{r['source']} -[{r['type']}]-> {r['target']}"
        if label not in missed:
            cats[("found", r["type"])] += 1
            continue
        if str(r["source"]) in missed_entities or str(r["target"]) in missed_entities:
            cat, conf, why = "entity", 0.0, ""
        else:
            conf, why = max((best[(doc, frozenset((a, b)))] for a in ids[str(r["source"])]
                             for b in ids[str(r["target"])]), default=(0.0, ""))
            cat = "low" if conf > 0 else "unprop"
        cats[(cat, r["type"])] += 1
        examples[f"{cat}|{r['type']}"].append([doc, label, round(conf, 3), why])
totals: Counter[str] = Counter()
for (cat, _), n in cats.items():
    totals[cat] += n
print("threshold", listing["threshold"], dict(totals))
for (cat, rel), n in cats.most_common(25):
    if cat != "found":
        print(f"{cat:8} {rel:16} {n}")
Path(out).write_text(json.dumps(examples, ensure_ascii=False, indent=0), encoding="utf-8")
