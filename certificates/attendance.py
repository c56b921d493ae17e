"""Attendance lists of in-person events from a CSV of e-mail addresses: all or nothing.

The file is read in full first; any unknown address or malformed line is reported with its line
number and nothing is changed. A good file marks everyone in it present (adding those not yet on
the list); uploading the same file again changes nothing. Then the event's certificates are issued
(`services.issue_for_event`, which waits for the event's date).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from certificates import services
from certificates.models import Attendance, TrainingEvent
from lms.users.models import User, UserManager

EMAIL_HEADERS = {"e-mail", "email", "adres e-mail", "adres email", "mail"}
ENCODINGS = ("utf-8-sig", "cp1250")
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


def decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM) or, as Excel on Polish Windows saves it, Windows-1250."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AttendanceFileError([_("Nie udało się odczytać pliku: zapisz go w kodowaniu UTF-8.")])


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") >= first.count(",") and ";" in first else ","


def read_emails(data: bytes) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(line number, normalised e-mail) for each address in the file, in order and once each;
    and (line number, message) for each line that holds no usable address."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    column = None
    found, problems, seen = [], [], set()
    for row in reader:
        line = reader.line_num
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if column is None and not found and not problems:
            headers = [cell.lower() for cell in cells]
            matching = [i for i, header in enumerate(headers) if header in EMAIL_HEADERS]
            if matching:
                column = matching[0]
                continue
        if column is not None:
            value = cells[column] if column < len(cells) else ""
        else:
            filled = [cell for cell in cells if cell]
            if len(filled) > 1:
                problems.append((line, _(
                    "Wiersz %(line)d: kilka wartości w wierszu – dodaj nagłówek „e-mail” nad "
                    "kolumną z adresami albo zostaw w wierszu sam adres."
                ) % {"line": line}))  # fmt: skip
                continue
            value = filled[0]
        email = UserManager.normalize_email(value)
        if not email:
            problems.append((line, _("Wiersz %(line)d: brak adresu e-mail.") % {"line": line}))
            continue
        try:
            validate_email(email)
        except ValidationError:
            problems.append((line, _("Wiersz %(line)d: „%(value)s” nie jest adresem e-mail.")
                             % {"line": line, "value": value[:100]}))  # fmt: skip
            continue
        if email not in seen:
            seen.add(email)
            found.append((line, email))
    return found, problems


def _limited(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_REPORTED_ERRORS:
        return errors
    hidden = len(errors) - MAX_REPORTED_ERRORS
    return [*errors[:MAX_REPORTED_ERRORS], _("…i %(count)d kolejnych błędów.") % {"count": hidden}]


def import_attendance(*, event: TrainingEvent, data: bytes) -> AttendanceImport:
    """Mark everyone in the file present at `event`, or raise AttendanceFileError and change
    nothing. Issues the certificates of those present once the event has taken place."""
    lines, problems = read_emails(data)
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[email for _line, email in lines])
    }
    problems += [
        (line, _("Wiersz %(line)d: nie ma konta z adresem %(email)s.")
         % {"line": line, "email": email})
        for line, email in lines
        if email not in users
    ]  # fmt: skip
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
