"""Writes for the learner's journey: enrol, complete a lesson, start and submit a quiz attempt.

Every function is idempotent and safe under concurrent requests (two tabs, double clicks): unique
constraints decide what exists, `select_for_update` serialises writes to one enrolment.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from courses import quizzes
from courses.editions import superseded_by
from courses.models import (
    PRETEST_NUMBER,
    Assignment,
    CompletionRule,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    QuizPage,
)
from courses.outline import course_pages
from courses.questionbank.models import Question, QuestionResponse
from courses.selectors import forget_enrolment, forget_learning_record, quiz_bank
from courses.signals import course_assigned
from lms.users.roles import let_trainers_add_pages_below

LATE_GRACE_SECONDS = 30
COMPLETION_HOOK = "lms_course_completed"


QuizSubmissionError = quizzes.QuizSubmissionError


def can_enrol(*, user, course: CoursePage) -> bool:
    """An open course takes anyone unless a later edition replaced it; anyone assigned may
    enrol."""
    if not user.is_authenticated:
        return False
    if course.is_open and superseded_by(course=course) is None:
        return True
    return Assignment.objects.filter(user=user, course=course).exists()


def enrol(*, user, course: CoursePage, source: str = Enrolment.Source.SELF) -> Enrolment:
    """Enrol the user (once); raises PermissionDenied for an invitation-only course not assigned
    and for an edition replaced by a later one."""
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    if not can_enrol(user=user, course=course):
        current = superseded_by(course=course)
        if current is not None:
            raise PermissionDenied(
                _(
                    "Ta edycja kursu nie przyjmuje już nowych zapisów. Zapisz się na aktualną "
                    "edycję: „%(title)s”."
                )
                % {"title": current.display_title}
            )
        raise PermissionDenied(_("Ten kurs jest dostępny tylko dla osób, którym go przypisano."))
    if Assignment.objects.filter(user=user, course=course).exists():
        source = Enrolment.Source.ASSIGNED
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, course=course, source=source)
    except IntegrityError:  # a concurrent request enrolled first
        return Enrolment.objects.get(user=user, course=course)


@transaction.atomic
def assign(*, users, course: CoursePage, assigned_by=None, deadline=None) -> int:
    """Assign a course to people and enrol them (as Moodle does), so that reports list them as
    "not started" from the first day. Idempotent: people who already have the course keep their
    assignment, deadline and progress. Returns how many new assignments were made.

    After commit `course_assigned` is sent once with the new assignments' ids (the notifications
    app e-mails those people).
    """
    users = list({user.pk: user for user in users}.values())
    if not users:
        return 0
    ids = [user.pk for user in users]
    already = set(
        Assignment.objects.filter(course=course, user_id__in=ids).values_list("user_id", flat=True)
    )
    now = timezone.now()
    new = [
        Assignment(
            user=user, course=course, assigned_by=assigned_by, assigned_at=now, deadline=deadline
        )
        for user in users
        if user.pk not in already
    ]
    # ignore_conflicts: a concurrent assignment of the same person wins quietly.
    Assignment.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                course=course,
                source=Enrolment.Source.ASSIGNED,
                enrolled_at=now,
                last_activity_at=now,
            )
            for user in users
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    for user in users:
        forget_enrolment(user_id=user.pk, course_id=course.pk)
    new_user_ids = [a.user_id for a in new]
    if new_user_ids:
        assignment_ids = list(
            Assignment.objects.filter(
                course=course, user_id__in=new_user_ids, assigned_at=now
            ).values_list("pk", flat=True)
        )
        transaction.on_commit(
            lambda: course_assigned.send(sender=Assignment, assignment_ids=assignment_ids)
        )
    return len(new)


@dataclass
class CourseStructure:
    """The live lessons and quiz of a course, in tree order (one query, plus one per page type)."""

    course: CoursePage
    items: list = field(default_factory=list)  # LessonPage, QuizPage and ModulePage, specific

    @property
    def lessons(self):
        return [item for item in self.items if isinstance(item, LessonPage)]

    @property
    def required_lesson_ids(self):
        return {lesson.pk for lesson in self.lessons if lesson.is_required}

    @property
    def quiz(self):
        return next((item for item in self.items if isinstance(item, QuizPage)), None)

    @property
    def needs_quiz(self):
        return (
            self.course.completion_rule == CompletionRule.LESSONS_AND_QUIZ and self.quiz is not None
        )


def course_structure(*, course: CoursePage) -> CourseStructure:
    return CourseStructure(course=course, items=course_pages(course))


def _progress(structure: CourseStructure, done_ids: set, quiz_passed: bool) -> int:
    required = structure.required_lesson_ids
    total = len(required) + (1 if structure.needs_quiz else 0)
    if total == 0:
        return 100
    done = len(required & done_ids) + (1 if structure.needs_quiz and quiz_passed else 0)
    return round(100 * done / total)


def _refresh(enrolment: Enrolment, structure: CourseStructure) -> bool:
    """Recompute progress and record completion when the rule is met. Returns True on completion.

    Call inside a transaction with the enrolment row locked.
    """
    done_ids = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
    quiz_passed = enrolment.quiz_attempts.filter(passed=True).exists()
    if enrolment.is_completed:
        # Completion is final: a lesson added later reopens nobody's course.
        return False
    enrolment.progress_percent = _progress(structure, done_ids, quiz_passed)
    rule_met = structure.required_lesson_ids <= done_ids and (
        quiz_passed or not structure.needs_quiz
    )
    if rule_met:
        enrolment.progress_percent = 100
        enrolment.completed_at = timezone.now()
    return rule_met


def _record_completion(enrolment: Enrolment) -> None:
    """Call after saving a newly completed enrolment, inside the same transaction.

    Apps that must act on a completion (certificates: the pending certificate and its number,
    written in this transaction so that a completion never lacks its certificate) register a
    Wagtail hook "lms_course_completed", called with `enrolment=`. Work that must wait for the
    commit is queued by the hook with `transaction.on_commit`.
    """
    for hook in hooks.get_hooks(COMPLETION_HOOK):
        hook(enrolment=enrolment)


def _touch(enrolment: Enrolment, **fields):
    enrolment.last_activity_at = timezone.now()
    for name, value in fields.items():
        setattr(enrolment, name, value)


VISIT_WRITE_INTERVAL = timezone.timedelta(minutes=5)


def record_lesson_visit(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """Remember where the learner is, for the "continue" button (rereading a page writes nothing)."""
    now = timezone.now()
    if (
        enrolment.last_lesson_id == lesson.pk
        and now - enrolment.last_activity_at < VISIT_WRITE_INTERVAL
    ):
        return
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)
    # A queryset update sends no post_save: forget the cached copy here.
    forget_enrolment(user_id=enrolment.user_id, course_id=enrolment.course_id)


@transaction.atomic
def complete_lesson(*, enrolment: Enrolment, lesson: LessonPage) -> Enrolment:
    """Mark a lesson done (idempotent) and complete the course when that was the last step."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    structure = course_structure(course=enrolment.course)
    if lesson.pk not in {item.pk for item in structure.lessons}:
        raise PermissionDenied(_("Ta lekcja nie należy do tego kursu."))
    LessonCompletion.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    _touch(enrolment, last_lesson=lesson)
    completed = _refresh(enrolment, structure)
    enrolment.save()
    if completed:
        _record_completion(enrolment)
    return enrolment


