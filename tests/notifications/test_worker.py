"""The reminder task run by a real Celery worker on Redis, as beat would queue it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Assignment, Enrolment
from lms.notifications.models import Reminder
from lms.notifications.tasks import send_inactivity_reminders
from tests import factories
from tests.factories import UserFactory
from tests.workers import drained, messages_in, running_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(tmp_path):
    with running_worker(mail_dir=tmp_path / "mail", media_root=tmp_path / "media") as process:
        yield process.queue, process.mail_dir


def test_the_worker_reminds_an_idle_learner_once(worker, settings):
    queue, mail_dir = worker
    course = factories.course(title="Prawo pobytowe", lessons=1, quiz=False, mode="assigned")
    idle_since = timezone.now() - timedelta(days=10)
    person = UserFactory(email="idle.learner@gmina.example")
    Assignment.objects.create(user=person, course=course)
    enrolment = Enrolment.objects.create(
        user=person,
        course=course,
        source=Enrolment.Source.ASSIGNED,
        enrolled_at=idle_since,
        last_activity_at=idle_since,
    )

    first = send_inactivity_reminders.apply_async(queue=queue)
    assert first.get(timeout=60, disable_sync_subtasks=False) == 1
    wait_until(lambda: messages_in(mail_dir), message="the reminder e-mail")
    [message] = messages_in(mail_dir)
    assert "To: idle.learner@gmina.example" in message
    assert settings.SITE_URL + course.get_url_parts()[2] in message

    second = send_inactivity_reminders.apply_async(queue=queue)
    assert second.get(timeout=60, disable_sync_subtasks=False) == 0
    assert Reminder.objects.filter(enrolment=enrolment).count() == 1
    drained(queue)  # the e-mail tasks queued by both runs have run
    assert len(messages_in(mail_dir)) == 1
