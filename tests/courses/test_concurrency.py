"""Two tabs, double clicks: concurrent requests create no duplicates (real PostgreSQL locking)."""

import pytest
from wagtail import hooks

from courses import services
from courses.models import Enrolment, LessonCompletion, LessonPage, QuizAttempt, QuizPage
from tests import factories
from tests.concurrency import run_concurrently
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def setup():
    user = UserFactory()
    course = factories.course(lessons=2)
    return user, course


def test_concurrent_enrolments_make_one(setup):
    user, course = setup

    results, errors = run_concurrently(lambda: services.enrol(user=user, course=course).pk)

    assert errors == []
    assert len(set(results)) == 1
    assert Enrolment.objects.filter(user=user, course=course).count() == 1


def test_concurrent_lesson_completions_make_one_row(setup):
    user, course = setup
    enrolment = services.enrol(user=user, course=course)
    lesson = LessonPage.objects.child_of(course).first()

    _results, errors = run_concurrently(
        lambda: services.complete_lesson(enrolment=enrolment, lesson=lesson)
    )

    assert errors == []
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1


def test_concurrent_quiz_submissions_grade_once_and_complete_once(setup):
    user, course = setup
    enrolment = services.enrol(user=user, course=course)
    for lesson in LessonPage.objects.child_of(course):
        services.complete_lesson(enrolment=enrolment, lesson=lesson)
    quiz = QuizPage.objects.child_of(course).get()
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    data = factories.correct_answers(attempt)
    completed = []

    def receiver(*, enrolment):
        completed.append(enrolment.pk)

    with hooks.register_temporarily(services.COMPLETION_HOOK, receiver):
        results, errors = run_concurrently(
            lambda: (
                services.submit_quiz(
                    enrolment=enrolment, quiz=quiz, attempt_id=attempt.pk, data=data
                ).pk
            )
        )

    assert errors == []
    assert set(results) == {attempt.pk}
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
    assert completed == [enrolment.pk]
    enrolment.refresh_from_db()
    assert enrolment.is_completed


def test_concurrent_quiz_openings_start_one_attempt(setup):
    user, course = setup
    enrolment = services.enrol(user=user, course=course)
    quiz = QuizPage.objects.child_of(course).get()

    results, errors = run_concurrently(
        lambda: services.start_attempt(enrolment=enrolment, quiz=quiz).pk
    )

    assert errors == []
    assert len(set(results)) == 1
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
