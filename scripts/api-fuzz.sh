#!/usr/bin/env bash
# schemathesis (--checks all) against a real server with a signed-in admin, time-bounded.
# Fails on any 5xx and on any answer the OpenAPI document does not describe.
# Env: API_FUZZ_PORT (default: a free port), API_FUZZ_MAX_TIME (seconds, default 150),
# API_FUZZ_VENV (default ~/.cache/daira-api-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DAIRA=$ROOT/backend/.venv/bin/daira
VENV=${API_FUZZ_VENV:-$HOME/.cache/daira-api-fuzz}
MAX_TIME=${API_FUZZ_MAX_TIME:-150}
# A fixed seed keeps a red CI reproducible; API_FUZZ_SEED=$RANDOM explores further.
SEED=${API_FUZZ_SEED:-1129}
UV=$(command -v uv || echo "$HOME/.local/bin/uv")

if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "installing schemathesis into $VENV"
  "$UV" venv -q "$VENV"
  "$UV" pip install -q --python "$VENV/bin/python" "schemathesis>=4.3,<5"
fi

PORT=${API_FUZZ_PORT:-$("$ROOT/backend/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export ENVIRONMENT=test
export DATABASE_URL="sqlite+aiosqlite:///$WORK/fuzz.db"
export SECRET_KEY=$("$ROOT/backend/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))')
export MEDIA_ROOT="$WORK/media"
export PUBLIC_URL="http://127.0.0.1:$PORT"
# Limits would turn most generated requests into (documented) 429s and hide the rest.
export RATE_LIMIT_ENABLED=false
export DAIRA_ADMIN_PASSWORD="fuzz-admin-passphrase-$RANDOM-river"
unset REDIS_URL

"$DAIRA" migrate >/dev/null
"$DAIRA" create-admin --email fuzz-admin@example.com --username fuzzadmin >/dev/null
"$DAIRA" serve --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done

TOKEN=$(curl -fsS -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\": \"fuzz-admin@example.com\", \"password\": \"$DAIRA_ADMIN_PASSWORD\"}" |
  "$ROOT/backend/.venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

status=0
# Operations that would end the fuzzer's own session are left out: it would then see
# nothing but (documented) 401s.
# Run from the scratch directory: schemathesis leaves its cache (.schemathesis/) in the cwd.
cd "$WORK"
"$VENV/bin/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml" \
  run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks all \
  --seed "$SEED" \
  --max-time "$MAX_TIME" \
  --workers 2 \
  --request-timeout 10 \
  --suppress-health-check all \
  --exclude-path-regex '^/api/v1/(auth/(logout|logout-all|sessions/\{session_id\}|change-password|2fa/.*)|admin/users/\{user_id\}/end-sessions)$' \
  -H "Authorization: Bearer $TOKEN" \
  --no-color || status=$?
if grep -q '"status": 5\|Traceback' "$WORK/server.log"; then
  echo "!!! the server logged 5xx answers or tracebacks:"; grep -m 20 '"status": 5\|Traceback' "$WORK/server.log"; status=1
fi
exit $status
