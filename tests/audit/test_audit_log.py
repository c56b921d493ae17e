"""The security audit log: what is written to it, who may read and export it, how long it stays."""

import csv
import io
from datetime import timedelta
from http import HTTPStatus

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from lms.audit.models import AuditEntry, Event
from lms.audit.services import record
from lms.audit.tasks import delete_old_audit_entries
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = "audit_log:index"


def read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def only_entry(event) -> AuditEntry:
    entries = list(AuditEntry.objects.filter(event=event))
    assert len(entries) == 1, entries
    return entries[0]


@pytest.fixture
def learner(db):
    return UserFactory(
        first_name="Ola", last_name="Kursantka", email="ola@gmina.example", roles=[Role.LEARNER]
    )


# --- What is recorded -----------------------------------------------------------------------------


def test_a_failed_login_is_recorded_with_the_account_and_address(client, learner):
    client.post(
        reverse("login"),
        {"username": "OLA@gmina.example", "password": "zle-haslo-1"},
        REMOTE_ADDR="203.0.113.7",
    )

    entry = only_entry(Event.LOGIN_FAILED)
    assert entry.target_user == learner
    assert entry.target == "Ola Kursantka <ola@gmina.example>"
    assert entry.ip_address == "203.0.113.7"
    assert entry.actor is None


def test_a_failed_login_for_an_unknown_address_names_what_was_typed(client, db):
    client.post(reverse("login"), {"username": "nikt@gmina.example", "password": "x-123456789"})

    assert only_entry(Event.LOGIN_FAILED).target == "nikt@gmina.example"


def test_failed_second_factor_is_recorded_through_the_public_function(rf, learner):
    request = rf.post("/konto/2fa/", REMOTE_ADDR="2001:db8::5")
    request.user = learner

    record(event=Event.MFA_FAILED, target=learner, details={"metoda": "TOTP"}, request=request)

    entry = only_entry(Event.MFA_FAILED)
    assert (entry.actor, entry.target_user) == (learner, learner)
    assert entry.details == "metoda: TOTP"
    assert entry.ip_address == "2001:db8::5"


def test_the_users_export_is_recorded(admin_client, admin_user, learner):
    admin_client.get(reverse("wagtailusers_users:index"), {"export": "xlsx", "q": "Ola"})

    entry = only_entry(Event.EXPORT)
    assert entry.actor == admin_user
    assert entry.target == "użytkownicy"
    assert entry.details == "XLSX q=Ola"


def test_the_certificates_export_is_recorded(admin_client, admin_user):
    admin_client.get(reverse("certificates_admin:index"), {"export": "csv"})

    entry = only_entry(Event.EXPORT)
    assert (entry.actor, entry.target, entry.details) == (admin_user, "zaświadczenia", "CSV")


def test_the_completion_report_export_is_recorded(admin_client, admin_user, report_data):
    admin_client.get(reverse("reports_completion"), {"export": "csv"})

    entry = only_entry(Event.EXPORT)
    assert (entry.actor, entry.target, entry.details) == (admin_user, "Raport ukończeń", "CSV")


