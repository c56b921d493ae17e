"""The security audit log: who did what to whose data, from where, and when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    EXPORT = "export", _("Eksport danych")
    CERTIFICATE_DOWNLOAD = "certificate_download", _("Pobranie cudzego zaświadczenia")
    ROLE_CHANGE = "role_change", _("Zmiana ról")
    LOGIN_FAILED = "login_failed", _("Nieudane logowanie")
    MFA_FAILED = "mfa_failed", _("Nieudana weryfikacja dwuetapowa")
    DEACTIVATION = "deactivation", _("Dezaktywacja konta")
    ACTIVATION = "activation", _("Aktywacja konta")
    ERASURE = "erasure", _("Anonimizacja (RODO)")


class AuditEntry(models.Model):
    """One security-relevant event. Labels are copied at the time (the people may change or be
    erased later); the foreign keys only link to accounts that still exist."""

    created_at = models.DateTimeField(_("kiedy"), default=timezone.now, db_index=True)
    event = models.CharField(_("zdarzenie"), max_length=32, choices=Event.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kto (konto)"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    actor_label = models.CharField(_("kto"), max_length=255, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("czyje konto"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    target = models.CharField(_("czego dotyczy"), max_length=255, blank=True)
    details = models.TextField(_("szczegóły"), blank=True)
    ip_address = models.GenericIPAddressField(_("adres IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("wpis dziennika bezpieczeństwa")
        verbose_name_plural = _("dziennik bezpieczeństwa")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["event", "-created_at"], name="audit_event_created")]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.get_event_display()}: {self.target}"
