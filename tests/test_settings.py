"""Production settings come from the environment and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    environment = {**os.environ, "ENV_FILE": "/nonexistent", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_zero_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 20 + "-Tq9vX2mR7pLw4Zs8Nd3Hb6Jc1Fy5Ge0Ua",
        ALLOWED_HOSTS="szkolenia.pomorskie.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


GOOD_KEY = "Tq9vX2mR7pLw4Zs8Nd3Hb6Jc1Fy5Ge0Ua-k7Pq2Wz9Rt4Yx1Bn8Mv3Lc6Hd0"


def start_django(**env):
    environment = {**os.environ, "ENV_FILE": "/nonexistent", "DEBUG": "0", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "lms.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "secret_key",
    [
        "",
        "django-insecure-local-demo-only",  # the default in settings.py, public on GitHub
        "change-me",  # the placeholder of .env.example
        "k3J9x!vQ2m",  # random, but too short
        "a" * 60,  # long, but one character repeated
    ],
)
def test_production_refuses_to_start_with_a_public_or_weak_secret_key(secret_key):
    result = start_django(SECRET_KEY=secret_key)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is unsafe for production (DEBUG=0)" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_production_starts_with_a_long_random_secret_key():
    result = start_django(SECRET_KEY=GOOD_KEY)

    assert result.returncode == 0, result.stderr


def test_development_still_runs_with_the_demo_key():
    result = start_django(DEBUG="1", SECRET_KEY="django-insecure-local-demo-only")

    assert result.returncode == 0, result.stderr
