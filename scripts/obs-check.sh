#!/usr/bin/env bash
# `make obs-check`: every observability check that runs offline (issue 11).
#   rules: promtool check + unit tests, coverage and runbook links; Alertmanager: amtool
#   check-config and routing tests; dashboards: schema and sync with generate.py; compose:
#   docker-compose config; traces and metrics: the backend's observability tests; the drill:
#   real Prometheus + Alertmanager scraping a running Daira, database stopped, page timed.
# Needs the Debian packages prometheus, prometheus-alertmanager, docker-compose and the
# PostgreSQL server binaries (.ci/run installs them). OBS_SKIP_DRILL=1 skips the drill.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=backend/.venv/bin/python
MON=deploy/monitoring
started=$(date +%s)

for tool in promtool amtool prometheus prometheus-alertmanager docker-compose; do
  command -v "$tool" >/dev/null || {
    echo "!!! $tool is missing: apt-get install prometheus prometheus-alertmanager docker-compose"
    exit 1
  }
done

echo "== The checks' own Python (ruff, mypy)"
backend/.venv/bin/ruff check --config backend/pyproject.toml $MON
backend/.venv/bin/ruff format --config backend/pyproject.toml --check $MON
backend/.venv/bin/mypy --strict --ignore-missing-imports $MON/checks $MON/dashboards/generate.py

echo "== Prometheus rules"
promtool check rules $MON/rules/*.yaml
promtool test rules $MON/rules/tests/*.yaml
$PY $MON/checks/rules.py

echo "== Alertmanager"
amtool check-config $MON/alertmanager/alertmanager.yml
# The same file with its templates read from the repository, so they are parsed too.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|/etc/alertmanager/templates/|$PWD/$MON/alertmanager/templates/|" \
  $MON/alertmanager/alertmanager.yml >"$tmp/alertmanager.yml"
amtool check-config "$tmp/alertmanager.yml" >/dev/null
route() {  # route EXPECTED_RECEIVER LABEL=VALUE...
  local expected=$1; shift
  amtool config routes test --config.file=$MON/alertmanager/alertmanager.yml \
    --verify.receivers="$expected" "$@" >/dev/null 2>&1 || {
    echo "!!! routing: $* should reach $expected"; exit 1; }
  echo "routing: $* -> $expected"
}
route oncall-page severity=page alertname=DairaNotReady service=daira
route oncall-page severity=page alertname=DairaAvailabilityBudgetBurnFast slo=availability
route oncall-email severity=ticket alertname=DairaBackupLate service=daira
route oncall-email alertname=SomethingUnlabelled

echo "== Dashboards and compose"
$PY $MON/checks/dashboards.py
$PY $MON/checks/compose.py

# (make test runs all of tests/observability on both databases; here the trace test alone,
# through arq and Redis when they are reachable, in process otherwise.)
echo "== Trace propagation (request -> SQL -> Redis -> job -> SMTP)"
if [ -n "${TEST_PG_URL:-}" ] && ./scripts/services-reachable.sh "$TEST_PG_URL" "$TEST_REDIS_URL"; then
  (cd backend && DATABASE_URL="$TEST_PG_URL" REDIS_URL="$TEST_REDIS_URL" \
    .venv/bin/pytest -q -p no:cacheprovider tests/observability/test_tracing.py)
else
  (cd backend && env -u DATABASE_URL -u REDIS_URL \
    .venv/bin/pytest -q -p no:cacheprovider tests/observability/test_tracing.py)
fi

if [ "${OBS_SKIP_DRILL:-}" != 1 ]; then
  echo "== Alerting drill"
  $PY $MON/checks/drill.py
fi
echo "obs-check passed in $(( $(date +%s) - started )) s"
