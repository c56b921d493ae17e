"""The yearly review of the statements (by 31 March): a daily task e-mails the administrators
once from 1 March while a statement waits, and the dashboard warns them."""

from datetime import date

import pytest
from django.core import mail

from lms.legal import admin_views, services
from lms.legal.models import StatementReviewReminder
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrators(db):
    return [
        UserFactory(email="admin1@pomorskie.example", roles=[Role.ADMINISTRATOR]),
        UserFactory(email="root@pomorskie.example", is_superuser=True),
    ]


@pytest.fixture
def statements_reviewed_last_year(db):
    for language in ("pl", "en"):
        factories.accessibility_statement(language, reviewed_on=date(2026, 3, 27))


def remind(today, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.remind_to_review_statements(today=today)


def test_administrators_are_reminded_once_in_march(
    administrators, statements_reviewed_last_year, django_capture_on_commit_callbacks
):
    UserFactory(email="kursant@gmina.example", roles=[Role.LEARNER])
    UserFactory(email="byly.admin@pomorskie.example", roles=[Role.ADMINISTRATOR], is_active=False)

    assert remind(date(2027, 3, 1), django_capture_on_commit_callbacks) == 2
    assert remind(date(2027, 3, 2), django_capture_on_commit_callbacks) == 0

    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin1@pomorskie.example",
        "root@pomorskie.example",
    ]
    message = mail.outbox[0]
    assert message.subject == "Przegląd deklaracji dostępności – termin 31 marca 2027"
    assert "- Polski: ostatni przegląd 27 marca 2026" in message.body
    assert "- English: ostatni przegląd 27 marca 2026" in message.body
    assert "/admin/snippets/legal/accessibilitystatement/" in message.body
    assert StatementReviewReminder.objects.get().year == 2027


def test_no_reminder_in_february(
    administrators, statements_reviewed_last_year, django_capture_on_commit_callbacks
):
    assert remind(date(2027, 2, 28), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_no_reminder_once_every_statement_was_reviewed_this_year(
    administrators, django_capture_on_commit_callbacks
):
    factories.accessibility_statement(
        "pl", prepared_on=date(2026, 1, 5), reviewed_on=date(2026, 2, 10)
    )
    factories.accessibility_statement("en", prepared_on=date(2026, 2, 12), reviewed_on=None)

    assert remind(date(2026, 3, 15), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_language_version_without_a_statement_is_due_too(
    administrators, django_capture_on_commit_callbacks
):
    factories.accessibility_statement(
        "pl", prepared_on=date(2026, 1, 5), reviewed_on=date(2026, 3, 2)
    )

    assert remind(date(2026, 3, 3), django_capture_on_commit_callbacks) == 2
    assert "- English: brak deklaracji dla tej wersji językowej" in mail.outbox[0].body
    assert "Polski" not in mail.outbox[0].body


def test_the_dashboard_warns_administrators_until_the_review(
    admin_client, client, statements_reviewed_last_year, monkeypatch
):
    monkeypatch.setattr(admin_views, "today", lambda: date(2027, 4, 2))

    html = admin_client.get("/admin/").content.decode()

    assert "Przegląd deklaracji dostępności" in html
    assert "Termin corocznego przeglądu deklaracji dostępności minął 31 marca 2027" in html

    trainer = UserFactory(roles=[Role.TRAINER])
    client.force_login(trainer)
    assert "Przegląd deklaracji dostępności" not in client.get("/admin/").content.decode()

    monkeypatch.setattr(admin_views, "today", lambda: date(2027, 2, 1))
    assert "Przegląd deklaracji dostępności" not in admin_client.get("/admin/").content.decode()


def test_the_check_runs_every_morning(settings):
    from celery.schedules import crontab

    from lms.legal import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["remind-to-review-accessibility-statements"]

    assert entry["task"] == tasks.remind_to_review_statements.name
    assert entry["schedule"] == crontab(hour=8, minute=30)
