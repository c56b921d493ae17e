"""The completion report: one row per enrolment, filters, sorting, CSV and XLSX exports, big
exports as a job, and scoping (a coordinator of gmina A never sees gmina B)."""

import csv
import io
import logging
from datetime import timedelta
from http import HTTPStatus

import openpyxl
import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.exports.models import Export
from lms.reports import queries
from lms.spreadsheets import writing as spreadsheets
from lms.users.roles import Role
from tests.admin_access import assert_sent_to_admin_login
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

URL = reverse("reports_completion")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return {(row.user.email, row.course.title) for row in response.context["object_list"]}


def rows_of_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_administrator_sees_one_row_per_enrolment_with_its_columns(admin_client, report_data):
    response = admin_client.get(URL)

    html = response.content.decode()
    assert len(response.context["object_list"]) == 6
    for text in (
        "Nowak",
        "Żółtowski",
        "Ślęzak",
        "Cudzoziemiec w urzędzie",
        "Powiat gdański",
        "50%",
        "40%",
        "po terminie",
        "przypisany – nierozpoczęty",
        "wygasło",
    ):
        assert text in html, text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "assigned"}, {("anna@a.example", "Cudzoziemiec w urzędzie")}),
        (
            {"status": "in_progress"},
            {
                ("bartosz@a.example", "Cudzoziemiec w urzędzie"),
                ("celina@b.example", "Uczeń z doświadczeniem migracji"),
            },
        ),
        (
            {"status": "completed"},
            {
                ("celina@b.example", "Cudzoziemiec w urzędzie"),
                ("dawid@b.example", "Uczeń z doświadczeniem migracji"),
                ("ewa@a.example", "Uczeń z doświadczeniem migracji"),
            },
        ),
        ({"status": "certified"}, {("celina@b.example", "Cudzoziemiec w urzędzie")}),
        ({"status": "expired"}, {("dawid@b.example", "Uczeń z doświadczeniem migracji")}),
        ({"overdue": "on"}, {("anna@a.example", "Cudzoziemiec w urzędzie")}),
        (
            {"q": "ślęzak"},
            {
                ("celina@b.example", "Cudzoziemiec w urzędzie"),
                ("celina@b.example", "Uczeń z doświadczeniem migracji"),
            },
        ),
    ],
)
def test_status_overdue_and_search_filters(admin_client, report_data, params, expected):
    assert listed(admin_client, **params) == expected


def test_course_area_unit_and_county_filters(admin_client, report_data):
    course1, course2 = report_data["courses"]
    gmina_a, school_a, gmina_b = report_data["units"]
    from lms.organisations.models import OrganisationUnit

    by_course = listed(admin_client, course=course2.pk)
    by_area = listed(admin_client, area=course1.thematic_area_id)
    unit_a = listed(admin_client, unit=gmina_a.pk)  # gmina A and its school
    school = listed(admin_client, unit=school_a.pk)
    county = listed(admin_client, county=OrganisationUnit.objects.get(code="2204").pk)
    elsewhere = listed(admin_client, county=OrganisationUnit.objects.get(code="2261").pk)

    assert {course for _, course in by_course} == {course2.title}
    assert len(by_course) == 3
    assert {course for _, course in by_area} == {course1.title}
    assert len(by_area) == 3
    assert {email for email, _ in unit_a} == {
        "anna@a.example",
        "bartosz@a.example",
        "ewa@a.example",
    }
    assert school == {("bartosz@a.example", course1.title)}
    assert len(county) == 6
    assert elsewhere == set()


def test_date_range_filters(admin_client, report_data):
    today = timezone.localdate()
    recent = listed(
        admin_client, enrolled_from=str(today - timedelta(days=10)), enrolled_to=str(today)
    )
    completed_long_ago = listed(
        admin_client, completed_from="2000-01-01", completed_to=str(today - timedelta(days=30))
    )

    assert ("anna@a.example", "Cudzoziemiec w urzędzie") not in recent
    assert ("celina@b.example", "Uczeń z doświadczeniem migracji") in recent
    assert completed_long_ago == {("dawid@b.example", "Uczeń z doświadczeniem migracji")}


