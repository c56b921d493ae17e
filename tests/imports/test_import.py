"""Importing a list of employees: what administrators and coordinators upload, see and get."""

import csv
import io
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from courses import services as course_services
from courses.models import Assignment, Enrolment
from lms.imports import services
from lms.imports.models import ImportBatch
from lms.users.models import Invitation, User
from lms.users.roles import Role
from tests.admin_access import assert_sent_to_admin_login
from tests.factories import UserFactory
from tests.imports.conftest import HEADER, csv_file, preview_rows, upload, xlsx_file

pytestmark = pytest.mark.django_db


def confirm(client, batch, capture):
    with capture(execute=True):
        return client.post(reverse("imports_confirm", args=[batch.pk]), follow=True)


def counts():
    return (
        User.objects.count(),
        Invitation.objects.count(),
        Assignment.objects.count(),
        Enrolment.objects.count(),
    )


def test_cp1250_file_with_semicolons_keeps_polish_names_exactly(
    admin_client, admin_user, coded_units, courses, media, django_capture_on_commit_callbacks
):
    gmina_a, school_a, _ = coded_units
    service, residence = courses
    data = csv_file(
        [
            [
                "malgorzata.slezak@gmina-a.example",
                "Małgorzata",
                "Żółkiewska-Ślęzak",
                "2204011",
                "Główna księgowa",
                f"{service.slug}|{residence.title}",
            ],
            [
                "Lukasz.Zdzblo@Gmina-A.example",
                "Łukasz",
                "Źdźbło",
                "2204011-SP1",
                "Woźny",
                "prawo pobytowe",
            ],
        ],
        encoding="cp1250",
    )

    preview = upload(admin_client, data)

    batch = ImportBatch.objects.get()
    assert preview.status_code == HTTPStatus.OK
    page = preview.content.decode()
    assert "Małgorzata" in page
    assert "Żółkiewska-Ślęzak" in page
    assert "Źdźbło" in page
    assert [status for status, _ in preview_rows(preview).values()] == ["new", "new"]
    assert list(preview_rows(preview)) == [2, 3]
    assert batch.status == ImportBatch.Status.READY
    assert not User.objects.filter(email__endswith="gmina-a.example").exists()

    result = confirm(admin_client, batch, django_capture_on_commit_callbacks)

    assert "Zaimportowano plik." in result.content.decode()
    malgorzata = User.objects.get(email="malgorzata.slezak@gmina-a.example")
    lukasz = User.objects.get(email="lukasz.zdzblo@gmina-a.example")
    assert (malgorzata.first_name, malgorzata.last_name) == ("Małgorzata", "Żółkiewska-Ślęzak")
    assert (lukasz.first_name, lukasz.last_name) == ("Łukasz", "Źdźbło")
    assert malgorzata.job_title == "Główna księgowa"
    assert (malgorzata.unit, lukasz.unit) == (gmina_a, school_a)
    assert not malgorzata.has_usable_password()
    assert list(lukasz.groups.values_list("name", flat=True)) == [Role.LEARNER]
    assert set(malgorzata.assignments.values_list("course__title", flat=True)) == {
        "Obsługa cudzoziemców",
        "Prawo pobytowe",
    }
    assert lukasz.assignments.get().assigned_by == admin_user
    assert Enrolment.objects.filter(user=lukasz, course=residence).exists()
    invitations = [m for m in mail.outbox if "/konto/zaproszenie/" in m.body]
    assert sorted(m.to[0] for m in invitations) == [
        "lukasz.zdzblo@gmina-a.example",
        "malgorzata.slezak@gmina-a.example",
    ]
    assert "Dzień dobry, Łukasz!" in next(m.body for m in invitations if "lukasz" in m.to[0])
    # One e-mail per new person: the invitation names the assigned courses.
    assert len(mail.outbox) == 2
    malgorzata_mail = next(m for m in invitations if "malgorzata" in m.to[0])
    assert "Przypisano Ci szkolenia:" in malgorzata_mail.body
    assert "– Obsługa cudzoziemców" in malgorzata_mail.body
    assert "– Prawo pobytowe" in malgorzata_mail.body
    assert "<li>Prawo pobytowe</li>" in malgorzata_mail.alternatives[0][0]