@pytest.fixture
def certificate(media, learner):
    certificate = factories.completed_certificate(learner, factories.course(quiz=False))
    certificate.pdf.save("zaswiadczenie.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return certificate


def test_downloading_someone_elses_certificate_is_recorded(admin_client, admin_user, certificate):
    response = admin_client.get(reverse("certificates:download", args=[certificate.pk]))

    entry = only_entry(Event.CERTIFICATE_DOWNLOAD)
    assert response.status_code == HTTPStatus.OK
    assert entry.actor == admin_user
    assert certificate.number in entry.target


def test_downloading_ones_own_certificate_is_not(client, learner, certificate):
    client.force_login(learner)

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == HTTPStatus.OK
    assert not AuditEntry.objects.exists()


def test_a_role_change_in_the_edit_form_is_recorded(admin_client, admin_user, learner):
    admin_client.post(
        reverse("wagtailusers_users:edit", args=[learner.pk]),
        {
            "email": learner.email,
            "first_name": "Ola",
            "last_name": "Kursantka",
            "job_title": "",
            "unit": learner.unit_id,
            "is_active": "on",
            "groups": list(
                Group.objects.filter(name__in=[Role.LEARNER, Role.TRAINER]).values_list(
                    "pk", flat=True
                )
            ),
        },
    )

    entry = only_entry(Event.ROLE_CHANGE)
    assert (entry.actor, entry.target_user) == (admin_user, learner)
    assert entry.details == "role: Kursant → Kursant, Trener"


def test_a_role_given_in_bulk_is_recorded(admin_client, learner):
    trainer = Group.objects.get(name=Role.TRAINER)
    url = reverse("wagtail_bulk_action", args=["users", "user", "assign_role"])

    admin_client.post(f"{url}?id={learner.pk}", {"role": trainer.pk})

    assert only_entry(Event.ROLE_CHANGE).details == "dodano rolę: Trener"


def test_a_bulk_deactivation_is_recorded(admin_client, admin_user, learner):
    url = reverse("wagtail_bulk_action", args=["users", "user", "set_active_state"])

    admin_client.post(f"{url}?id={learner.pk}", {"mark_as_active": "False"})

    entry = only_entry(Event.DEACTIVATION)
    assert (entry.actor, entry.target_user) == (admin_user, learner)


def test_an_erasure_is_recorded_without_naming_the_erased_person(admin_client, learner):
    url = reverse("wagtail_bulk_action", args=["users", "user", "anonymise"])

    admin_client.post(f"{url}?id={learner.pk}")

    entry = only_entry(Event.ERASURE)
    assert entry.target_user == learner
    assert entry.target == f"konto zanonimizowane #{learner.pk}"
    assert "ola@gmina.example" not in str(list(AuditEntry.objects.values()))


# --- Who may read it ------------------------------------------------------------------------------


def test_administrators_read_and_filter_the_log(admin_client, learner):
    record(event=Event.LOGIN_FAILED, target=learner)
    record(event=Event.EXPORT, actor=learner, target="Raport ukończeń")

    page = admin_client.get(reverse(INDEX), {"event": "login_failed"}).content.decode()
    by_actor = admin_client.get(reverse(INDEX), {"actor": "ola@"}).content.decode()

    assert "Nieudane logowanie" in page
    assert "Raport ukończeń" not in page
    assert "Raport ukończeń" in by_actor


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER])
def test_other_admin_users_get_wagtails_permission_denied(client, role):
    client.force_login(UserFactory(roles=[role]))

    for params in ({}, {"export": "csv"}):
        response = client.get(reverse(INDEX), params)
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == reverse("wagtailadmin_home")


def test_learners_are_sent_to_the_admin_login(client, learner):
    client.force_login(learner)

    response = client.get(reverse(INDEX))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_coordinators_cannot_even_be_given_the_permission(admin_client):
    page = admin_client.get(
        reverse("wagtailusers_groups:edit", args=[Group.objects.get(name=Role.COORDINATOR).pk])
    ).content.decode()

    assert "auditentry" not in page


def test_the_log_exports_through_the_safe_writer(admin_client, admin_user):
    record(event=Event.EXPORT, actor=admin_user, target='=HYPERLINK("http://x")')

    csv_text = read(admin_client.get(reverse(INDEX), {"export": "csv"})).decode("utf-8-sig")
    sheet = openpyxl.load_workbook(
        io.BytesIO(read(admin_client.get(reverse(INDEX), {"export": "xlsx"})))
    ).active

    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    assert rows[0][:3] == ["Kiedy", "Zdarzenie", "Kto"]
    assert '\'=HYPERLINK("http://x")' in rows[-1]
    cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")'
    ]
    assert [cell.data_type for cell in cells] == ["s"]
    # The exports of the log are themselves in the log.
    assert AuditEntry.objects.filter(event=Event.EXPORT, actor=admin_user).count() == 3


# --- How long it stays ----------------------------------------------------------------------------


def test_entries_older_than_the_retention_period_are_deleted(settings, learner):
    settings.AUDIT_LOG_RETENTION_DAYS = 30
    old = record(event=Event.LOGIN_FAILED, target=learner)
    recent = record(event=Event.LOGIN_FAILED, target=learner)
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    AuditEntry.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))

    assert delete_old_audit_entries.delay().get() == 1

    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_retention_task_runs_every_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["delete-old-audit-entries"]

    assert entry["task"] == "lms.audit.tasks.delete_old_audit_entries"


def test_an_empty_log_says_so_in_polish(admin_client):
    response = admin_client.get(reverse("audit_log:index"))

    assert response.status_code == HTTPStatus.OK
    assert "Dziennik nie zawiera jeszcze żadnych wpisów." in response.content.decode()
    assert "There are no" not in response.content.decode()