def attempts_used(*, enrolment: Enrolment, quiz: QuizPage) -> int:
    return QuizAttempt.objects.filter(
        enrolment=enrolment, quiz=quiz, submitted_at__isnull=False, is_pretest=False
    ).count()


def attempts_left(*, enrolment: Enrolment, quiz: QuizPage) -> int | None:
    if not quiz.max_attempts:
        return None
    return max(0, quiz.max_attempts - attempts_used(enrolment=enrolment, quiz=quiz))


@transaction.atomic
def start_attempt(*, enrolment: Enrolment, quiz: QuizPage) -> QuizAttempt | None:
    """The open attempt, or a new one; None when no attempts are left or the quiz is passed."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz, is_pretest=False)
    open_attempt = attempts.filter(submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    if attempts.filter(passed=True).exists():
        return None
    if attempts_left(enrolment=enrolment, quiz=quiz) == 0:
        return None
    number = attempts.count() + 1
    return _new_attempt(enrolment, quiz, number=number)


def _new_attempt(enrolment: Enrolment, quiz: QuizPage, *, number: int) -> QuizAttempt:
    """A new attempt with its own draw of the quiz's questions (the enrolment row locked)."""
    _touch(enrolment)
    enrolment.save(update_fields=["last_activity_at"])
    layout = quizzes.layout(quiz, bank=quiz_bank(quiz=quiz))
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=number,
        layout=layout,
        is_pretest=number == PRETEST_NUMBER,
    )