def test_utf8_with_bom_and_commas_english_headers(admin_client, coded_units, courses, media):
    service, residence = courses
    data = csv_file(
        [
            [
                "ewa@gmina-a.example",
                "Ewa",
                "Nowak",
                "2204011",
                "Inspektorka",
                f"{service.title.upper()};{residence.slug}",
            ]
        ],
        header=["Email", "First name", "Last name", "Unit", "Job title", "Courses"],
        delimiter=",",
        bom=True,
    )

    upload(admin_client, data)
    batch = services.apply_batch(batch=ImportBatch.objects.get())

    assert batch.status == ImportBatch.Status.APPLIED
    ewa = User.objects.get(email="ewa@gmina-a.example")
    assert (ewa.first_name, ewa.last_name, ewa.unit.code) == ("Ewa", "Nowak", "2204011")
    assert ewa.assignments.count() == 2


def test_xlsx_with_an_extra_sheet_first_and_blank_rows(admin_client, coded_units, courses, media):
    service, _ = courses
    data = xlsx_file(
        [
            ("Instrukcja", [["Wypełnij arkusz „Pracownicy”."], ["Kursy oddziel znakiem |"]]),
            (
                "Pracownicy",
                [
                    ["Lista pracowników Gminy A"],
                    ["Adres e-mail", "IMIE", "nazwisko", "Jednostka", "Stanowisko", "Kurs"],
                    ["anna@gmina-a.example", "Anna", "Żak", 2204011, "Referentka", service.slug],
                    [],
                    [None, None, None, None, None, None],
                    ["jan@gmina-a.example", "Jan", "Łoś", "2204011", None, None],
                ],
            ),
        ]
    )

    preview = upload(admin_client, data, name="pracownicy.xlsx")

    assert preview_rows(preview).keys() == {3, 6}
    batch = services.apply_batch(batch=ImportBatch.objects.get())
    assert batch.status == ImportBatch.Status.APPLIED
    assert User.objects.get(email="jan@gmina-a.example").last_name == "Łoś"
    assert User.objects.get(email="anna@gmina-a.example").assignments.get().course == service


def test_one_bad_row_in_a_hundred_imports_nothing_and_names_the_row(
    admin_client, coded_units, courses, media, django_capture_on_commit_callbacks
):
    service, _ = courses
    rows = [
        [f"osoba{n}@gmina-a.example", "Jan", f"Nowak {n}", "2204011", "", service.slug]
        for n in range(100)
    ]
    rows[55][0] = "osoba55(at)gmina-a.example"  # file row 57: the header is row 1
    before = counts()

    preview = upload(admin_client, csv_file(rows))

    assert preview_rows(preview)[57] == (
        "error",
        f"57 osoba55(at)gmina-a.example Jan Nowak 55 Gmina A (2204011) {service.slug} błąd "
        "Nieprawidłowy adres e-mail „osoba55(at)gmina-a.example”.",
    )
    page = preview.content.decode()
    assert "Zatwierdź import" not in page
    assert "w wierszach 57 i wczytaj" in page
    # Errors come first in the preview.
    assert next(iter(preview_rows(preview))) == 57

    result = confirm(admin_client, ImportBatch.objects.get(), django_capture_on_commit_callbacks)

    assert "Nic nie zostało zaimportowane: popraw błędy w wierszach 57" in result.content.decode()
    assert counts() == before
    assert mail.outbox == []


