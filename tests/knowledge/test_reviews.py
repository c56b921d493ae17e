"""Reviews of standards: the e-mail to the owner (once per due review), the "Standardy do
przeglądu" report with its XLSX export, and the owner's dashboard panel."""

import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from knowledge import services
from knowledge.models import ReviewNotice
from lms.users.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REPORT = "knowledge_review_report"


@pytest.fixture
def notify(django_capture_on_commit_callbacks):
    """Run the daily job as beat would; the queued e-mails go out (in-process) on commit."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify_due_reviews(**kwargs)

    return run


def test_the_owner_is_emailed_once_about_each_due_review(standards, trainer, notify, settings):
    sent = notify()

    assert sent == 2  # overdue and soon; not the current one, not the draft
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Minął termin przeglądu standardu „Standard obsługi cudzoziemca w OPS”",
        "Zbliża się termin przeglądu standardu „Cudzoziemiec w przychodni”",
    ]
    message = next(m for m in mail.outbox if "OPS" in m.subject)
    assert message.to == ["opiekun@pomorskie.example"]
    edit_url = settings.SITE_URL + reverse(
        "wagtailadmin_pages:edit", args=[standards["overdue"].pk]
    )
    assert edit_url in message.body
    assert "wersja 1.0" in message.body

    assert notify() == 0
    assert len(mail.outbox) == 2
    assert ReviewNotice.objects.count() == 2


def test_a_new_review_date_clears_the_flag_and_the_next_due_review_is_announced_again(
    standards, notify
):
    overdue = standards["overdue"]
    notify()
    overdue.last_reviewed_on = timezone.localdate()
    overdue.version = "1.1"
    overdue.save_revision().publish()
    overdue.refresh_from_db()

    assert notify() == 0  # reviewed: nothing due now
    a_year_later = timezone.now() + timedelta(days=366)
    # A year on, the reviewed one and the current one are due; the one announced before and
    # never reviewed keeps its due date and is not announced twice.
    assert notify(now=a_year_later) == 2
    assert ReviewNotice.objects.filter(standard=overdue).count() == 2  # one per due date
    assert ReviewNotice.objects.filter(standard=standards["soon"]).count() == 1


def test_nobody_is_emailed_for_a_standard_without_an_active_owner(standards, trainer, notify):
    trainer.is_active = False
    trainer.save()

    assert notify() == 0
    assert mail.outbox == []
    assert not ReviewNotice.objects.exists()  # announced once an active owner is named


@pytest.fixture
def administrator(db):
    return UserFactory(is_superuser=True, roles=[Role.ADMINISTRATOR])


def test_the_report_lists_overdue_and_soon_due_standards(
    client, administrator, standards, django_assert_max_num_queries
):
    client.force_login(administrator)

    with django_assert_max_num_queries(40):
        response = client.get(reverse(REPORT))

    assert response.status_code == HTTPStatus.OK
    rows = list(response.context["object_list"])
    assert [row.title for row in rows] == [
        "Standard obsługi cudzoziemca w OPS",
        "Cudzoziemiec w przychodni",
    ]
    html = response.content.decode()
    assert "po terminie" in html
    assert "wkrótce" in html
    assert "Tomasz Opiekun" in html

    overdue_only = client.get(reverse(REPORT), {"status": "overdue"}).context["object_list"]
    assert [row.title for row in overdue_only] == ["Standard obsługi cudzoziemca w OPS"]


def test_the_report_exports_xlsx(client, administrator, standards):
    client.force_login(administrator)

    response = client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="standardy-do-przegladu-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Standard",
        "Obszar tematyczny",
        "Rodzaj",
        "Wersja",
        "Ostatni przegląd",
        "Termin przeglądu",
        "Stan",
        "Opiekun",
        "E-mail opiekuna",
    )
    first = rows[1]
    assert first[0] == "Standard obsługi cudzoziemca w OPS"
    assert first[1] == "Bezpieczeństwo i pomoc społeczna"
    assert first[2] == "Standard"
    assert first[5].date() == standards["overdue"].review_due_on
    assert first[6] == "po terminie"
    assert first[7:] == ("Tomasz Opiekun", "opiekun@pomorskie.example")
    assert len(rows) == 3


def test_coordinators_do_not_get_the_report(client, standards):
    client.force_login(UserFactory(roles=[Role.COORDINATOR]))

    response = client.get(reverse(REPORT))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"


def test_the_owner_sees_their_due_standards_on_the_dashboard(client, standards, trainer):
    client.force_login(trainer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Twoje standardy do przeglądu" in html
    assert "Standard obsługi cudzoziemca w OPS" in html
    assert "Cudzoziemiec w przychodni" in html
    assert "Przyjęcie ucznia do szkoły" not in html


def test_someone_keeping_nothing_due_has_no_review_panel(client, standards):
    client.force_login(UserFactory(roles=[Role.TRAINER]))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Twoje standardy do przeglądu" not in html


def test_beat_runs_the_review_job_every_morning(settings):
    from knowledge.tasks import notify_due_reviews

    entry = settings.CELERY_BEAT_SCHEDULE["notify-due-standard-reviews"]

    assert entry["task"] == notify_due_reviews.name
    assert entry["schedule"].hour == {8}
