"""Bulk enrolment import: a file of employees becomes accounts, invitations and course assignments.

Two steps, as the administrator or coordinator sees them:

1. `create_batch` stores the upload, reads it (`reading.read_table`) and checks every row
   against the database (`checking.check_rows`): who is new, who already has an account, which
   rows cannot be imported and why. Nothing but the batch itself is written.
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
from collections import defaultdict
from datetime import timedelta
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.models import CoursePage
from lms import progress as job_progress
from lms.imports.checking import check_rows
from lms.imports.models import ImportBatch, RowStatus
from lms.imports.reading import (
    FIELDS,
    ImportFileError,
    check_size,
    check_upload,
    read_table,
    read_table_with_memory_limit,
)
from lms.queueing import enqueue_on_commit
from lms.users import services as user_services
from lms.users.models import User

logger = logging.getLogger(__name__)

SYNC_ROW_LIMIT = 1000  # larger files are checked and applied by a worker
SYNC_PARSE_BYTES = 256 * 1024  # larger uploads are also read by the worker (1,000 rows: ~60 kB)
INVITATIONS_PER_TASK = 500
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


# --- Progress, queueing, failures -----------------------------------------------------------------


def progress_key(batch_id: int) -> str:
    return f"imports:progress:{batch_id}"


class Progress(job_progress.ProgressRecorder):
    """`progress(done, total)`: kept in the cache (a transaction's writes are invisible to the page
    polling the status until commit) and, outside a transaction, on the batch too."""

    def __init__(self, batch_id: int):
        super().__init__(ImportBatch, batch_id, cache_key=progress_key(batch_id))


def current_progress(batch: ImportBatch) -> tuple[int, int]:
    return job_progress.current(batch, cache_key=progress_key(batch.pk), working=batch.is_working)


def _forget_progress(batch_id: int) -> None:
    job_progress.forget(progress_key(batch_id))


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
