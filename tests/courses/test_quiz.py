from http import HTTPStatus

import pytest

from courses import services
from courses.models import Enrolment, QuizAttempt, QuizPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(learner_client, enrolment, quiz):
    """The learner opens the quiz page, which starts attempt 1."""
    learner_client.get(quiz.url)
    return QuizAttempt.objects.get(enrolment=enrolment, quiz=quiz)


def post(client, quiz, data):
    return client.post(quiz.url, data)


def test_correct_answers_never_reach_the_browser_before_submitting(learner_client, enrolment, quiz):
    html = learner_client.get(quiz.url).content.decode()

    assert "Pytanie jednokrotnego wyboru 1" in html
    assert "Wyjaśnienie." not in html  # explanations come after submitting
    assert "correct" not in html.lower().replace("incorrect", "")


def test_passing_the_quiz_shows_score_feedback_and_completes(
    learner_client, enrolment, lessons, quiz, attempt
):
    for lesson in lessons:
        services.complete_lesson(enrolment=enrolment, lesson=lesson)

    response = post(learner_client, quiz, factories.correct_answers(attempt))
    result = learner_client.get(response["Location"])

    html = result.content.decode()
    assert "Test zaliczony" in html
    assert "100%" in html
    assert "Wyjaśnienie." in html
    enrolment.refresh_from_db()
    assert enrolment.is_completed
    assert enrolment.best_score_percent == 100


def test_failing_shows_remaining_attempts_and_a_new_attempt_starts(
    learner_client, enrolment, quiz, attempt
):
    response = post(learner_client, quiz, factories.wrong_answers(attempt))
    result = learner_client.get(response["Location"]).content.decode()

    assert "Test niezaliczony" in result
    assert "Pozostałe podejścia: 2" in result
    learner_client.get(quiz.url)
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 2
    assert list(QuizAttempt.objects.values_list("number", flat=True)) == [1, 2]


def test_attempt_limit_is_enforced(learner_client, user):
    course = factories.course(max_attempts=1)
    enrolment = services.enrol(user=user, course=course)
    quiz = course.get_children().type(QuizPage).get().specific
    learner_client.get(quiz.url)
    attempt = QuizAttempt.objects.get(enrolment=enrolment)
    post(learner_client, quiz, factories.wrong_answers(attempt))

    page = learner_client.get(quiz.url).content.decode()

    assert "Wykorzystano wszystkie podejścia" in page
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_submitting_the_same_attempt_twice_grades_it_once(learner_client, enrolment, quiz, attempt):
    data = factories.wrong_answers(attempt)
    post(learner_client, quiz, data)
    second = post(learner_client, quiz, factories.correct_answers(attempt))

    assert second.status_code == HTTPStatus.FOUND
    attempt.refresh_from_db()
    assert not attempt.passed  # the first submission stands
    assert QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__isnull=False).count() == 1


def test_shuffling_changes_order_per_attempt_but_grading_still_works(user):
    course = factories.course(questions=8, max_attempts=0)
    quiz = course.get_children().type(QuizPage).get().specific
    quiz.shuffle_questions = quiz.shuffle_answers = True
    quiz.save()
    enrolment = services.enrol(user=user, course=course)
    orders = set()
    for _ in range(6):
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
        orders.add(tuple(item["q"] for item in attempt.layout))
        services.submit_quiz(
            enrolment=enrolment,
            quiz=quiz,
            attempt_id=attempt.pk,
            data=factories.wrong_answers(attempt),
        )

    final = services.start_attempt(enrolment=enrolment, quiz=quiz)
    graded = services.submit_quiz(
        enrolment=enrolment, quiz=quiz, attempt_id=final.pk, data=factories.correct_answers(final)
    )
    assert len(orders) > 1
    assert graded.score_percent == 100


# --- Tampered posts: a clear message, nothing changes -------------------------------------------


def assert_rejected(response, message, enrolment, status=HTTPStatus.BAD_REQUEST):
    assert response.status_code == status
    assert message in response.content.decode()
    assert not QuizAttempt.objects.filter(enrolment=enrolment, submitted_at__isnull=False).exists()
    enrolment.refresh_from_db()
    assert enrolment.best_score_percent is None


def test_unknown_question_id_is_rejected(learner_client, enrolment, quiz, attempt):
    data = factories.correct_answers(attempt)
    data["q-00000000-0000-0000-0000-000000000000"] = ["x"]

    assert_rejected(
        post(learner_client, quiz, data), "pola, które nie należą do tego testu", enrolment
    )


