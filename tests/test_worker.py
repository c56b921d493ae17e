"""A real Celery worker, started here on the real Redis, runs the platform's tasks."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from lms.users import services
from lms.users.tasks import clear_expired_sessions
from tests.workers import messages_in, running_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(tmp_path):
    """Start `celery -A lms worker` on a private queue; yield the queue name and mail folder."""
    with running_worker(mail_dir=tmp_path / "mail", media_root=tmp_path / "media") as process:
        yield process.queue, process.mail_dir


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
    result.get(timeout=60, disable_sync_subtasks=False)

    assert result.successful()
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert Session.objects.filter(session_key=alive.session_key).exists()


def test_invitation_email_is_sent_by_the_worker_after_commit(worker):
    _, mail_dir = worker

    services.invite_user(email="Ewa.Kowalczyk@Gmina.example", first_name="Ewa")

    messages = wait_until(lambda: messages_in(mail_dir), message="the invitation")
    assert len(messages) == 1
    assert "To: ewa.kowalczyk@gmina.example" in messages[0]
    assert "/konto/zaproszenie/" in messages[0]
