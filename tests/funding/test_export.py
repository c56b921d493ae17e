"""The participant-level export for SM EFS: laid out by the mapping file, so changing the file
changes the export without any code."""

import csv
import io
from http import HTTPStatus

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lms.audit.models import AuditEntry, Event
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory
from tests.funding.conftest import declare

pytestmark = pytest.mark.django_db

URL = "funding_participant_export"


@pytest.fixture
def participants(project, course, units):
    gmina_a = units[0]
    anna = UserFactory(
        first_name="Anna",
        last_name="Nowak",
        email="anna@a.example",
        unit=gmina_a,
        roles=[Role.LEARNER],
    )
    jan = UserFactory(
        first_name="Jan",
        last_name='=HYPERLINK("x")',
        email="jan@a.example",
        unit=gmina_a,
        roles=[Role.LEARNER],
    )
    declare(anna, project, sex="female", age_band="55_plus", disability="refused")
    declare(jan, project, sex="refused", education="isced_3_4")
    factories.complete_course(anna, course)
    return anna, jan


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_follows_the_shipped_sm_efs_mapping(admin_client, project, participants):
    response = admin_client.get(reverse(URL), {"project": project.pk, "export": "csv"})

    assert response.status_code == HTTPStatus.OK
    header, *rows = rows_of(response)
    assert header[:6] == ["Lp.", "Numer projektu", "Rodzaj uczestnika", "Imię", "Nazwisko", "Płeć"]
    by_name = {row[3]: dict(zip(header, row, strict=True)) for row in rows}
    anna, jan = by_name["Anna"], by_name["Jan"]
    assert anna["Płeć"] == "Kobieta"
    assert anna["Wiek w chwili przystąpienia do projektu"] == "55 lat i więcej"
    assert anna["Osoba z niepełnosprawnościami"] == "Odmowa podania informacji"
    assert anna["Zakończenie udziału zgodnie z planem"] == "Tak"
    assert anna["Liczba godzin wsparcia"] == "4,0"  # a decimal comma, as Excel in Polish reads
    assert anna["Miejsce zatrudnienia"] == "Gmina A"
    assert anna["Status osoby na rynku pracy w chwili przystąpienia do projektu"] == (
        "Osoba pracująca"
    )
    assert jan["Płeć"] == "Odmowa podania informacji"
    assert jan["Wykształcenie"] == "ISCED 3-4"
    assert jan["Zakończenie udziału zgodnie z planem"] == "Nie"
    assert jan["Data zakończenia udziału w projekcie"] == ""
    assert jan["Nazwisko"] == '\'=HYPERLINK("x")'  # never a formula
    assert AuditEntry.objects.filter(event=Event.EXPORT).count() == 1


MAPPING = """
filename = "moj-uklad"

[[column]]
heading = "PLEC"
source = "sex"
codes = { female = "K", male = "M", non_binary = "N", refused = "X" }

[[column]]
heading = "NAZWISKO"
source = "last_name"

[[column]]
heading = "START"
source = "start_date"
format = "%d.%m.%Y"

[[column]]
heading = "PROGRAM"
source = "constant"
value = "FEPM"
"""


def test_a_changed_mapping_file_changes_the_export_without_code(
    admin_client, project, participants, settings, tmp_path
):
    mapping = tmp_path / "uklad.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    settings.FUNDING_EXPORT_MAPPING = str(mapping)
    anna, _jan = participants

    response = admin_client.get(reverse(URL), {"project": project.pk, "export": "xlsx"})

    assert response.status_code == HTTPStatus.OK
    assert "moj-uklad-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("PLEC", "NAZWISKO", "START", "PROGRAM")
    started = anna.funding_participations.get().started_at.astimezone().strftime("%d.%m.%Y")
    assert ("K", "Nowak", started, "FEPM") in rows
    assert ("X", '=HYPERLINK("x")', started, "FEPM") in rows  # a string cell, not a formula

    # Edited again (a code renamed): the next export follows at once.
    mapping.write_text(MAPPING.replace('female = "K"', 'female = "Kobieta"'), encoding="utf-8")
    again = admin_client.get(reverse(URL), {"project": project.pk, "export": "csv"})
    assert ["Kobieta", "Nowak", started, "FEPM"] in rows_of(again)


def test_an_incomplete_mapping_is_explained_in_polish_and_nothing_is_exported(
    admin_client, project, participants, settings, tmp_path
):
    mapping = tmp_path / "uklad.toml"
    mapping.write_text(MAPPING.replace(', refused = "X"', ""), encoding="utf-8")
    settings.FUNDING_EXPORT_MAPPING = str(mapping)

    response = admin_client.get(reverse(URL), {"project": project.pk, "export": "csv"}, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert "brak kodów dla wartości: refused" in response.content.decode()
    assert not AuditEntry.objects.filter(event=Event.EXPORT).exists()


def test_the_listing_shows_the_participants(admin_client, project, participants):
    response = admin_client.get(reverse(URL), {"project": project.pk})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Anna Nowak" in html
    assert "Kompetentny samorząd" in html
