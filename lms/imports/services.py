"""Bulk enrolment import: a file of employees becomes accounts, invitations and course assignments.

Two steps, as the administrator or coordinator sees them:

1. `create_batch` stores the upload, reads it (`reading.read_table`) and checks every row
   against the database: who is new, who already has an account, which rows cannot be imported
   and why. Nothing but the batch itself is written.
2. `apply_batch` checks again inside one transaction and, only if no row has an error, creates
   the new people (no password, learner role, invitation) and assigns the courses with
   `courses.services.assign`. Any error means nothing at all is imported. Importing the same file
   twice changes nothing the second time: everyone exists, every course is assigned.

A check is a handful of queries whatever the size of the file (units by code, live courses,
existing people by e-mail, their assignments); applying is a few bulk inserts per course.
Files over SYNC_ROW_LIMIT rows are checked and applied by Celery tasks (see `start_batch` and
`confirm_batch`, used by the admin views) while the page shows a progress bar.
"""

import logging
import re
from collections import defaultdict
from datetime import timedelta
from pathlib import PurePath

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.models import Assignment, CoursePage
from lms.imports.models import ImportBatch, RowStatus
from lms.imports.reading import (
    FIELDS,
    ImportFileError,
    check_size,
    check_upload,
    read_table,
    read_table_with_memory_limit,
    simplify,
)
from lms.organisations.models import OrganisationUnit
from lms.queueing import enqueue_on_commit
from lms.users import services as user_services
from lms.users.models import User, UserManager
from lms.users.roles import coordinated_units

logger = logging.getLogger(__name__)

SYNC_ROW_LIMIT = 1000  # larger files are checked and applied by a worker
SYNC_PARSE_BYTES = 256 * 1024  # larger uploads are also read by the worker (1,000 rows: ~60 kB)
PROGRESS_EVERY = 500  # rows between two progress writes
INVITATIONS_PER_TASK = 500
QUERY_CHUNK = 5000  # e-mails per `IN (...)` query
MAX_LENGTHS = {"first_name": 150, "last_name": 150, "job_title": 200}
ERROR_ROWS_SHOWN = 30

__all__ = [
    "ImportFileError",
    "apply_batch",
    "check_rows",
    "confirm_batch",
    "create_batch",
    "start_batch",
    "validate_batch",
]


# --- Step 1: upload and check ---------------------------------------------------------------------


def create_batch(*, owner: User, uploaded_file) -> ImportBatch:
    """Store and read the file, then check every row now, whatever the size of the file.

    Raises ImportFileError (a Polish message; nothing is stored) when the file cannot be read.
    The batch comes back READY (every row can be imported) or INVALID (see its rows' errors).
    """
    batch = _store(owner=owner, uploaded_file=uploaded_file)
    return validate_batch(batch=batch)


def start_batch(*, owner: User, uploaded_file) -> ImportBatch:
    """What the upload form does: small files are read and checked at once; large ones (over
    SYNC_PARSE_BYTES, or over SYNC_ROW_LIMIT rows) by a worker, the batch QUEUED meanwhile and its
    page showing the progress. A worker reads a file in a child process with a memory limit
    (`reading.read_table_with_memory_limit`), so no upload can exhaust a web process."""
    batch = _store(owner=owner, uploaded_file=uploaded_file, parse=False)
    if batch.row_count and batch.row_count <= SYNC_ROW_LIMIT:
        return validate_batch(batch=batch)
    from lms.imports import tasks

    _queue(tasks.validate_batch, batch.pk)
    return batch


def _store(*, owner: User, uploaded_file, parse: bool = True) -> ImportBatch:
    """Save the upload as a batch; read its rows now unless `parse` is False and the file is
    large (then the batch has no rows yet and `validate_batch` reads them in a worker)."""
    name = PurePath(uploaded_file.name or "").name or "import.csv"
    check_size(uploaded_file.size or 0)  # before reading a huge upload into memory
    uploaded_file.seek(0)
    data = uploaded_file.read()
    if parse or len(data) <= SYNC_PARSE_BYTES:
        records = read_table(name=name, data=data).records
    else:
        check_upload(name=name, data=data)  # what can be refused without parsing, at once
        records = []
    batch = ImportBatch(
        owner=owner, file_name=name[:255], rows=records, row_count=len(records), total=len(records)
    )
    batch.file.save(name, ContentFile(data), save=False)
    batch.save()
    return batch


