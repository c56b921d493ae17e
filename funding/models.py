"""EU-funded projects (ESF+) and the data their participants give for the fund's indicators.

A `Project` names the pages it finances (courses now, in-person events later) and the funding
marks those pages and their certificates carry. A `Participant` holds what one person declared
when they first registered for something the project finances: the characteristics of
Regulation (EU) 2021/1057, Annex I, each with "odmowa podania informacji". It lives in its own
table, apart from the learning record, is read only by administrators' views and is deleted by
`funding.tasks.delete_expired_participant_data` when the project's archive period ends
(docs/funding.md).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

# The page types a project may finance (a chosen page finances its lessons and quiz too). The
# lead adds "events.EventPage" when the events app is merged.
FINANCEABLE_PAGE_TYPES = ["courses.CoursePage", "events.EventPage"]
DEFAULT_ARCHIVE_YEARS = 10


class Project(ClusterableModel):
    """A project co-financed by the EU: what it finances and the marks its rules require."""

    code = models.CharField(
        _("numer projektu"),
        max_length=60,
        unique=True,
        help_text=_("Numer z umowy o dofinansowanie, np. FEPM.05.17-IZ.00-0001/24."),
    )
    name = models.CharField(_("tytuł projektu"), max_length=300)
    start_date = models.DateField(_("początek realizacji"))
    end_date = models.DateField(_("koniec realizacji"))
    closure_date = models.DateField(
        _("data zamknięcia projektu"),
        null=True,
        blank=True,
        help_text=_(
            "Data, od której umowa o dofinansowanie liczy okres przechowywania dokumentów "
            "(np. ostatniej płatności). Puste: dane uczestników są przechowywane bez terminu."
        ),
    )
    archive_years = models.PositiveSmallIntegerField(
        _("okres archiwizacji (lata)"),
        default=DEFAULT_ARCHIVE_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "Dane uczestników są usuwane po 31 grudnia roku, który następuje tyle lat po roku "
            "zamknięcia projektu. Przyjmij okres z umowy o dofinansowanie."
        ),
    )
    data_deleted_at = models.DateTimeField(
        _("dane uczestników usunięto"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [FieldPanel("closure_date"), FieldPanel("archive_years")],
            heading=_("Przechowywanie danych uczestników"),
        ),
        InlinePanel(
            "financed_pages",
            heading=_("Finansowane kursy i wydarzenia"),
            label=_("Strona"),
            help_text=_("Kurs obejmuje swoje lekcje i test."),
        ),
        InlinePanel(
            "marks",
            heading=_("Znaki finansowania"),
            label=_("Znak"),
            help_text=_(
                "W kolejności z zasad identyfikacji wizualnej: znak programu (Fundusze "
                "Europejskie dla Pomorza), barwy Rzeczypospolitej Polskiej, znak Unii "
                "Europejskiej z napisem „Dofinansowane przez Unię Europejską”, herb lub logo "
                "województwa. Można też dodać jeden obraz z całym zestawieniem znaków."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("projekt UE")
        verbose_name_plural = _("projekty UE")
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="funding_project_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Koniec realizacji nie może być wcześniejszy niż początek.")}
            )
        if self.closure_date and self.end_date and self.closure_date < self.end_date:
            raise ValidationError(
                {"closure_date": _("Projekt zamyka się po zakończeniu realizacji, nie przed.")}
            )

    def is_running(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on <= self.end_date

    @property
    def retain_until(self) -> datetime.date | None:
        """The last day participant data is kept: 31 December of the year `archive_years` after
        the closure year (e.g. closed 2029, 10 years: until 31.12.2039). None: no closure yet."""
        if self.closure_date is None:
            return None
        return datetime.date(self.closure_date.year + self.archive_years, 12, 31)


class FinancedPage(Orderable):
    """A page (a course, an event) the project finances, with everything below it."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="financed_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("strona"),
        on_delete=models.CASCADE,
        related_name="funding_links",
    )

    panels = [PageChooserPanel("page", FINANCEABLE_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("finansowana strona")
        verbose_name_plural = _("finansowane strony")
        constraints = [
            models.UniqueConstraint(fields=["project", "page"], name="funding_page_once"),
        ]

    def __str__(self):
        return str(self.page)


class FundingMark(Orderable):
    """One funding mark (or the whole strip) as an image with its text alternative."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="marks")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("obraz"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    alt_text = models.CharField(
        _("tekst alternatywny"),
        max_length=300,
        help_text=_(
            "Co przedstawia znak, np. „Znak Unii Europejskiej z napisem Dofinansowane przez "
            "Unię Europejską”. Czytniki ekranu odczytają go zamiast obrazu."
        ),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("znak finansowania")
        verbose_name_plural = _("znaki finansowania")

    def __str__(self):
        return self.alt_text


# --- Participant data ------------------------------------------------------------------------


class Sex(models.TextChoices):
    FEMALE = "female", _("kobieta")
    MALE = "male", _("mężczyzna")
    NON_BINARY = "non_binary", _("osoba niebinarna")
    REFUSED = "refused", _("odmowa podania informacji")


class AgeBand(models.TextChoices):
    """Annex I counts participants below 18, 18–29 and 55 and over; 30–54 completes the set."""

    UNDER_18 = "under_18", _("poniżej 18 lat")
    FROM_18_TO_29 = "18_29", _("18–29 lat")
    FROM_30_TO_54 = "30_54", _("30–54 lata")
    FROM_55 = "55_plus", _("55 lat i więcej")
    REFUSED = "refused", _("odmowa podania informacji")


class Education(models.TextChoices):
    ISCED_0_2 = "isced_0_2", _("podstawowe, gimnazjalne lub niższe (ISCED 0–2)")
    ISCED_3_4 = "isced_3_4", _("ponadpodstawowe lub policealne (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("wyższe (ISCED 5–8)")
    REFUSED = "refused", _("odmowa podania informacji")


class Answer(models.TextChoices):
    YES = "yes", _("tak")
    NO = "no", _("nie")
    REFUSED = "refused", _("odmowa podania informacji")


# The yes/no characteristics of Annex I asked of every participant (labour status is not asked:
# the platform's participants are employed by the unit they belong to).
YES_NO_FIELDS = (
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "rural_area",
)
CHARACTERISTICS = ("sex", "age_band", "education", *YES_NO_FIELDS)


def _answer(label, help_text):
    return models.CharField(label, max_length=10, choices=Answer.choices, help_text=help_text)


class Participant(models.Model):
    """What one person declared at the start of their support in one project."""

    project = models.ForeignKey(
        Project, verbose_name=_("projekt"), on_delete=models.PROTECT, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("osoba"),
        on_delete=models.CASCADE,
        related_name="funding_participations",
    )
    # Labour status is "employed"; the employer is the person's unit when support started.
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("jednostka (pracodawca)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("rozpoczęcie udziału"), default=timezone.now)
    sex = models.CharField(_("płeć"), max_length=10, choices=Sex.choices)
    age_band = models.CharField(
        _("wiek w chwili przystąpienia"), max_length=10, choices=AgeBand.choices
    )
    education = models.CharField(_("wykształcenie"), max_length=10, choices=Education.choices)
    disability = _answer(_("osoba z niepełnosprawnościami"), "")
    third_country_national = _answer(
        _("obywatel(ka) państwa trzeciego"), _("Obywatelstwo państwa spoza Unii Europejskiej.")
    )
    foreign_background = _answer(
        _("osoba obcego pochodzenia"),
        _("Cudzoziemiec lub osoba, której co najmniej jedno z rodziców urodziło się za granicą."),
    )
    minority = _answer(
        _("osoba należąca do mniejszości"),
        _("Mniejszości narodowe i etniczne, w tym społeczności marginalizowane, np. Romowie."),
    )
    homeless = _answer(_("osoba w kryzysie bezdomności lub wykluczona z dostępu do mieszkań"), "")
    rural_area = _answer(
        _("mieszka na obszarze wiejskim"), _("Według miejsca zamieszkania (gmina wiejska, wieś).")
    )
    notice_version = models.CharField(_("wersja klauzuli informacyjnej"), max_length=20)
    notice_confirmed_at = models.DateTimeField(_("potwierdzenie zapoznania się z klauzulą"))
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("uczestnik projektu")
        verbose_name_plural = _("uczestnicy projektów")
        ordering = ["project", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="funding_participant_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.project.code}"