def pretest_available(*, enrolment: Enrolment, quiz: QuizPage) -> bool:
    """The quiz offers a pre-test and the learner has not started learning: no lesson done, no
    attempt at the final test submitted, no pre-test submitted, the course not completed."""
    if not quiz.pretest_enabled or enrolment.is_completed:
        return False
    if LessonCompletion.objects.filter(enrolment=enrolment).exists():
        return False
    return not QuizAttempt.objects.filter(
        enrolment=enrolment, quiz=quiz, submitted_at__isnull=False
    ).exists()


@transaction.atomic
def start_pretest(*, enrolment: Enrolment, quiz: QuizPage) -> QuizAttempt | None:
    """The learner's open pre-test, or a new one drawn from the final test's questions as any
    attempt is; None when no pre-test is available (see `pretest_available`)."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not pretest_available(enrolment=enrolment, quiz=quiz):
        return None
    pretest = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz, is_pretest=True).first()
    if pretest is not None:
        return pretest
    return _new_attempt(enrolment, quiz, number=PRETEST_NUMBER)


def parse_answers(*, attempt: QuizAttempt, data) -> dict:
    """Validate a submitted form against the attempt's own questions; raise on anything else."""
    return quizzes.parse(attempt, data)


def _grade(attempt: QuizAttempt) -> None:
    """Score the attempt from its snapshot and `answers`, and write one QuestionResponse per shown
    question (what the bank's statistics read). Call inside a transaction."""
    graded = quizzes.grade(attempt, attempt.answers)
    attempt.correct_count = sum(1 for result in graded if result.correct)
    attempt.question_count = len(attempt.layout)
    attempt.score_percent = round(100 * attempt.correct_count / max(1, attempt.question_count))
    attempt.passed = (
        attempt.score_percent >= attempt.quiz.pass_mark_percent
        and not attempt.late
        and not attempt.is_pretest
    )
    if attempt.is_pretest:
        return  # what learners knew before the course says nothing about the questions
    bank_ids = {result.question.bank_id for result in graded if result.question.bank_id}
    existing = set(Question.objects.filter(pk__in=bank_ids).values_list("pk", flat=True))
    QuestionResponse.objects.filter(attempt=attempt).delete()
    QuestionResponse.objects.bulk_create(
        QuestionResponse(
            attempt=attempt,
            quiz_id=attempt.quiz_id,
            question_id=result.question.bank_id if result.question.bank_id in existing else None,
            question_key=result.question.key,
            response=result.response,
            correct=result.correct,
        )
        for result in graded
    )


