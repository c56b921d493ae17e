"""Satisfaction surveys after courses and events, stored so that nobody's answers can be traced.

Two tables, never linked:

- `SurveyInvitation` is the only per-person record: who was asked about which page (a course or an
  event) and on which day they answered (a date, no time). It carries the grouping attributes
  (county, unit, unit type) so the response rate needs no join to people.
- `SurveyResponse` (with its `SurveyAnswer` rows) has no person, no timestamp and a random
  primary key (a sequence would give the order of answering, which the invitations' dates could be
  matched against). It keeps only what the reports group by, copied when the answer is given.

Reports show results of a group only when at least `anonymity.MIN_GROUP` people answered (see
`evaluation.anonymity`).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from evaluation.blocks import SCALE, SurveyQuestionsBlock


class SurveyQuerySet(models.QuerySet):
    def default(self):
        return self.filter(is_default=True).first()


class Survey(index.Indexed, ClusterableModel):
    """A questionnaire: its questions and the pages (courses, events) it is used for. The default
    survey is used wherever no other survey names the page."""

    name = models.CharField(_("nazwa"), max_length=200, unique=True)
    intro = models.TextField(
        _("wprowadzenie"),
        blank=True,
        help_text=_("Widoczne nad pytaniami, np. zapewnienie o anonimowości."),
    )
    questions = StreamField(SurveyQuestionsBlock(), verbose_name=_("pytania"))
    is_default = models.BooleanField(
        _("ankieta domyślna"),
        default=False,
        help_text=_("Używana po każdym szkoleniu i wydarzeniu, dla którego nie wskazano innej."),
    )
    version = models.PositiveIntegerField(_("wersja"), default=1, editable=False)

    objects = SurveyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("intro"),
        FieldPanel("is_default"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [InlinePanel("pages", label=_("Szkolenie lub wydarzenie"))],
            heading=_("Gdzie używać tej ankiety zamiast domyślnej"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("ankieta")
        verbose_name_plural = _("ankiety")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="survey_one_default",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.is_default:
            others = Survey.objects.filter(is_default=True).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {
                        "is_default": _(
                            "Ankietą domyślną jest już „%(name)s”. Najpierw odznacz ją tam."
                        )
                        % {"name": others.first().name}
                    }
                )
        # A new version whenever the questions change: responses record which one they answered.
        if self.pk:
            stored = Survey.objects.filter(pk=self.pk).values_list("questions", flat=True).first()
            if stored is not None and list(stored.raw_data) != list(self.questions.raw_data):
                self.version += 1


class SurveyPage(Orderable):
    """A page (course or event) that uses this survey instead of the default one."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="pages")
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("szkolenie lub wydarzenie"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("użycie ankiety")
        verbose_name_plural = _("użycia ankiety")


class GroupAttributes(models.Model):
    """What the reports group by: copied from the person's unit, never a link to the person."""

    county = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("powiat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("jednostka"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit_type = models.CharField(_("rodzaj jednostki"), max_length=32, blank=True)

    class Meta:
        abstract = True


class SurveyInvitation(GroupAttributes):
    """One person asked to evaluate one course or event; only *whether* (and on which day) they
    answered is kept here, never what."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("osoba"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("szkolenie lub wydarzenie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    survey = models.ForeignKey(
        Survey, verbose_name=_("ankieta"), on_delete=models.PROTECT, related_name="invitations"
    )
    invited_at = models.DateTimeField(_("zaproszono"), default=timezone.now)
    emailed_at = models.DateTimeField(_("wysłano e-mail"), null=True, blank=True)
    answered_on = models.DateField(_("dzień wypełnienia"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaproszenie do ankiety")
        verbose_name_plural = _("zaproszenia do ankiet")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="survey_invitation_once")
        ]
        indexes = [models.Index(fields=["page", "answered_on"])]

    def __str__(self):
        return f"{self.user_id} – {self.page_id}"

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None


class SurveyResponse(GroupAttributes):
    """One filled-in survey, anonymous: no person, no time, a random id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("ankieta"), on_delete=models.PROTECT, related_name="responses"
    )
    survey_version = models.PositiveIntegerField(_("wersja ankiety"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("szkolenie lub wydarzenie"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("odpowiedź w ankiecie")
        verbose_name_plural = _("odpowiedzi w ankietach")
        indexes = [models.Index(fields=["survey", "page"])]

    def __str__(self):
        return str(self.pk)


class SurveyAnswer(models.Model):
    """The answer to one question: a scale value, a chosen option (its text as shown) or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=64)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("odpowiedź na pytanie ankiety")
        verbose_name_plural = _("odpowiedzi na pytania ankiet")
        constraints = [
            models.UniqueConstraint(fields=["response", "question_key"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True)
                | models.Q(value__gte=SCALE[0], value__lte=SCALE[-1]),
                name="survey_answer_value_on_scale",
            ),
        ]
        indexes = [models.Index(fields=["question_key"])]

    def __str__(self):
        return self.question_key
