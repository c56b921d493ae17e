"""The documents a public body must publish on its site: the accessibility statement (one per
language, in the structure of the minister's technical conditions, version 2.0 of 31 July 2024)
and the privacy notice of art. 13 RODO (numbered versions; people acknowledge each new one)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField

from lms.legal.blocks import BuildingBlock, IssueBlock, IssueKind, PurposeBlock


class AccessibilityStatement(models.Model):
    """The statement of one language version of the site ("deklaracja dostępności")."""

    class Status(models.TextChoices):
        FULL = "full", _("w pełni zgodna")
        PARTIAL = "partial", _("częściowo zgodna")
        NONE = "none", _("niezgodna")

    class Assessment(models.TextChoices):
        SELF = "self", _("samoocena przeprowadzona przez podmiot publiczny")
        AUDIT = "audit", _("badanie przeprowadzone przez podmiot zewnętrzny")

    language = models.CharField(
        _("wersja językowa strony"),
        max_length=10,
        choices=settings.LANGUAGES,
        unique=True,
        error_messages={
            "unique": _("Deklaracja dla tej wersji językowej już istnieje – edytuj ją na liście.")
        },
    )
    entity = models.CharField(_("nazwa podmiotu publicznego"), max_length=300)
    site_name = models.CharField(
        _("nazwa strony internetowej"),
        max_length=300,
        help_text=_("Tak, jak ma brzmieć w zdaniu „Deklaracja dostępności dotyczy strony …”."),
    )
    site_url = models.URLField(
        _("adres strony internetowej"),
        blank=True,
        help_text=_("Pusty: adres tej platformy."),
    )
    published_on = models.DateField(_("data publikacji strony internetowej"))
    updated_on = models.DateField(
        _("data ostatniej istotnej aktualizacji strony"),
        help_text=_(
            "Zmiana wyglądu, struktury lub sposobu publikowania treści – nie drobna poprawka."
        ),
    )
    status = models.CharField(
        _("stan dostępności cyfrowej"),
        max_length=10,
        choices=Status.choices,
        default=Status.PARTIAL,
    )
    issues = StreamField(
        [("issue", IssueBlock())],
        blank=True,
        verbose_name=_("niedostępne treści"),
        help_text=_("Wymagane przy zgodności częściowej i przy niezgodności."),
    )
    burden_assessment_url = models.URLField(
        _("analiza nadmiernych kosztów"),
        blank=True,
        help_text=_("Odnośnik do oceny nadmiernych kosztów; wymagany, gdy je powołujesz."),
    )
    prepared_on = models.DateField(_("data sporządzenia deklaracji"))
    reviewed_on = models.DateField(
        _("data ostatniego przeglądu deklaracji"),
        null=True,
        blank=True,
        help_text=_("Przegląd i aktualizacja co najmniej raz w roku, do 31 marca."),
    )
    assessment = models.CharField(
        _("deklarację sporządzono na podstawie"),
        max_length=10,
        choices=Assessment.choices,
        default=Assessment.SELF,
    )
    auditor = models.CharField(
        _("kto przeprowadził badanie"),
        max_length=300,
        blank=True,
        help_text=_("Wymagane przy badaniu przez podmiot zewnętrzny."),
    )
    assessment_report_url = models.URLField(_("raport z badania"), blank=True)
    assessment_details = models.TextField(_("jak oceniono dostępność"), blank=True)
    additional_information = models.TextField(
        _("udogodnienia, ograniczenia i inne informacje"), blank=True
    )
    keyboard_shortcuts = models.TextField(
        _("niestandardowe skróty klawiszowe"),
        blank=True,
        help_text=_("Pusty, gdy strona nie ma własnych skrótów klawiszowych."),
    )
    contact_name = models.CharField(
        _("osoba lub komórka do kontaktu"),
        max_length=300,
        help_text=_("Kto przyjmuje zgłoszenia problemów z dostępnością."),
    )
    contact_email = models.EmailField(_("adres e-mail do kontaktu"))
    contact_phone = models.CharField(_("telefon do kontaktu"), max_length=40)
    complaints_to = models.TextField(
        _("dokąd składać skargi"),
        help_text=_("Kierownictwo podmiotu: nazwa, adres pocztowy, adres e-mail."),
    )
    mobile_apps = models.TextField(
        _("aplikacje mobilne"),
        blank=True,
        help_text=_(
            "Aplikacje podmiotu z odnośnikami do ich deklaracji dostępności. Pusty: deklaracja "
            "poda, że podmiot nie udostępnia aplikacji mobilnych."
        ),
    )
    buildings = StreamField(
        [("building", BuildingBlock())],
        verbose_name=_("dostępność architektoniczna"),
        help_text=_("Każda siedziba, w której podmiot obsługuje interesantów (co najmniej jedna)."),
    )
    architecture_url = models.URLField(
        _("szczegółowy opis dostępności architektonicznej"), blank=True
    )
    communication = models.TextField(
        _("dostępność komunikacyjno-informacyjna"),
        help_text=_(
            "Sposoby kontaktu (e-mail, SMS, komunikatory), tłumacz polskiego języka migowego "
            "(także online), pętle indukcyjne, informacje w tekście łatwym do czytania."
        ),
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldPanel("entity"),
                FieldPanel("site_name"),
                FieldPanel("site_url"),
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
            ],
            heading=_("Podmiot i strona"),
        ),
        MultiFieldPanel(
            [FieldPanel("issues"), FieldPanel("burden_assessment_url")],
            heading=_("Niedostępne treści"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment"),
                FieldPanel("auditor"),
                FieldPanel("assessment_report_url"),
                FieldPanel("assessment_details"),
            ],
            heading=_("Przygotowanie deklaracji i jej aktualizacja"),
        ),
        MultiFieldPanel(
            [FieldPanel("additional_information"), FieldPanel("keyboard_shortcuts")],
            heading=_("Informacje dodatkowe"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("complaints_to"),
                HelpPanel(
                    content=_(
                        "Prawo do żądania dostępności, terminy (7 dni, najwyżej 2 miesiące), "
                        "skarga i Rzecznik Praw Obywatelskich: tę część deklaracja zawiera "
                        "zawsze, w brzmieniu wzoru."
                    )
                ),
            ],
            heading=_("Informacje zwrotne i skargi"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mobile_apps"),
                FieldPanel("buildings"),
                FieldPanel("architecture_url"),
                FieldPanel("communication"),
            ],
            heading=_("Pozostałe informacje"),
        ),
    ]

    class Meta:
        verbose_name = _("deklaracja dostępności")
        verbose_name_plural = _("deklaracje dostępności")
        ordering = ["language"]

    def __str__(self):
        return str(_("Deklaracja dostępności (%(language)s)") % {"language": self.language_name})

    @property
    def language_name(self) -> str:
        return str(dict(settings.LANGUAGES).get(self.language, self.language))

    @property
    def url(self) -> str:
        return self.site_url or settings.SITE_URL

    @property
    def last_review(self) -> date:
        """The statement counts as reviewed when it was prepared, until its first review."""
        return self.reviewed_on or self.prepared_on

    @property
    def phone_uri(self) -> str:
        digits = "".join(c for c in self.contact_phone if c.isdigit() or c == "+")
        return f"tel:{digits}"

    def issues_by_kind(self) -> list[tuple[str, list]]:
        """(heading, issues) in the template's order, leaving out kinds with none."""
        groups = []
        for kind, label in IssueKind.CHOICES:
            found = [issue for issue in self.issues if issue.value["kind"] == kind]
            if found:
                groups.append((label, found))
        return groups

    def clean(self):
        super().clean()
        errors = {}
        kinds = {issue.value["kind"] for issue in self.issues or []}
        if self.status == self.Status.FULL and kinds:
            errors["issues"] = _(
                "Przy pełnej zgodności deklaracja nie wymienia niedostępnych treści: usuń je "
                "albo zmień stan dostępności."
            )
        elif self.status != self.Status.FULL and not kinds:
            errors["issues"] = _(
                "Przy zgodności częściowej i przy niezgodności wymień niedostępne treści."
            )
        if IssueKind.BURDEN in kinds and not self.burden_assessment_url:
            errors["burden_assessment_url"] = _(
                "Powołując nadmierne koszty, podaj odnośnik do ich oceny."
            )
        if self.assessment == self.Assessment.AUDIT and not self.auditor:
            errors["auditor"] = _("Podaj, kto przeprowadził badanie.")
        if self.published_on and self.updated_on and self.updated_on < self.published_on:
            errors["updated_on"] = _("Aktualizacja nie może być wcześniejsza niż publikacja.")
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = _(
                "Przegląd nie może być wcześniejszy niż sporządzenie deklaracji."
            )
        today = timezone.localdate()
        for name in ("published_on", "updated_on", "prepared_on", "reviewed_on"):
            value = getattr(self, name)
            if value and value > today and name not in errors:
                errors[name] = _("Ta data nie może być w przyszłości.")
        if not self.buildings:
            errors["buildings"] = _("Opisz co najmniej siedzibę podmiotu.")
        if errors:
            raise ValidationError(errors)