def test_preview_explains_each_kind_of_error_by_row(admin_client, coded_units, courses, media):
    service, _ = courses
    rows = [
        ["ok@gmina-a.example", "Ola", "Kot", "2204011", "", service.slug],
        ["", "Bez", "Adresu", "2204011", "", ""],
        ["nowa@gmina-a.example", "", "", "2204011", "", ""],
        ["kod@gmina-a.example", "Ala", "Mak", "9999999", "", ""],
        ["kurs@gmina-a.example", "Ala", "Mak", "2204011", "", "kurs-ktorego-nie-ma"],
        ["OK@gmina-a.example", "Ola", "Kot", "2204011", "", ""],
    ]

    preview = preview_rows(upload(admin_client, csv_file(rows)))

    assert preview[2][0] == "new"
    assert "Brak adresu e-mail." in preview[3][1]
    assert "Brak imienia" in preview[4][1]
    assert "Brak nazwiska" in preview[4][1]
    assert "Nieznany kod jednostki „9999999”." in preview[5][1]
    assert "Nieznany kurs „kurs-ktorego-nie-ma”." in preview[6][1]
    assert "Ten adres e-mail już wystąpił w wierszu 2." in preview[7][1]
    assert {row: status for row, (status, _) in preview.items()} == {
        2: "new",
        3: "error",
        4: "error",
        5: "error",
        6: "error",
        7: "error",
    }


def test_importing_the_same_file_again_changes_nothing(
    admin_client, coded_units, courses, media, django_capture_on_commit_callbacks
):
    service, residence = courses
    data = csv_file(
        [
            [
                f"osoba{n}@gmina-a.example",
                "Jan",
                f"Nowak {n}",
                "2204011",
                "",
                f"{service.slug}|{residence.slug}",
            ]
            for n in range(5)
        ]
    )
    upload(admin_client, data)
    confirm(admin_client, ImportBatch.objects.get(), django_capture_on_commit_callbacks)
    before, emails = counts(), len(mail.outbox)
    invitations = [m for m in mail.outbox if "/konto/zaproszenie/" in m.body]
    assert (Invitation.objects.count(), Assignment.objects.count(), len(invitations)) == (5, 10, 5)

    again = upload(admin_client, data)

    batch = ImportBatch.objects.latest("created_at")
    assert (batch.new_count, batch.existing_count, batch.error_count) == (0, 5, 0)
    assert (batch.assignment_count, batch.already_assigned_count) == (0, 10)
    assert {status for status, _ in preview_rows(again).values()} == {"existing"}
    assert "już przypisany" in again.content.decode()

    confirm(admin_client, batch, django_capture_on_commit_callbacks)

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    assert (batch.users_created, batch.assignments_created) == (0, 0)
    assert counts() == before
    assert len(mail.outbox) == emails


def test_existing_people_are_assigned_but_not_changed(
    admin_client, coded_units, courses, media, django_capture_on_commit_callbacks
):
    gmina_a, _, gmina_b = coded_units
    service, _ = courses
    person = UserFactory(email="stara@gmina-b.example", first_name="Stara", unit=gmina_b)
    data = csv_file([["Stara@Gmina-B.example", "Nowe", "Imię", "2204011", "Wójt", service.slug]])

    upload(admin_client, data)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.apply_batch(batch=ImportBatch.objects.get())

    person.refresh_from_db()
    assert batch.existing_count == 1
    assert (person.first_name, person.unit, person.job_title) == (
        "Stara",
        gmina_b,
        "Podinspektorka",
    )
    assert Assignment.objects.filter(user=person, course=service).exists()
    # Someone who already has an account is told about the course by its own e-mail.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["stara@gmina-b.example"], f"Przypisano Ci szkolenie „{service.title}”")
    ]
    assert not Invitation.objects.filter(user=person).exists()


def test_coordinator_cannot_import_into_or_see_another_municipality(
    coordinator_client, coded_units, courses, media, django_capture_on_commit_callbacks
):
    gmina_a, school_a, gmina_b = coded_units
    service, _ = courses
    UserFactory(
        email="skarbnik@gmina-b.example",
        first_name="Bożydar",
        last_name="Cudzy-Tajny",
        job_title="Skarbnik",
        unit=gmina_b,
    )
    UserFactory(email="moja@gmina-a.example", first_name="Moja", unit=school_a)
    rows = [
        ["nowy@gmina-a.example", "Nowy", "Pracownik", "2204011-SP1", "", service.slug],
        ["obcy@gmina-b.example", "Obcy", "Pracownik", "2204022", "", service.slug],
        ["skarbnik@gmina-b.example", "", "", "", "", service.slug],
        ["moja@gmina-a.example", "", "", "", "", service.slug],
        ["bezkodu@gmina-a.example", "Bez", "Kodu", "", "", ""],
    ]
    before = counts()

    response = upload(coordinator_client, csv_file(rows))

    preview = preview_rows(response)
    assert preview[2][0] == "new"
    assert preview[3][0] == "error"
    assert "Jednostka o kodzie „2204022” jest poza zakresem Twoich uprawnień." in preview[3][1]
    assert preview[4][0] == "error"
    assert "ma już konto w jednostce spoza zakresu Twoich uprawnień" in preview[4][1]
    assert preview[5][0] == "existing"
    assert "Brak kodu jednostki" in preview[6][1]
    page = response.content.decode()
    for secret in ("Bożydar", "Cudzy-Tajny", "Skarbnik", "Gmina B"):
        assert secret not in page

    confirm(coordinator_client, ImportBatch.objects.get(), django_capture_on_commit_callbacks)

    assert counts() == before


