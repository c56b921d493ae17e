"""Bank questions and random draws in quizzes: each attempt keeps a snapshot of what it showed, so
grading, review and regrading never depend on the pools' current state."""

import logging
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from courses import quizzes, selectors, services
from courses.blocks import QuizStreamBlock, RandomFromPoolBlock
from courses.models import QuizAttempt, QuizPage
from courses.questionbank.models import Question, QuestionResponse
from tests import factories
from tests.factories import QuestionFactory, QuestionPoolFactory

pytestmark = pytest.mark.django_db


def draw(pool, count, *, difficulty="", tag=""):
    return (
        "random_from_pool",
        {"pool": pool, "count": count, "difficulty": difficulty, "tag": tag},
    )


def fixed(question):
    return ("bank_question", {"question": question})


def inline(block_type="single_choice", text="Pytanie w teście"):
    return (block_type, factories.question_value(block_type, text))


def quiz_with(*blocks, **fields):
    course = factories.course(questions=list(blocks), **fields)
    return QuizPage.objects.child_of(course).get()


@pytest.fixture
def pool():
    pool = QuestionPoolFactory(name="Legalizacja pobytu")
    for n in range(10):
        QuestionFactory(pool=pool, name=f"Pytanie {n}")
    return pool


def bank_ids(attempt):
    return [item["bank"] for item in attempt.layout if item["bank"]]


def test_random_draws_differ_per_attempt_are_stored_and_never_repeat_a_question(user, pool):
    quiz = quiz_with(inline(), draw(pool, 4), max_attempts=0)
    enrolment = services.enrol(user=user, course=quiz.get_parent().specific)
    draws = []
    for _ in range(5):
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
        attempt.refresh_from_db()
        draws.append(tuple(sorted(bank_ids(attempt))))
        assert len(attempt.layout) == 5
        assert len(set(bank_ids(attempt))) == 4
        services.submit_quiz(
            enrolment=enrolment,
            quiz=quiz,
            attempt_id=attempt.pk,
            data=factories.wrong_answers(attempt),
        )
        assert attempt.__class__.objects.get(pk=attempt.pk).question_count == 5

    assert len(set(draws)) > 1
    item = next(item for item in attempt.layout if item["bank"])
    assert item["q"] == f"bank-{item['bank']}"
    assert item["type"] == "single_choice"
    assert item["value"]["question"].startswith("Pytanie ")


def test_fixed_questions_are_never_drawn_again_and_two_draws_do_not_overlap(user, pool):
    questions = list(pool.questions.order_by("pk"))
    quiz = quiz_with(fixed(questions[0]), fixed(questions[1]), draw(pool, 4), draw(pool, 4))
    enrolment = services.enrol(user=user, course=quiz.get_parent().specific)

    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)

    ids = bank_ids(attempt)
    assert len(ids) == 10
    assert len(set(ids)) == 10
    assert ids[:2] == [questions[0].pk, questions[1].pk]  # the quiz keeps authored order


def test_draws_filter_by_difficulty_and_tag(user):
    pool = QuestionPoolFactory()
    hard = {QuestionFactory(pool=pool, difficulty="hard").pk for _ in range(3)}
    QuestionFactory(pool=pool, difficulty="easy")
    tagged = {QuestionFactory(pool=pool, tags=["Karta pobytu"]).pk for _ in range(2)}
    QuestionFactory(pool=pool, tags=["PESEL"])
    quiz = quiz_with(draw(pool, 3, difficulty="hard"), draw(pool, 2, tag="karta pobytu"))
    enrolment = services.enrol(user=user, course=quiz.get_parent().specific)

    ids = set(bank_ids(services.start_attempt(enrolment=enrolment, quiz=quiz)))

    assert ids == hard | tagged


def test_a_pool_that_shrank_gives_what_it_has_and_a_warning(user, pool, caplog):
    quiz = quiz_with(inline(), draw(pool, 8))
    Question.objects.filter(pk__in=list(pool.questions.values_list("pk", flat=True)[:7])).delete()
    enrolment = services.enrol(user=user, course=quiz.get_parent().specific)

    with caplog.at_level(logging.WARNING, logger="courses.quizzes"):
        attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    graded = services.submit_quiz(
        enrolment=enrolment,
        quiz=quiz,
        attempt_id=attempt.pk,
        data=factories.correct_answers(attempt),
    )

    assert len(bank_ids(attempt)) == 3
    assert "3 matching questions left, 8 asked for" in caplog.text
    assert graded.question_count == 4
    assert graded.score_percent == 100


