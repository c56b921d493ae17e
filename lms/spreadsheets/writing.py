"""CSV and XLSX writers for reports: streamed row by row (flat memory), typed, safe to open.

- CSV: UTF-8 with a BOM (Excel in Polish then reads the diacritics right), `;` between fields,
  CRLF line ends; a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets
  a leading apostrophe, so a spreadsheet never runs it as a formula (CSV injection).
- XLSX (XlsxWriter in constant-memory mode): dates are dates, percentages are numbers with a
  percent format, the header row is frozen and has an auto filter; text is always a string cell,
  never a formula.

Every spreadsheet leaves through these two writers: the reports call them with typed columns, and
Wagtail's own list exports (`list_export` of a viewset) through `SafeSpreadsheetExportMixin`.
"""

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import BinaryIO

from django.http import StreamingHttpResponse
from django.utils import timezone

CSV_DELIMITER = ";"
BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 500


def csv_delimiter(params) -> str:
    """`;` by default (Excel in Polish); `,` on request (?separator=comma)."""
    return "," if params.get("separator") == "comma" else CSV_DELIMITER


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheets (OWASP's advice for CSV injection)."""
    if text and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _naive_local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _value_to_csv(value, yes: str, no: str):
    """A column of kind "value" (Wagtail's list exports): typed by each value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, datetime.datetime):
        return _naive_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        return str(value).replace(".", ",")
    return neutralise(str(value))


def _csv_converter(kind: str, labels: dict) -> Callable:
    """How a typed value of one column becomes CSV text (`labels`: see `csv_chunks`)."""
    if kind == "value":
        yes, no = labels.get("yes", "tak"), labels.get("no", "nie")
        return lambda value: _value_to_csv(value, yes, no)
    if kind == "datetime":
        return lambda value: value.strftime("%Y-%m-%d %H:%M") if value is not None else ""
    if kind == "date":
        return lambda value: value.isoformat() if value is not None else ""
    if kind == "boolean":
        yes, no = labels.get("yes", "tak"), labels.get("no", "nie")
        return lambda value: yes if value else no
    if kind in ("status", "certificate"):
        names = labels.get(kind, {})
        return lambda value: str(names.get(value, value)) if value else ""
    if kind in ("percent", "integer"):
        return lambda value: "" if value is None else value
    if kind == "number":  # a decimal comma, as Excel in Polish reads numbers
        return lambda value: "" if value is None else f"{value:.1f}".replace(".", ",")
    return lambda value: neutralise(value) if value else ""


class Echo:
    """A file-like object whose write returns what it was given (for csv.writer + streaming)."""

    def write(self, value):
        return value


def csv_chunks(
    headings: Sequence[str],
    kinds: Sequence[str],
    rows: Iterable[Sequence],
    *,
    labels: dict | None = None,
    delimiter: str = CSV_DELIMITER,
) -> Iterator[str]:
    """Yield the CSV text in chunks of a few hundred rows (BOM and header first).

    `labels`: {"status": {code: label}, "certificate": {code: label}, "yes": …, "no": …}.
    """
    labels = labels or {}
    plain = [index for index, kind in enumerate(kinds) if kind == "text"]
    writer = csv.writer(Echo(), delimiter=delimiter, lineterminator="\r\n")
    yield BOM + writer.writerow([neutralise(str(h)) for h in headings])
    pending = []
    # Text cells are by far the most common: converted inline, the others by their converter.
    others = [
        (index, _csv_converter(kind, labels)) for index, kind in enumerate(kinds) if kind != "text"
    ]
    for row in rows:
        cells = list(row)
        for index in plain:
            value = cells[index]
            if value is None:
                cells[index] = ""
            elif value and value[0] in "=+-@\t\r":
                cells[index] = "'" + value
        for index, convert in others:
            cells[index] = convert(cells[index])
        pending.append(writer.writerow(cells))
        if len(pending) >= CHUNK_ROWS:
            yield "".join(pending)
            pending = []
    if pending:
        yield "".join(pending)


def write_csv(
    out: BinaryIO,
    headings,
    kinds,
    rows,
    *,
    labels=None,
    progress=None,
    total=0,
    every=5000,
    delimiter: str = CSV_DELIMITER,
) -> int:
    """Write the CSV into `out`; returns the number of data rows."""
    counted = _Counted(rows)
    reported = 0
    for chunk in csv_chunks(headings, kinds, counted, labels=labels, delimiter=delimiter):
        out.write(chunk.encode("utf-8"))
        if progress is not None and counted.count - reported >= every:
            reported = counted.count
            progress(reported, total)
    return counted.count


class _Counted:
    """Counts the rows a generator hands on (a quoted cell may hold line breaks)."""

    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def write_xlsx(
    out: BinaryIO,
    headings: Sequence[str],
    kinds: Sequence[str],
    rows: Iterable[Sequence],
    *,
    labels: dict | None = None,
    sheet_name: str = "Raport",
    progress=None,
    total: int = 0,
    every: int = 2000,
) -> int:
    """Write a typed workbook into `out` (a real file: XlsxWriter streams rows to temp files)."""
    import xlsxwriter

    labels = labels or {}
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd hh:mm",
        },
    )
    sheet = workbook.add_worksheet(sheet_name[:31])
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
    formats = {
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "percent": workbook.add_format({"num_format": "0%"}),
        "number": workbook.add_format({"num_format": "0.0"}),
        "integer": workbook.add_format({"num_format": "0"}),
    }
    widths = {"datetime": 17, "date": 11, "percent": 9, "number": 9, "integer": 9, "boolean": 8}
    for index, (heading, kind) in enumerate(zip(headings, kinds, strict=True)):
        sheet.set_column(index, index, max(widths.get(kind, 22), min(len(str(heading)) + 2, 30)))
        sheet.write_string(0, index, str(heading), header)
    sheet.freeze_panes(1, 0)

    yes = labels.get("yes", "tak")
    no = labels.get("no", "nie")
    status_labels = labels.get("status", {})
    certificate_labels = labels.get("certificate", {})
    write_string, write_number, write_datetime = (
        sheet.write_string,
        sheet.write_number,
        sheet.write_datetime,
    )
    datetime_format, date_format, percent_format, number_format, integer_format = (
        formats["datetime"],
        formats["date"],
        formats["percent"],
        formats["number"],
        formats["integer"],
    )
    plan = list(enumerate(kinds))
    row_number = 0
    for row_number, row in enumerate(rows, start=1):
        for column, kind in plan:
            value = row[column]
            if value is None or value == "":
                continue
            if kind == "text":
                write_string(row_number, column, value)
            elif kind == "datetime":
                write_datetime(row_number, column, value, datetime_format)
            elif kind == "date":
                write_datetime(
                    row_number,
                    column,
                    datetime.datetime(value.year, value.month, value.day),
                    date_format,
                )
            elif kind == "percent":
                write_number(row_number, column, value / 100, percent_format)
            elif kind == "number":
                write_number(row_number, column, float(value), number_format)
            elif kind == "integer":
                write_number(row_number, column, value, integer_format)
            elif kind == "boolean":
                write_string(row_number, column, yes if value else no)
            elif kind == "status":
                write_string(row_number, column, str(status_labels.get(value, value)))
            elif kind == "certificate":
                write_string(row_number, column, str(certificate_labels.get(value, value)))
            elif kind == "value":
                _write_value(sheet, row_number, column, value, formats, yes, no)
        if progress is not None and row_number % every == 0:
            progress(row_number, total)
    sheet.autofilter(0, 0, max(row_number, 1), len(headings) - 1)
    workbook.close()
    if progress is not None:
        progress(row_number, total)
    return row_number


def _write_value(sheet, row: int, column: int, value, formats: dict, yes: str, no: str) -> None:
    """One cell of a "value" column: a date, a number, or a string (never a formula)."""
    if isinstance(value, bool):
        sheet.write_string(row, column, yes if value else no)
    elif isinstance(value, datetime.datetime):
        sheet.write_datetime(row, column, _naive_local(value), formats["datetime"])
    elif isinstance(value, datetime.date):
        moment = datetime.datetime(value.year, value.month, value.day)
        sheet.write_datetime(row, column, moment, formats["date"])
    elif isinstance(value, (int, float, Decimal)):
        sheet.write_number(row, column, float(value))
    else:
        sheet.write_string(row, column, str(value))


class SafeSpreadsheetExportMixin:
    """For Wagtail views with `list_export` (a ModelViewSet's index view, a ReportView): their
    "Download CSV/XLSX" goes through the writers above instead of Wagtail's, so a first name such
    as `=HYPERLINK(...)` reaches a spreadsheet as text, as in the reports. Put it before the
    Wagtail view class: `class MyIndexView(SafeSpreadsheetExportMixin, IndexView)`."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Every list export is written to the security audit log (who, what, which filters)."""
        from lms.audit.services import Event, record

        filters = self.request.GET.copy()
        filters.pop("export", None)
        record(
            event=Event.EXPORT,
            target=str(self.model._meta.verbose_name_plural),
            details=f"{spreadsheet_format.upper()} {filters.urlencode()}".strip(),
            request=self.request,
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def export_table(self, queryset):
        """Headings, column kinds and the rows (lazily) of the export."""
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        kinds = ["value"] * len(self.list_export)
        rows = (
            [self.export_value(field, value) for field, value in self.to_row_dict(item).items()]
            for item in queryset
        )
        return headings, kinds, rows

    def export_value(self, field, value):
        custom = self.custom_field_preprocess.get(field, {})
        if self.FORMAT_CSV in custom:
            return custom[self.FORMAT_CSV](value)
        if isinstance(value, (list, tuple)):
            return ", ".join(str(item) for item in value)
        if value is None or isinstance(value, (bool, int, float, Decimal, datetime.date)):
            return value
        return str(value)

    def export_labels(self) -> dict:
        from django.utils.translation import gettext

        return {"yes": gettext("tak"), "no": gettext("nie")}

    def stream_csv(self, queryset):
        headings, kinds, rows = self.export_table(queryset)
        return csv_chunks(headings, kinds, rows, labels=self.export_labels())

    def write_csv_response(self, queryset):
        chunks = (chunk.encode("utf-8") for chunk in self.stream_csv(queryset))
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def write_xlsx(self, queryset, output):
        headings, kinds, rows = self.export_table(queryset)
        write_xlsx(output, headings, kinds, rows, labels=self.export_labels())
