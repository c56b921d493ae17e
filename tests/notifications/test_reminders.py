"""The daily reminder to people who left an assigned course."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses import services as course_services
from courses.models import Assignment, Enrolment
from lms.notifications.models import NotificationSettings, Reminder
from lms.notifications.services import send_inactivity_reminders
from lms.notifications.tasks import send_inactivity_reminders as reminder_task
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the reminder service (as of `days_later`) and let the queued e-mails go out."""

    def remind(days_later=0):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sent = send_inactivity_reminders(now=timezone.now() + timedelta(days=days_later))
        assert sent == len(mail.outbox)
        return mail.outbox

    return remind


@pytest.fixture
def assigned(course, assign):
    """Assign `course` to a new person (the assignment e-mail is cleared); their enrolment."""

    def assigned(*, idle_days=10, deadline=None, **user):
        person = UserFactory(**user)
        assign([person], course, deadline=deadline)
        mail.outbox.clear()
        enrolment = Enrolment.objects.get(user=person, course=course)
        idle(enrolment, idle_days)
        return enrolment

    return assigned


def idle(enrolment, days):
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_activity_at=timezone.now() - timedelta(days=days)
    )


def test_a_learner_idle_on_an_assigned_course_is_reminded_once_a_week(
    assigned, remind, course, settings
):
    enrolment = assigned(first_name="Anna", idle_days=10)

    [message] = remind()
    assert message.to == [enrolment.user.email]
    assert (
        message.subject == "Przypomnienie: szkolenie „Prawo <pobytowe> & praktyka” czeka na Ciebie"
    )
    assert "Dzień dobry, Anna!" in message.body
    assert "Od 10 dni nie zaglądasz" in message.body
    assert settings.SITE_URL + course.get_url_parts()[2] in message.body
    assert "Termin" not in message.body
    [(html, _mimetype)] = message.alternatives
    assert "Prawo &lt;pobytowe&gt; &amp; praktyka" in html
    assert Reminder.objects.filter(enrolment=enrolment).count() == 1

    assert remind() == []  # the same day, a second run
    assert remind(days_later=3) == []
    assert remind(days_later=6) == []
    assert [m.to for m in remind(days_later=7)] == [[enrolment.user.email]]
    assert Reminder.objects.filter(enrolment=enrolment).count() == 2


def test_the_reminder_gives_the_deadline_and_says_when_it_has_passed(assigned, remind):
    today = timezone.localdate()
    later = assigned(deadline=today + timedelta(days=20))
    overdue = assigned(deadline=today - timedelta(days=2))

    messages = {m.to[0]: m for m in remind()}

    assert "Termin ukończenia:" in messages[later.user.email].body
    assert "minął" not in messages[later.user.email].body
    assert "Termin ukończenia:" in messages[overdue.user.email].body
    assert "Termin już minął" in messages[overdue.user.email].body
    [(html, _mimetype)] = messages[overdue.user.email].alternatives
    assert "Termin już minął" in html


def test_no_reminder_for_completed_recent_or_not_assigned_enrolments(assigned, remind):
    reminded = assigned(idle_days=8)
    completed = assigned(idle_days=30)
    Enrolment.objects.filter(pk=completed.pk).update(
        completed_at=timezone.now(), progress_percent=100
    )
    assigned(idle_days=2)  # recently active
    assigned(idle_days=30, is_active=False)
    assigned(idle_days=30, anonymised_at=timezone.now())
    open_course = factories.course(title="Kurs otwarty", mode="open", quiz=False, lessons=1)
    self_enrolled = course_services.enrol(user=UserFactory(), course=open_course)
    idle(self_enrolled, 30)

    assert [m.to for m in remind()] == [[reminded.user.email]]


def test_no_reminder_for_a_course_no_longer_live(assigned, remind, course):
    assigned(idle_days=30)
    course.unpublish()

    assert remind() == []


def test_no_reminder_once_the_assignment_is_withdrawn(assigned, remind):
    enrolment = assigned(idle_days=30)
    Assignment.objects.filter(user=enrolment.user).delete()

    assert remind() == []


def test_reminders_can_be_switched_off(assigned, remind):
    assigned(idle_days=30)
    settings = NotificationSettings.load()
    settings.reminders_enabled = False
    settings.save()

    assert remind() == []
    assert not Reminder.objects.exists()


def test_reminders_respect_the_inactive_days_and_interval_settings(assigned, remind):
    settings = NotificationSettings.load()
    settings.inactive_days = 14
    settings.interval_days = 3
    settings.save()
    idle_10 = assigned(idle_days=10)
    idle_20 = assigned(idle_days=20)

    assert [m.to for m in remind()] == [[idle_20.user.email]]
    assert [m.to for m in remind(days_later=3)] == [[idle_20.user.email]]  # 3-day interval
    assert sorted(m.to[0] for m in remind(days_later=6)) == sorted(
        [idle_10.user.email, idle_20.user.email]  # idle_10 is now 16 days idle
    )


def test_the_settings_refuse_values_out_of_range(admin_client):
    from http import HTTPStatus

    from django.urls import reverse

    pk = NotificationSettings.load().pk
    url = reverse("wagtailsettings:edit", args=["notifications", "notificationsettings", pk])
    response = admin_client.post(
        url, {"reminders_enabled": "on", "inactive_days": "0", "interval_days": "91"}
    )

    assert response.status_code == HTTPStatus.OK
    assert "Upewnij się, że ta wartość jest większa lub równa 1." in response.content.decode()
    assert NotificationSettings.load().inactive_days == 7


def test_the_beat_task_runs_the_service(assigned, django_capture_on_commit_callbacks):
    enrolment = assigned(idle_days=10)

    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_task.delay().get() == 1

    assert [m.to for m in mail.outbox] == [[enrolment.user.email]]
