# Centrum Kompetencji – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.lock pyproject.toml | sha256sum | cut -c1-16)
HOST ?= 127.0.0.1
PORT ?= 8000
REDIS_URL_DEMO ?= redis://127.0.0.1:6379/0

.PHONY: install run test lint format messages clean

install: $(STAMP)

$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	rm -f $(VENV)/.installed-*
	touch $@

# Serve the site (and a Celery worker + beat when Redis answers). Ctrl-C stops everything.
run: install
	@if [ -z "$$REDIS_URL" ] && $(BIN)/python -c "import redis,sys; redis.Redis.from_url('$(REDIS_URL_DEMO)', socket_connect_timeout=1).ping()" 2>/dev/null; then \
		export REDIS_URL=$(REDIS_URL_DEMO); echo "Redis found at $$REDIS_URL: starting a Celery worker and beat."; \
	else echo "Redis not reachable: Celery tasks will run in-process."; fi; \
	export DEBUG=$${DEBUG:-1}; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py create_certificate_key --write --if-missing && \
	$(BIN)/python manage.py load_demo && \
	exec $(BIN)/python -m lms.devserver --host $(HOST) --port $(PORT)

# The tests run with DEBUG=0, which refuses a short or public SECRET_KEY: give them a throw-away one.
test: install
	SECRET_KEY=$${SECRET_KEY:-tests-only-secret-key-3f9c1a7e5b2d8c4f6a0e9b1d7c3a5f8e2b4d6c0a} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the catalogues after changing strings; then translate the new English entries.
messages: install
	$(BIN)/python manage.py makemessages -l pl -l en --no-obsolete \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench
	msgen locale/pl/LC_MESSAGES/django.po -o locale/pl/LC_MESSAGES/django.po
	$(BIN)/python locale/fix_pl.py locale/pl/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
