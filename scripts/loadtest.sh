#!/usr/bin/env bash
# `make loadtest`: SPEC's load profile (1,000 users for 5 minutes; 50% feed, 30% post,
# 20% like) with Locust against `daira serve` on loopback, on a freshly seeded PostgreSQL.
# Try it short: LOADTEST_USERS=200 LOADTEST_DURATION=60s make loadtest
# Other knobs: LOADTEST_SPAWN_RATE, LOADTEST_SERVER_WORKERS, LOADTEST_DATABASE_URL,
# LOADTEST_REUSE=1 (keep a seeded database). Reports go to reports/loadtest/.
set -euo pipefail
cd "$(dirname "$0")/.."
exec backend/.venv/bin/python -m daira.bench.loadtest "$@"
