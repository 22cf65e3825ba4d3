#!/bin/sh
# Starts the real backend for the browser tests on a fresh SQLite database, with an admin account.
# Playwright's webServer runs this from web/; the environment comes from playwright.config.ts.
set -eu
BACKEND="${DAIRA_BACKEND_DIR:-../backend}"
DAIRA="$BACKEND/.venv/bin/daira"
rm -f "$E2E_DB_FILE"
mkdir -p "$(dirname "$E2E_DB_FILE")"
"$DAIRA" migrate
"$DAIRA" create-admin --email "$E2E_ADMIN_EMAIL" --username "$E2E_ADMIN_USERNAME"
# Request logs go to a file next to the database, to keep the test output readable.
exec "$DAIRA" serve --host 127.0.0.1 --port "$E2E_PORT" >>"$(dirname "$E2E_DB_FILE")/backend.log" 2>&1
