"""Read the employee lists Polish offices actually export into plain records.

CSV in UTF-8 (with or without a BOM), Windows-1250 or UTF-16 ("Unicode text" from Excel), with `;`,
`,` or tab between columns; XLSX with any number of sheets (the one whose header row names an
e-mail column is used) and blank rows. Column names are matched ignoring case, diacritics and
punctuation, in Polish or English. Each record keeps the row number the person sees in their
spreadsheet program (the header is row 1 when it is the first line).
"""

import codecs
import csv
import io
import os
import pickle
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 20  # a title or notes may sit above the header row

FIELDS = ("email", "first_name", "last_name", "unit_code", "job_title", "courses")
ALIASES = {
    "email": [
        "e-mail", "email", "e mail", "mail", "adres e-mail", "adres email", "adres mailowy",
        "adres poczty elektronicznej", "poczta elektroniczna", "email address", "e-mail address",
    ],
    "first_name": ["imię", "imie", "first name", "firstname", "given name", "forename"],
    "last_name": ["nazwisko", "last name", "lastname", "surname", "family name"],
    "unit_code": [
        "kod jednostki", "jednostka", "kod", "kod teryt", "teryt", "kod urzędowy", "unit",
        "unit code", "organisation unit", "organization unit", "kod jednostki teryt",
    ],
    "job_title": ["stanowisko", "job title", "position", "title", "stanowisko służbowe"],
    "courses": [
        "kursy", "kurs", "courses", "course", "szkolenia", "szkolenie", "kursy do przypisania",
    ],
}  # fmt: skip
CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file cannot be read as a list of employees; the message is for the person uploading."""


@dataclass
class Table:
    """What was read: one dict per data row (`row` plus FIELDS), in file order."""

    records: list[dict] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # the FIELDS found in the header
    sheet: str = ""  # the XLSX sheet used


def simplify(text: str) -> str:
    """Lower case, no diacritics (ł too), punctuation as single spaces: "Adres E-mail" → "adres e mail"."""
    text = str(text).casefold().replace("ł", "l")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


HEADER_NAMES = {simplify(alias): name for name, aliases in ALIASES.items() for alias in aliases}


def read_table(*, name: str, data: bytes) -> Table:
    """Records of a CSV or XLSX file; raises ImportFileError with a Polish message."""
    read = _read_xlsx if check_upload(name=name, data=data) == "xlsx" else _read_csv
    table = read(data)
    if not table.records:
        raise ImportFileError(_("Plik nie zawiera żadnego wiersza z danymi pracowników."))
    return table


def check_upload(*, name: str, data: bytes) -> str:
    """What can be refused without parsing (size, kind, an XLSX that would inflate too far);
    returns the kind to read: "csv" or "xlsx"."""
    check_size(len(data))
    if not data.strip():
        raise ImportFileError(_("Plik jest pusty."))
    extension = PurePath(name or "").suffix.lower()
    if extension == ".xls":
        raise ImportFileError(
            _("Starsze pliki Excela (XLS) nie są obsługiwane. Zapisz plik jako XLSX albo CSV.")
        )
    if extension in XLSX_EXTENSIONS or (extension in CSV_EXTENSIONS and data[:4] == ZIP_MAGIC):
        check_xlsx_archive(data)
        return "xlsx"
    if extension in CSV_EXTENSIONS:
        return "csv"
    raise ImportFileError(_("Nieobsługiwany rodzaj pliku. Wczytaj plik CSV albo XLSX (Excel)."))


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportFileError(
            _("Plik jest za duży: największy dozwolony rozmiar to %(mb)d MB.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )


def _no_header() -> ImportFileError:
    return ImportFileError(
        _(
            "Nie rozpoznano wiersza nagłówka. Pierwszy wiersz pliku powinien zawierać nazwy "
            "kolumn, w tym kolumnę „e-mail” (pozostałe: imię, nazwisko, kod jednostki, "
            "stanowisko, kursy). Pobierz wzór pliku i porównaj nagłówki."
        )
    )


def _header_columns(cells) -> dict[str, int]:
    """{field: column index} when this row is a header naming an e-mail column, else {}."""
    columns = {}
    for index, cell in enumerate(cells):
        name = HEADER_NAMES.get(simplify(_text(cell)))
        if name is not None:
            columns.setdefault(name, index)
    return columns if "email" in columns else {}


def _records(rows, *, first_row: int = 1) -> Table | None:
    """Find the header in the first rows of `rows` (an iterator of cell sequences); read the rest."""
    columns, number = {}, first_row - 1
    for number, cells in enumerate(rows, start=first_row):
        columns = _header_columns(cells)
        if columns or number - first_row + 1 >= HEADER_SCAN_ROWS:
            break
    if not columns:
        return None
    table = Table(columns=[name for name in FIELDS if name in columns])
    after_header = number + 1
    for read, (number, cells) in enumerate(enumerate(rows, start=after_header), start=1):
        if read > MAX_ROWS:  # blank rows count too: a file of a million empty rows is refused
            raise ImportFileError(
                _("Plik ma więcej niż %(max)s wierszy z danymi. Podziel go na mniejsze części.")
                % {"max": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
            )
        record = {"row": number}
        for name in FIELDS:
            index = columns.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            record[name] = _text(value, lines=name == "courses")
        if not any(record[name] for name in FIELDS):
            continue  # a blank row, or a footnote in a column we do not read
        table.records.append(record)
    return table


def _text(value, *, lines: bool = False) -> str:
    """A cell as trimmed text; numbers without ".0" (Excel stores unit codes as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if lines:  # a line break inside a cell separates courses, like "|"
        text = "|".join(line for line in text.splitlines() if line.strip())
    return " ".join(text.split())


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("Nieobsługiwany rodzaj pliku. Wczytaj plik CSV albo XLSX (Excel)."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Polish text in Windows-1250 is (practically) never valid UTF-8.
        return data.decode("cp1250", errors="replace")


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    best, best_delimiter = None, None
    for delimiter in (";", ",", "\t"):
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = _records(_first(rows, HEADER_SCAN_ROWS))
        if header is not None and (best is None or len(header.columns) > len(best.columns)):
            best, best_delimiter = header, delimiter
    if best is None:
        raise _no_header()
    try:
        table = _records(csv.reader(io.StringIO(text, newline=""), delimiter=best_delimiter))
    except csv.Error as error:
        raise ImportFileError(
            _("Nie udało się odczytać pliku CSV: %(error)s.") % {"error": error}
        ) from error
    return table


def _first(rows, count):
    for number, row in enumerate(rows, start=1):
        yield row
        if number >= count:
            return


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportFileError(
            _("Nie udało się odczytać pliku Excel. Zapisz go ponownie jako XLSX albo CSV.")
        ) from error
    try:
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):  # a chart sheet
                continue
            table = _records(sheet.iter_rows(min_row=1, values_only=True))
            if table is not None:
                table.sheet = sheet.title
                return table
    finally:
        workbook.close()
    raise _no_header()


# --- Untrusted archives and memory ----------------------------------------------------------------
# An XLSX file is a zip archive: a few megabytes can inflate to gigabytes of sheet XML (a "zip
# bomb") that would exhaust the memory of the process parsing it. The sizes the archive declares
# are checked before openpyxl opens it (Python's zipfile never inflates a part beyond its declared
# size), and large uploads are parsed by a worker in a child process with a memory ceiling.

MAX_XLSX_PARTS = 1000
MAX_XLSX_PART_BYTES = 64 * 1024 * 1024  # a sheet of 20,000 rows is about 5 MB of XML
MAX_XLSX_TOTAL_BYTES = 128 * 1024 * 1024
MAX_XLSX_RATIO = 100  # spreadsheet XML deflates 5-20 times; bombs a thousand times
RATIO_CHECKED_FROM = 1024 * 1024  # tiny parts may compress well without harm
PARSE_MEMORY_BYTES = 512 * 1024 * 1024  # what the parsing child may add to its address space


def _archive_too_big() -> ImportFileError:
    return ImportFileError(
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
        raise ImportFileError(
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


def read_table_with_memory_limit(
    *, name: str, data: bytes, limit_bytes: int = PARSE_MEMORY_BYTES
) -> Table:
    """`read_table` in a forked child whose address space may grow by at most `limit_bytes`: a
    file that needs more is refused with a Polish message, and the calling process (a Celery
    worker) lives on whatever the file does. Linux/Unix only (fork, RLIMIT_AS)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send the outcome, exit without running any clean-up
        status = 1
        try:
            os.close(reader)
            _limit_address_space(limit_bytes)
            try:
                outcome = ("table", read_table(name=name, data=data))
            except ImportFileError as error:
                outcome = ("error", str(error))
            except MemoryError:
                outcome = ("error", str(_needs_too_much_memory()))
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(pickle.dumps(outcome))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    if not payload:  # the child died (out of memory while sending, or killed)
        raise _needs_too_much_memory()
    kind, value = pickle.loads(payload)  # noqa: S301 - written by our own forked child
    if kind == "error":
        raise ImportFileError(value)
    return value


def _needs_too_much_memory() -> ImportFileError:
    return ImportFileError(
        _(
            "Odczytanie pliku wymagałoby zbyt dużo pamięci. Zapisz arkusz ponownie jako CSV "
            "albo podziel go na mniejsze pliki."
        )
    )


def _limit_address_space(extra_bytes: int) -> None:
    import resource

    try:
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc (macOS): the peak so far, as a stand-in
        current = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    resource.setrlimit(resource.RLIMIT_AS, (current + extra_bytes, current + extra_bytes))
