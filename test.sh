#!/usr/bin/env bash
# The whole test suite: lint, types, unit tests, tests on the real corpus, Neo4j integration (a real
# Neo4j 5.26: NEO4J_URI if set, else testcontainers if a Docker engine answers, else the bundled harness
# built from Maven Central) and the Gephi toolkit import check. Nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/ensure-venv --dev
echo "== ruff"; .venv/bin/ruff check src tests benchmarks examples
echo "== mypy"; .venv/bin/mypy
echo "== corpus overlap"
if [ -x ../shared/tools/corpus-overlap ]; then ../shared/tools/corpus-overlap . --corpus "${POLICYKG_CORPUS:-../shared/corpus}"; fi
echo "== pytest"
set +e
# on every core, up to 4 (PYTEST_WORKERS=1: one process, in order); each worker is a session of its own
workers=${PYTEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}
[ "$workers" -le 4 ] || workers=4
parallel=()
[ "$workers" -le 1 ] || parallel=(-n "$workers")
.venv/bin/python -m pytest "${parallel[@]}" "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; exit 1; fi
exit "$rc"
