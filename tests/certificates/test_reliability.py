"""What an operator sees when things go wrong, in-process: a dead broker, stale work, resends."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import reconcile_certificates
from tests import factories
from tests.factories import UserFactory, completed_certificate
from tests.workers import free_port, producer

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return factories.course(lessons=1, quiz=False, completion_rule="lessons_only")


def test_a_dead_broker_fails_no_completion_and_logs_one_line_per_certificate(
    course, caplog, django_capture_on_commit_callbacks
):
    learners = UserFactory.create_batch(2)
    caplog.set_level(logging.WARNING)

    dead = f"redis://127.0.0.1:{free_port()}/0"
    with producer("test-dead-broker", dead), django_capture_on_commit_callbacks(execute=True):
        certificates = [completed_certificate(learner, course) for learner in learners]

    assert [c.status for c in certificates] == ["pending", "pending"]
    failures = [r for r in caplog.records if r.name == "lms.queueing"]
    assert len(failures) == 2
    for record, certificate in zip(failures, certificates, strict=True):
        line = record.getMessage()
        assert f"certificate {certificate.number}" in line
        assert "\n" not in line
        assert record.exc_info is None  # one line, not a traceback
    assert not [r for r in caplog.records if r.exc_info]


def test_reconciliation_requeues_a_stale_certificate_once_and_leaves_a_fresh_one(course):
    stale = completed_certificate(UserFactory(), course)  # on-commit queueing never ran: lost
    fresh = completed_certificate(UserFactory(), course)
    long_ago = timezone.now() - timedelta(minutes=5)
    Certificate.objects.filter(pk=stale.pk).update(queued_at=long_ago)

    first = reconcile_certificates(stale_after_seconds=60)
    second = reconcile_certificates(stale_after_seconds=60)

    assert first == {"created": 0, "requeued": 1}
    assert second == {"created": 0, "requeued": 0}
    stale.refresh_from_db()
    fresh_queued_at = fresh.queued_at
    fresh.refresh_from_db()
    assert stale.queued_at > long_ago
    assert fresh.queued_at == fresh_queued_at


def test_a_resent_certificate_email_carries_the_same_message_id(
    course, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = completed_certificate(UserFactory(), course)
    # The worker died after the mail server took the message, before `emailed_at` committed.
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        reconcile_certificates(stale_after_seconds=0)

    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert certificate.number.replace("/", "-").lower() in first.extra_headers["Message-ID"]
    assert first.message()["Message-ID"] == second.message()["Message-ID"]
