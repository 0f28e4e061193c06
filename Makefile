# clickstack - the user interface. `make help` lists the targets; ENV defaults to dev.
ENV ?= dev
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHECKOV_VENV := .venv-checkov
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help venv checkov-venv flink-venv redis-server render render-all check-render docs docs-check validate \
        validate-all package plan apply destroy up demo down lint test bench clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# Stamp files make the installs idempotent and fast when nothing changed.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(CHECKOV_VENV)/.installed: requirements-checkov.txt
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-checkov.txt
	touch $@

# PyFlink pins numpy/pyarrow/beam of its own: the Flink job and its tests get their own venv.
FLINK_VENV := .venv-flink
$(FLINK_VENV)/.installed: flink/requirements.txt flink/requirements-dev.txt
	test -x $(FLINK_VENV)/bin/python || $(PYTHON) -m venv $(FLINK_VENV)
	$(FLINK_VENV)/bin/pip install --quiet --disable-pip-version-check -r flink/requirements-dev.txt
	touch $@

flink-venv: $(FLINK_VENV)/.installed ## create .venv-flink (PyFlink 1.20 and its pins)

venv: $(VENV)/.installed ## create .venv with the pinned dependencies

checkov-venv: $(CHECKOV_VENV)/.installed ## create .venv-checkov (checkov pins old dependencies)

render: venv ## render terraform/envs/$(ENV) from manifest/$(ENV).yaml
	$(PY) -m generator render --env $(ENV)

render-all: venv ## render every environment
	$(PY) -m generator render --all

check-render: venv ## fail when re-rendering any manifest changes a byte
	$(PY) -m generator check-render

docs: venv ## regenerate docs/manifest.md and the module README tables
	$(PY) -m generator docs

docs-check: venv ## fail when generated docs are stale
	$(PY) -m generator docs --check

validate: venv ## terraform fmt check + init -backend=false + validate for $(ENV)
	$(PY) -m generator validate --env $(ENV)

validate-all: venv ## validate every environment
	$(PY) -m generator validate --all

package: venv ## build byte-identical, content-addressed artifacts into build/artifacts/
	$(PY) -m generator package

plan: venv checkov-venv ## render, validate, gate and plan $(ENV) (offline without AWS credentials)
	$(PY) -m generator plan --env $(ENV) $(if $(filter 1 true yes,$(OFFLINE)),--offline,)

apply: venv checkov-venv ## apply exactly build/$(ENV)/tfplan if gated and current (local: package+plan+apply)
	$(PY) -m generator apply --env $(ENV)

destroy: venv ## destroy everything of $(ENV) (on AWS only with CONFIRM=$(ENV))
	$(PY) -m generator destroy --env $(ENV) $(if $(CONFIRM),--confirm $(CONFIRM),)

up: venv ## start the local AWS (moto over TLS on a free 127.0.0.1 port; LOCAL_AWS_PORT to pick)
	$(PY) -m generator up

demo: venv redis-server ## realistic traffic through the local platform (after make up + apply ENV=local), with a report
	$(PY) -m demo --env local

down: venv ## stop the local AWS started by `make up` (FORCE=1 even if local state remains)
	$(PY) -m generator down $(if $(filter 1 true yes,$(FORCE)),--force,)

LINTED := generator tests lambda bench glue flink demo ingest

lint: venv ## ruff, mypy and terraform fmt
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy generator tests lambda bench glue demo ingest
	TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -recursive terraform/ tests/modules/

# The profile_updater tests run a real redis-server (Debian package) and PostgreSQL (binaries
# on the machine image); the tests start and stop both on loopback ports.
redis-server:
	@command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }

test: venv checkov-venv flink-venv redis-server ## everything CI runs: lint, generated files, the pytest suites
	$(MAKE) --no-print-directory lint check-render docs-check
	$(FLINK_VENV)/bin/pytest -q tests/flink
	@# pytest exits 5 when it collected nothing: for this suite that means something broke.
	@$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

bench: venv redis-server ## throughput of the data-plane handlers, next to a parse-only baseline
	$(PY) bench/firehose_transform_bench.py
	$(PY) bench/profile_updater_bench.py
	$(PY) bench/ingest_bench.py

clean: ## remove build outputs (not the venvs); stops the local AWS, refuses while it holds resources
	@if [ -x $(PY) ]; then $(PY) -m generator down; fi
	rm -rf build
