# The words a newcomer would guess: `make run` and `make test`.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: worker run stack test test-postgres test-stack install migrate demo lint format browser bench bench-search bench-attribution bench-scale bench-peers bench-import loadtest audit clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PYTHON) manage.py migrate --noinput

demo: migrate
	$(PYTHON) manage.py load_demo

## Install, migrate, load the demo content and serve the site on SQLite.
run: demo
	@echo "Serving the site at http://$(HOST):$(PORT)/  (admin: /cms/, dashboard: /shop/dashboard/)"
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

## The task worker: sends queued mail when TASK_BACKEND=database (production
## settings always queue); `make run` runs tasks at once and needs none.
worker: migrate
	$(PYTHON) manage.py db_worker

## ruff (and its preview rule PLC2701: no private name of another module is
## imported), formatting, bandit.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check --preview --select PLC2701 .
	$(VENV)/bin/bandit -q -ll -c pyproject.toml -r attribution blog demo importer shop site_project site_search

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

browser:
	scripts/chromium.sh

## Install, lint, check, and run the whole suite on SQLite (browser tests too),
## in TEST_WORKERS pytest-xdist processes (each with its own test database
## and localstripe).
TEST_WORKERS ?= 2
test: install browser lint
	DJANGO_SETTINGS_MODULE=site_project.settings.test $(PYTHON) manage.py check
	DJANGO_SETTINGS_MODULE=site_project.settings.test $(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not postgres and not redis and not stack"

## The same suite against a throw-away PostgreSQL server on loopback.
test-postgres: install browser
	@set -e; url=$$(scripts/postgres.sh start); \
	trap 'scripts/postgres.sh stop' EXIT; \
	DATABASE_URL=$$url $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not redis and not stack"

## The reference production stack (deploy/): nginx -> Varnish -> two gunicorns,
## PostgreSQL, Redis and the task worker on loopback, each started by
## deploy/stack.py, which prints the address and stops them all on Ctrl-C.
stack: install
	$(PYTHON) deploy/stack.py

## The stack's tests (pytest -m stack) through a fresh stack on its own ports,
## and the tests that need Redis (pytest -m redis) on the stack's Redis.
## Server ports stay below Linux's ephemeral range: after the PostgreSQL suite,
## a client socket in TIME_WAIT can hold a port in that range.
test-stack: install
	STACK_NGINX_PORT=8580 STACK_VARNISH_PORT=8581 STACK_GUNICORN_PORTS=8591,8592 \
	STACK_POSTGRES_PORT=15520 STACK_REDIS_PORT=63820 STACK_SMTP_PORT=8525 \
	$(PYTHON) deploy/stack.py --fresh -- $(VENV)/bin/pytest -m "stack or redis"

## The issue-18 targets: the stack's cached article against gunicorn's
## rendering (bench/stack.py), then the issue-20 search budgets at scale
## (bench/search.py); results in bench/results/.
bench: install
	STACK_NGINX_PORT=8680 STACK_VARNISH_PORT=8681 STACK_GUNICORN_PORTS=8691,8692 \
	STACK_POSTGRES_PORT=15620 STACK_REDIS_PORT=63620 STACK_SMTP_PORT=8625 \
	$(PYTHON) deploy/stack.py --fresh -- sh -c \
		'$(PYTHON) bench/stack.py; cached=$$?; $(PYTHON) bench/search.py && exit $$cached'

## Search latency alone (bench/search.py, the second part of `make bench`):
## results page, chooser and suggestions at scale on the stack's PostgreSQL.
bench-search: install
	STACK_NGINX_PORT=8680 STACK_VARNISH_PORT=8681 STACK_GUNICORN_PORTS=8691,8692 \
	STACK_POSTGRES_PORT=15620 STACK_REDIS_PORT=63620 STACK_SMTP_PORT=8625 \
	$(PYTHON) deploy/stack.py --fresh -- $(PYTHON) bench/search.py $(BENCH_SEARCH_ARGS)

## The callout sales report and the beacon at scale (bench/attribution.py):
## 2,000 articles, 200,000 attributed order lines, 2 million impressions, on
## a PostgreSQL server of its own on BENCH_PG_PORT (started and stopped
## here, so a shared one is never stopped); results in bench/results/.
BENCH_PG_PORT ?= 15820
bench-attribution: install
	@set -e; url=$$(PGPORT=$(BENCH_PG_PORT) scripts/postgres.sh start); \
	trap 'PGPORT=$(BENCH_PG_PORT) scripts/postgres.sh stop' EXIT; \
	DATABASE_URL=$$url $(PYTHON) bench/attribution.py $(BENCH_ATTRIBUTION_ARGS)

## Rendered pages on demo data and at scale (DATABASE_URL / REDIS_URL choose
## PostgreSQL / Redis): query counts, growth, chooser search, worker memory.
bench-scale: install
	$(PYTHON) bench/run.py

## Rendered pages beside the two peers (wagtail/bakerydemo, django-oscar's
## sandbox) set up in PEERS_DIR as ../shared/peers/README.md says: req/s
## ratios from interleaved wrk rounds; results in bench/results/.
bench-peers: install
	$(PYTHON) bench/peers.py

## A WordPress export of 1,000 posts imported into a fresh demo database
## (target: under two minutes); results in bench/results/.
bench-import: install
	$(PYTHON) bench/import_wxr.py

## Two minutes of visitors (read, add from callouts, guest checkout) against
## gunicorn on its own PostgreSQL, which is stopped for 15 s in the middle.
loadtest: install
	$(PYTHON) bench/load/run.py $(LOADTEST_ARGS)

## Lighthouse (mobile and desktop), the Nu HTML Checker and axe-core on home,
## an article with callouts, a category, a product, basket and search, served
## by a fresh reference stack (production settings) on its own ports
## (bench/audit/audit.py; its npm tools go to bench/audit/node_modules).
audit: install browser
	STACK_NGINX_PORT=8780 STACK_VARNISH_PORT=8781 STACK_GUNICORN_PORTS=8791,8792 \
	STACK_POSTGRES_PORT=15720 STACK_REDIS_PORT=63720 STACK_SMTP_PORT=8725 \
	$(PYTHON) deploy/stack.py --fresh -- $(PYTHON) bench/audit/audit.py

clean:
	rm -rf $(VENV) staticfiles test-results .pytest_cache
