"""The question bank: reusable questions grouped in pools, and one graded row per question per
submitted attempt (what the authors' statistics are computed from).

A question's content is a StreamField holding exactly one block of `courses.blocks.QuestionTypesBlock`
(the same blocks a quiz uses for inline questions), so display and grading have one code path. A
quiz refers to bank questions through its `bank_question` and `random_from_pool` blocks; each
attempt stores a snapshot of the questions it showed (`QuizAttempt.layout`), so grading and review
stay exact when a pool changes later.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.fields import StreamField
from wagtail.search import index

from courses.blocks import QuestionTypesBlock


class Difficulty(models.TextChoices):
    EASY = "easy", _("łatwe")
    MEDIUM = "medium", _("średnie")
    HARD = "hard", _("trudne")


class QuestionPool(index.Indexed, models.Model):
    """A named group of questions, belonging to one course or to a thematic area (or neither)."""

    name = models.CharField(_("nazwa"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_pools",
    )
    thematic_area = models.ForeignKey(
        "courses.ThematicArea",
        verbose_name=_("obszar tematyczny"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_pools",
    )
    description = models.TextField(_("opis"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utworzył(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("pula pytań")
        verbose_name_plural = _("pule pytań")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "course",
                nulls_distinct=False,
                name="question_pool_name_unique_per_course",
                violation_error_message=_("Pula o tej nazwie już istnieje w tym kursie."),
            )
        ]

    def __str__(self):
        return self.name


class QuestionTag(TaggedItemBase):
    # A ParentalKey (not a plain ForeignKey): ClusterTaggableManager keeps tags in memory with the
    # question until the question's form saves them together.
    content_object = ParentalKey(
        "questionbank.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(index.Indexed, ClusterableModel):
    """One reusable question (any type of `QuestionTypesBlock`) in a pool."""

    pool = models.ForeignKey(
        QuestionPool, verbose_name=_("pula"), on_delete=models.PROTECT, related_name="questions"
    )
    name = models.CharField(
        _("nazwa"), max_length=200, help_text=_("Krótka nazwa widoczna tylko dla autorów.")
    )
    content = StreamField(
        QuestionTypesBlock(min_num=1, max_num=1), verbose_name=_("pytanie"), blank=False
    )
    difficulty = models.CharField(
        _("trudność"), max_length=10, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("tagi"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utworzył(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("pool"),
        index.FilterField("difficulty"),
    ]

    class Meta:
        verbose_name = _("pytanie")
        verbose_name_plural = _("pytania")
        ordering = ["pool", "name"]
        constraints = [
            models.UniqueConstraint(
                "pool",
                Lower("name"),
                name="question_name_unique_per_pool",
                violation_error_message=_("Pytanie o tej nazwie już istnieje w tej puli."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def block(self):
        """The question's one block (a StreamChild: `.block_type`, `.value`, `.id`)."""
        return self.content[0] if len(self.content) else None


class QuestionResponse(models.Model):
    """How one question of one submitted attempt was answered: the rows authors' statistics read.

    `question` is set when the question came from the bank (empty for a quiz's inline questions);
    `question_key` is the key of the question inside the attempt's layout (an inline block id or
    "bank-<pk>").
    """

    attempt = models.ForeignKey(
        "courses.QuizAttempt", on_delete=models.CASCADE, related_name="responses"
    )
    quiz = models.ForeignKey("courses.QuizPage", on_delete=models.CASCADE, related_name="+")
    # PROTECT: a bank question that was answered is kept (its statistics and the attempts'
    # review need it); `lms.deletion.protected_records` names these rows when a deletion is refused.
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    question_key = models.CharField(max_length=64)
    response = models.JSONField(default=list, blank=True)
    correct = models.BooleanField()

    class Meta:
        verbose_name = _("odpowiedź na pytanie")
        verbose_name_plural = _("odpowiedzi na pytania")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key"], name="question_response_once_per_attempt"
            )
        ]
        indexes = [models.Index(fields=["question", "correct"])]

    def __str__(self):
        return f"{self.attempt_id}: {self.question_key}"