def test_sorting_by_progress(admin_client, report_data):
    response = admin_client.get(URL, {"ordering": "-progress_percent"})
    progress = [row.progress_percent for row in response.context["object_list"]]
    assert progress == sorted(progress, reverse=True)


def test_the_page_costs_a_fixed_number_of_queries(
    admin_client, report_data, django_assert_max_num_queries
):
    admin_client.get(URL)  # warm caches (site, permissions)
    with django_assert_max_num_queries(10):
        response = admin_client.get(URL, {"status": "completed"})
    assert response.status_code == 200


def test_csv_gives_the_same_rows_as_the_page_and_opens_in_polish_excel(admin_client, report_data):
    page = admin_client.get(URL, {"ordering": "user__last_name"}).context["object_list"]
    response = admin_client.get(URL, {"ordering": "user__last_name", "export": "csv"})

    rows = rows_of_csv(response)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Nazwisko", "Imię", "E-mail", "Jednostka"]
    assert [(r[2], r[5]) for r in body] == [(e.user.email, e.course.title) for e in page]
    by_email = {(r[2], r[5]): dict(zip(header, r, strict=True)) for r in body}
    bartosz = by_email[("bartosz@a.example", "Cudzoziemiec w urzędzie")]
    assert bartosz["Nazwisko"] == "Żółtowski"
    assert bartosz["Postęp"] == "50"
    assert bartosz["Najlepszy wynik testu"] == "40"
    assert bartosz["Powiat"] == "Powiat gdański"
    assert bartosz["Jednostka"] == "Szkoła w A"
    anna = by_email[("anna@a.example", "Cudzoziemiec w urzędzie")]
    assert anna["Po terminie"] == "tak"
    assert anna["Status"] == "przypisany – nierozpoczęty"
    dawid = by_email[("dawid@b.example", "Uczeń z doświadczeniem migracji")]
    assert dawid["Nazwisko"] == '\'=HYPERLINK("http://x")'  # neutralised formula
    assert dawid["Status zaświadczenia"] == "wygasło"
    assert dawid["Numer zaświadczenia"].startswith("PCK/")


