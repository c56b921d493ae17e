"""Reads that join several models, each in a fixed number of queries (whatever the course size)."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from courses import quizzes
from courses.editions import current_only
from courses.models import (
    Assignment,
    CoursePage,
    Enrolment,
    LessonCompletion,
    QuizAttempt,
    QuizPage,
    ThematicArea,
)
from courses.outline import OutlineEntry, course_outline
from courses.questionbank.models import Question, QuestionPool, QuestionTag
from lms.home.tree_cache import generation
from lms.search import query as search_query
from lms.search import selectors as search_selectors


def _with_covers(queryset):
    renditions = get_image_model().get_rendition_model().objects.all()
    return queryset.select_related("thematic_area", "cover_image").prefetch_related(
        Prefetch("cover_image__renditions", queryset=renditions)
    )


def areas_with_course_counts() -> list[ThematicArea]:
    """The programme's areas, each with `course_count`: the published current editions the
    catalogue lists under it (one query)."""
    listed = current_only(CoursePage.objects.live().public()).values("pk")
    return list(
        ThematicArea.objects.annotate(
            course_count=Count("courses", filter=Q(courses__in=listed), distinct=True)
        )
    )


def catalogue(*, index, user, params) -> dict:
    """Published courses of the catalogue (the current edition of each), filtered by area and a
    search phrase."""
    areas = list(ThematicArea.objects.all())
    area_slug = params.get("obszar", "")
    # The site search's index and query rules (Polish word forms, no diacritics needed; quotes,
    # operators and NUL are only separators), best match first.
    query = search_query.clean(params.get("q", ""))
    courses = _with_covers(current_only(CoursePage.objects.live().public().child_of(index)))
    selected_area = next((area for area in areas if area.slug == area_slug), None)
    if selected_area is not None:
        courses = courses.filter(thematic_area=selected_area)
    if query:
        ranked = search_selectors.ranked_page_ids(text=query, models=[CoursePage])
        position = {page_id: rank for rank, page_id in enumerate(ranked)}
        courses = sorted(courses.filter(pk__in=ranked), key=lambda course: position[course.pk])
    else:
        courses = list(courses.order_by("title"))

    enrolments, assigned = {}, set()
    if user.is_authenticated and courses:
        ids = [course.pk for course in courses]
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.with_started().filter(user=user, course_id__in=ids)
        }
        assigned = set(
            Assignment.objects.filter(user=user, course_id__in=ids).values_list(
                "course_id", flat=True
            )
        )
    cards = [
        {
            "course": course,
            "enrolment": enrolments.get(course.pk),
            "assigned": course.pk in assigned,
        }
        for course in courses
    ]
    return {
        "areas": areas,
        "selected_area": selected_area,
        "query": query,
        "cards": cards,
    }


@dataclass
class OutlineItem:
    page: OutlineEntry  # pk, kind, title, url, depth, is_required
    kind: str  # "module", "lesson" or "quiz"
    done: bool = False
    current: bool = False
    depth: int = 0


@dataclass
class CourseProgress:
    course: CoursePage
    enrolment: Enrolment | None
    outline: list
    assigned: Assignment | None
    best_attempt: QuizAttempt | None = None
    pretest: QuizAttempt | None = None  # the submitted pre-test

    @property
    def next_lesson(self):
        """The first lesson not done yet, for "continue"."""
        return next(
            (item.page for item in self.outline if item.kind == "lesson" and not item.done), None
        )

    def outline_key(self, current) -> str:
        """A key that changes whenever the rendered outline could (tree, progress, current page)."""
        activity = self.enrolment.last_activity_at.timestamp() if self.enrolment else 0
        enrolment = self.enrolment.pk if self.enrolment else 0
        return f"{generation()}:{self.course.pk}:{current.pk}:{enrolment}:{activity}"

    @property
    def continue_target(self):
        """Where "continue" leads: the lesson last opened while it is not done yet, else the first
        lesson not done after it (then before it), else the quiz while it is not passed; None
        when there is nothing left to do."""
        lessons = [item for item in self.outline if item.kind == "lesson"]
        last_id = self.enrolment.last_lesson_id if self.enrolment else None
        start = next((i for i, item in enumerate(lessons) if item.page.pk == last_id), 0)
        ahead = lessons[start:] + lessons[:start]
        quiz = next((item for item in self.outline if item.kind == "quiz"), None)
        left = [item for item in ahead if not item.done] + (
            [quiz] if quiz and not quiz.done else []
        )
        return left[0].page if left else None

    @property
    def quiz(self):
        return next((item.page for item in self.outline if item.kind == "quiz"), None)

    @property
    def pretest_offered(self) -> bool:
        """Whether to offer the pre-test (the quiz has one, the learner is enrolled and has not
        started learning: no lesson done, nothing submitted); `services.pretest_available` is
        the same rule, checked again when the pre-test starts."""
        quiz = self.quiz
        if quiz is None or not quiz.pretest or self.enrolment is None:
            return False
        if self.enrolment.is_completed or self.best_attempt or self.pretest:
            return False
        return not any(item.done for item in self.outline if item.kind == "lesson")


ENROLMENT_TTL = 5 * 60
_NOT_ENROLLED = "not-enrolled"


def enrolment_key(user_id, course_id) -> str:
    return f"courses:enrolment:{user_id}:{course_id}"


def cached_enrolment(*, user, course) -> Enrolment | None:
    """The user's enrolment on the course (or None), cached; every save or delete forgets it."""
    key = enrolment_key(user.pk, course.pk)
    found = cache.get(key)
    if found is None:
        found = Enrolment.objects.with_started().filter(user=user, course=course).first()
        found = found or _NOT_ENROLLED
        cache.set(key, found, ENROLMENT_TTL)
    return None if found == _NOT_ENROLLED else found


