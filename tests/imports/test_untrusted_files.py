"""Uploads built to exhaust the server: a zip bomb posing as XLSX, a million blank rows, files too
big to read in a web request."""

import io
import resource
import subprocess
import sys
import zipfile
from http import HTTPStatus
from pathlib import Path

import pytest
from django.urls import reverse

from lms.imports import reading, services
from lms.imports.models import ImportBatch
from lms.spreadsheets import reading as spreadsheet_reading
from tests.imports.conftest import HEADER, csv_file, upload, xlsx_file

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
TOO_BIG = "Plik Excel po rozpakowaniu zajmowałby zbyt dużo miejsca"


def xlsx_bomb(inflated_mb: int) -> bytes:
    """A real workbook whose first sheet is a header row and then `inflated_mb` MB of empty rows:
    a few hundred kilobytes on the wire, written in chunks so the test itself stays small."""
    template = zipfile.ZipFile(io.BytesIO(xlsx_file([("Pracownicy", [HEADER])])))
    sheet = template.read(SHEET).decode()
    head, tail = sheet.split("</row>", 1)[0] + "</row>", sheet.split("</sheetData>", 1)[1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in template.infolist():
            if item.filename != SHEET:
                bomb.writestr(item, template.read(item.filename))
        with bomb.open(SHEET, "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = b"<row/>" * (1024 * 1024 // 6)
            for _ in range(inflated_mb):
                part.write(chunk)
            part.write(f"</sheetData>{tail}".encode())
    return out.getvalue()


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_an_xlsx_bomb_is_refused_with_a_polish_message_before_it_is_parsed(admin_client, media):
    bomb = xlsx_bomb(inflated_mb=400)
    assert len(bomb) < reading.MAX_BYTES  # it passes the upload size limit
    before = peak_memory_mb()

    response = upload(admin_client, bomb, name="pracownicy.xlsx")

    assert response.status_code == HTTPStatus.OK
    assert TOO_BIG in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert peak_memory_mb() - before < 100  # nothing was inflated in this process
    # The same process goes on serving requests.
    assert admin_client.get(reverse("imports_index")).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"MAX_XLSX_TOTAL_BYTES": 64 * 1024}, "the parts add up to too much"),
        ({"MAX_XLSX_PART_BYTES": 4 * 1024}, "one part is too big"),
        ({"MAX_XLSX_RATIO": 1, "RATIO_CHECKED_FROM": 0}, "a part inflates too many times"),
        ({"MAX_XLSX_PARTS": 3}, "too many parts"),
    ],
)
def test_each_archive_limit_refuses_an_xlsx(monkeypatch, change, reason):
    rows = [[f"osoba{n}@gmina-a.example", "Jan", "Nowak", "", "", ""] for n in range(300)]
    data = xlsx_file([("Pracownicy", [HEADER, *rows])])
    assert len(reading.read_table(name="a.xlsx", data=data).records) == 300
    for name, value in change.items():
        monkeypatch.setattr(spreadsheet_reading, name, value)

    with pytest.raises(reading.ImportFileError, match=TOO_BIG):
        reading.read_table(name="a.xlsx", data=data)


def test_blank_rows_count_toward_the_row_limit(admin_client, media):
    data = csv_file([["", "", "", "", "", ""]] * (reading.MAX_ROWS + 1))

    response = upload(admin_client, data)

    assert "Plik ma więcej niż 20\u00a0000 wierszy" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_blank_xlsx_rows_count_toward_the_row_limit(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    data = xlsx_file([("Pracownicy", [HEADER, *[[None, None, "x"] for _ in range(60)]])])

    with pytest.raises(reading.ImportFileError, match="więcej niż 50 wierszy"):
        reading.read_table(name="a.xlsx", data=data)


def large_csv(rows: int) -> bytes:
    return csv_file(
        [[f"osoba{n}@gmina-a.example", "Jan", f"Nowak {n}", "2204011", "", ""] for n in range(rows)]
    )


def test_a_large_upload_is_read_by_the_worker_not_the_web_request(
    admin_client, coded_units, media, django_capture_on_commit_callbacks
):
    data = large_csv(6000)
    assert len(data) > services.SYNC_PARSE_BYTES

    with django_capture_on_commit_callbacks(execute=False) as queued:
        page = upload(admin_client, data)
    batch = ImportBatch.objects.get()

    assert page.status_code == HTTPStatus.OK
    assert (batch.status, batch.row_count, batch.rows) == (ImportBatch.Status.QUEUED, 0, [])
    assert "data-import-status-url" in page.content.decode()

    for callback in queued:  # the worker's turn (Celery runs in-process in these tests)
        callback()
    batch.refresh_from_db()
    assert (batch.status, batch.row_count, batch.new_count) == (
        ImportBatch.Status.READY,
        6000,
        6000,
    )


def test_a_large_unreadable_upload_fails_with_the_reason_on_its_page(
    admin_client, media, django_capture_on_commit_callbacks
):
    data = csv_file([["x"] * 6] * 40_000, header=["kolumna"] * 6)
    assert len(data) > services.SYNC_PARSE_BYTES

    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, data)

    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    page = admin_client.get(reverse("imports_detail", args=[batch.pk])).content.decode()
    assert "Nie rozpoznano wiersza nagłówka" in page


CAPPED_READ = """
import sys, django
django.setup()
from lms.imports import reading
data = sys.stdin.buffer.read()
try:
    reading.read_table_with_memory_limit(name="a.csv", data=data, limit_bytes=int(sys.argv[1]))
except reading.ImportFileError as error:
    print("refused:", error)
else:
    print("read")
"""


def capped_read(data: bytes, limit_bytes: int) -> str:
    """In a fresh interpreter: a test process's heap keeps freed memory from earlier tests, which
    the forked child could reuse without growing its address space."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CAPPED_READ, str(limit_bytes)],
        input=data,
        capture_output=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return result.stdout.decode()


def test_reading_in_the_worker_is_capped_in_memory():
    data = large_csv(reading.MAX_ROWS)

    assert "wymagałoby zbyt dużo pamięci" in capped_read(data, 1024 * 1024)
    assert capped_read(data, reading.PARSE_MEMORY_BYTES).strip() == "read"

    table = reading.read_table_with_memory_limit(name="a.csv", data=data)  # the default limit
    assert len(table.records) == reading.MAX_ROWS
    assert table.records[-1]["last_name"] == f"Nowak {reading.MAX_ROWS - 1}"
