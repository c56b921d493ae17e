"""`make run` on an empty database: migrates, loads the demo, serves the site and a worker."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = settings.REDIS_URL or "redis://127.0.0.1:6379/15"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


@pytest.mark.worker
def test_make_run_serves_polish_site_admin_and_health_then_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "ENV_FILE": "/nonexistent",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "REDIS_URL": REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": f"make-run-{port}",
    }
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        ["make", "--no-print-directory", "run", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        status, home = fetch(base + "/")
        while status != 200 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(1)
            status, home = fetch(base + "/")
        output = (tmp_path / "run.log").read_text()
        assert status == 200, output[-3000:]
        assert '<html lang="pl">' in home
        assert "Centrum Kompetencji" in home
        assert fetch(base + "/admin/login/")[0] == 200
        health_status, health = fetch(base + "/healthz")
        assert health_status == 200, health
        assert '"broker": "ok"' in health
        assert "kursant@centrum-kompetencji.example" in output
        assert "web, worker, beat" in output
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
        log.close()
    time.sleep(1)
    assert fetch(base + "/")[0] is None  # the server is gone
