"""Reading spreadsheets people upload (staff lists, attendance lists): CSV or XLSX, one reader.

CSV in UTF-8 (with or without a BOM), Windows-1250 or UTF-16 ("Unicode text" from Excel), with `;`,
`,` or tab between columns; XLSX with any number of sheets and blank rows. The caller says what a
header row looks like (`find_header`); the reader picks the CSV delimiter or the XLSX sheet whose
header it recognises and yields the rows below it, each with the row number the person sees in
their spreadsheet program. Problems are raised as `SpreadsheetError` with a Polish message.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from django.utils.translation import gettext as _

CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
DELIMITERS = (";", ",", "\t")
ZIP_MAGIC = b"PK\x03\x04"
HEADER_SCAN_ROWS = 20  # a title or notes may sit above the header row


class SpreadsheetError(Exception):
    """The file cannot be read; the message is for the person uploading it."""


class HeaderNotFound(SpreadsheetError):
    """No row in the first HEADER_SCAN_ROWS looked like a header: the caller explains in its
    own words which columns it expects."""


@dataclass
class Table:
    """A sheet being read: the header `find_header` recognised (None when no row in the first
    HEADER_SCAN_ROWS looked like one: `rows` then starts at the first row), and `rows`, an
    iterator of (row number, cells) below it."""

    header: object
    rows: Iterator[tuple[int, tuple]]
    sheet: str = ""


def cell_text(value, *, lines: bool = False) -> str:
    """A cell as trimmed text; numbers without ".0" (Excel stores codes as numbers); dates in ISO
    form. With `lines`, line breaks inside the cell become "|"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if lines:
        text = "|".join(line for line in text.splitlines() if line.strip())
    return " ".join(text.split())


def check_size(size: int, *, max_bytes: int) -> None:
    if size > max_bytes:
        raise SpreadsheetError(
            _("Plik jest za duży: największy dozwolony rozmiar to %(mb)d MB.")
            % {"mb": max_bytes // (1024 * 1024)}
        )


def unsupported() -> SpreadsheetError:
    return SpreadsheetError(_("Nieobsługiwany rodzaj pliku. Wczytaj plik CSV albo XLSX (Excel)."))


@contextmanager
def open_table(
    *,
    name: str,
    data: bytes,
    find_header: Callable[[tuple], Sized | None],
    max_bytes: int,
    header_required: bool = True,
) -> Iterator[Table]:
    """`with open_table(...) as table:` read `table.rows`. `find_header(cells)` returns what it
    recognised in a header row (e.g. {field: column}; the CSV delimiter whose header has most
    entries wins) or None. Without a recognisable header, `header_required` raises
    HeaderNotFound; otherwise all rows are returned."""
    if check_upload(name=name, data=data, max_bytes=max_bytes) == "xlsx":
        with _xlsx_table(data, find_header, header_required) as table:
            yield table
    else:
        yield _csv_table(data, find_header, header_required)


def check_upload(*, name: str, data: bytes, max_bytes: int) -> str:
    """What can be refused without parsing (size, kind, an XLSX that would inflate too far);
    returns the kind to read: "csv" or "xlsx"."""
    check_size(len(data), max_bytes=max_bytes)
    if not data.strip():
        raise SpreadsheetError(_("Plik jest pusty."))
    extension = PurePath(name or "").suffix.lower()
    if extension == ".xls":
        raise SpreadsheetError(
            _("Starsze pliki Excela (XLS) nie są obsługiwane. Zapisz plik jako XLSX albo CSV.")
        )
    if extension in XLSX_EXTENSIONS or (extension in CSV_EXTENSIONS and data[:4] == ZIP_MAGIC):
        check_xlsx_archive(data)
        return "xlsx"
    if extension in CSV_EXTENSIONS:
        return "csv"
    raise unsupported()


def _numbered(rows, first: int = 1) -> Iterator[tuple[int, tuple]]:
    for number, cells in enumerate(rows, start=first):
        yield number, tuple(cells)


def _find_header(numbered, find_header):
    """(header, row number of the header) in the first rows, else (None, None)."""
    for number, cells in numbered:
        header = find_header(cells)
        if header:
            return header, number
        if number >= HEADER_SCAN_ROWS:
            break
    return None, None


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise unsupported()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Polish text in Windows-1250 is (practically) never valid UTF-8.
        return data.decode("cp1250", errors="replace")


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, tuple]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from _numbered(reader)
    except csv.Error as error:
        raise SpreadsheetError(
            _("Nie udało się odczytać pliku CSV: %(error)s.") % {"error": error}
        ) from error