def forget_enrolment(*, user_id, course_id) -> None:
    """Drop the cached enrolment now and again after commit (a reader may have re-cached it)."""
    key = enrolment_key(user_id, course_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _record_key(enrolment: Enrolment) -> str:
    return f"courses:record:{enrolment.pk}:{enrolment.last_activity_at.timestamp()}"


def forget_learning_record(*, enrolment: Enrolment) -> None:
    """Drop the cached record after a change that is not the learner's activity (a regrade)."""
    key = _record_key(enrolment)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _learning_record(enrolment: Enrolment):
    """Done lesson ids, the best quiz attempt and the submitted pre-test (if any), cached until
    the learner's next activity.

    Every write to an enrolment's record (a lesson done, an attempt started or graded) moves
    `last_activity_at`, which is part of the key, so a stale record is never read (a regrade,
    which is no activity, calls `forget_learning_record`).
    """
    key = _record_key(enrolment)
    record = cache.get(key)
    if record is None:
        done_ids = set(
            LessonCompletion.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True)
        )
        submitted = list(
            QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__isnull=False)
            .defer("layout", "answers")
            .order_by("-score_percent", "number")
        )
        best = next((attempt for attempt in submitted if not attempt.is_pretest), None)
        pretest = next((attempt for attempt in submitted if attempt.is_pretest), None)
        record = (done_ids, best, pretest)
        cache.set(key, record, 60 * 60)
    return record


def course_progress(
    *, course: CoursePage, user, current=None, with_assignment=True
) -> CourseProgress:
    """The course outline with this learner's ticks; a fixed number of queries (outline cached)."""
    entries = course_outline(course)
    enrolment = assigned = None
    done_ids, quiz_passed, best, pretest = set(), False, None, None
    if user.is_authenticated:
        enrolment = cached_enrolment(user=user, course=course)
        untouched = enrolment is None or (
            enrolment.source == Enrolment.Source.ASSIGNED and not enrolment.has_started
        )
        if with_assignment and untouched:
            assigned = Assignment.objects.filter(user=user, course=course).first()
    if enrolment is not None:
        done_ids, best, pretest = _learning_record(enrolment)
        quiz_passed = bool(best and best.passed)
    outline = [
        OutlineItem(
            page=entry,
            kind=entry.kind,
            depth=entry.depth,
            done=(entry.pk in done_ids)
            if entry.kind == "lesson"
            else (entry.kind == "quiz" and quiz_passed),
            current=current is not None and entry.pk == current.pk,
        )
        for entry in entries
    ]
    return CourseProgress(
        course=course,
        enrolment=enrolment,
        outline=outline,
        assigned=assigned,
        best_attempt=best,
        pretest=pretest,
    )


def dashboard(*, user) -> dict:
    """ "My training": in progress, assigned (not started) and completed, one query each."""
    enrolments = list(
        Enrolment.objects.with_started()
        .filter(user=user)
        .select_related("course", "course__thematic_area")
        .order_by("-last_activity_at")
    )
    deadlines = dict(Assignment.objects.filter(user=user).values_list("course_id", "deadline"))
    today = timezone.localdate()
    for enrolment in enrolments:
        enrolment.deadline = deadlines.get(enrolment.course_id)
        enrolment.is_overdue = bool(
            enrolment.deadline and not enrolment.is_completed and enrolment.deadline < today
        )
    # An assigned course the learner has not opened yet is "assigned", not "in progress".
    untouched = [
        e for e in enrolments if e.source == Enrolment.Source.ASSIGNED and not e.has_started
    ]
    untouched_ids = {e.pk for e in untouched}
    return {
        "in_progress": [e for e in enrolments if not e.is_completed and e.pk not in untouched_ids],
        "completed": [e for e in enrolments if e.is_completed],
        "assigned": sorted(
            (e for e in untouched if e.course.live),
            key=lambda e: (e.deadline is None, e.deadline or e.enrolled_at.date()),
        ),
    }


