import csv
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

HEADER = ["E-mail", "Imię", "Nazwisko", "Kod jednostki", "Stanowisko", "Kursy"]


@pytest.fixture
def coded_units(units):
    """The `units` fixture with TERYT-like codes: (gmina A, school in A, gmina B)."""
    for unit, code in zip(units, ("2204011", "2204011-SP1", "2204022"), strict=True):
        unit.code = code
        unit.save(update_fields=["code"])
    return units


@pytest.fixture
def courses(db):
    """Two live courses, assignable only: (Obsługa cudzoziemców, Prawo pobytowe)."""
    return (
        factories.course(title="Obsługa cudzoziemców", lessons=1, quiz=False, mode="assigned"),
        factories.course(title="Prawo pobytowe", lessons=1, quiz=False, mode="assigned"),
    )


@pytest.fixture
def coordinator(coded_units):
    person = UserFactory(
        roles=[Role.COORDINATOR], unit=coded_units[0], email="koordynatorka@a.example"
    )
    person.coordinated_units.add(coded_units[0])
    return person


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def csv_file(rows, *, header=HEADER, delimiter=";", encoding="utf-8", bom=False):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_file(sheets):
    """`sheets`: [(title, rows)], in order; a row is a list of cell values (or [] for a blank row)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, data, name="pracownicy.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("imports_index"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def preview_rows(response):
    """{row number: (status, reason text)} read from the preview table."""
    import re
    from html import unescape

    rows = {}
    for match in re.finditer(
        r'<tr data-row="(\d+)" data-status="(\w+)">(.*?)</tr>', response.content.decode(), re.S
    ):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(3))).split())
        rows[int(match.group(1))] = (match.group(2), text)
    return rows
