"""The import contracts (`.importlinter`) and ruff hold for the whole repository, so `make test`
(and CI, which calls it) fails when an app reaches into a layer it must not know."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [str(BIN / command[0]), *command[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_import_contracts_are_kept():
    result = run("lint-imports", "--no-cache")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing():
    result = run("ruff", "check", ".")

    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_changes_nothing():
    result = run("ruff", "format", "--check", ".")

    assert result.returncode == 0, result.stdout + result.stderr
