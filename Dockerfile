# syntax=docker/dockerfile:1
# check=skip=SecretsUsedInArgOrEnv

# Centrum Kompetencji: one image for every process (web = gunicorn, worker and beat = Celery).
# Configuration comes from the environment at run time: see .env.example and docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint runtime (Pango, HarfBuzz font subsetting), fonts with full Polish glyphs for the
# certificate PDFs, and gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-noto-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user; its home holds the fontconfig cache WeasyPrint writes on first use.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --create-home --home-dir /home/app \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first (cached layer), exactly as pinned and hashed in the lock file.
COPY requirements/base.lock requirements/base.lock
RUN python -m venv /opt/venv \
    && pip install --require-hashes -r requirements/base.lock

# The project, owned by root and read-only for the app user. Only what runs in production: no
# .env, .venv, var/, tests or bench.
COPY manage.py ./
COPY lms lms
COPY courses courses
COPY certificates certificates
COPY events events
COPY knowledge knowledge
COPY evaluation evaluation
COPY funding funding
COPY templates templates
COPY static static
COPY locale locale

# Hashed, compressed static files and compiled translations are built into the image. The key is
# a throwaway for these two commands only; the running containers get theirs from the environment.
ARG SECRET_KEY=docker-build-only-dummy-secret-key-never-used-at-runtime
ENV STATICFILES_MANIFEST=1
RUN python manage.py collectstatic --noinput \
    && python manage.py compilemessages

# Uploaded files and certificate PDFs (a named volume in docker-compose.yml, unless S3 is used).
# Private files (exports, certificate PDFs, import uploads): their own volume, never served.
RUN mkdir -p /app/var/media /app/var/private && chown app:app /app/var/media /app/var/private

USER app
EXPOSE 8000

# Refuse to start without a real SECRET_KEY (settings.py would otherwise fall back to a public one).
ENTRYPOINT ["/bin/sh", "-c", ": \"${SECRET_KEY:?SECRET_KEY must be set, see .env.example}\" && exec \"$@\"", "--"]
CMD ["gunicorn", "lms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