def _read_in_worker(batch: ImportBatch) -> ImportBatch:
    """The rows of a large upload, read under a memory limit; FAILED with the reason if unreadable."""
    with batch.file.open("rb") as stored:
        data = stored.read()
    try:
        table = read_table_with_memory_limit(name=batch.file_name, data=data)
    except ImportFileError as error:
        return _fail(batch, str(error))
    batch.rows = table.records
    batch.row_count = batch.total = len(table.records)
    batch.save(update_fields=["rows", "row_count", "total"])
    return batch


def validate_batch(*, batch: ImportBatch) -> ImportBatch:
    """Check the rows of a QUEUED batch (again, if a worker died while VALIDATING)."""
    if batch.status not in (ImportBatch.Status.QUEUED, ImportBatch.Status.VALIDATING):
        return batch
    if not batch.row_count:  # a large upload, not read yet (see start_batch)
        batch = _read_in_worker(batch)
        if batch.status == ImportBatch.Status.FAILED:
            return batch
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.VALIDATING, done=0, total=batch.row_count
    )
    try:
        rows = check_rows(records=_records(batch), owner=batch.owner, progress=Progress(batch.pk))
    except Exception:  # noqa: BLE001 - the owner sees that the check failed, not a stuck bar
        logger.exception("Checking import batch %s failed", batch.pk)
        return _fail(batch, _("Nie udało się sprawdzić pliku. Spróbuj ponownie później."))
    _summarise(batch, rows)
    batch.status = ImportBatch.Status.INVALID if batch.error_count else ImportBatch.Status.READY
    batch.done = batch.total = batch.row_count
    batch.validated_at = timezone.now()
    batch.error = ""
    batch.save()
    _forget_progress(batch.pk)
    return batch


# --- Step 2: apply --------------------------------------------------------------------------------


def confirm_batch(*, batch: ImportBatch) -> ImportBatch:
    """What the confirm button does: apply a small batch now, queue a large one for a worker."""
    if batch.status != ImportBatch.Status.READY:
        return batch
    if batch.row_count <= SYNC_ROW_LIMIT:
        return apply_batch(batch=batch)
    from lms.imports import tasks

    started = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.READY).update(
        status=ImportBatch.Status.APPLYING, done=0, total=0, error=""
    )
    if started:
        _queue(tasks.apply_batch, batch.pk)
    batch.refresh_from_db()
    return batch


def apply_batch(*, batch: ImportBatch) -> ImportBatch:
    """Import a checked batch in one transaction, checking every row again inside it.

    Comes back APPLIED; INVALID (nothing imported; `error` names the rows to fix) when a row has
    an error now; FAILED (nothing imported; `error` says so) when something unexpected broke.
    A batch already applied is returned as it is, so a repeated call imports nothing twice.
    """
    try:
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().select_related("owner")
            batch = locked.get(pk=batch.pk)
            if batch.status not in (ImportBatch.Status.READY, ImportBatch.Status.APPLYING):
                return batch
            _apply(batch)
    except Exception:  # noqa: BLE001 - rolled back: the owner sees a failed import, never half of one
        logger.exception("Applying import batch %s failed", batch.pk)
        return _fail(
            batch,
            _(
                "Import nie powiódł się i nic nie zostało zmienione. Spróbuj ponownie później "
                "albo skontaktuj się z obsługą techniczną."
            ),
        )
    finally:
        _forget_progress(batch.pk)
    return batch


