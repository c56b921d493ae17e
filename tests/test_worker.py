"""A real Celery worker, started here on the real Redis, runs the platform's tasks."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from lms.celery import app as celery_app
from lms.users import services
from lms.users.tasks import clear_expired_sessions

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = settings.REDIS_URL or "redis://127.0.0.1:6379/15"


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    """Start `celery -A lms worker` on a private queue; yield the queue name and mail folder."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "ENV_FILE": "/nonexistent",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"filemail:///{mail_dir}",  # absolute path: three slashes + "/tmp/..."
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo", "-Q", queue,
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    keys = ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    previous = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        broker_url=REDIS_URL,
        result_backend=REDIS_URL,
        task_always_eager=False,
        task_default_queue=queue,
    )
    try:
        yield queue, mail_dir
    finally:
        celery_app.conf.update(previous)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_worker_clears_expired_sessions_and_the_result_comes_back(worker):
    queue, _ = worker
    expired = SessionStore()
    expired["note"] = "stara sesja"
    expired.set_expiry(1)
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    alive = SessionStore()
    alive.create()

    result = clear_expired_sessions.apply_async(queue=queue)
    result.get(timeout=60)

    assert result.successful()
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert Session.objects.filter(session_key=alive.session_key).exists()


def test_invitation_email_is_sent_by_the_worker_after_commit(worker):
    _, mail_dir = worker

    services.invite_user(email="Ewa.Kowalczyk@Gmina.example", first_name="Ewa")

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (mail_dir.exists() and any(mail_dir.iterdir())):
        time.sleep(0.2)
    messages = [path.read_text() for path in mail_dir.iterdir()] if mail_dir.exists() else []
    assert len(messages) == 1
    assert "To: ewa.kowalczyk@gmina.example" in messages[0]
    assert "/konto/zaproszenie/" in messages[0]
