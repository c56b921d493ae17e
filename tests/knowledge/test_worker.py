"""The daily review job run by a real Celery worker on Redis, as beat queues it."""

import pytest

from knowledge.models import ReviewNotice
from knowledge.tasks import notify_due_reviews
from tests import factories
from tests.factories import UserFactory
from tests.workers import drained, messages_in, running_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(tmp_path):
    with running_worker(mail_dir=tmp_path / "mail", media_root=tmp_path / "media") as process:
        yield process.queue, process.mail_dir


def test_the_worker_emails_the_owner_of_a_due_standard_once(worker, overdue_on):
    queue, mail_dir = worker
    owner = UserFactory(email="opiekunka.standardu@pomorskie.example", roles=["Trener"])
    standard = factories.standard(responsible=owner, last_reviewed_on=overdue_on)

    first = notify_due_reviews.apply_async(queue=queue)
    assert first.get(timeout=60, disable_sync_subtasks=False) == 1
    wait_until(lambda: messages_in(mail_dir), message="the review e-mail")
    [message] = messages_in(mail_dir)
    assert "To: opiekunka.standardu@pomorskie.example" in message
    assert f"/admin/pages/{standard.pk}/edit/" in message

    second = notify_due_reviews.apply_async(queue=queue)
    assert second.get(timeout=60, disable_sync_subtasks=False) == 0
    drained(queue)  # every e-mail task queued by both runs has run
    assert len(messages_in(mail_dir)) == 1
    assert ReviewNotice.objects.filter(standard=standard).count() == 1