# --- Submitting, statistics rows, regrading -----------------------------------------------------


@pytest.fixture
def graded(learner_client, enrolment_on, pool):
    """An attempt with an inline question, a fixed bank question of each new type and a draw of
    three, answered: inline and the draw right, the fixed ones wrong."""
    matching = QuestionFactory(pool=QuestionPoolFactory(), block_type="matching")
    ordering = QuestionFactory(pool=matching.pool, block_type="ordering")
    short = QuestionFactory(pool=matching.pool, block_type="short_answer")
    quiz = quiz_with(inline(), fixed(matching), fixed(ordering), fixed(short), draw(pool, 3))
    enrolment = enrolment_on(quiz)
    learner_client.get(quiz.url)
    attempt = QuizAttempt.objects.get(enrolment=enrolment)
    data = {"attempt": str(attempt.pk)}
    for item, question in quizzes.attempt_questions(attempt):
        right = question.block_type == "single_choice"
        data.update(factories.question_answer(question, item["a"], correctly=right))
    response = learner_client.post(quiz.url, data)
    assert response.status_code == HTTPStatus.FOUND
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def enrolment_on(user):
    def _enrol(quiz):
        return services.enrol(user=user, course=quiz.get_parent().specific)

    return _enrol


def outcome(attempt):
    attempt.refresh_from_db()
    rows = QuestionResponse.objects.filter(attempt=attempt).order_by("question_key")
    return (
        attempt.correct_count,
        attempt.question_count,
        attempt.score_percent,
        attempt.passed,
        [(row.question_key, row.correct, row.response) for row in rows],
    )


def test_submitting_writes_one_response_per_shown_question(graded):
    rows = list(QuestionResponse.objects.filter(attempt=graded))

    assert len(rows) == graded.question_count == 7
    assert graded.correct_count == 4
    by_key = {row.question_key: row for row in rows}
    for item in graded.layout:
        row = by_key[item["q"]]
        assert row.question_id == item["bank"]
        assert row.quiz_id == graded.quiz_id
        assert set(row.response) == {"chosen", "text"}
    short = next(
        row for row in rows if row.question and row.question.block.block_type == "short_answer"
    )
    assert short.response == {"chosen": "zdecydowanie nie to", "text": "zdecydowanie nie to"}
    assert not short.correct


def test_regrading_after_the_bank_changed_gives_the_same_result(graded, learner_client, pool):
    before = outcome(graded)
    review_before = learner_client.get(f"{graded.quiz.url}?wynik=1").content.decode()

    # A question edited: the right answer changed.
    first = Question.objects.get(pk=bank_ids(graded)[-1])
    value = factories.question_value("single_choice", "Zmienione pytanie")
    value["answers"][0]["correct"], value["answers"][1]["correct"] = True, False
    first.content = [("single_choice", value)]
    first.save()
    assert outcome(services.regrade_attempt(attempt=graded)) == before

    # A drawn question moved to another pool (answered questions cannot be deleted: their
    # responses protect them, see the bank's statistics).
    drawn = [pk for pk in bank_ids(graded) if Question.objects.get(pk=pk).pool_id == pool.pk]
    elsewhere = factories.QuestionPoolFactory(name="Inna pula")
    Question.objects.filter(pk=drawn[0]).update(pool=elsewhere)
    regraded = outcome(services.regrade_attempt(attempt=graded))
    assert regraded[:4] == before[:4]
    assert [row[1:] for row in regraded[4]] == [row[1:] for row in before[4]]

    # Every pool emptied (its questions moved out) and a question's text rewritten.
    Question.objects.all().update(pool=elsewhere)
    assert outcome(services.regrade_attempt(attempt=graded))[:4] == before[:4]
    assert graded.responses.filter(question__isnull=False).count() == len(bank_ids(graded))

    review_after = learner_client.get(f"{graded.quiz.url}?wynik=1").content.decode()
    assert review_after.count("quiz-result__question--correct") == 4
    assert "Zmienione pytanie" not in review_after
    for item in graded.layout:
        assert item["value"]["question"] in review_after
        assert item["value"]["question"] in review_before


