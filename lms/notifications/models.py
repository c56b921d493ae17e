"""E-mail texts administrators edit, the reminder settings, and the record of what was sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import PreviewableMixin

from lms import placeholders
from lms.notifications import kinds, rendering
from lms.notifications.kinds import KINDS, sample_values
from lms.notifications.panels import PlaceholdersPanel

BODY_HELP = _(
    "Zwykły tekst. Pusta linia rozdziela akapity, adresy stają się klikalnymi odnośnikami. "
    "Pola w nawiasach klamrowych, np. {name}, zostaną zastąpione danymi odbiorcy (lista pól "
    "poniżej). Linia z polem opcjonalnym, które nie ma wartości (np. {deadline}, gdy szkolenie "
    "nie ma terminu), zostanie pominięta."
)


class EmailTemplate(PreviewableMixin, models.Model):
    """An administrator's wording of one kind of e-mail; without an active one the built-in text
    (`templates/emails/`) is sent. The kinds are those registered in `lms.notifications.kinds`
    (the platform's and the training apps')."""

    kind = models.CharField(
        _("rodzaj wiadomości"),
        max_length=40,
        choices=kinds.choices,
        unique=True,
        error_messages={"unique": _("Szablon tej wiadomości już istnieje – edytuj go na liście.")},
    )
    subject = models.CharField(_("temat"), max_length=200)
    body = models.TextField(_("treść"), help_text=BODY_HELP)
    is_active = models.BooleanField(
        _("używaj tego szablonu"),
        default=True,
        help_text=_("Gdy wyłączone, wysyłana jest wbudowana treść wiadomości."),
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    panels = [
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("subject"), FieldPanel("body"), PlaceholdersPanel()],
            heading=_("Treść wiadomości"),
        ),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("szablon e-maila")
        verbose_name_plural = _("szablony e-maili")
        ordering = ["kind"]

    def __str__(self):
        return str(self.get_kind_display())

    def clean(self):
        super().clean()
        kind = KINDS.get(self.kind)
        if kind is None:
            return
        required = {
            "subject": {},
            "body": {
                "link": _(
                    "Treść musi zawierać pole {link}: odnośnik, pod którym odbiorca załatwi sprawę."
                )
            },
        }
        errors = {}
        for name in ("subject", "body"):
            try:
                placeholders.validate(
                    getattr(self, name) or "", allowed=kind.placeholders, required=required[name]
                )
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

    @classmethod
    def active(cls, kind: str) -> "EmailTemplate | None":
        if kind not in KINDS:
            return None
        return cls.objects.filter(kind=kind, is_active=True).first()

    def render(self, context: dict) -> tuple[str, str, str]:
        """(subject, text, html) for the context the sender passed to `render_email`."""
        return self.render_values(KINDS[self.kind].values(context), context)

    def render_values(self, values: dict, context: dict, **kwargs) -> tuple[str, str, str]:
        return rendering.render(
            kind=self.kind,
            subject=self.subject,
            body=self.body,
            values=values,
            context=context,
            **kwargs,
        )

    # Wagtail's preview: the e-mail as the recipient sees it, with sample values.
    preview_modes = [("", _("Wiadomość (HTML)")), ("text", _("Wersja tekstowa"))]

    def serve_preview(self, request, mode_name):
        if self.kind not in KINDS:
            return HttpResponse(_("Wybierz rodzaj wiadomości, aby zobaczyć podgląd."))
        context = {
            "site_url": settings.SITE_URL,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "mode": mode_name,
        }
        _subject, _text, html = self.render_values(
            sample_values(self.kind, settings.SITE_URL),
            context,
            html_template="notifications/email_preview.html",
        )
        return HttpResponse(html)


@register_setting(icon="mail")
class NotificationSettings(BaseGenericSetting):
    """When learners are reminded of an assigned course they have left."""

    reminders_enabled = models.BooleanField(
        _("wysyłaj przypomnienia"),
        default=True,
        help_text=_(
            "Przypomnienie dostaje osoba, której przypisano szkolenie, gdy nie ukończyła go "
            "i od kilku dni nic w nim nie zrobiła."
        ),
    )
    inactive_days = models.PositiveSmallIntegerField(
        _("przypomnij po tylu dniach bez aktywności"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Od 1 do 90 dni."),
    )
    interval_days = models.PositiveSmallIntegerField(
        _("kolejne przypomnienie najwcześniej po tylu dniach"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Od 1 do 90 dni. Tyle dni musi minąć między dwoma przypomnieniami o tym "
            "samym szkoleniu."
        ),
    )

    panels = [
        FieldPanel("reminders_enabled"),
        FieldPanel("inactive_days"),
        FieldPanel("interval_days"),
    ]

    class Meta:
        verbose_name = _("powiadomienia e-mail")


class Reminder(models.Model):
    """A reminder e-mailed about an enrolment: at most one a day (the constraint), and the
    service sends the next only after the interval set in `NotificationSettings`."""

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("zapis na kurs"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    sent_at = models.DateTimeField(_("wysłano"), default=timezone.now)
    sent_on = models.DateField(_("dzień wysłania"))

    class Meta:
        verbose_name = _("przypomnienie")
        verbose_name_plural = _("przypomnienia")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "sent_on"], name="reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.enrolment} – {self.sent_on:%d.%m.%Y}"


class AssignmentNotice(models.Model):
    """The e-mail about a new assignment was sent (once, however often its task runs)."""

    assignment = models.OneToOneField(
        "courses.Assignment",
        verbose_name=_("przypisanie kursu"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notice",
    )
    sent_at = models.DateTimeField(_("wysłano"), default=timezone.now)

    class Meta:
        verbose_name = _("powiadomienie o przypisaniu")
        verbose_name_plural = _("powiadomienia o przypisaniu")

    def __str__(self):
        return f"{self.assignment} – {self.sent_at:%d.%m.%Y}"