def test_new_errors_found_when_confirming_stop_the_whole_import(
    admin_client, coded_units, courses, media, django_capture_on_commit_callbacks
):
    service, residence = courses
    upload(
        admin_client,
        csv_file(
            [
                ["a@gmina-a.example", "Ala", "Kot", "2204011", "", service.slug],
                ["b@gmina-a.example", "Bob", "Kot", "2204011", "", residence.slug],
            ]
        ),
    )
    batch = ImportBatch.objects.get()
    residence.unpublish()  # between the preview and the confirmation
    before = counts()

    result = confirm(admin_client, batch, django_capture_on_commit_callbacks)

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.INVALID
    assert "w wierszach 3 i wczytaj" in result.content.decode()
    assert counts() == before


def test_a_failure_while_applying_leaves_nothing_half_imported(
    admin_client, coded_units, courses, media, monkeypatch
):
    service, residence = courses
    upload(
        admin_client,
        csv_file(
            [
                [
                    "a@gmina-a.example",
                    "Ala",
                    "Kot",
                    "2204011",
                    "",
                    f"{service.slug}|{residence.slug}",
                ],
            ]
        ),
    )
    real_assign = course_services.assign
    calls = []

    def assign_then_break(**kwargs):
        calls.append(kwargs["course"])
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_assign(**kwargs)

    monkeypatch.setattr(course_services, "assign", assign_then_break)
    before = counts()

    batch = services.apply_batch(batch=ImportBatch.objects.get())

    assert batch.status == ImportBatch.Status.FAILED
    assert "nic nie zostało zmienione" in batch.error
    assert counts() == before


def test_someone_else_cannot_see_or_confirm_my_import(
    admin_client, coded_units, courses, media, client
):
    upload(admin_client, csv_file([["a@gmina-a.example", "Ala", "Kot", "2204011", "", ""]]))
    batch = ImportBatch.objects.get()
    other = UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True)
    client.force_login(other)

    for name in ("imports_detail", "imports_status"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == HTTPStatus.NOT_FOUND
    refused = client.post(reverse("imports_confirm", args=[batch.pk]))

    assert refused.status_code == HTTPStatus.NOT_FOUND
    assert not User.objects.filter(email="a@gmina-a.example").exists()
    assert batch.file_name not in client.get(reverse("imports_index")).content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("lista.pdf", b"%PDF-1.7 ...", "Nieobsługiwany rodzaj pliku"),
        ("lista.xls", b"\xd0\xcf\x11\xe0 old excel", "Starsze pliki Excela (XLS)"),
        ("lista.csv", b"", "Plik jest pusty"),
        ("lista.csv", b"  \r\n", "Plik jest pusty"),
        ("lista.csv", "Nazwa;Telefon\nUrząd;123\n".encode(), "Nie rozpoznano wiersza nagłówka"),
        ("lista.csv", "E-mail;Imię\n".encode(), "nie zawiera żadnego wiersza z danymi"),
        ("lista.xlsx", b"PK\x03\x04 not really a workbook", "Nie udało się odczytać pliku Excel"),
    ],
)
def test_unreadable_files_get_a_polish_message_and_change_nothing(
    admin_client, media, name, data, message
):
    response = upload(admin_client, data, name=name)

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not (media / "imports").exists()


