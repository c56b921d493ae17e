"""The participant-level export's layout, read from a mapping file (TOML) so its field names,
order and codes follow the national monitoring system's current import template without a
code change. The file is `settings.FUNDING_EXPORT_MAPPING` (default:
`funding/mappings/sm_efs.toml`); its format and the available sources are in docs/funding.md.
"""

import datetime
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from funding import selectors
from funding.models import YES_NO_FIELDS, AgeBand, Answer, Education, Sex
from lms.organisations.models import UnitType

YES_NO = [choice.value for choice in Answer if choice != Answer.REFUSED]
# Coded sources: the internal values a mapping must give a code for.
CODED = {
    "sex": [choice.value for choice in Sex],
    "age_band": [choice.value for choice in AgeBand],
    "education": [choice.value for choice in Education],
    **{name: [choice.value for choice in Answer] for name in YES_NO_FIELDS},
    "labour_status": ["employed"],
    "completed_support": YES_NO,
    "unit_type": [choice.value for choice in UnitType],
}
# Plain sources and their kind in the spreadsheet writers.
PLAIN = {
    "row_number": "integer",
    "project_code": "text",
    "project_name": "text",
    "first_name": "text",
    "last_name": "text",
    "email": "text",
    "job_title": "text",
    "unit_name": "text",
    "unit_code": "text",
    "start_date": "date",
    "end_date": "date",
    "hours": "number",
    "constant": "text",
}


class MappingError(ValueError):
    """The mapping file is missing, unreadable or incomplete (the message says what to fix)."""


@dataclass(frozen=True)
class ExportColumn:
    heading: str
    source: str
    codes: dict = field(default_factory=dict)
    value: str = ""
    date_format: str = ""

    @property
    def kind(self) -> str:
        if self.source in CODED or self.date_format:
            return "text"
        return PLAIN[self.source]


@dataclass(frozen=True)
class Mapping:
    title: str
    filename: str
    columns: tuple[ExportColumn, ...]


def _column(number: int, spec: dict) -> ExportColumn:
    heading, source = spec.get("heading"), spec.get("source")
    if not heading or not source:
        raise MappingError(f"Kolumna {number}: brakuje „heading” albo „source”.")
    if source not in CODED and source not in PLAIN:
        known = ", ".join(sorted([*CODED, *PLAIN]))
        raise MappingError(
            f"Kolumna {number} ({heading}): nieznane źródło „{source}”. Znane: {known}."
        )
    codes = {str(key): str(value) for key, value in spec.get("codes", {}).items()}
    if source in CODED:
        missing = [value for value in CODED[source] if value not in codes]
        if missing:
            raise MappingError(
                f"Kolumna {number} ({heading}): brak kodów dla wartości: {', '.join(missing)}."
            )
    elif codes:
        raise MappingError(f"Kolumna {number} ({heading}): źródło „{source}” nie ma kodów.")
    return ExportColumn(
        heading=str(heading),
        source=source,
        codes=codes,
        value=str(spec.get("value", "")),
        date_format=str(spec.get("format", "")),
    )


_cache: dict = {}


def load(path=None) -> Mapping:
    """The mapping in `path` (default: the setting), re-read when the file changes."""
    path = Path(path or settings.FUNDING_EXPORT_MAPPING)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise MappingError(f"Nie można odczytać pliku mapowania {path}: {error}.") from error
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MappingError(f"Plik mapowania {path} jest niepoprawny: {error}.") from error
    specs = data.get("column") or []
    if not specs:
        raise MappingError(f"Plik mapowania {path} nie ma żadnej kolumny ([[column]]).")
    mapping = Mapping(
        title=str(data.get("title", "")),
        filename=str(data.get("filename", "uczestnicy")),
        columns=tuple(_column(number, spec) for number, spec in enumerate(specs, start=1)),
    )
    _cache[path] = (stamp, mapping)
    return mapping


def _local_date(moment) -> datetime.date | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(moment).date()
    return moment


def _values(participant, number: int, hours: Decimal | None, end) -> dict:
    """Every source's value for one participant (codes are applied by `_cell`)."""
    user, unit, project = participant.user, participant.unit, participant.project
    values = {
        "row_number": number,
        "project_code": project.code,
        "project_name": project.name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "unit_name": unit.name if unit else "",
        "unit_code": unit.code if unit else "",
        "unit_type": unit.unit_type if unit else "",
        "start_date": _local_date(participant.started_at),
        "end_date": _local_date(end),
        "hours": hours,
        "labour_status": "employed",
        "completed_support": "yes" if end is not None else "no",
    }
    for name in ("sex", "age_band", "education", *YES_NO_FIELDS):
        values[name] = getattr(participant, name)
    return values


def _cell(column: ExportColumn, values: dict):
    if column.source == "constant":
        return column.value
    value = values[column.source]
    if column.source in CODED:
        return column.codes.get(value, "") if value else ""
    if column.date_format and value is not None:
        return value.strftime(column.date_format)
    return value


def export_table(project, mapping: Mapping):
    """Headings, column kinds and rows (lazily) of the project's participants in the layout."""
    support = selectors.support_by_participant(project)
    columns = mapping.columns

    def rows():
        for number, participant in enumerate(selectors.participants(project), start=1):
            item = support.get(participant.user_id)
            values = _values(
                participant,
                number,
                item.hours if item else None,
                item.ended_at if item else None,
            )
            yield [_cell(column, values) for column in columns]

    return [c.heading for c in columns], [c.kind for c in columns], rows()
