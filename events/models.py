"""The programme's events (panels, workshops, conferences, webinars) as Wagtail pages, and who
registered for them, waits for a place or was present, as constrained rows.

Content (what a trainer writes: the agenda, the place, the materials) is the page. Registrations
are rows keyed to the page, numbered in the order people arrived (`queue_number`, taken under the
event's row lock, see `events.services`), so the waiting list is a query, not a list kept in JSON.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.blocks import AgendaStreamBlock, MaterialsStreamBlock
from lms.organisations.models import UnitType

COUNTY_TYPES = (UnitType.COUNTY, UnitType.CITY_COUNTY)


class EventKind(models.TextChoices):
    PANEL = "panel", _("panel dyskusyjny")
    WORKSHOP = "workshop", _("warsztaty")
    CONFERENCE = "conference", _("konferencja")
    WEBINAR = "webinar", _("webinarium")


class EventIndexPage(Page):
    """The public calendar: every published event below it, filterable by county, thematic
    area, month and kind."""

    intro = models.TextField(_("wprowadzenie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("kalendarz wydarzeń")

    def get_context(self, request, *args, **kwargs):
        from events import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.calendar(index=self, user=request.user, params=request.GET))
        return context


class EventPage(Page):
    """One event: when and where (or the online link, shown to registered people only), for how
    many people, until when one may register and cancel, its agenda and materials."""

    kind = models.CharField(_("rodzaj"), max_length=20, choices=EventKind.choices)
    summary = models.TextField(_("streszczenie"), max_length=600)
    starts_at = models.DateTimeField(_("początek"))
    ends_at = models.DateTimeField(_("koniec"))
    venue = models.CharField(
        _("miejsce"),
        max_length=255,
        blank=True,
        help_text=_(
            "Nazwa i adres, np. „Starostwo Powiatowe w Kartuzach, ul. Dworcowa 1, sala 12”."
        ),
    )
    online_url = models.URLField(
        _("link do spotkania online"),
        blank=True,
        help_text=_("Widoczny wyłącznie dla osób zapisanych na wydarzenie."),
    )
    county = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("powiat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"unit_type__in": COUNTY_TYPES},
        help_text=_("Powiat lub miasto na prawach powiatu; puste dla wydarzeń dla całego regionu."),
    )
    thematic_area = models.ForeignKey(
        "courses.ThematicArea",
        verbose_name=_("obszar tematyczny"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    capacity = models.PositiveIntegerField(
        _("liczba miejsc"),
        validators=[MinValueValidator(1)],
        help_text=_("Kolejne zgłoszenia trafiają na listę rezerwową."),
    )
    registration_deadline = models.DateTimeField(
        _("zapisy do"), null=True, blank=True, help_text=_("Puste = do początku wydarzenia.")
    )
    cancellation_deadline = models.DateTimeField(
        _("rezygnacja do"), null=True, blank=True, help_text=_("Puste = do początku wydarzenia.")
    )
    agenda = StreamField(AgendaStreamBlock(), verbose_name=_("program"), blank=True)
    materials = StreamField(MaterialsStreamBlock(), verbose_name=_("materiały"), blank=True)
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prowadzący"),
        blank=True,
        related_name="+",
        help_text=_(
            "Prowadzący mogą edytować to wydarzenie w panelu i sprawdzają obecność na miejscu."
        ),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs na zaświadczeniu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Obecni otrzymają zaświadczenie z tytułem i liczbą godzin tego kursu. "
            "Puste = bez zaświadczeń."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldRowPanel([FieldPanel("county"), FieldPanel("thematic_area")]),
            ],
            heading=_("Termin i miejsce"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_deadline"), FieldPanel("cancellation_deadline")]
                ),
            ],
            heading=_("Zapisy"),
        ),
        FieldPanel("agenda"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [FieldPanel("trainers"), FieldPanel("course")],
            heading=_("Prowadzący i zaświadczenia"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    search_kind = _("Wydarzenie")  # what the site search (lms.search) shows next to a result

    @property
    def search_area(self):
        return self.thematic_area

    @property
    def search_summary(self):
        return self.summary

    class Meta:
        verbose_name = _("wydarzenie")
        verbose_name_plural = _("wydarzenia")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Koniec musi być później niż początek.")
        if self.kind == EventKind.WEBINAR and not self.online_url:
            errors["online_url"] = _("Podaj link do webinarium.")
        if self.kind and self.kind != EventKind.WEBINAR and not self.venue:
            errors["venue"] = _("Podaj miejsce wydarzenia.")
        for name in ("registration_deadline", "cancellation_deadline"):
            value = getattr(self, name)
            if value and self.starts_at and value > self.starts_at:
                errors[name] = _("Ten termin nie może być późniejszy niż początek wydarzenia.")
        if errors:
            raise ValidationError(errors)

    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    @property
    def cancellation_closes_at(self):
        return self.cancellation_deadline or self.starts_at

    @property
    def is_online(self) -> bool:
        return self.kind == EventKind.WEBINAR

    @property
    def place(self) -> str:
        """Where it happens, as printed on a certificate or in a calendar (never the link)."""
        return self.venue or str(_("online"))

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def serve(self, request, *args, **kwargs):
        from events import views

        return views.event_page(request, self)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("queue_number")

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def with_waiting_position(self):
        """`waiting_position` as a column: 1 for the first person on the event's waiting list,
        None for anyone not waiting; what `services.waiting_position` counts for one row (a test
        holds the two together)."""
        waiting = Registration.Status.WAITING
        ahead = (
            Registration.objects.filter(
                event_id=models.OuterRef("event_id"),
                status=waiting,
                queue_number__lte=models.OuterRef("queue_number"),
            )
            .order_by()
            .values("event_id")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(
            waiting_position=models.Case(
                models.When(
                    status=waiting,
                    then=models.Subquery(ahead, output_field=models.IntegerField()),
                ),
                default=None,
                output_field=models.IntegerField(),
            )
        )


class Registration(models.Model):
    """One person on one event: registered, on the waiting list, or cancelled; and present."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("zapisany(-a)")
        WAITING = "waiting", _("lista rezerwowa")
        CANCELLED = "cancelled", _("rezygnacja")

    class CheckIn(models.TextChoices):
        QR = "qr", _("kod QR")
        LIST = "list", _("lista prowadzącego")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("wydarzenie"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uczestnik"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    # The arrival order on this event (taken under the event's row lock): the waiting list's order.
    queue_number = models.PositiveIntegerField(_("kolejność zgłoszenia"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zgłosił(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Koordynator, gdy zgłosił pracownika."),
    )
    registered_at = models.DateTimeField(_("zgłoszono"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("miejsce potwierdzono"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("rezygnacja"), null=True, blank=True)
    attended_at = models.DateTimeField(_("obecność potwierdzono"), null=True, blank=True)
    check_in_method = models.CharField(
        _("sposób potwierdzenia obecności"), max_length=8, choices=CheckIn.choices, blank=True
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("obecność potwierdził(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("przypomnienie wysłano"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("zgłoszenie na wydarzenie")
        verbose_name_plural = _("zgłoszenia na wydarzenia")
        ordering = ["event", "queue_number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event"),
            models.UniqueConstraint(
                fields=["event", "queue_number"], name="registration_queue_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(attended_at__isnull=True) | models.Q(status="confirmed"),
                name="registration_attendance_needs_a_place",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "queue_number"])]

    def __str__(self):
        return f"{self.user} – {self.event}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class CertificateLink(models.Model):
    """The in-person event of the certificates app (`certificates.TrainingEvent`) that an event's
    attendance feeds, created at the first check-in of an event with a course.

    A row of its own rather than a field of the page: Wagtail restores a page's fields from a
    revision when it is published, which would drop a link written after that revision."""

    event = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, primary_key=True, related_name="certificate_link"
    )
    training_event = models.OneToOneField(
        "certificates.TrainingEvent", on_delete=models.CASCADE, related_name="event_link"
    )

    class Meta:
        verbose_name = _("powiązanie z zaświadczeniami")
        verbose_name_plural = _("powiązania z zaświadczeniami")

    def __str__(self):
        return f"{self.event_id} → {self.training_event_id}"


class CalendarFeed(models.Model):
    """A person's secret calendar address: their registrations as an iCalendar feed. Issuing a
    new address revokes the previous one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="calendar_feed",
    )
    token = models.CharField(_("klucz"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now)

    class Meta:
        verbose_name = _("kalendarz osobisty")
        verbose_name_plural = _("kalendarze osobiste")

    def __str__(self):
        return str(self.user)