def test_xlsx_has_typed_cells_a_frozen_header_and_a_filter(admin_client, report_data):
    response = admin_client.get(URL, {"ordering": "user__last_name", "export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, [c.value for c in row], strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    bartosz = next(r for r in rows if r["E-mail"] == "bartosz@a.example")
    assert bartosz["Postęp"] == 0.5
    assert bartosz["Najlepszy wynik testu"] == 0.4
    assert isinstance(bartosz["Zapisano"], type(timezone.now().replace(tzinfo=None)))
    anna = next(r for r in rows if r["E-mail"] == "anna@a.example")
    assert anna["Termin"].date() == timezone.localdate() - timedelta(days=3)
    progress_cell = sheet.cell(row=2, column=header.index("Postęp") + 1)
    assert progress_cell.number_format == "0%"
    assert progress_cell.data_type == "n"
    dawid = next(r for r in rows if r["E-mail"] == "dawid@b.example")
    assert dawid["Nazwisko"] == '=HYPERLINK("http://x")'  # a string cell, not a formula
    assert sheet.cell(row=2 + rows.index(dawid), column=1).data_type == "s"


def test_exports_over_the_limit_run_as_a_job_with_the_same_rows(
    admin_client, admin_user, report_data, monkeypatch, django_capture_on_commit_callbacks
):
    from lms.reports import views

    monkeypatch.setattr(views, "INLINE_EXPORT_LIMIT", 2)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.get(URL, {"status": "completed", "export": "csv"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("exports_index")
    assert "przygotowujemy w tle" in response.content.decode()
    export = Export.objects.get(owner=admin_user)
    assert export.status == Export.Status.DONE
    assert export.total == 3
    with export.file.open("rb") as file:
        rows = list(csv.reader(io.StringIO(file.read().decode("utf-8-sig")), delimiter=";"))
    assert {r[2] for r in rows[1:]} == {"celina@b.example", "dawid@b.example", "ewa@a.example"}


def test_the_page_and_the_export_job_sort_by_the_same_columns():
    from lms.reports import selectors, views

    page_keys = {c.sort_key for c in views.CompletionReportView.columns if c.sort_key}

    assert page_keys == selectors.SORT_KEYS


def test_the_export_job_orders_searches_and_filters_like_the_page(admin_user, report_data):
    from lms.reports import selectors

    rows = selectors.completion_enrolments(
        user=admin_user, query="q=b.example&ordering=-user__last_name&status=completed"
    )

    assert [e.user.email for e in rows] == ["celina@b.example", "dawid@b.example"]


# --- Scoping ---------------------------------------------------------------------------------------


def test_coordinator_sees_only_their_units_in_page_filters_and_exports(coordinator_a, report_data):
    client = client_of(coordinator_a)
    gmina_b = report_data["units"][2]

    response = client.get(URL)
    emails = {row.user.email for row in response.context["object_list"]}
    unit_choices = {u.pk for u in response.context["filters"].form.fields["unit"].queryset}
    forced = listed(client, unit=gmina_b.pk)  # a unit outside the scope in the URL
    csv_rows = rows_of_csv(client.get(URL, {"export": "csv"}))
    xlsx = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get(URL, {"export": "xlsx"}).streaming_content))
    )

    assert emails == {"anna@a.example", "bartosz@a.example", "ewa@a.example"}
    assert gmina_b.pk not in unit_choices
    assert {email for email, _ in forced} <= emails
    assert {r[2] for r in csv_rows[1:]} == emails
    assert {row[2].value for row in xlsx.active.iter_rows(min_row=2)} == emails
    html = response.content.decode()
    assert "Ślęzak" not in html
    assert "Gmina B" not in html


def test_trainer_sees_the_learners_of_their_own_courses(report_data):
    course1, course2 = report_data["courses"]
    trainer = UserFactory(email="trener@example.org", roles=[Role.TRAINER])
    course2.trainers.add(trainer)
    course2.save_revision().publish()

    listed_rows = listed(client_of(trainer))

    assert {course for _, course in listed_rows} == {course2.title}
    assert len(listed_rows) == 3


def test_learners_and_anonymous_people_cannot_open_reports(user, client, report_data):
    assert_sent_to_admin_login(client.get(URL), URL)
    assert_sent_to_admin_login(client_of(user).get(URL), URL)
    assert_sent_to_admin_login(client_of(user).get(URL, {"export": "csv"}), f"{URL}?export=csv")
    assert not Export.objects.exists()


def test_csv_with_commas_on_request(admin_client, report_data):
    page = admin_client.get(URL).content.decode()
    response = admin_client.get(URL, {"export": "csv", "separator": "comma", "status": "assigned"})

    assert "Pobierz CSV (przecinki)" in page
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Nazwisko", "Imię", "E-mail"]
    assert rows[1][2] == "anna@a.example"


def test_csv_is_sent_with_its_length(admin_client, report_data):
    response = admin_client.get(URL, {"export": "csv"})

    body = b"".join(response.streaming_content)
    assert response.status_code == HTTPStatus.OK
    assert int(response["Content-Length"]) == len(body)
    assert len(rows_of_csv_bytes(body)) == 1 + 6


def rows_of_csv_bytes(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_an_export_failing_half_way_is_an_error_not_a_short_file(
    admin_client, report_data, monkeypatch, caplog
):
    """The database goes away after the header and the first row were written."""
    real_rows = queries.export_rows

    class FailingAfterFirstRow:
        def __init__(self, queryset):
            self.rows = real_rows(queryset)

        def iterator(self, chunk_size):
            rows = self.rows.iterator(chunk_size=chunk_size)
            try:
                yield next(rows)
                raise OperationalError("server closed the connection unexpectedly")
            finally:
                rows.close()  # its server-side cursor now, not when collected in a later test

    monkeypatch.setattr(queries, "export_rows", FailingAfterFirstRow)
    monkeypatch.setattr(spreadsheets, "CHUNK_ROWS", 1)  # header and first row out as chunks
    admin_client.raise_request_exception = False

    with caplog.at_level(logging.ERROR):
        response = admin_client.get(URL, {"export": "csv"})

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Content-Disposition" not in response
    assert not response.streaming
    (logged,) = [r for r in caplog.records if r.name == "lms.reports.views"]
    assert logged.levelno == logging.ERROR
    assert logged.getMessage().startswith("Report export raport-ukonczen-")
    assert "server closed the connection unexpectedly" in logged.exc_text