def _apply(batch: ImportBatch) -> None:
    owner = batch.owner
    progress = Progress(batch.pk)
    # One bar for the whole job: checking again, creating people, assigning courses.
    expected = batch.row_count + batch.new_count + batch.assignment_count
    rows = check_rows(
        records=_records(batch), owner=owner, progress=lambda done, _: progress(done, expected)
    )
    _summarise(batch, rows)
    if batch.error_count:
        batch.status = ImportBatch.Status.INVALID
        batch.error = rejection_message(batch)
        batch.save()
        return
    work = batch.row_count + batch.new_count + batch.assignment_count
    progress(batch.row_count, work)

    new_rows = [row for row in rows if row["status"] == RowStatus.NEW]
    invitations = user_services.invite_users_in_bulk(
        people=[
            {
                "email": row["key"],
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "job_title": row["job_title"],
                "unit_id": row["unit_id"],
            }
            for row in new_rows
        ],
        invited_by=owner,
    )
    user_ids = {invitation.user.email: invitation.user_id for invitation in invitations}
    done = batch.row_count + len(new_rows)
    progress(done, work)

    people_per_course = defaultdict(list)
    for row in rows:
        user_id = row["user_id"] or user_ids[row["key"]]
        for course_id in row["course_ids"]:
            people_per_course[course_id].append(user_id)
    courses = CoursePage.objects.in_bulk(list(people_per_course))
    assigned = 0
    for course_id, ids in people_per_course.items():
        assigned += course_services.assign(
            users=[User(pk=user_id) for user_id in ids],
            course=courses[course_id],
            assigned_by=owner,
        )
        done += len(ids)
        progress(done, work)

    batch.status = ImportBatch.Status.APPLIED
    batch.users_created = len(invitations)
    batch.assignments_created = assigned
    batch.done = batch.total = work
    batch.applied_at = timezone.now()
    batch.error = ""
    batch.save()
    invitation_ids = [invitation.pk for invitation in invitations]
    language = get_language()
    _queue_invitations(invitation_ids, language)


def rejection_message(batch: ImportBatch) -> str:
    numbers = batch.error_rows
    shown = ", ".join(str(number) for number in numbers[:ERROR_ROWS_SHOWN])
    if len(numbers) > ERROR_ROWS_SHOWN:
        shown += " " + _("i %(count)d innych") % {"count": len(numbers) - ERROR_ROWS_SHOWN}
    return _(
        "Nic nie zostało zaimportowane: popraw błędy w wierszach %(rows)s i wczytaj plik ponownie."
    ) % {"rows": shown}


# --- Checking rows --------------------------------------------------------------------------------


class Catalogue:
    """Live courses by slug or title (case- and, failing that, diacritics-insensitive)."""

    def __init__(self):
        self.titles = {}
        self.by_key = defaultdict(set)
        for pk, title, slug in CoursePage.objects.live().values_list("pk", "title", "slug"):
            self.titles[pk] = title
            self.by_key[slug.casefold()].add(pk)
            self.by_key[self._exact(title)].add(pk)
            self.by_key["~" + simplify(title)].add(pk)

    @staticmethod
    def _exact(text: str) -> str:
        return re.sub(r"\s*([,;])\s*", r"\1", " ".join(text.casefold().split()))

    def find(self, text: str) -> set:
        return self.by_key.get(self._exact(text)) or self.by_key.get("~" + simplify(text)) or set()

    def parse(self, cell: str) -> tuple[list[int], list[str]]:
        """(course ids, error messages) for a cell listing courses.

        Courses are separated by "|" or a line break, or by "," or ";" – unless the comma belongs
        to a course's title ("Obsługa cudzoziemców, część 1"): the longest run that names a
        course wins.
        """
        ids, errors = [], []
        for part in re.split(r"\|", cell):
            pieces = re.split(r"([,;])", part)  # text, separator, text, ...
            texts = pieces[0::2]
            start = 0
            while start < len(texts):
                for end in range(len(texts), start, -1):
                    text = "".join(pieces[2 * start : 2 * end - 1]).strip()
                    found = self.find(text) if text else set()
                    if found or end == start + 1:
                        break
                if text and not found:
                    errors.append(_("Nieznany kurs „%(course)s”.") % {"course": text})
                elif len(found) > 1:
                    errors.append(
                        _(
                            "„%(course)s” pasuje do kilku kursów – wpisz identyfikator kursu "
                            "z jego adresu."
                        )
                        % {"course": text}
                    )
                elif found:
                    (course_id,) = found
                    if course_id not in ids:
                        ids.append(course_id)
                start = end
        return ids, errors