def _csv_table(data: bytes, find_header, header_required: bool) -> Table:
    text = decode(data)
    best, best_delimiter, best_row = None, None, None
    for delimiter in DELIMITERS:
        header, number = _find_header(_csv_rows(text, delimiter), find_header)
        if header is not None and (best is None or len(header) > len(best)):
            best, best_delimiter, best_row = header, delimiter, number
    if best is None:
        if header_required:
            raise HeaderNotFound()
        # No header: the delimiter that splits the first non-blank line most ("" → ";").
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max(DELIMITERS, key=first.count)
        return Table(header=None, rows=_csv_rows(text, delimiter))
    rows = _csv_rows(text, best_delimiter)
    for number, _cells in rows:
        if number == best_row:
            break
    return Table(header=best, rows=rows)


@contextmanager
def _xlsx_table(data: bytes, find_header, header_required: bool) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise SpreadsheetError(
            _("Nie udało się odczytać pliku Excel. Zapisz go ponownie jako XLSX albo CSV.")
        ) from error
    try:
        sheets = [sheet for sheet in workbook.worksheets if hasattr(sheet, "iter_rows")]
        for sheet in sheets:  # the first sheet whose header is recognised
            rows = _numbered(sheet.iter_rows(min_row=1, values_only=True))
            header, _number = _find_header(rows, find_header)
            if header is not None:
                yield Table(header=header, rows=rows, sheet=sheet.title)
                return
        if header_required or not sheets:
            raise HeaderNotFound()
        sheet = sheets[0]
        yield Table(
            header=None,
            rows=_numbered(sheet.iter_rows(min_row=1, values_only=True)),
            sheet=sheet.title,
        )
    finally:
        workbook.close()


# --- XLSX archives: refused before parsing when they would inflate too far --------------------
# An XLSX is a zip of XML parts; a "zip bomb" of a few MB can inflate to gigabytes inside openpyxl.
MAX_XLSX_PARTS = 1000
MAX_XLSX_PART_BYTES = 64 * 1024 * 1024  # a sheet of 20,000 rows is about 5 MB of XML
MAX_XLSX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_XLSX_RATIO = 100  # spreadsheet XML deflates 5-20 times; bombs a thousand times
RATIO_CHECKED_FROM = 1024 * 1024  # tiny parts may compress well without harm


def _archive_too_big() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "Plik Excel po rozpakowaniu zajmowałby zbyt dużo miejsca (więcej niż %(mb)d MB) i nie "
            "zostanie odczytany. Zapisz arkusz ponownie jako CSV albo podziel go na mniejsze pliki."
        )
        % {"mb": MAX_XLSX_TOTAL_BYTES // (1024 * 1024)}
    )


def check_xlsx_archive(data: bytes) -> None:
    """Refuse an XLSX archive whose parts would inflate beyond the limits, before any parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SpreadsheetError(
            _("Nie udało się odczytać pliku Excel. Zapisz go ponownie jako XLSX albo CSV.")
        ) from error
    if len(parts) > MAX_XLSX_PARTS:
        raise _archive_too_big()
    total = 0
    for part in parts:
        total += part.file_size
        too_dense = part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_XLSX_RATIO * max(
            part.compress_size, 1
        )
        if part.file_size > MAX_XLSX_PART_BYTES or total > MAX_XLSX_TOTAL_BYTES or too_dense:
            raise _archive_too_big()
