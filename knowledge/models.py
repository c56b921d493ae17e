"""The knowledge base: the service standards the county panels produced, as Wagtail pages.

`KnowledgeIndexPage` (public) lists the standards by thematic area and document type;
`StandardPage` is one standard, procedure, checklist or document template with its version, the
date of its last review and the person who keeps it up to date (`responsible`). When the next
review falls due (`review_due_on`, computed from the last review and the interval) the
responsible person is e-mailed once (`ReviewNotice`) and sees it on their admin dashboard;
administrators see every standard due in the "Standardy do przeglądu" report.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from knowledge.blocks import StandardStreamBlock
from lms.dates import add_months

#: A review due within this many days is "soon": listed in the report and on the owner's
#: dashboard, and e-mailed to the owner (once per due date).
REVIEW_SOON_DAYS = 30


class DocumentKind(models.TextChoices):
    STANDARD = "standard", _("Standard")
    PROCEDURE = "procedura", _("Procedura")
    CHECKLIST = "lista-kontrolna", _("Lista kontrolna")
    TEMPLATE = "wzor-dokumentu", _("Wzór dokumentu")


class ReviewStatus(models.TextChoices):
    OVERDUE = "overdue", _("po terminie")
    SOON = "soon", _("wkrótce")
    CURRENT = "current", _("aktualny")


def review_due_date(*, last_reviewed_on: date, interval_months: int) -> date:
    return add_months(last_reviewed_on, interval_months)


def review_status(due_on: date | None, today: date | None = None) -> ReviewStatus:
    """The one definition of "due": overdue from the due date on, soon within REVIEW_SOON_DAYS."""
    today = today or timezone.localdate()
    if due_on is None:
        return ReviewStatus.CURRENT
    if due_on <= today:
        return ReviewStatus.OVERDUE
    if due_on <= today + timedelta(days=REVIEW_SOON_DAYS):
        return ReviewStatus.SOON
    return ReviewStatus.CURRENT


class KnowledgeIndexPage(Page):
    """The knowledge base: every published standard, by area, filterable by area and type."""

    intro = models.TextField(_("wprowadzenie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("baza wiedzy")

    def get_context(self, request, *args, **kwargs):
        from knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.knowledge_index(index=self, params=request.GET))
        return context


class StandardPermissionTester(PagePermissionTester):
    """Wagtail's tester; besides the standard's author, its responsible person edits it when
    they may author in the knowledge base ("add" there: trainers). Publishing stays with
    administrators, through the moderation workflow."""

    def can_edit(self):
        if super().can_edit():
            return True
        return (
            self.user.is_active
            and "add" in self.permissions
            and self.page.responsible_id == self.user.pk
        )


class StandardPage(Page):
    """One standard of service, procedure, checklist or document template."""

    summary = models.TextField(_("streszczenie"), max_length=600)
    thematic_area = models.ForeignKey(
        "courses.ThematicArea",
        verbose_name=_("obszar tematyczny"),
        on_delete=models.PROTECT,
        related_name="standards",
    )
    kind = models.CharField(
        _("rodzaj dokumentu"),
        max_length=20,
        choices=DocumentKind.choices,
        default=DocumentKind.STANDARD,
    )
    body = StreamField(StandardStreamBlock(), verbose_name=_("treść"))
    version = models.CharField(
        _("wersja"), max_length=20, help_text=_("Np. „1.2”. Zmień po każdej zmianie treści.")
    )
    last_reviewed_on = models.DateField(
        _("data ostatniego przeglądu"),
        default=timezone.localdate,
        help_text=_("Po przeglądzie wpisz jego datę: wyznacza termin następnego przeglądu."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("przegląd co (miesięcy)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Od 1 do 60 miesięcy."),
    )
    review_due_on = models.DateField(
        _("termin następnego przeglądu"), null=True, editable=False, db_index=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opiekun standardu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Dostaje e-mail, gdy zbliża się termin przeglądu, i może edytować standard "
            "(publikuje administrator)."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("thematic_area"), FieldPanel("kind")], heading=_("Miejsce w bazie wiedzy")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("version"),
                FieldPanel("last_reviewed_on"),
                FieldPanel("review_interval_months"),
                FieldPanel("responsible"),
            ],
            heading=_("Wersja i przeglądy"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("thematic_area"),
        index.FilterField("kind"),
        index.RelatedFields("thematic_area", [index.SearchField("name")]),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard z bazy wiedzy")
        verbose_name_plural = _("standardy z bazy wiedzy")

    def clean(self):
        super().clean()
        # Wagtail cleans a page on every admin form, save and publication: the due date follows
        # the last review and the interval, and a new review date clears the flag.
        if self.last_reviewed_on and self.review_interval_months:
            self.review_due_on = review_due_date(
                last_reviewed_on=self.last_reviewed_on,
                interval_months=self.review_interval_months,
            )

    def permissions_for_user(self, user):
        return StandardPermissionTester(user, self)

    @property
    def review_status(self) -> ReviewStatus:
        return review_status(self.review_due_on)

    # What the site-wide search shows next to a result (see the search app).
    @property
    def search_area(self):
        return self.thematic_area

    @property
    def search_kind(self) -> str:
        return str(self.get_kind_display())

    def get_context(self, request, *args, **kwargs):
        from knowledge import selectors

        context = super().get_context(request, *args, **kwargs)
        context["index"] = self.get_parent()
        context["related_lessons"] = selectors.related_lessons(standard=self)
        return context


class ReviewNotice(models.Model):
    """The responsible person was e-mailed that the review due on `due_on` is coming: once per
    standard and due date, however often the daily task runs."""

    standard = models.ForeignKey(
        StandardPage,
        verbose_name=_("standard"),
        on_delete=models.CASCADE,
        related_name="review_notices",
    )
    due_on = models.DateField(_("termin przeglądu"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("odbiorca"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("wysłano"), default=timezone.now)

    class Meta:
        verbose_name = _("powiadomienie o przeglądzie")
        verbose_name_plural = _("powiadomienia o przeglądach")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "due_on"], name="review_notice_once_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.standard_id} – {self.due_on:%d.%m.%Y}"
