# Centrum Kompetencji – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.lock pyproject.toml | sha256sum | cut -c1-16)
HOST ?= 127.0.0.1
PORT ?= 8000
# Runs a command with PostgreSQL and Redis available: the ones DATABASE_URL / REDIS_URL name, or
# embedded servers from pip wheels (data in var/) started for the command and stopped after it.
SERVICES := $(BIN)/python -m lms.devservices run --

.PHONY: install system-packages run test lint format messages clean

install: system-packages $(STAMP)

# Debian packages from requirements/apt.txt that are not installed yet (as root, or with sudo).
system-packages:
	@missing=$$(grep -v '^#' requirements/apt.txt | while read -r pkg; do \
		[ -z "$$pkg" ] || dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q "install ok installed" \
		|| echo "$$pkg"; done | tr '\n' ' '); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		sudo=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	rm -f $(VENV)/.installed-*
	touch $@

# Serve the site, a Celery worker and beat on the demo data. Ctrl-C stops everything. Links in
# e-mails (SITE_URL) point at the address served, unless SITE_URL is exported.
run: install
	@export DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}; $(SERVICES) sh -c '\
		$(BIN)/python manage.py migrate --noinput && \
		$(BIN)/python manage.py create_certificate_key --write --if-missing && \
		$(BIN)/python manage.py load_demo && \
		exec $(BIN)/python -m lms.devserver --host $(HOST) --port $(PORT)'

# The whole suite on PostgreSQL and Redis (embedded unless DATABASE_URL / REDIS_URL are set).
# One pytest process per core (pytest-xdist), file by file, transactional tests last (see
# tests/parallel.py). PYTEST_WORKERS=0 runs everything in one process. Bytecode is cached even
# where PYTHONDONTWRITEBYTECODE is set: the Celery workers and servers the tests start reuse it.
PYTEST_WORKERS ?= auto
test: install
	env -u PYTHONDONTWRITEBYTECODE $(SERVICES) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(SERVICES) $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the catalogues after changing strings; then translate the new English entries.
messages: install
	DEBUG=1 $(SERVICES) $(BIN)/python manage.py makemessages -l pl -l en --no-obsolete \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench
	msgen locale/pl/LC_MESSAGES/django.po -o locale/pl/LC_MESSAGES/django.po
	$(BIN)/python locale/fix_pl.py locale/pl/LC_MESSAGES/django.po
	DEBUG=1 $(SERVICES) $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
