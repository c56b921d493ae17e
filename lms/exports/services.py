"""Exports: start one, build its file in a worker (reporting progress), hand it to its owner, and
clean up after seven days.

What an export contains is up to the app that offers it. An app registers a builder per kind
through a Wagtail hook::

    @hooks.register("lms_export_builders")
    def builders():
        return {"certificates_zip": build_certificates_zip}

A builder is called as ``build(export=..., out=..., progress=...)``: it writes the file into
`out` (a temporary file, so large exports never sit in memory), calls ``progress(done, total)``
as it goes, and returns the file name the owner downloads. The same app names the permissions
that let someone start its exports, so "My exports" is in the menu of those people only::

    @hooks.register("lms_export_permissions")
    def export_permissions():
        return {"certificates.view_certificate"}
"""

import logging
import os
import tempfile
from collections.abc import Callable
from typing import BinaryIO, Protocol

from django.conf import settings
from django.core.files import File
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail import hooks

from lms.exports.models import KEEP_FOR, Export
from lms.mail import send_templated_email
from lms.progress import ProgressRecorder
from lms.queueing import enqueue_on_commit

logger = logging.getLogger(__name__)

BUILDERS_HOOK = "lms_export_builders"
PERMISSIONS_HOOK = "lms_export_permissions"
PROGRESS_EVERY = 25  # items between two progress writes


class Builder(Protocol):
    def __call__(
        self, *, export: Export, out: BinaryIO, progress: Callable[[int, int], None]
    ) -> str: ...


def builder_for(kind: str) -> Builder:
    for registered in hooks.get_hooks(BUILDERS_HOOK):
        builders = registered()
        if kind in builders:
            return builders[kind]
    raise LookupError(f"No export builder is registered for {kind!r}.")


def export_permissions() -> set[str]:
    names = set()
    for registered in hooks.get_hooks(PERMISSIONS_HOOK):
        names.update(registered())
    return names


def start_export(*, owner, kind: str, title: str, params: dict) -> Export:
    """Record the export and queue its building once the caller's transaction commits."""
    export = Export.objects.create(owner=owner, kind=kind, title=title[:255], params=params)
    from lms.exports.tasks import build_export

    enqueue_on_commit(
        build_export,
        export.pk,
        log_context=f"export {export.pk}",
        on_failure=lambda: _mark_not_queued(export.pk),
    )
    return export


def _mark_not_queued(export_id: int) -> None:
    """A broker that is down: tell the owner instead of showing a bar that never moves."""
    Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
        status=Export.Status.FAILED,
        error="Nie udało się zlecić przygotowania pliku (kolejka zadań niedostępna).",
        finished_at=timezone.now(),
    )


class Progress(ProgressRecorder):
    """`progress(done, total)` for builders: writes the counters every few items, not each."""

    def __init__(self, export_id: int, *, every: int = PROGRESS_EVERY):
        super().__init__(Export, export_id, every=every)


def download_name(export: Export) -> str:
    """The name the owner's browser saves: the builder's name without our storage prefix."""
    name = os.path.basename(export.file.name)
    prefix = f"{export.pk}-"
    return name[len(prefix) :] if name.startswith(prefix) else name


def build_export(*, export_id: int) -> str:
    """Build the file of one export; failures are recorded on the export for its owner."""
    export = Export.objects.select_related("owner").filter(pk=export_id).first()
    if export is None or export.status in (Export.Status.DONE, Export.Status.FAILED):
        return "skipped"
    # RUNNING too: a worker killed mid-build leaves it so, and the redelivered message resumes.
    Export.objects.filter(pk=export_id).update(status=Export.Status.RUNNING, done=0)
    try:
        build = builder_for(export.kind)
        with tempfile.TemporaryFile() as out:
            filename = build(export=export, out=out, progress=Progress(export.pk))
            out.seek(0, os.SEEK_END)
            size = out.tell()
            out.seek(0)
            export.file.save(filename, File(out, name=filename), save=False)
    except Exception as error:  # noqa: BLE001 - any failure is the owner's to see, not the queue's
        logger.exception("Export %s (%s) failed", export_id, export.kind)
        Export.objects.filter(pk=export_id).update(
            status=Export.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    export.size = size
    export.status = Export.Status.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "size", "status", "finished_at"])
    notify_owner(export)
    return "done"


def notify_owner(export: Export) -> None:
    owner = export.owner
    if not owner.is_active or not owner.email:
        return
    with override("pl"):
        send_templated_email(
            to=[owner.email],
            template="export_ready",
            context={
                "export": export,
                "user": owner,
                "exports_url": settings.SITE_URL + reverse("exports_index"),
            },
        )


def delete_old_exports() -> int:
    """Exports older than the seven days they are kept for, with their files."""
    old = Export.objects.filter(created_at__lt=timezone.now() - KEEP_FOR)
    deleted = 0
    for export in old.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        deleted += 1
    return deleted


def delete_exports_before_erasure() -> int:
    """Delete every export (its file with it, after commit) started so far. Which of them list an
    erased person cannot be told without opening each file, and they are kept a week at most:
    deleting all is the rule that never leaves a copy behind."""
    deleted, _by_model = Export.objects.filter(created_at__lte=timezone.now()).delete()
    return deleted
