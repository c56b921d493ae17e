"""Production settings come from the environment and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

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


def test_check_deploy_flags_the_demo_secret_key():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", ALLOWED_HOSTS="x", SECRET_KEY=""
    )

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
