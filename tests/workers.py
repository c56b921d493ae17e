"""Real Celery workers (and, for fault tests, a private Redis and an SMTP sink) started by the
tests, and `wait_until`, the one way the tests wait for them."""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from email import policy
from pathlib import Path

from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app
from lms.devservices import celery_url, postgres_url, redis_server_binary

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = settings.REDIS_URL  # make test / .ci/run always set one


def database_url():
    """The URL of the database this test runs on (the test database), for child processes."""
    db = connection.settings_dict
    host = db["OPTIONS"].get("host") or db["HOST"] or "127.0.0.1"
    if host.startswith("/"):  # the embedded server's unix socket
        return postgres_url(socket_dir=host, name=db["NAME"], user=db["USER"])
    return f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery -A lms worker` in its own process group, consuming a private queue."""

    def __init__(
        self,
        *,
        queue,
        mail_dir,
        media_root,
        redis_url=REDIS_URL,
        concurrency=1,
        log_path=None,
        email_url=None,
    ):
        self.queue, self.mail_dir, self.redis_url = queue, mail_dir, redis_url
        self.env = {
            **os.environ,
            "ENV_FILE": "/nonexistent",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            # Files (absolute path: three slashes + "/tmp/…"), or an SMTP sink's smtp://host:port.
            "EMAIL_URL": email_url or f"filemail:///{mail_dir}",
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "MEDIA_ROOT": str(media_root),
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "CERTIFICATE_SIGNING_KEY": settings.CERTIFICATE_SIGNING_KEY,
            "SITE_URL": settings.SITE_URL,
        }
        pool = ["--pool=solo"] if concurrency == 1 else ["--pool=prefork", f"-c{concurrency}"]
        self.args = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            *pool,
            "-Q",
            queue,
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--prefetch-multiplier=1",
            "-n",
            f"{queue}-{uuid.uuid4().hex[:4]}@%h",
        ]
        self.log_path = log_path or (Path(mail_dir).parent / f"worker-{uuid.uuid4().hex[:6]}.log")
        self.process = None

    def start(self):
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            self.args,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self):
        """SIGKILL the whole worker (main process and pool children), as an OOM killer would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)
        self.log.close()

    def stop(self):
        """End the worker once the test has seen what it waited for. SIGKILL rather than a warm
        shutdown, which spends ~2 s tearing down the interpreter: nothing the worker would still
        do matters to the test, and PostgreSQL rolls back whatever it left open."""
        if self.process is None or self.process.poll() is not None:
            return
        self.kill()

    def output(self):
        return Path(self.log_path).read_text() if Path(self.log_path).exists() else ""


@contextmanager
def producer(queue, redis_url=REDIS_URL):
    """This process sends tasks to `queue` on `redis_url` instead of running them in-process."""
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        broker_url=celery_url(redis_url),
        result_backend=celery_url(redis_url),
        task_always_eager=False,
        task_default_queue=queue,
    )
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
    """Poll `condition` until it returns something true (returned), or fail naming `message`.
    Tests wait on what they can observe (a row's state, a received e-mail), never on time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout} s waiting for {message}")


# Django's file backend ends every message it writes with this line.
END_OF_MESSAGE = "-" * 79 + "\n"


def messages_in(mail_dir):
    """The e-mails a worker wrote with the file backend (`Worker`'s `mail_dir`), as text: only
    those written to the end (the backend creates the file before it writes the message)."""
    texts = [path.read_text() for path in mail_dir.iterdir()] if mail_dir.exists() else []
    return [text for text in texts if text.endswith(END_OF_MESSAGE)]


def drained(queue, *, timeout=60):
    """Every message sent to `queue` before now has been handled: a no-op task sent now comes
    back (a solo worker takes messages one by one, in order). The way to show that nothing more
    will happen, without sleeping."""
    celery_app.tasks["celery.accumulate"].apply_async(args=(1,), queue=queue).get(
        timeout=timeout, disable_sync_subtasks=False
    )


class SmtpSink:
    """A real SMTP server (aiosmtpd) on a spare port that keeps what it receives. `hold_from(n)`
    makes it hold its reply to QUIT from the n-th message on (after accepting the message) until
    `release()`: the window in which a sender has handed the message over but not finished."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self._hold_from = None
        self._released = threading.Event()
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self._hold_from is not None and len(self.messages) >= self._hold_from:
            while not self._released.is_set():
                await asyncio.sleep(0.05)
        return "221 Bye"

    def hold_from(self, count):
        self._hold_from = count
        self._released.clear()

    def release(self):
        self._hold_from = None
        self._released.set()

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.release()
        self.controller.stop()


def killed_transactions_gone():
    """A killed worker's open transactions have been rolled back (PostgreSQL saw the connection
    drop): its row locks are free. For `wait_until`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] == 0


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
        binary = redis_server_binary()
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
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
