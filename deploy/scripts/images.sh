#!/usr/bin/env bash
# `make images`: builds daira-api and daira-web with podman, asserts their size budgets, then
# runs them (host networking) against PostgreSQL and Redis through images_smoke.py.
# Settings (environment): IMAGE_TAG, IMAGES_PG_URL, IMAGES_REDIS_URL, IMAGES_API_PORT,
# IMAGES_WEB_PORT, BACKEND_BUDGET_MB (300), WEB_BUDGET_MB (100).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/docker/containers.conf}
TAG=${IMAGE_TAG:-ci}
API_IMAGE=localhost/daira-api:$TAG
WEB_IMAGE=localhost/daira-web:$TAG
PG_URL=${IMAGES_PG_URL:-postgresql+asyncpg://postgres@127.0.0.1:5432/daira_images}
REDIS_URL=${IMAGES_REDIS_URL:-redis://127.0.0.1:6379/14}

if ! command -v podman >/dev/null; then
  if [ -n "${CI:-}" ]; then echo "!!! podman is missing: CI requires it (deploy/scripts/apt-deps.sh)"; exit 1; fi
  echo "!!! SKIPPED: make images — podman is not installed (deploy/scripts/apt-deps.sh installs it)"; exit 0
fi

# Fails when an image is over its budget in MB; the self-test below proves it can fail.
assert_budget() {
  local image=$1 budget_mb=$2 size
  size=$(podman image inspect "$image" --format '{{.Size}}')
  printf '  %-32s %6.1f MB (budget %s MB)\n' "$image" "$(echo "$size / 1000000" | bc -l)" "$budget_mb"
  [ "$size" -le $((budget_mb * 1000000)) ] || { echo "FAIL: $image is over its $budget_mb MB budget"; return 1; }
}

echo "== Dockerfiles lint (hadolint)"
deploy/scripts/tools.sh hadolint
"${DAIRA_CI_CACHE:-/var/cache/daira-ci}/venvs/hadolint/bin/hadolint" --failure-threshold warning \
  --config deploy/docker/hadolint.yaml \
  deploy/docker/backend.Dockerfile deploy/docker/web.Dockerfile

deploy/scripts/base-image.sh
./scripts/build-web-if-stale.sh
build=(podman build --pull=never --format docker --network host --quiet)
# A TLS-intercepting proxy's CA, for pip inside the build on machines that have one.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  build+=(-v /etc/ssl/certs/ca-certificates.crt:/run/host-ca.crt:ro --build-arg EXTRA_CA_FILE=/run/host-ca.crt)
fi
echo "== building $API_IMAGE"
start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"${build[@]}" -f deploy/docker/backend.Dockerfile -t "$API_IMAGE" . >"$log" 2>&1 || { cat "$log"; exit 1; }
echo "== building $WEB_IMAGE"
"${build[@]}" -f deploy/docker/web.Dockerfile -t "$WEB_IMAGE" . >"$log" 2>&1 || { cat "$log"; exit 1; }
echo "   built in $(( $(date +%s) - start )) s"

echo "== image sizes"
assert_budget "$API_IMAGE" "${BACKEND_BUDGET_MB:-300}"
assert_budget "$WEB_IMAGE" "${WEB_BUDGET_MB:-100}"
if (assert_budget "$WEB_IMAGE" 1 >/dev/null); then
  echo "FAIL: the budget check passed an image over a 1 MB budget"; exit 1
fi
echo "  ok  negative case: a 1 MB budget rejects $WEB_IMAGE"

echo "== smoke: the images together, as a user"
backend/.venv/bin/python deploy/scripts/images_smoke.py \
  --api-image "$API_IMAGE" --web-image "$WEB_IMAGE" \
  --database-url "$PG_URL" --redis-url "$REDIS_URL" \
  --api-port "${IMAGES_API_PORT:-19201}" --web-port "${IMAGES_WEB_PORT:-19202}" \
  --name "daira-smoke-$TAG"