class StatementReviewReminder(models.Model):
    """Administrators were reminded to review the statements this year (once a year)."""

    year = models.PositiveSmallIntegerField(_("rok"), unique=True)
    sent_at = models.DateTimeField(_("wysłano"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("liczba odbiorców"), default=0)

    class Meta:
        verbose_name = _("przypomnienie o przeglądzie deklaracji")
        verbose_name_plural = _("przypomnienia o przeglądzie deklaracji")

    def __str__(self):
        return str(self.year)


class PrivacyNotice(models.Model):
    """One version of the information on the processing of personal data (art. 13 and 14 RODO).

    A draft is edited freely; publishing gives it the next version number and makes it the
    current one, which every signed-in person is asked to read again. A published version never
    changes: the next one is made as a copy."""

    controller = models.TextField(
        _("administrator danych"), help_text=_("Nazwa, adres siedziby i dane kontaktowe.")
    )
    dpo_contact = models.TextField(
        _("inspektor ochrony danych"), help_text=_("Adres e-mail i adres do korespondencji.")
    )
    purposes = StreamField(
        [("purpose", PurposeBlock())],
        verbose_name=_("cele i podstawy przetwarzania"),
        help_text=_("Każdy cel z podstawą prawną, odbiorcami i okresem przechowywania."),
    )
    data_sources = models.TextField(
        _("skąd mamy dane"),
        blank=True,
        help_text=_("Dane, których nie podała sama osoba, np. z listy pracowników urzędu."),
    )
    recipients = models.TextField(
        _("odbiorcy wspólni dla wszystkich celów"),
        blank=True,
        help_text=_("Np. dostawca hostingu i obsługi informatycznej (podmioty przetwarzające)."),
    )
    transfers = models.TextField(_("przekazywanie danych poza Europejski Obszar Gospodarczy"))
    rights = models.TextField(_("prawa osoby"))
    requirement = models.TextField(
        _("czy podanie danych jest obowiązkowe"),
        help_text=_("Wymóg ustawowy, umowny czy dobrowolność – i co, jeśli ktoś danych nie poda."),
    )
    automated_decisions = models.TextField(_("zautomatyzowane decyzje i profilowanie"))
    change_summary = models.TextField(
        _("co się zmieniło"),
        blank=True,
        help_text=_(
            "Krótko, dla osób, które zobaczą tę wersję po zalogowaniu (przy pierwszej wersji "
            "można zostawić puste)."
        ),
    )
    version = models.PositiveIntegerField(_("wersja"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("opublikowano"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opublikował(a)"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    panels = [
        FieldPanel("change_summary"),
        MultiFieldPanel(
            [FieldPanel("controller"), FieldPanel("dpo_contact")],
            heading=_("Administrator i inspektor ochrony danych"),
        ),
        FieldPanel("purposes"),
        MultiFieldPanel(
            [
                FieldPanel("data_sources"),
                FieldPanel("recipients"),
                FieldPanel("transfers"),
                FieldPanel("rights"),
                FieldPanel("requirement"),
                FieldPanel("automated_decisions"),
                HelpPanel(
                    content=_(
                        "Prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych "
                        "informacja zawiera zawsze, z adresem urzędu."
                    )
                ),
            ],
            heading=_("Pozostałe informacje"),
        ),
    ]

    class Meta:
        verbose_name = _("informacja o przetwarzaniu danych")
        verbose_name_plural = _("informacje o przetwarzaniu danych (RODO)")
        ordering = [models.F("version").desc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(fields=["version"], name="privacy_notice_version_once"),
            models.CheckConstraint(
                condition=Q(version__isnull=True, published_at__isnull=True)
                | Q(version__isnull=False, published_at__isnull=False),
                name="privacy_notice_published_has_version",
            ),
        ]

    def __str__(self):
        if self.version is None:
            return str(_("Szkic informacji o przetwarzaniu danych"))
        return str(
            _("Informacja o przetwarzaniu danych, wersja %(version)s") % {"version": self.version}
        )

    @property
    def is_published(self) -> bool:
        return self.version is not None


class PrivacyAcknowledgement(models.Model):
    """A signed-in person confirmed reading a version of the privacy notice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("osoba"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("wersja informacji"),
        on_delete=models.PROTECT,
        related_name="acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("zapoznano się"), default=timezone.now)

    class Meta:
        verbose_name = _("zapoznanie się z informacją o przetwarzaniu danych")
        verbose_name_plural = _("zapoznania się z informacją o przetwarzaniu danych")
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="privacy_acknowledged_once")
        ]

    def __str__(self):
        return f"{self.user_id} – {self.notice}"
