"""Two beat runs at once (two beat processes by mistake, a redelivered message) remind nobody
twice (real PostgreSQL locking)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import Assignment, Enrolment
from lms.notifications.models import NotificationSettings, Reminder
from lms.notifications.services import send_inactivity_reminders
from tests import factories
from tests.concurrency import run_concurrently
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_concurrent_reminder_runs_send_each_reminder_once():
    NotificationSettings.load()
    course = factories.course(lessons=1, quiz=False, mode="assigned")
    idle_since = timezone.now() - timedelta(days=10)
    people = UserFactory.create_batch(5)
    for person in people:
        Assignment.objects.create(user=person, course=course)
        Enrolment.objects.create(
            user=person,
            course=course,
            source=Enrolment.Source.ASSIGNED,
            enrolled_at=idle_since,
            last_activity_at=idle_since,
        )

    results, errors = run_concurrently(send_inactivity_reminders)

    assert errors == []
    assert sum(results) == 5
    assert Reminder.objects.count() == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(person.email for person in people)