def test_a_file_over_the_size_limit_is_refused(admin_client, media, monkeypatch):
    monkeypatch.setattr("lms.imports.reading.MAX_BYTES", 1024)
    data = csv_file([[f"osoba{n}@gmina-a.example", "Jan", "Nowak", "", "", ""] for n in range(50)])

    response = upload(admin_client, data)

    assert "Plik jest za duży" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_sample_file_can_be_filled_in_and_uploaded_as_it_is(
    admin_client, coded_units, courses, media
):
    sample = admin_client.get(reverse("imports_sample"))

    assert sample["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(sample.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    preview = upload(admin_client, sample.content, name="wzor.csv")
    assert [status for status, _ in preview_rows(preview).values()] == ["new", "new"]


def test_learners_cannot_open_the_import(learner_client):
    url = reverse("imports_index")

    assert_sent_to_admin_login(learner_client.get(url), url)


def test_menu_offers_the_import_to_administrators_and_coordinators(
    admin_client, coordinator_client
):
    for client in (admin_client, coordinator_client):
        menu = client.get(reverse("wagtailadmin_home")).content.decode("unicode_escape")
        assert reverse("imports_index") in menu


def test_status_endpoint_reports_progress_for_the_page_to_draw(admin_client, coded_units, media):
    upload(admin_client, csv_file([["a@gmina-a.example", "Ala", "Kot", "2204011", "", ""]]))
    batch = ImportBatch.objects.get()

    data = admin_client.get(reverse("imports_status", args=[batch.pk])).json()

    assert data == {
        "id": batch.pk,
        "status": "ready",
        "status_label": "gotowy do zatwierdzenia",
        "working": False,
        "done": 1,
        "total": 1,
        "percent": 100,
    }


def test_large_preview_is_paginated_and_filterable(admin_client, coded_units, media):
    rows = [[f"osoba{n}@gmina-a.example", "Jan", "Nowak", "2204011", "", ""] for n in range(250)]
    rows[200][1] = ""  # row 202: no first name
    upload(admin_client, csv_file(rows))
    batch = ImportBatch.objects.get()
    url = reverse("imports_detail", args=[batch.pk])

    first = preview_rows(admin_client.get(url))
    errors = preview_rows(admin_client.get(url, {"status": "error"}))
    last_new = preview_rows(admin_client.get(url, {"status": "new", "p": 3}))

    assert len(first) == 100
    assert next(iter(first)) == 202
    assert list(errors) == [202]
    assert list(last_new) == list(range(203, 252))


def test_service_api_reads_validates_and_applies(admin_user, coded_units, courses, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    service, _ = courses
    data = csv_file([["x@gmina-a.example", "Iks", "Igrek", "2204011", "", service.title]])

    batch = services.create_batch(
        owner=admin_user, uploaded_file=SimpleUploadedFile("lista.csv", data)
    )
    assert (batch.status, batch.new_count, batch.assignment_count) == ("ready", 1, 1)
    batch = services.apply_batch(batch=batch)
    assert (batch.status, batch.users_created, batch.assignments_created) == ("applied", 1, 1)
    assert batch.file.read() == data
    assert Group.objects.get(name=Role.LEARNER).user_set.filter(email="x@gmina-a.example").exists()
    # Applying twice imports nothing twice.
    assert services.apply_batch(batch=batch).assignments_created == 1
    assert Assignment.objects.filter(course=service).count() == 1


def test_uploads_and_their_previews_are_deleted_after_30_days(
    admin_user, coded_units, courses, media
):
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from lms.files.storage import private
    from lms.imports.tasks import delete_old_batches

    data = csv_file([["y@gmina-a.example", "Ygrek", "Zet", "2204011", "", courses[0].title]])
    old = services.create_batch(
        owner=admin_user, uploaded_file=SimpleUploadedFile("stara.csv", data)
    )
    old = services.apply_batch(batch=old)
    recent = services.create_batch(
        owner=admin_user, uploaded_file=SimpleUploadedFile("nowa.csv", data)
    )
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    assert delete_old_batches.delay().get() == 1

    assert list(ImportBatch.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not private.exists(old.file.name)
    assert private.exists(recent.file.name)
    assert User.objects.filter(email="y@gmina-a.example").exists()  # what the import did stays