def test_answers_from_another_quiz_are_rejected(learner_client, user, enrolment, quiz, attempt):
    other = factories.course(title="Inny kurs")
    other_quiz = other.get_children().type(QuizPage).get().specific
    other_attempt = services.start_attempt(
        enrolment=services.enrol(user=user, course=other), quiz=other_quiz
    )
    data = factories.correct_answers(other_attempt)
    data["attempt"] = str(attempt.pk)

    assert_rejected(post(learner_client, quiz, data), "nie należą do tego testu", enrolment)


def test_attempt_of_another_quiz_is_rejected(learner_client, user, enrolment, quiz):
    other = factories.course(title="Inny kurs")
    other_quiz = other.get_children().type(QuizPage).get().specific
    other_attempt = services.start_attempt(
        enrolment=services.enrol(user=user, course=other), quiz=other_quiz
    )

    response = post(learner_client, quiz, factories.correct_answers(other_attempt))

    assert_rejected(response, "nie dotyczy tego testu", enrolment)
    assert not other_attempt.__class__.objects.filter(submitted_at__isnull=False).exists()


def test_answer_id_from_another_question_is_rejected(learner_client, enrolment, quiz, attempt):
    data = factories.correct_answers(attempt)
    first, second = attempt.layout[0]["q"], attempt.layout[1]["q"]
    data[f"q-{first}"] = data[f"q-{second}"]

    assert_rejected(post(learner_client, quiz, data), "Nieprawidłowa odpowiedź", enrolment)


def test_extra_field_is_rejected(learner_client, enrolment, quiz, attempt):
    data = factories.correct_answers(attempt)
    data["score"] = "100"

    assert_rejected(post(learner_client, quiz, data), "nie należą do tego testu", enrolment)


def test_missing_answers_are_rejected_and_the_attempt_stays_open(
    learner_client, enrolment, quiz, attempt
):
    data = factories.correct_answers(attempt)
    del data[f"q-{attempt.layout[0]['q']}"]

    response = post(learner_client, quiz, data)

    assert_rejected(response, "Odpowiedz na wszystkie pytania (bez odpowiedzi: 1)", enrolment)
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_two_answers_to_a_single_choice_question_are_rejected(
    learner_client, enrolment, quiz, attempt
):
    data = factories.correct_answers(attempt)
    single = next(
        item
        for item in attempt.layout
        if quiz.question_map[item["q"]].block_type == "single_choice"
    )
    data[f"q-{single['q']}"] = single["a"][:2]

    assert_rejected(post(learner_client, quiz, data), "tylko jedną odpowiedź", enrolment)


def test_huge_payload_is_rejected(learner_client, enrolment, quiz, attempt):
    data = factories.correct_answers(attempt)
    data["csrfmiddlewaretoken"] = "x" * 100_000

    response = post(learner_client, quiz, data)

    assert_rejected(response, "za duży", enrolment, status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)


def test_missing_attempt_number_is_rejected(learner_client, enrolment, quiz, attempt):
    data = factories.correct_answers(attempt)
    del data["attempt"]

    assert_rejected(post(learner_client, quiz, data), "Brakuje numeru podejścia", enrolment)


def test_quiz_of_a_course_the_user_is_not_enrolled_in(learner_client, user, quiz):
    response = learner_client.post(quiz.url, {"attempt": "1"})

    assert response.status_code == HTTPStatus.FOUND  # back to the course page, to enrol
    assert not Enrolment.objects.filter(user=user).exists()
    assert not QuizAttempt.objects.exists()


def test_someone_elses_attempt_is_rejected(learner_client, enrolment, quiz):
    from tests.factories import UserFactory

    other = services.enrol(user=UserFactory(), course=enrolment.course)
    their_attempt = services.start_attempt(enrolment=other, quiz=quiz)
    learner_client.get(quiz.url)

    response = post(learner_client, quiz, factories.correct_answers(their_attempt))

    assert_rejected(response, "nie należy do Ciebie", enrolment)
    their_attempt.refresh_from_db()
    assert not their_attempt.is_submitted


def test_the_preview_and_a_graded_attempt_agree_on_questions_answers_and_correctness(
    enrolment, quiz
):
    from courses import quizzes, selectors

    preview = selectors.preview_questions(quiz=quiz)
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    graded = services.submit_quiz(
        enrolment=enrolment,
        quiz=quiz,
        attempt_id=attempt.pk,
        data=factories.correct_answers(attempt),
    )
    revealed = selectors.quiz_questions(attempt=graded, reveal=True)

    assert [q["id"] for q in preview] == [question.id for question in quiz.questions]
    assert {q["id"]: {a["id"] for a in q["answers"]} for q in preview} == {
        q["id"]: {a["id"] for a in q["answers"]} for q in revealed
    }
    assert all(q["is_correct"] for q in revealed)
    assert graded.score_percent == 100
    for question in quiz.questions:
        assert quizzes.is_correct(question, quizzes.correct_ids(question))
        assert not quizzes.is_correct(question, quizzes.answer_ids(question))