def check_rows(*, records: list[dict], owner: User, progress=None) -> list[dict]:
    """What each record would do when imported by `owner`.

    Each row is the record plus: "key" (the normalised e-mail), "status" (a RowStatus),
    "errors" (Polish messages), "unit" (the unit's name, when the owner may see it), "assign" and
    "already" (course titles to assign / already assigned), and for applying "user_id",
    "unit_id" and "course_ids". People outside a coordinator's units are never described: their
    rows say only that the address belongs to someone the coordinator cannot manage.
    """
    scope = coordinated_units(owner)
    allowed = (
        None
        if scope is None
        else set(OrganisationUnit.objects.within(scope).values_list("pk", flat=True))
    )
    keys = {UserManager.normalize_email(record["email"]) for record in records}
    keys.discard("")
    codes = {record["unit_code"] for record in records if record["unit_code"]}
    units = {
        code.casefold(): (pk, name)
        for pk, code, name in OrganisationUnit.objects.filter(
            code__in=codes | {code.upper() for code in codes}
        ).values_list("pk", "code", "name")
    }
    people = {}
    for chunk in _chunks(sorted(keys)):
        for person in User.objects.filter(email__in=chunk).values(
            "pk", "email", "unit_id", "is_active"
        ):
            people[person["email"]] = person
    visible = [p["pk"] for p in people.values() if allowed is None or p["unit_id"] in allowed]
    assigned = set()
    for chunk in _chunks(visible):
        assigned.update(
            Assignment.objects.filter(user_id__in=chunk).values_list("user_id", "course_id")
        )
    catalogue = Catalogue()

    rows, first_seen = [], {}
    total = len(records)
    for number, record in enumerate(records, start=1):
        row = _check(record, owner_scope=allowed, units=units, people=people,
                     assigned=assigned, catalogue=catalogue, first_seen=first_seen)  # fmt: skip
        rows.append(row)
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == total):
            progress(number, total)
    return rows


def _check(record, *, owner_scope, units, people, assigned, catalogue, first_seen) -> dict:
    errors = []
    key = UserManager.normalize_email(record["email"])
    row = {
        **{name: record[name] for name in ("row", *FIELDS)},
        "key": key,
        "unit": "",
        "assign": [],
        "already": [],
        "user_id": None,
        "unit_id": None,
        "course_ids": [],
    }

    valid_email = bool(key) and _is_email(key)
    if not key:
        errors.append(_("Brak adresu e-mail."))
    elif not valid_email:
        errors.append(_("Nieprawidłowy adres e-mail „%(email)s”.") % {"email": record["email"]})
    elif key in first_seen:
        errors.append(
            _("Ten adres e-mail już wystąpił w wierszu %(row)d.") % {"row": first_seen[key]}
        )
    else:
        first_seen[key] = record["row"]
    person = people.get(key) if key else None
    may_see_person = person is not None and (
        owner_scope is None or person["unit_id"] in owner_scope
    )

    code = record["unit_code"]
    if code:
        unit = units.get(code.casefold())
        if unit is None:
            errors.append(_("Nieznany kod jednostki „%(code)s”.") % {"code": code})
        elif owner_scope is not None and unit[0] not in owner_scope:
            errors.append(
                _("Jednostka o kodzie „%(code)s” jest poza zakresem Twoich uprawnień.")
                % {"code": code}
            )
        else:
            row["unit_id"], row["unit"] = unit
    elif person is None and owner_scope is not None and valid_email:
        errors.append(
            _("Brak kodu jednostki – nowa osoba musi należeć do jednej z Twoich jednostek.")
        )

    if person is not None:
        if not may_see_person:
            errors.append(
                _(
                    "Osoba o tym adresie e-mail ma już konto w jednostce spoza zakresu Twoich "
                    "uprawnień."
                )
            )
        elif not person["is_active"]:
            errors.append(_("Konto osoby o tym adresie e-mail jest wyłączone."))
        row["user_id"] = person["pk"] if may_see_person else None
    elif valid_email:
        if not record["first_name"]:
            errors.append(_("Brak imienia (wymagane dla nowego użytkownika)."))
        if not record["last_name"]:
            errors.append(_("Brak nazwiska (wymagane dla nowego użytkownika)."))
    for name, limit in MAX_LENGTHS.items():
        if len(record[name]) > limit:
            errors.append(
                _("Za długa wartość w kolumnie „%(column)s” (najwyżej %(max)d znaków).")
                % {"column": COLUMN_LABELS[name], "max": limit}
            )

    course_ids, course_errors = catalogue.parse(record["courses"])
    errors.extend(course_errors)
    for course_id in course_ids:
        title = catalogue.titles[course_id]
        if may_see_person and (person["pk"], course_id) in assigned:
            row["already"].append(title)
        else:
            row["assign"].append(title)
            row["course_ids"].append(course_id)

    row["errors"] = errors
    if errors:
        row["status"] = RowStatus.ERROR.value
        row["user_id"] = None
    elif person is not None:
        row["status"] = RowStatus.EXISTING.value
    else:
        row["status"] = RowStatus.NEW.value
    return row


