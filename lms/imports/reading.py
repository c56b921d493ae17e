"""Read the employee lists Polish offices actually export into plain records.

The file is read by the platform's one spreadsheet reader (`lms.spreadsheets.reading`: CSV in the
usual encodings and delimiters, XLSX with several sheets); this module knows the columns of a
staff list. The sheet whose header row names an e-mail column is used. Column names are matched
ignoring case, diacritics and punctuation, in Polish or English. Each record keeps the row number
the person sees in their spreadsheet program (the header is row 1 when it is the first line).
"""

import os
import pickle
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lms.spreadsheets import reading
from lms.spreadsheets.reading import SpreadsheetError as ImportFileError

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
PARSE_MEMORY_BYTES = 512 * 1024 * 1024  # what the parsing child may add to its address space

FIELDS = ("email", "first_name", "last_name", "unit_code", "job_title", "courses")
ALIASES = {
    "email": [
        "e-mail",
        "email",
        "e mail",
        "mail",
        "adres e-mail",
        "adres email",
        "adres mailowy",
        "adres poczty elektronicznej",
        "poczta elektroniczna",
        "email address",
        "e-mail address",
    ],
    "first_name": ["imię", "imie", "first name", "firstname", "given name", "forename"],
    "last_name": ["nazwisko", "last name", "lastname", "surname", "family name"],
    "unit_code": [
        "kod jednostki",
        "jednostka",
        "kod",
        "kod teryt",
        "teryt",
        "kod urzędowy",
        "unit",
        "unit code",
        "organisation unit",
        "organization unit",
        "kod jednostki teryt",
    ],
    "job_title": ["stanowisko", "job title", "position", "title", "stanowisko służbowe"],
    "courses": [
        "kursy",
        "kurs",
        "courses",
        "course",
        "szkolenia",
        "szkolenie",
        "kursy do przypisania",
    ],
}


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
    try:
        with reading.open_table(
            name=name, data=data, find_header=_header_columns, max_bytes=MAX_BYTES
        ) as sheet:
            table = _records(sheet.header, sheet.rows)
            table.sheet = sheet.sheet
    except reading.HeaderNotFound:
        raise _no_header() from None
    if not table.records:
        raise ImportFileError(_("Plik nie zawiera żadnego wiersza z danymi pracowników."))
    return table


def check_size(size: int) -> None:
    reading.check_size(size, max_bytes=MAX_BYTES)


def check_upload(*, name: str, data: bytes) -> str:
    """What can be refused at once, without parsing (see `lms.spreadsheets.reading`)."""
    return reading.check_upload(name=name, data=data, max_bytes=MAX_BYTES)


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
        name = HEADER_NAMES.get(simplify(reading.cell_text(cell)))
        if name is not None:
            columns.setdefault(name, index)
    return columns if "email" in columns else {}


def _records(columns: dict[str, int], rows) -> Table:
    """The data rows below the header, blank ones skipped."""
    table = Table(columns=[name for name in FIELDS if name in columns])
    for read, (number, cells) in enumerate(rows, start=1):
        if read > MAX_ROWS:  # blank rows count too: a file of a million empty rows is refused
            raise ImportFileError(
                _("Plik ma więcej niż %(max)s wierszy z danymi. Podziel go na mniejsze części.")
                % {"max": f"{MAX_ROWS:,}".replace(",", "\u00a0")}
            )
        record = {"row": number}
        for name in FIELDS:
            index = columns.get(name)
            value = cells[index] if index is not None and index < len(cells) else None
            record[name] = reading.cell_text(value, lines=name == "courses")
        if not any(record[name] for name in FIELDS):
            continue  # a blank row, or a footnote in a column we do not read
        table.records.append(record)
    return table


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
