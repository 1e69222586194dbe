#!/usr/bin/env bash
# The main job: install what is needed (once), build the graph from the corpus, print a real report.
#   ./run.sh                         -> the semiconductors report
#   ./run.sh report timeline         -> any other policykg command
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/ensure-venv
if [ "$#" -eq 0 ]; then
  .venv/bin/policykg build
  echo
  exec .venv/bin/policykg report sector semiconductors
fi
exec .venv/bin/policykg "$@"
