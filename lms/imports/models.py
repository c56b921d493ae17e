"""An uploaded list of employees: what the file said, what each row would do, and what was done.

The rows live in JSON because they are a one-off preview of a file, never reported on: what an
import creates (users, invitations, assignments) is in those apps' own tables.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import progress
from lms.files.storage import private_storage


def import_upload_to(instance, filename):
    return f"imports/{instance.owner_id}/{uuid.uuid4().hex}-{filename}"


class RowStatus(models.TextChoices):
    NEW = "new", _("nowy użytkownik")
    EXISTING = "existing", _("istniejący użytkownik")
    ERROR = "error", _("błąd")


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce do sprawdzenia")
        VALIDATING = "validating", _("sprawdzanie")
        READY = "ready", _("gotowy do zatwierdzenia")
        INVALID = "invalid", _("zawiera błędy")
        APPLYING = "applying", _("importowanie")
        APPLIED = "applied", _("zaimportowano")
        FAILED = "failed", _("nie powiódł się")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wczytał(a)"),
        on_delete=models.CASCADE,
        related_name="import_batches",
    )
    file_name = models.CharField(_("nazwa pliku"), max_length=255)
    file = models.FileField(
        _("plik"), upload_to=import_upload_to, storage=private_storage, max_length=500
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    # [{"row": 2, "email": ..., "first_name": ..., "last_name": ..., "unit_code": ...,
    #   "job_title": ..., "courses": ..., "status": RowStatus, "errors": [...], ...}, ...]
    rows = models.JSONField(_("wiersze"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("wiersze z danymi"), default=0)
    new_count = models.PositiveIntegerField(_("nowi użytkownicy"), default=0)
    existing_count = models.PositiveIntegerField(_("istniejący użytkownicy"), default=0)
    error_count = models.PositiveIntegerField(_("wiersze z błędami"), default=0)
    assignment_count = models.PositiveIntegerField(_("przypisania do utworzenia"), default=0)
    already_assigned_count = models.PositiveIntegerField(_("już przypisane"), default=0)
    users_created = models.PositiveIntegerField(_("utworzono kont"), default=0)
    assignments_created = models.PositiveIntegerField(_("utworzono przypisań"), default=0)
    done = models.PositiveIntegerField(_("gotowe"), default=0)
    total = models.PositiveIntegerField(_("razem"), default=0)
    error = models.TextField(_("błąd"), blank=True)
    created_at = models.DateTimeField(_("wczytano"), default=timezone.now, db_index=True)
    validated_at = models.DateTimeField(_("sprawdzono"), null=True, blank=True)
    applied_at = models.DateTimeField(_("zaimportowano"), null=True, blank=True)

    class Meta:
        verbose_name = _("import pracowników")
        verbose_name_plural = _("importy pracowników")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.VALIDATING, self.Status.APPLYING)

    @property
    def percent(self) -> int:
        return progress.percent(self.done, self.total, finished=self.status == self.Status.APPLIED)

    @property
    def error_rows(self) -> list[int]:
        return [row["row"] for row in self.rows if row.get("status") == RowStatus.ERROR]
