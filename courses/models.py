"""Courses as Wagtail pages; enrolment, progress and quiz attempts as constrained rows.

Content (what a trainer writes) is pages and StreamField. Anything graded, counted or reported on
is a model with constraints, keyed to pages by id, so editing a published course never corrupts
anyone's progress.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.authoring import ChecklistPanel, reading_minutes
from courses.blocks import LessonStreamBlock, QuizStreamBlock
from courses.page_forms import CoursePageForm
from courses.panels import EditionsPanel
from courses.permissions import CourseTreePermissionTester


class ThematicArea(index.Indexed, models.Model):
    """A programme area (education, health, employment...): a list administrators manage."""

    name = models.CharField(_("nazwa"), max_length=120, unique=True)
    slug = models.SlugField(_("identyfikator w adresie"), max_length=120, unique=True)
    description = models.TextField(_("opis"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("obszar tematyczny")
        verbose_name_plural = _("obszary tematyczne")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CourseIndexPage(Page):
    """The catalogue: every published course below it, filterable by area, searchable."""

    intro = models.TextField(_("wprowadzenie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("katalog szkoleń")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.catalogue(index=self, user=request.user, params=request.GET))
        return context


class CourseTreePage:
    """A page of a course's subtree: only the course's trainers (and publishers) may author it,
    see `courses.permissions`."""

    def permissions_for_user(self, user):
        return CourseTreePermissionTester(user, self)


def edition_title(title: str, label: str) -> str:
    """A course's title with its edition, "Title (edycja 2026)", where editions must be told
    apart (admin lists, reports, the pointer from an old edition to the current one)."""
    if not label:
        return title
    return _("%(title)s (edycja %(label)s)") % {"title": title, "label": label}


class Level(models.TextChoices):
    BASIC = "basic", _("podstawowy")
    INTERMEDIATE = "intermediate", _("średniozaawansowany")
    ADVANCED = "advanced", _("zaawansowany")


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("otwarty – każdy może się zapisać")
    ASSIGNED = "assigned", _("na zaproszenie – przypisuje administrator lub koordynator")


class CompletionRule(models.TextChoices):
    LESSONS_AND_QUIZ = "lessons_and_quiz", _("wszystkie obowiązkowe lekcje i zaliczony test")
    LESSONS_ONLY = "lessons_only", _("wszystkie obowiązkowe lekcje")


CHECKLIST_PANEL = ChecklistPanel(heading=_("Lista kontrolna przed wysłaniem do akceptacji"))


class CoursePage(CourseTreePage, Page):
    """A course: what it teaches, to whom, for how many hours, and how it is completed."""

    summary = models.TextField(_("streszczenie"), max_length=600)
    objectives = RichTextField(
        _("cele szkolenia"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    thematic_area = models.ForeignKey(
        ThematicArea,
        verbose_name=_("obszar tematyczny"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    target_audience = models.CharField(_("dla kogo"), max_length=300, blank=True)
    duration_hours = models.DecimalField(
        _("liczba godzin"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(500)],
        help_text=_("Drukowana na zaświadczeniu."),
    )
    level = models.CharField(_("poziom"), max_length=20, choices=Level.choices, default=Level.BASIC)
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trenerzy"),
        blank=True,
        related_name="+",
        help_text=_("Trenerzy mogą edytować ten kurs w panelu (publikuje administrator)."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("zdjęcie okładki"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolment_mode = models.CharField(
        _("zapisy"), max_length=20, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    completion_rule = models.CharField(
        _("warunek ukończenia"),
        max_length=30,
        choices=CompletionRule.choices,
        default=CompletionRule.LESSONS_AND_QUIZ,
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("ważność zaświadczenia (miesiące)"),
        null=True,
        blank=True,
        help_text=_("Puste = zaświadczenie bezterminowe."),
    )

    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("szablon zaświadczenia"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Puste = szablon domyślny."),
    )

    # Editions (see courses.editions): every later edition points to the lineage's first one.
    edition_of = models.ForeignKey(
        "self",
        verbose_name=_("pierwsza edycja"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="later_editions",
    )
    edition_number = models.PositiveSmallIntegerField(_("numer edycji"), default=1, editable=False)
    edition_label = models.CharField(
        _("edycja"),
        max_length=40,
        blank=True,
        help_text=_("Np. „2026”. Pokazywana kursantom jako „Edycja 2026”."),
    )

    base_form_class = CoursePageForm
    # A plain Wagtail copy starts a new course; `courses.editions.create_edition` sets these.
    exclude_fields_in_copy = ["edition_of", "edition_number"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("thematic_area"),
                FieldPanel("target_audience"),
                FieldPanel("level"),
                FieldPanel("duration_hours"),
                FieldPanel("cover_image"),
            ],
            heading=_("Opis w katalogu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("completion_rule"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("certificate_template"),
                FieldPanel("trainers"),
            ],
            heading=_("Zasady"),
        ),
        CHECKLIST_PANEL,
        MultiFieldPanel(
            [FieldPanel("edition_label"), EditionsPanel()],
            heading=_("Edycja"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("target_audience"),
        index.FilterField("thematic_area"),
        index.RelatedFields("thematic_area", [index.SearchField("name")]),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("kurs")
        verbose_name_plural = _("kursy")
        constraints = [
            models.UniqueConstraint(
                fields=["edition_of", "edition_number"], name="course_edition_number_unique"
            ),
            # The first edition is number 1 and points nowhere; later ones point to it.
            models.CheckConstraint(
                condition=models.Q(edition_of__isnull=True, edition_number=1)
                | models.Q(edition_of__isnull=False, edition_number__gt=1),
                name="course_edition_number_matches_lineage",
            ),
        ]

    @property
    def is_open(self):
        return self.enrolment_mode == EnrolmentMode.OPEN

    @property
    def lineage_id(self) -> int:
        """The first edition's id: what every edition of this course shares."""
        return self.edition_of_id or self.pk

    @property
    def title_with_edition(self) -> str:
        return edition_title(self.title, self.edition_label)

    def get_admin_display_title(self):
        return edition_title(super().get_admin_display_title(), self.edition_label)

    # The site search (lms.search.registry): the catalogue's current editions, with their areas.
    search_kind = _("Kurs")

    @property
    def search_area(self):
        return self.thematic_area

    @property
    def search_summary(self) -> str:
        return self.summary

    @property
    def search_context(self) -> str:
        return _("Edycja %(label)s") % {"label": self.edition_label} if self.edition_label else ""

    @property
    def search_visible(self) -> bool:
        from courses.editions import superseded_by

        return superseded_by(course=self) is None

    def search_dependants(self) -> list:
        """The lineage's other editions: publishing one replaces (or brings back) another."""
        from courses.editions import editions_of

        return [edition for edition in editions_of(course=self) if edition.pk != self.pk]

    def serve(self, request, *args, **kwargs):
        from courses import views

        return views.course_page(request, self)


