"""Assigning a course e-mails each newly assigned person once, in one task."""

from datetime import date

import pytest
from django.core import mail

from lms.notifications import services
from lms.notifications.models import AssignmentNotice
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_each_new_person_gets_one_email_with_course_deadline_and_link(course, assign, settings):
    anna, jan = UserFactory(first_name="Anna"), UserFactory(first_name="Jan")

    assign([anna, jan], course, deadline=date(2026, 6, 30))

    assert sorted(m.to[0] for m in mail.outbox) == sorted([anna.email, jan.email])
    message = next(m for m in mail.outbox if m.to == [anna.email])
    link = settings.SITE_URL + course.get_url_parts()[2]
    assert message.subject == "Przypisano Ci szkolenie „Prawo <pobytowe> & praktyka”"
    assert "Dzień dobry, Anna!" in message.body
    assert "„Prawo <pobytowe> & praktyka”" in message.body  # plain text: not HTML-escaped
    assert "Termin ukończenia: 30 czerwca 2026." in message.body
    assert link in message.body
    html = html_of(message)
    assert "Prawo &lt;pobytowe&gt; &amp; praktyka" in html
    assert "<pobytowe>" not in html
    assert f'href="{link}"' in html
    assert "30 czerwca 2026" in html


def test_without_a_deadline_the_email_does_not_mention_one(course, assign):
    assign([UserFactory()], course)

    [message] = mail.outbox
    assert "Termin" not in message.body
    assert "Termin" not in html_of(message)


def test_a_reassignment_sends_nothing_and_new_people_only_are_emailed(course, assign):
    anna, jan = UserFactory(), UserFactory()
    assign([anna], course)
    mail.outbox.clear()

    assign([anna], course)
    assert mail.outbox == []

    assign([anna, jan], course)
    assert [m.to for m in mail.outbox] == [[jan.email]]


def test_inactive_and_anonymised_people_are_not_emailed(course, assign):
    from django.utils import timezone

    active = UserFactory()
    inactive = UserFactory(is_active=False)
    anonymised = UserFactory(anonymised_at=timezone.now())

    assign([active, inactive, anonymised], course)

    assert [m.to for m in mail.outbox] == [[active.email]]


def test_the_task_run_again_sends_nothing_more(course, assign, django_capture_on_commit_callbacks):
    assign([UserFactory(), UserFactory()], course)
    ids = list(AssignmentNotice.objects.values_list("assignment_id", flat=True))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_assignment_emails(assignment_ids=ids) == 0

    assert mail.outbox == []


def test_one_task_with_a_few_queries_for_many_people(
    course, monkeypatch, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from courses import services as course_services
    from lms.notifications import tasks

    queued_tasks = []
    monkeypatch.setattr(
        tasks.send_assignment_emails,
        "apply_async",
        lambda args, kwargs, **options: queued_tasks.append(*args),
    )
    people = UserFactory.create_batch(60)
    with django_capture_on_commit_callbacks(execute=True):
        course_services.assign(users=people, course=course)
    [ids] = queued_tasks  # one task for all 60 assignments
    assert len(ids) == 60

    with (
        django_assert_max_num_queries(12),
        django_capture_on_commit_callbacks(execute=False) as queued,
    ):
        assert services.send_assignment_emails(assignment_ids=ids) == 60

    for callback in queued:
        callback()
    assert len(mail.outbox) == 60
    assert len({m.to[0] for m in mail.outbox}) == 60


def test_an_email_lost_to_a_broker_outage_is_sent_by_the_next_sweep(
    course, assign, caplog, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from courses.models import Assignment
    from lms.notifications import tasks
    from tests.workers import free_port, producer

    anna = UserFactory(first_name="Anna")
    caplog.set_level("WARNING")

    with producer("test-dead-broker", f"redis://127.0.0.1:{free_port()}/0"):  # nothing listens
        assign([anna], course)  # committed; the e-mail task could not be queued
    assert mail.outbox == []
    [failure] = [record for record in caplog.records if record.name == "lms.queueing"]
    assert "e-mails about 1 new assignments" in failure.getMessage()

    assert tasks.send_missed_assignment_emails.delay().get() == 0  # too recent: maybe in flight
    Assignment.objects.update(assigned_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        swept = tasks.send_missed_assignment_emails.delay().get()
        again = tasks.send_missed_assignment_emails.delay().get()

    assert (swept, again) == (1, 0)
    assert [m.to for m in mail.outbox] == [[anna.email]]
    assert "Przypisano Ci szkolenie" in mail.outbox[0].subject


def test_someone_invited_earlier_is_told_about_a_later_assignment(course, assign):
    from datetime import timedelta

    from django.utils import timezone

    from lms.users.models import Invitation

    newcomer = UserFactory(first_name="Ola")
    newcomer.set_unusable_password()
    newcomer.save()
    Invitation.objects.create(user=newcomer, created_at=timezone.now() - timedelta(hours=2))

    assign([newcomer], course)

    assert [m.to for m in mail.outbox] == [[newcomer.email]]
