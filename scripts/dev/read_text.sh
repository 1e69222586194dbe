#!/usr/bin/env bash
# What the extractor reads in a piece of text: its entity candidates and every relation proposal (with its
# confidence and reason), from a one-document corpus made in a temporary folder.
#   scripts/dev/read_text.sh "TEXT" [en|zh]
# SRC=/path/to/other/checkout/src runs another version of the code (its own loaders come with it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/docs"
printf '%s\n' "$1" > "$d/docs/t.txt"
sha=$(sha256sum "$d/docs/t.txt" | cut -d' ' -f1)
printf 'documents:\n  - id: t\n    file: docs/t.txt\n    sha256: %s\n    title_en: "t"\n    year: 2026\n    language: %s\n' \
  "$sha" "${2:-en}" > "$d/sources.yaml"
PYTHONPATH="${SRC:-$root/src}" POLICYKG_CACHE="$d/cache" "$root/.venv/bin/policykg" --corpus "$d" proposals --doc t \
  --format json --min-confidence 0 > "$d/p.json"
"$root/.venv/bin/python" - "$d/p.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for e in d["entities"]:
    print("E", repr(e["name"]), e["type"], "|", (e.get("reason") or "")[:70])
for r in d["relations"]:
    name = lambda x: x.get("name") or x.get("id")  # noqa: E731
    print("R", name(r["source"]), r["type"], name(r["target"]), r["confidence"], "|", (r.get("reason") or "")[:60])
PY