class ModulePage(CourseTreePage, Page):
    """An optional group of lessons inside a long course."""

    intro = models.TextField(_("wprowadzenie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), CHECKLIST_PANEL]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("moduł")
        verbose_name_plural = _("moduły")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        return redirect(self.get_parent().url)


class LessonPage(CourseTreePage, Page):
    """One lesson: a StreamField body, an estimated time, required or optional."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("treść"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("szacowany czas (minuty)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Puste = obliczany z treści: ok. 200 słów na minutę, filmy według długości "
            "transkrypcji (bez niej 5 minut), zaokrąglony w górę."
        ),
    )
    computed_minutes = models.PositiveSmallIntegerField(
        _("czas obliczony z treści (minuty)"), default=1, editable=False
    )
    is_required = models.BooleanField(
        _("obowiązkowa"), default=True, help_text=_("Liczy się do ukończenia kursu.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("is_required")],
            heading=_("Ustawienia lekcji"),
        ),
        CHECKLIST_PANEL,
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lekcja")
        verbose_name_plural = _("lekcje")

    # The site search (lms.search.registry): found by its text, quoted to nobody (the text is
    # for the course's learners), shown with its course.
    search_kind = _("Lekcja")
    search_body_is_public = False

    @cached_property
    def _search_course(self):
        from courses.outline import course_of

        return course_of(self)

    @property
    def search_area(self):
        return self._search_course.thematic_area

    @property
    def search_context(self) -> str:
        return _("Kurs „%(title)s”") % {"title": self._search_course.title_with_edition}

    @property
    def search_visible(self) -> bool:
        return self._search_course.search_visible

    @property
    def minutes(self) -> int:
        """The time shown to learners: the trainer's figure, else the one computed from the
        content (see courses.authoring)."""
        return self.estimated_minutes or self.computed_minutes

    def clean(self):
        super().clean()
        # Wagtail cleans a page on every save, publication and admin form: the stored figure
        # follows the text without any request parsing the StreamField.
        self.computed_minutes = reading_minutes(self.body)

    def serve(self, request, *args, **kwargs):
        from courses import views

        return views.lesson_page(request, self)

    def serve_preview(self, request, mode_name):
        """Editors preview the lesson as a learner would see it, without enrolling."""
        from courses import views

        return views.lesson_preview(request, self)


class QuizPage(CourseTreePage, Page):
    """The course's final test; grading happens on the server only."""

    intro = models.TextField(_("wprowadzenie"), blank=True)
    questions = StreamField(QuizStreamBlock(), verbose_name=_("pytania"))
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("próg zaliczenia (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("limit podejść"), default=3, help_text=_("0 = bez limitu.")
    )
    shuffle_questions = models.BooleanField(_("losowa kolejność pytań"), default=True)
    shuffle_answers = models.BooleanField(_("losowa kolejność odpowiedzi"), default=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("limit czasu (minuty)"), null=True, blank=True, help_text=_("Puste = bez limitu czasu.")
    )
    pretest_enabled = models.BooleanField(
        _("test wstępny"),
        default=False,
        help_text=_(
            "Przed pierwszą lekcją kursant może rozwiązać test wstępny z tych samych pytań. "
            "Nie liczy się do zaliczenia ani limitu podejść; raport „Przyrost wiedzy” porównuje "
            "jego wynik z wynikiem testu końcowego."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark_percent"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_answers"),
                FieldPanel("pretest_enabled"),
            ],
            heading=_("Zasady testu"),
        ),
        CHECKLIST_PANEL,
    ]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("test")
        verbose_name_plural = _("testy")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        course = None
        if parent is not None:
            parent = parent.specific
            course = parent if isinstance(parent, CoursePage) else parent.get_parent().specific
        if course is not None:
            others = QuizPage.objects.descendant_of(course).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(_("Kurs może mieć tylko jeden test końcowy."))

    @cached_property
    def question_map(self):
        """Questions by their stable StreamField id."""
        return {child.id: child for child in self.questions}

    def serve(self, request, *args, **kwargs):
        from courses import views

        return views.quiz_page(request, self)

    def serve_preview(self, request, mode_name):
        """Editors preview the questions in authored order (no attempt is started)."""
        from courses import views

        return views.quiz_preview(request, self)