@transaction.atomic
def submit_quiz(*, enrolment: Enrolment, quiz: QuizPage, attempt_id: int, data) -> QuizAttempt:
    """Grade an attempt once; a second submit of the same attempt returns the first result."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    attempt = (
        QuizAttempt.objects.select_for_update()
        .select_related("quiz")
        .filter(pk=attempt_id, enrolment=enrolment, quiz=quiz)
        .first()
    )
    if attempt is None:
        raise QuizSubmissionError(
            _("To podejście nie dotyczy tego testu albo nie należy do Ciebie. Odśwież stronę.")
        )
    if attempt.is_submitted:
        return attempt
    if attempt.is_pretest and not pretest_available(enrolment=enrolment, quiz=quiz):
        raise QuizSubmissionError(
            _("Test wstępny można rozwiązać tylko przed rozpoczęciem nauki. Przejdź do lekcji.")
        )
    attempt.quiz = quiz
    attempt.answers = parse_answers(attempt=attempt, data=data)
    now = timezone.now()
    attempt.late = bool(
        attempt.deadline and now > attempt.deadline + timezone.timedelta(seconds=LATE_GRACE_SECONDS)
    )
    attempt.submitted_at = now
    _grade(attempt)
    attempt.save()
    if attempt.is_pretest:
        _touch(enrolment)
        enrolment.save(update_fields=["last_activity_at"])
        return attempt

    if enrolment.best_score_percent is None or attempt.score_percent > enrolment.best_score_percent:
        enrolment.best_score_percent = attempt.score_percent
    _touch(enrolment)
    completed = _refresh(enrolment, course_structure(course=enrolment.course))
    enrolment.save()
    if completed:
        _record_completion(enrolment)
    return attempt


@transaction.atomic
def regrade_attempt(*, attempt: QuizAttempt) -> QuizAttempt:
    """Grade a submitted attempt again from its own snapshot (never the quiz's or the pools' current
    questions, so editing or deleting them changes nothing), rewriting its QuestionResponse rows.
    The enrolment's best score follows; a course already completed stays completed, and a newly
    passed attempt completes it as a submission would."""
    enrolment = Enrolment.objects.select_for_update().get(pk=attempt.enrolment_id)
    attempt = QuizAttempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if not attempt.is_submitted:
        return attempt
    _grade(attempt)
    attempt.save()
    enrolment.best_score_percent = QuizAttempt.objects.filter(
        enrolment=enrolment, submitted_at__isnull=False, is_pretest=False
    ).aggregate(best=Max("score_percent"))["best"]
    completed = _refresh(enrolment, course_structure(course=enrolment.course))
    enrolment.save()
    forget_learning_record(enrolment=enrolment)
    if completed:
        _record_completion(enrolment)
    return attempt


TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")


def open_catalogue_to_trainers(*, index) -> None:
    """Let the Trainer role create courses in the catalogue: Wagtail's "add" page permission
    there (drafts only; what it means inside other trainers' courses is narrowed by
    `courses.permissions`). Idempotent."""
    let_trainers_add_pages_below(index)


@transaction.atomic
def publish_course_pages(*, course: CoursePage, user=None, submitted_at=None) -> int:
    """An administrator approved `course` in moderation: what its trainers prepared below it goes
    live with it (new modules, lessons and the quiz, and unpublished edits of them), published by
    the approver. Each page goes live as it stood when the course was submitted (`submitted_at`,
    when given): a later edit, which the reviewer has not seen, stays a draft. A page in a
    moderation of its own is left to it. Returns how many pages were published."""
    from wagtail.models import Page

    published = 0
    pages = Page.objects.descendant_of(course).filter(has_unpublished_changes=True).order_by("path")
    for page in pages:
        if page.workflow_in_progress:
            continue
        revisions = page.revisions.order_by("-created_at", "-pk")
        if submitted_at is not None:
            revisions = revisions.filter(created_at__lte=submitted_at)
        revision = revisions.first()
        if revision is None or revision.pk == page.live_revision_id:
            continue
        revision.publish(user=user)
        published += 1
    return published


@transaction.atomic
def sync_course_trainers(*, course: CoursePage) -> None:
    """Give the course's trainers edit rights on its subtree (publishing stays with administrators).

    Wagtail grants page permissions to groups, so each course has its own small group.
    """
    sync_page_trainers(page=course, group_name=f"Trenerzy kursu #{course.pk}")


@transaction.atomic
def sync_page_trainers(*, page, group_name: str) -> None:
    """Give the people in `page.trainers` "add" and "change" on the page's subtree through the
    page's own group `group_name` (created when missing; its members follow `page.trainers`).
    Courses and other trainer-authored pages (events) share it."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group, _created = Group.objects.get_or_create(name=group_name)
    for codename in TRAINER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    trainers = list(page.trainers.all())
    group.user_set.set(trainers)
