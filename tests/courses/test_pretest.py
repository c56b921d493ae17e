"""The optional pre-test: offered before the first lesson, drawn from the final test's
questions, and never an attempt that counts (no pass, no attempt used, no best score, no
completion, no bank statistics)."""

from http import HTTPStatus

import pytest

from courses import quizzes, services
from courses.models import QuizAttempt
from courses.questionbank.models import QuestionResponse
from tests import factories

pytestmark = pytest.mark.django_db


def answer(attempt, *, right: int) -> dict:
    """The form for `attempt` with its first `right` questions answered correctly."""
    data = {"attempt": str(attempt.pk)}
    for index, (item, question) in enumerate(quizzes.attempt_questions(attempt)):
        data.update(factories.question_answer(question, item["a"], correctly=index < right))
    return data


@pytest.fixture
def pretest_quiz(quiz):
    quiz.pretest_enabled = True
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


def test_the_course_page_offers_the_pretest_until_learning_starts(
    learner_client, enrolment, pretest_quiz, lessons, course
):
    assert "Rozwiąż test wstępny" in learner_client.get(course.url).content.decode()

    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])

    assert "Rozwiąż test wstępny" not in learner_client.get(course.url).content.decode()
    response = learner_client.get(f"{pretest_quiz.url}?wstepny=1", follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "Test wstępny można rozwiązać tylko przed rozpoczęciem nauki." in (
        response.content.decode()
    )
    assert not QuizAttempt.objects.filter(is_pretest=True).exists()


def test_a_perfect_pretest_counts_for_nothing_but_the_knowledge_report(
    learner_client, enrolment, pretest_quiz, course
):
    form = learner_client.get(f"{pretest_quiz.url}?wstepny=1")
    assert form.status_code == HTTPStatus.OK
    assert "Test wstępny: Test końcowy" in form.content.decode()
    pretest = QuizAttempt.objects.get(enrolment=enrolment)
    assert (pretest.is_pretest, pretest.number, len(pretest.layout)) == (True, 0, 4)

    response = learner_client.post(
        f"{pretest_quiz.url}?wstepny=1", answer(pretest, right=4), follow=True
    )

    page = response.content.decode()
    assert "Twój wynik: 100%" in page
    assert "Dobrze:" not in page  # no answers revealed: the final test asks the same
    pretest.refresh_from_db()
    enrolment.refresh_from_db()
    assert (pretest.score_percent, pretest.passed) == (100, False)
    assert (enrolment.best_score_percent, enrolment.completed_at) == (None, None)
    assert services.attempts_left(enrolment=enrolment, quiz=pretest_quiz) == 3
    assert not QuestionResponse.objects.filter(attempt=pretest).exists()
    assert not services.pretest_available(enrolment=enrolment, quiz=pretest_quiz)

    first = services.start_attempt(enrolment=enrolment, quiz=pretest_quiz)
    assert (first.number, first.is_pretest) == (1, False)
    graded = services.submit_quiz(
        enrolment=enrolment, quiz=pretest_quiz, attempt_id=first.pk, data=answer(first, right=2)
    )
    enrolment.refresh_from_db()
    assert (graded.score_percent, enrolment.best_score_percent) == (50, 50)
    assert services.attempts_left(enrolment=enrolment, quiz=pretest_quiz) == 2


def test_an_open_pretest_is_refused_once_a_lesson_is_done(
    enrolment, pretest_quiz, lessons, learner_client
):
    pretest = services.start_pretest(enrolment=enrolment, quiz=pretest_quiz)
    services.complete_lesson(enrolment=enrolment, lesson=lessons[0])

    with pytest.raises(services.QuizSubmissionError):
        services.submit_quiz(
            enrolment=enrolment,
            quiz=pretest_quiz,
            attempt_id=pretest.pk,
            data=answer(pretest, right=4),
        )
    pretest.refresh_from_db()
    assert pretest.submitted_at is None


def test_no_pretest_unless_the_quiz_offers_one(learner_client, enrolment, quiz, course):
    assert "Rozwiąż test wstępny" not in learner_client.get(course.url).content.decode()
    response = learner_client.get(f"{quiz.url}?wstepny=1")

    assert response.status_code == HTTPStatus.FOUND
    assert services.start_pretest(enrolment=enrolment, quiz=quiz) is None