# --- Learning records -----------------------------------------------------------------------------


def started_condition() -> models.Q:
    """The one definition of a "started" enrolment, for every view, filter and report: the
    learner completed the course, has progress, opened a lesson or opened the quiz (an attempt,
    submitted or not). Being assigned (which enrols) or enrolling is not starting."""
    return (
        models.Q(completed_at__isnull=False)
        | models.Q(progress_percent__gt=0)
        | models.Q(last_lesson__isnull=False)
        | models.Q(models.Exists(QuizAttempt.objects.filter(enrolment=models.OuterRef("pk"))))
    )


class EnrolmentQuerySet(models.QuerySet):
    def with_started(self):
        """Annotate `started` (see `started_condition`), read by `Enrolment.has_started`."""
        return self.annotate(
            started=models.ExpressionWrapper(
                started_condition(), output_field=models.BooleanField()
            )
        )


class Enrolment(models.Model):
    """One person on one course; the spine of progress, completion and certificates."""

    class Source(models.TextChoices):
        SELF = "self", _("zapis samodzielny")
        ASSIGNED = "assigned", _("przypisanie")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kursant"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("kurs"), on_delete=models.PROTECT, related_name="enrolments"
    )
    source = models.CharField(
        _("źródło"), max_length=20, choices=Source.choices, default=Source.SELF
    )
    enrolled_at = models.DateTimeField(_("zapisano"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("ostatnia aktywność"), default=timezone.now)
    last_lesson = models.ForeignKey(
        LessonPage,
        verbose_name=_("ostatnia lekcja"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    progress_percent = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    best_score_percent = models.PositiveSmallIntegerField(
        _("najlepszy wynik testu (%)"), null=True, blank=True
    )
    completed_at = models.DateTimeField(_("ukończono"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("zapis na kurs")
        verbose_name_plural = _("zapisy na kursy")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="enrolment_one_per_user_course"
            ),
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100), name="enrolment_progress_le_100"
            ),
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} – {self.course}"

    @property
    def is_completed(self):
        return self.completed_at is not None

    @property
    def has_started(self) -> bool:
        """Whether the learner did anything on the course (`started_condition`): the `started`
        annotation of `Enrolment.objects.with_started()`, else one query."""
        if "started" not in self.__dict__:
            found = Enrolment.objects.with_started().filter(pk=self.pk)
            self.started = bool(found.values_list("started", flat=True).first())
        return self.started


class Assignment(models.Model):
    """A course assigned to a person by an administrator or coordinator, optionally with a deadline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kursant"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("kurs"), on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("przypisał(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("przypisano"), default=timezone.now)
    deadline = models.DateField(_("termin"), null=True, blank=True)

    class Meta:
        verbose_name = _("przypisanie kursu")
        verbose_name_plural = _("przypisania kursów")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="assignment_one_per_user_course"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"


class LessonCompletion(models.Model):
    """A lesson done within an enrolment (a deleted lesson takes its rows with it)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ukończona lekcja")
        verbose_name_plural = _("ukończone lekcje")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_completion_once")
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.lesson_id}"