COLUMN_LABELS = {"first_name": "imię", "last_name": "nazwisko", "job_title": "stanowisko"}


def _is_email(value: str) -> bool:
    if len(value) > 254:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _records(batch: ImportBatch) -> list[dict]:
    """The rows as read from the file (a checked row keeps its record's keys)."""
    return [{name: row[name] for name in ("row", *FIELDS)} for row in batch.rows]


def _summarise(batch: ImportBatch, rows: list[dict]) -> None:
    batch.rows = rows
    batch.row_count = len(rows)
    counts = defaultdict(int)
    for row in rows:
        counts[row["status"]] += 1
        if row["status"] != RowStatus.ERROR:
            counts["assign"] += len(row["assign"])
            counts["already"] += len(row["already"])
    batch.new_count = counts[RowStatus.NEW]
    batch.existing_count = counts[RowStatus.EXISTING]
    batch.error_count = counts[RowStatus.ERROR]
    batch.assignment_count = counts["assign"]
    batch.already_assigned_count = counts["already"]


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), QUERY_CHUNK):
        yield items[start : start + QUERY_CHUNK]


# --- Progress, queueing, failures -----------------------------------------------------------------


def progress_key(batch_id: int) -> str:
    return f"imports:progress:{batch_id}"


class Progress:
    """`progress(done, total)`: kept in the cache (a transaction's writes are invisible to the page
    polling the status until commit) and, outside a transaction, on the batch too."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id

    def __call__(self, done: int, total: int) -> None:
        cache.set(progress_key(self.batch_id), (done, total), timeout=60 * 60)
        if not connection.in_atomic_block:
            ImportBatch.objects.filter(pk=self.batch_id).update(done=done, total=total)


def current_progress(batch: ImportBatch) -> tuple[int, int]:
    if batch.is_working:
        cached = cache.get(progress_key(batch.pk))
        if cached:
            return tuple(cached)
    return batch.done, batch.total


def _forget_progress(batch_id: int) -> None:
    cache.delete(progress_key(batch_id))


def _fail(batch: ImportBatch, message: str) -> ImportBatch:
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.FAILED, error=message)
    batch.refresh_from_db()
    return batch


def _queue(task, batch_id: int) -> None:
    """Queue `task` for the batch once the transaction commits."""
    enqueue_on_commit(
        task,
        batch_id,
        log_context=f"import batch {batch_id}",
        on_failure=lambda: _mark_not_queued(batch_id),
    )


def _mark_not_queued(batch_id: int) -> None:
    """A broker that is down: tell the owner instead of showing a bar that never moves."""
    message = _("Nie udało się zlecić pracy w tle (kolejka zadań niedostępna). Spróbuj ponownie.")
    # A confirmation can simply be tried again; a check needs the file uploaded again.
    ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.APPLYING).update(
        status=ImportBatch.Status.READY, error=message
    )
    ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.FAILED, error=message
    )


def _queue_invitations(invitation_ids: list[int], language: str | None) -> None:
    """Invitation e-mails, in chunks, once the import commits (an operator resends what could not
    be queued)."""
    from lms.imports import tasks

    for start in range(0, len(invitation_ids), INVITATIONS_PER_TASK):
        chunk = invitation_ids[start : start + INVITATIONS_PER_TASK]
        enqueue_on_commit(
            tasks.send_invitations,
            chunk,
            language,
            log_context=f"{len(chunk)} invitation e-mails (invitations {chunk[0]} to {chunk[-1]})",
        )


KEEP_FOR = timedelta(days=30)
WORKING = (ImportBatch.Status.QUEUED, ImportBatch.Status.VALIDATING, ImportBatch.Status.APPLYING)


def delete_old_batches() -> int:
    """Uploaded files hold personal data: batches (and their files) go after 30 days. What an
    import created (accounts, assignments) stays; only the upload and its preview are removed."""
    deleted = 0
    old = ImportBatch.objects.filter(created_at__lt=timezone.now() - KEEP_FOR)
    for batch in old.exclude(status__in=WORKING).iterator():
        if batch.file:
            batch.file.delete(save=False)
        batch.delete()
        deleted += 1
    return deleted
