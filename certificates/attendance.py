"""Attendance lists of in-person events from a CSV or XLSX file of e-mail addresses: all or nothing.

The file is read (by the platform's spreadsheet reader, `lms.spreadsheets.reading`) in full
first; any unknown address or malformed row is reported with its row number and nothing is
changed. A good file marks everyone in it present (adding those not yet on the list); uploading
the same file again changes nothing. Then the event's certificates are issued
(`services.issue_for_event`, which waits for the event's date).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from certificates import services
from certificates.models import Attendance, TrainingEvent
from lms.spreadsheets import reading
from lms.users.models import User, UserManager

EMAIL_HEADERS = {"e-mail", "email", "adres e-mail", "adres email", "mail"}
MAX_BYTES = 2 * 1024 * 1024
MAX_REPORTED_ERRORS = 50


class AttendanceFileError(Exception):
    """The file cannot be used; `errors` are Polish messages, one per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class AttendanceImport:
    added: int = 0
    marked_present: int = 0
    unchanged: int = 0
    certificates: int = 0
    emails: list[str] = field(default_factory=list)


def _email_column(cells) -> dict[str, int] | None:
    """{"email": column} when this row is a header naming an e-mail column."""
    for index, cell in enumerate(cells):
        if reading.cell_text(cell).lower() in EMAIL_HEADERS:
            return {"email": index}
    return None


def read_emails(*, name: str, data: bytes) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(row number, normalised e-mail) for each address in the file, in order and once each;
    and (row number, message) for each row that holds no usable address. Without a header
    naming the e-mail column, each row must hold the address alone."""
    found, problems, seen = [], [], set()
    try:
        with reading.open_table(
            name=name,
            data=data,
            find_header=_email_column,
            max_bytes=MAX_BYTES,
            header_required=False,
        ) as table:
            column = table.header["email"] if table.header else None
            for line, row in table.rows:
                cells = [reading.cell_text(cell) for cell in row]
                if not any(cells):
                    continue
                email, problem = _address(line, cells, column)
                if problem:
                    problems.append((line, problem))
                elif email not in seen:
                    seen.add(email)
                    found.append((line, email))
    except reading.SpreadsheetError as error:
        raise AttendanceFileError([str(error)]) from error
    return found, problems


def _address(line: int, cells: list[str], column: int | None) -> tuple[str, str]:
    """(normalised e-mail, "") from one row, or ("", the Polish message why there is none)."""
    if column is not None:
        value = cells[column] if column < len(cells) else ""
    else:
        filled = [cell for cell in cells if cell]
        if len(filled) > 1:
            message = _(
                "Wiersz %(line)d: kilka wartości w wierszu – dodaj nagłówek „e-mail” nad "
                "kolumną z adresami albo zostaw w wierszu sam adres."
            )
            return "", message % {"line": line}
        value = filled[0]
    email = UserManager.normalize_email(value)
    if not email:
        return "", _("Wiersz %(line)d: brak adresu e-mail.") % {"line": line}
    try:
        validate_email(email)
    except ValidationError:
        message = _("Wiersz %(line)d: „%(value)s” nie jest adresem e-mail.")
        return "", message % {"line": line, "value": value[:100]}
    return email, ""


def _limited(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_REPORTED_ERRORS:
        return errors
    hidden = len(errors) - MAX_REPORTED_ERRORS
    return [*errors[:MAX_REPORTED_ERRORS], _("…i %(count)d kolejnych błędów.") % {"count": hidden}]


def import_attendance(*, event: TrainingEvent, name: str, data: bytes) -> AttendanceImport:
    """Mark everyone in the file (CSV or XLSX, told apart by `name`) present at `event`, or raise
    AttendanceFileError and change nothing. Issues the certificates of those present once the
    event has taken place."""
    lines, problems = read_emails(name=name, data=data)
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[email for _line, email in lines])
    }
    problems += [
        (
            line,
            _("Wiersz %(line)d: nie ma konta z adresem %(email)s.")
            % {"line": line, "email": email},
        )
        for line, email in lines
        if email not in users
    ]
    if problems:
        raise AttendanceFileError(_limited([message for _line, message in sorted(problems)]))
    if not lines:
        raise AttendanceFileError([_("Plik nie zawiera żadnych adresów e-mail.")])

    result = AttendanceImport(emails=[email for _line, email in lines])
    with transaction.atomic():
        existing = {
            attendance.user_id: attendance
            for attendance in Attendance.objects.select_for_update().filter(
                event=event, user__in=users.values()
            )
        }
        for _line, email in lines:
            user = users[email]
            attendance = existing.get(user.pk)
            if attendance is None:
                Attendance.objects.create(event=event, user=user, present=True)
                result.added += 1
            elif not attendance.present:
                attendance.present = True
                attendance.save(update_fields=["present"])
                result.marked_present += 1
            else:
                result.unchanged += 1
    result.certificates = services.issue_for_event(event)
    return result
