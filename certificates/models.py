"""Certificates: one per completed enrolment, numbered gap-free per year, verifiable by a code."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CertificateNumberSequence(models.Model):
    """The last number used in a year. Locked with SELECT … FOR UPDATE while a number is taken, so
    numbers are unique and gap-free: a rolled-back transaction returns its number with it."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("licznik numerów zaświadczeń")

    def __str__(self):
        return f"{self.year}: {self.last_value}"


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("w przygotowaniu")
        ISSUED = "issued", _("wystawione")
        FAILED = "failed", _("błąd wystawiania")
        REVOKED = "revoked", _("unieważnione")

    enrolment = models.OneToOneField(
        "courses.Enrolment", verbose_name=_("zapis na kurs"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="certificate",
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("osoba"), on_delete=models.PROTECT,
        related_name="certificates",
    )  # fmt: skip
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("kurs"), on_delete=models.PROTECT,
        related_name="certificates",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("rok"))
    sequence = models.PositiveIntegerField(_("numer w roku"))
    number = models.CharField(_("numer"), max_length=32, unique=True)
    verification_code = models.CharField(_("kod weryfikacyjny"), max_length=24, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Frozen at issue time: later edits to the profile or the course change nothing here.
    holder_name = models.CharField(_("imię i nazwisko"), max_length=300)
    course_title = models.CharField(_("tytuł kursu"), max_length=255)
    hours = models.DecimalField(_("liczba godzin"), max_digits=5, decimal_places=1)
    completed_at = models.DateTimeField(_("data ukończenia"))
    expires_at = models.DateTimeField(_("ważne do"), null=True, blank=True)
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now)
    issued_at = models.DateTimeField(_("wystawiono"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaświadczenie")
        verbose_name_plural = _("zaświadczenia")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="certificate_year_sequence"),
        ]

    def __str__(self):
        return self.number
