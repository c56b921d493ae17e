"""`make run` as a newcomer runs it: nothing exported, no services configured. It starts an embedded
PostgreSQL and Redis, migrates, loads the demo, serves the site with a worker and beat, and Ctrl-C
stops all of it, the embedded servers included."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lms.devservices import EmbeddedPostgres, EmbeddedRedis

ROOT = Path(__file__).resolve().parent.parent


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
def test_make_run_on_a_fresh_machine_starts_its_own_services_and_stops_them_on_ctrl_c(tmp_path):
    port = free_port()
    var = tmp_path / "var"
    unset = {"DATABASE_URL", "REDIS_URL", "CERTIFICATE_SIGNING_KEY", "MEDIA_ROOT", "EMAIL_URL"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(ENV_FILE="/nonexistent", LMS_VAR_DIR=str(var))
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
        deadline = time.monotonic() + 600  # migrations on a busy machine
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
        assert "started embedded postgres and redis" in output
        # The demo's moderation e-mail (printed on the console) links to the address served.
        assert f"{base}/admin/pages/" in output
        assert "127.0.0.1:8000" not in output
        # PostgreSQL 18 from the wheel, on the socket in var/ (not the machine's server).
        assert EmbeddedPostgres(var).running_url() is not None
        assert EmbeddedRedis(var).running_url() is not None
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
        log.close()
    assert process.returncode is not None
    assert fetch(base + "/")[0] is None  # the site is gone
    assert EmbeddedPostgres(var).running_url() is None  # and so are the servers it started
    assert EmbeddedRedis(var).running_url() is None