def test_regrading_a_changed_grade_moves_the_best_score(graded):
    item = next(item for item in graded.layout if item["type"] == "ordering")
    item["value"]["items"] = list(reversed(item["value"]["items"]))  # as if graded wrongly before
    QuizAttempt.objects.filter(pk=graded.pk).update(layout=graded.layout)

    regraded = services.regrade_attempt(attempt=graded)

    assert regraded.correct_count == 5
    assert regraded.enrolment.__class__.objects.get(pk=graded.enrolment_id).best_score_percent == (
        round(100 * 5 / 7)
    )


# --- Authoring: validation and preview ----------------------------------------------------------


def test_a_draw_cannot_ask_for_more_questions_than_the_pool_has(pool, bank_snippets):
    block = RandomFromPoolBlock()
    QuestionFactory(pool=pool, difficulty="hard")

    block.clean(block.to_python({"pool": pool.pk, "count": 11}))
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"pool": pool.pk, "count": 12}))
    assert "Pasujących pytań w puli „Legalizacja pobytu”: 11. Nie można losować 12" in str(
        error.value.block_errors["count"]
    )
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"pool": pool.pk, "count": 2, "difficulty": "hard"}))
    assert "puli „Legalizacja pobytu”: 1." in str(error.value.block_errors["count"])


def test_a_quiz_cannot_take_more_from_a_pool_than_it_has_nor_a_question_twice(pool, bank_snippets):
    block = QuizStreamBlock()
    question = pool.questions.first()
    raw = [
        {"type": "bank_question", "value": {"question": question.pk}},
        {"type": "random_from_pool", "value": {"pool": pool.pk, "count": 5}},
        {"type": "random_from_pool", "value": {"pool": pool.pk, "count": 5}},
        {"type": "bank_question", "value": {"question": question.pk}},
    ]

    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))

    errors = error.value.block_errors
    assert set(errors) == {2, 3}
    assert "przekracza liczbę pytań w puli (10)" in str(errors[2].block_errors["count"])
    assert "jest już w tym teście" in str(errors[3].block_errors["question"])
    block.clean(block.to_python(raw[:2] + [{**raw[2], "value": {"pool": pool.pk, "count": 4}}]))


def test_the_preview_shows_bank_questions_and_a_sample_draw_with_a_note(pool):
    bank = QuestionFactory(pool=QuestionPoolFactory(), name="Z banku", block_type="ordering")
    quiz = quiz_with(inline(text="Pytanie wpisane w test"), fixed(bank), draw(pool, 3))

    questions = selectors.preview_questions(quiz=quiz)
    response = quiz.make_preview_request()
    response.render()
    html = response.content.decode()

    assert [q["type"] for q in questions] == ["single_choice", "ordering"] + ["single_choice"] * 3
    assert "Pytanie wpisane w test" in html
    assert "Z banku?" in html
    assert html.count("Pytania losowane z puli „Legalizacja pobytu”") == 1
    assert "każde podejście losuje pytania od nowa" in html
    assert "Wyślij odpowiedzi" not in html


# --- Cost -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("per_pool", [2, 8])
def test_the_quiz_page_with_two_random_pools_costs_the_same_whatever_it_draws(
    learner_client, enrolment_on, per_pool, django_assert_max_num_queries
):
    first, second = QuestionPoolFactory(), QuestionPoolFactory()
    for _ in range(8):
        QuestionFactory(pool=first, tags=["a"])
        QuestionFactory(pool=second, block_type="matching")
    quiz = quiz_with(inline(), draw(first, per_pool, tag="a"), draw(second, per_pool))
    enrolment_on(quiz)
    learner_client.get(factories.catalogue().url)  # warm per-process caches

    # The visit that starts the attempt and draws (and, first after the catalogue, reads the
    # index of EU-funded pages that the registration gate then keeps in the cache).
    with django_assert_max_num_queries(24):
        assert learner_client.get(quiz.url).status_code == HTTPStatus.OK
    with django_assert_max_num_queries(11):  # later visits read the snapshot only
        html = learner_client.get(quiz.url).content.decode()
    assert f"Liczba pytań: {1 + 2 * per_pool}" in html
