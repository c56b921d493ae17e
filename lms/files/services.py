"""Private files: hand one to a viewer already checked by the calling view, delete a file with its
row, sweep away files no row references, and move files left in public media by older versions."""

import logging
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django_sendfile import sendfile

from lms.files.storage import is_private, private

logger = logging.getLogger(__name__)

# A file is written a moment before the row naming it is saved: the sweep leaves young files alone.
ORPHAN_GRACE = timedelta(days=1)
# Where the private files of older versions sat in public media (MEDIA_ROOT or the public bucket).
PUBLIC_PREFIXES = ("exports/", "imports/", "certificates/")


def serve(
    request: HttpRequest, file: FieldFile, *, filename: str, content_type: str | None = None
) -> HttpResponse:
    """The response that gives `file` to the viewer the caller has checked, as a download named
    `filename`. On disk: sent by the configured django-sendfile2 backend (streamed by Django, or
    an `X-Accel-Redirect` to nginx's internal location with no body). In a bucket: a redirect to
    a signed URL that expires within a minute or so (``PRIVATE_URL_EXPIRE``)."""
    storage = file.storage
    try:
        path = storage.path(file.name)
    except NotImplementedError:
        parameters = {"ResponseContentDisposition": content_disposition_header(True, filename)}
        if content_type:
            parameters["ResponseContentType"] = content_type
        response = HttpResponseRedirect(storage.url(file.name, parameters=parameters))
    else:
        response = sendfile(
            request, path, attachment=True, attachment_filename=filename, mimetype=content_type
        )
    response["Cache-Control"] = "private, no-store"
    return response


def private_file_fields(model=None) -> list[models.FileField]:
    """The FileFields kept in the private storage, of `model` or of every installed model."""
    found = []
    for candidate in [model] if model is not None else apps.get_models():
        found += [
            field
            for field in candidate._meta.get_fields()
            if isinstance(field, models.FileField) and field.concrete and is_private(field)
        ]
    return found


def delete_files_of(instance: models.Model) -> None:
    """Delete the private files of a deleted row once its deletion commits (a rolled-back delete
    keeps them)."""
    for file_field in private_file_fields(type(instance)):
        name = getattr(instance, file_field.attname)
        name = getattr(name, "name", name)
        if name:
            storage = file_field.storage
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def referenced_names() -> set[str]:
    names = set()
    for file_field in private_file_fields():
        rows = file_field.model._base_manager.exclude(**{file_field.name: ""})
        names.update(
            rows.exclude(**{f"{file_field.name}__isnull": True}).values_list(
                file_field.name, flat=True
            )
        )
    return names


def walk(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name under `directory` of `storage`, recursively."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(directory, name) if directory else name
    for name in directories:
        yield from walk(storage, posixpath.join(directory, name) if directory else name)


def delete_orphans(*, grace: timedelta = ORPHAN_GRACE, now: datetime | None = None) -> list[str]:
    """Delete files in the private storage that no row references and that are older than
    `grace` (left by a failed build, a rolled-back transaction, a deletion outside Django).
    Returns their names."""
    cutoff = (now or timezone.now()) - grace
    present = list(walk(private))
    referenced = referenced_names()
    deleted = []
    for name in present:
        if name in referenced or private.get_modified_time(name) >= cutoff:
            continue
        private.delete(name)
        deleted.append(name)
    if deleted:
        logger.info("Deleted %d orphaned private files", len(deleted))
    return deleted


@dataclass
class Moved:
    moved: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)


def move_private_files(
    *,
    fields: list[models.FileField] | None = None,
    source: Storage | None = None,
    target: Storage | None = None,
    purge: bool = False,
    dry_run: bool = False,
) -> Moved:
    """Move the files named by private FileFields from public media (`source`, the default
    storage) into the private storage, keeping each row's name valid (renamed only if the target
    already holds another file of that name). Safe to run again: a file already moved is
    skipped. With `purge`, files still under the old private folders of public media (files of
    rows deleted long ago) are deleted too. `fields` may come from historical models."""
    fields = private_file_fields() if fields is None else fields
    source = storages["default"] if source is None else source
    target = private if target is None else target
    if _same_place(source, target):
        raise ValueError("The private storage is the public one: set PRIVATE_MEDIA_ROOT apart.")
    result = Moved()
    for file_field in fields:
        rows = file_field.model._base_manager.exclude(**{file_field.name: ""})
        for pk, name in rows.values_list("pk", file_field.name).iterator():
            if not source.exists(name):
                if not target.exists(name):
                    result.missing.append(name)
                continue  # moved already
            result.moved.append(name)
            if dry_run:
                continue
            if not target.exists(name):  # else copied by a run stopped before deleting
                with source.open(name, "rb") as content:
                    stored = target.save(name, content)
                if stored != name:
                    rows.filter(pk=pk).update(**{file_field.name: stored})
            source.delete(name)
    if purge:
        for prefix in PUBLIC_PREFIXES:
            for name in walk(source, prefix.rstrip("/")):
                result.purged.append(name)
                if not dry_run:
                    source.delete(name)
    return result


def _same_place(one: Storage, other: Storage) -> bool:
    try:
        return one.path("") == other.path("")
    except NotImplementedError:
        return False
