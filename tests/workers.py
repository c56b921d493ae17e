"""Real Celery workers (and, for fault tests, a private Redis) started by the tests."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = settings.REDIS_URL or "redis://127.0.0.1:6379/15"


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery -A lms worker` in its own process group, consuming a private queue."""

    def __init__(self, *, queue, mail_dir, media_root, redis_url=REDIS_URL, concurrency=1,
                 log_path=None):  # fmt: skip
        self.queue, self.mail_dir, self.redis_url = queue, mail_dir, redis_url
        self.env = {
            **os.environ,
            "ENV_FILE": "/nonexistent",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "EMAIL_URL": f"filemail:///{mail_dir}",  # absolute path: three slashes + "/tmp/…"
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "MEDIA_ROOT": str(media_root),
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "CERTIFICATE_SIGNING_KEY": settings.CERTIFICATE_SIGNING_KEY,
            "SITE_URL": settings.SITE_URL,
        }
        pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"-c{concurrency}"]
        self.args = [
            sys.executable, "-m", "celery", "-A", "lms", "worker", *pool, "-Q", queue,
            "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--prefetch-multiplier=1", "-n", f"{queue}-{uuid.uuid4().hex[:4]}@%h",
        ]  # fmt: skip
        self.log_path = log_path or (Path(mail_dir).parent / f"worker-{uuid.uuid4().hex[:6]}.log")
        self.process = None

    def start(self):
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            self.args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        return self

    def kill(self):
        """SIGKILL the whole worker (main process and pool children), as an OOM killer would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)
        self.log.close()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
        self.log.close()

    def output(self):
        return Path(self.log_path).read_text() if Path(self.log_path).exists() else ""


@contextmanager
def producer(queue, redis_url=REDIS_URL):
    """This process sends tasks to `queue` on `redis_url` instead of running them in-process."""
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        broker_url=redis_url, result_backend=redis_url, task_always_eager=False,
        task_default_queue=queue,
    )  # fmt: skip
    _reset_connections()
    try:
        yield
    finally:
        celery_app.conf.update(previous)
        _reset_connections()


@contextmanager
def running_worker(*, mail_dir, media_root, queue=None, **options):
    """A worker on a private queue, this process sending its tasks there; stopped afterwards (its
    log printed when an assertion failed meanwhile: it explains a timeout)."""
    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    process = Worker(queue=queue, mail_dir=mail_dir, media_root=media_root, **options).start()
    try:
        with producer(queue):
            yield process
    except AssertionError:
        print(process.output())  # noqa: T201 - shown with the failing test's output
        raise
    finally:
        process.stop()


def _reset_connections():
    """Forget pooled broker connections, so the next task is sent with the current broker_url."""
    celery_app._pool = None  # noqa: SLF001 - kombu keeps one pool per broker URL
    celery_app.amqp._producer_pool = None  # noqa: SLF001


def wait_until(condition, *, timeout=90, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {message}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A private redis-server on a spare port, for tests that stop Redis (never the shared one)."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self._answers, timeout=20, message="redis-server to answer")
        return self

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
