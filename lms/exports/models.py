"""Files that take a while to build (ZIPs of certificates, big reports): built by a Celery job,
listed under "My exports" with their progress, downloadable by their owner for seven days."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms import progress
from lms.files.storage import private_storage

KEEP_FOR = timedelta(days=7)


def export_upload_to(instance, filename):
    return f"exports/{instance.owner_id}/{instance.pk}-{filename}"


class ExportQuerySet(models.QuerySet):
    def current(self):
        return self.filter(created_at__gte=timezone.now() - KEEP_FOR)


class Export(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        RUNNING = "running", _("w toku")
        DONE = "done", _("gotowy")
        FAILED = "failed", _("błąd")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zlecił(a)"),
        on_delete=models.CASCADE,
        related_name="exports",
    )
    kind = models.CharField(_("rodzaj"), max_length=40)
    title = models.CharField(_("nazwa"), max_length=255)
    params = models.JSONField(_("parametry"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("gotowe"), default=0)
    total = models.PositiveIntegerField(_("razem"), default=0)
    file = models.FileField(
        _("plik"), upload_to=export_upload_to, storage=private_storage, blank=True
    )
    size = models.PositiveBigIntegerField(_("rozmiar"), default=0)
    error = models.TextField(_("błąd"), blank=True)
    created_at = models.DateTimeField(_("zlecono"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("eksport")
        verbose_name_plural = _("eksporty")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        return progress.percent(self.done, self.total, finished=self.status == self.Status.DONE)

    @property
    def expires_at(self):
        return self.created_at + KEEP_FOR