PRETEST_NUMBER = 0


class QuizAttempt(models.Model):
    """One attempt at a quiz, numbered per enrolment; the shown order and answers are kept.

    A pre-test (`is_pretest`, number 0, at most one per enrolment) is drawn like any attempt but
    never passes, never counts towards the attempt limit, the best score or completion, and writes
    no rows for the question bank's statistics: it only measures what the learner knew before."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("numer podejścia"))
    started_at = models.DateTimeField(_("rozpoczęto"), default=timezone.now)
    submitted_at = models.DateTimeField(_("wysłano"), null=True, blank=True)
    layout = models.JSONField(_("kolejność pytań i odpowiedzi"), default=list)
    answers = models.JSONField(_("odpowiedzi"), default=dict, blank=True)
    correct_count = models.PositiveSmallIntegerField(default=0)
    question_count = models.PositiveSmallIntegerField(default=0)
    score_percent = models.PositiveSmallIntegerField(_("wynik (%)"), null=True, blank=True)
    passed = models.BooleanField(_("zaliczony"), default=False)
    late = models.BooleanField(_("po czasie"), default=False)
    is_pretest = models.BooleanField(_("test wstępny"), default=False)

    class Meta:
        verbose_name = _("podejście do testu")
        verbose_name_plural = _("podejścia do testów")
        ordering = ["enrolment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="quiz_attempt_number_unique"
            ),
            # At most one open (unsubmitted) attempt per enrolment and quiz (the pre-test aside).
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=models.Q(submitted_at__isnull=True, is_pretest=False),
                name="quiz_attempt_one_open",
            ),
            # The pre-test is number 0 (so at most one); attempts that count are numbered from 1.
            models.CheckConstraint(
                condition=models.Q(is_pretest=True, number=PRETEST_NUMBER)
                | models.Q(is_pretest=False, number__gte=1),
                name="quiz_attempt_pretest_is_number_0",
            ),
            models.CheckConstraint(
                condition=models.Q(score_percent__isnull=True) | models.Q(score_percent__lte=100),
                name="quiz_attempt_score_le_100",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment} – {self.quiz_id} #{self.number}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def deadline(self):
        limit = self.quiz.time_limit_minutes
        if not limit:
            return None
        return self.started_at + timezone.timedelta(minutes=limit)
