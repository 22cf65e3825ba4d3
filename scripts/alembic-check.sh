#!/usr/bin/env bash
# Prove there is one Alembic head and that the models match the migrations.
set -euo pipefail
heads=$(.venv/bin/alembic heads | wc -l)
if [ "$heads" -ne 1 ]; then
  echo "alembic: expected exactly one head, found $heads:"; .venv/bin/alembic heads; exit 1
fi
db=$(mktemp -d)/check.db
export DATABASE_URL="sqlite+aiosqlite:///$db"
.venv/bin/daira migrate >/dev/null
.venv/bin/alembic check