def quiz_bank(*, quiz: QuizPage) -> quizzes.BankSources:
    """The bank questions the quiz's `bank_question` and `random_from_pool` blocks can show, in two
    queries whatever the number of blocks and questions (none when the quiz uses no bank)."""
    fixed, pool_ids, tagged = set(), set(), False
    for child in quiz.questions.raw_data:
        if child["type"] == quizzes.BANK_QUESTION and child["value"].get("question"):
            fixed.add(child["value"]["question"])
        elif child["type"] == quizzes.RANDOM_FROM_POOL and child["value"].get("pool"):
            pool_ids.add(child["value"]["pool"])
            tagged = tagged or bool((child["value"].get("tag") or "").strip())
    if not fixed and not pool_ids:
        return quizzes.BankSources(questions={}, pools={})
    found = list(Question.objects.filter(Q(pk__in=fixed) | Q(pool_id__in=pool_ids)).order_by("pk"))
    tags = defaultdict(set)
    if tagged:
        rows = QuestionTag.objects.filter(content_object__pool_id__in=pool_ids).values_list(
            "content_object_id", "tag__name"
        )
        for question_id, name in rows:
            tags[question_id].add(name.casefold())
    pools = defaultdict(list)
    for question in found:
        question.tag_names = tags[question.pk]
        if question.pool_id in pool_ids:
            pools[question.pool_id].append(question)
    return quizzes.BankSources(
        questions={question.pk: question for question in found if question.pk in fixed},
        pools=dict(pools),
    )


def pool_question_count(*, pool_id: int, difficulty: str = "", tag: str = "") -> int:
    """How many questions of a pool a `random_from_pool` block with these filters can draw."""
    questions = Question.objects.filter(pool_id=pool_id)
    if difficulty:
        questions = questions.filter(difficulty=difficulty)
    if tag.strip():
        questions = questions.filter(tags__name__iexact=tag.strip())
    return questions.distinct().count()


def quiz_questions(
    *, attempt: QuizAttempt, reveal: bool = False, draft=None, errors: dict | None = None
) -> list[dict]:
    """Questions in the attempt's order (from its snapshot); correct answers, feedback and the
    explanation only when `reveal` (after submitting); a rejected form's answers (`draft`, the
    POST) shown again with each question's problem (`errors`)."""
    return quizzes.show(attempt, reveal=reveal, draft=draft, errors=errors)


def preview_questions(*, quiz: QuizPage) -> list[dict]:
    """The questions in authored order for an editor's preview (no attempt, no answers): inline
    and bank questions, and a sample draw for each random block, its first question carrying a
    `note` that questions are drawn anew for every attempt."""
    layout = quizzes.layout(quiz, bank=quiz_bank(quiz=quiz), shuffle=False)
    questions = quizzes.show(QuizAttempt(quiz=quiz, layout=layout))
    draws = {
        child["id"]: child["value"]
        for child in quiz.questions.raw_data
        if child["type"] == quizzes.RANDOM_FROM_POOL
    }
    pool_names = _pool_names({value.get("pool") for value in draws.values()})
    drawn = Counter(question["draw"] for question in questions if question["draw"])
    noted = set()
    for question in questions:
        draw = draws.get(question["draw"])
        if draw is None or question["draw"] in noted:
            continue
        noted.add(question["draw"])
        question["note"] = _(
            "Pytania losowane z puli „%(pool)s”: poniżej przykładowe losowanie, każde podejście "
            "losuje pytania od nowa."
        ) % {"pool": pool_names.get(draw.get("pool"), "")}
        asked = draw.get("count") or 0
        if drawn[question["draw"]] < asked:
            question["note"] += " " + _(
                "W puli brakuje pasujących pytań: wylosowano %(count)d z %(asked)d."
            ) % {"count": drawn[question["draw"]], "asked": asked}
    return questions


def _pool_names(pool_ids) -> dict:
    ids = {pk for pk in pool_ids if pk}
    if not ids:
        return {}
    return dict(QuestionPool.objects.filter(pk__in=ids).values_list("pk", "name"))


class AuthoringState:
    """Where a course stands on its way to learners (as its trainer sees it)."""

    DRAFT = "draft"
    IN_MODERATION = "in_moderation"
    NEEDS_CHANGES = "needs_changes"
    PUBLISHED = "published"


@dataclass(frozen=True)
class AuthoredCourse:
    course: object  # the course's wagtailcore Page
    state: str
    has_unpublished_changes: bool


def authored_courses(*, user) -> list[AuthoredCourse]:
    """The courses `user` trains (drafts included), newest edits first, each with its state in
    the moderation workflow (two queries, whatever the number of courses)."""
    from wagtail.models import Page, WorkflowState

    # Plain pages: Wagtail prefetches workflow states on Page querysets (they hold the fields
    # shown here: title, live, unpublished changes).
    courses = (
        Page.objects.filter(coursepage__trainers=user)
        .prefetch_workflow_states()
        .order_by("-latest_revision_created_at", "title")
    )
    authored = []
    for course in courses:
        workflow_state = course.current_workflow_state
        if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            state = AuthoringState.IN_MODERATION
        elif (
            workflow_state is not None
            and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ):
            state = AuthoringState.NEEDS_CHANGES
        elif course.live:
            state = AuthoringState.PUBLISHED
        else:
            state = AuthoringState.DRAFT
        authored.append(
            AuthoredCourse(
                course=course,
                state=state,
                has_unpublished_changes=course.live and course.has_unpublished_changes,
            )
        )
    return authored
