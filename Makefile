# omnigraph: `make demo` and `make test` do all the set-up on a fresh machine
# (Python 3.11+, JDK 17+ and Maven; Neo4j's jars come from Maven Central on first use; the
# live-update tests need Debian's redis-server, which `make test` installs when it may).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEMO_PEOPLE ?= 60

.PHONY: install browser neo4j neo4j-stop migrate seed demo serve test lint typecheck schema bench clean

install: $(VENV)/.installed gateway/static/vendor/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# GraphiQL, React and the explorer plugin from npm, served by the gateway: no CDN
gateway/static/vendor/.installed: web/package.json web/package-lock.json scripts/vendor-web.sh
	scripts/vendor-web.sh

# Debian's chromium, for the browser tests (tests/browser)
browser:
	scripts/ensure-chromium.sh

# The local Neo4j, unless NEO4J_URI points at one of your own.
neo4j: install
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/omnigraph neo4j start; \
	else echo "using NEO4J_URI=$$NEO4J_URI"; fi

neo4j-stop: install
	$(BIN)/omnigraph neo4j stop

migrate: neo4j
	$(BIN)/omnigraph migrate

seed: migrate
	$(BIN)/omnigraph seed --customers $(DEMO_PEOPLE) --seed 42

demo: seed
	@$(BIN)/omnigraph demo-tokens --host $(HOST) --port $(PORT)
	$(BIN)/omnigraph serve --host $(HOST) --port $(PORT)

serve: migrate
	$(BIN)/omnigraph serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

schema: install
	$(BIN)/omnigraph export-schema

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/omnigraph export-schema --check
	scripts/check-compose.sh
	$(BIN)/omnigraph neo4j install
	scripts/ensure-redis.sh
	scripts/ensure-chromium.sh
	$(BIN)/pytest

# omnigraph vs the floor vs @neo4j/graphql on 10k and 100k customers (bench/run.py; the data
# sets are built once into .bench/, ~5 and ~50 minutes). BENCH_SIZES=10k for a quick run.
BENCH_SIZES ?= 10k,100k
bench: install
	$(BIN)/omnigraph neo4j install
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)

clean: neo4j-stop
	rm -rf .neo4j $(VENV) web/node_modules gateway/static/vendor tests/browser/vendor test-artifacts
