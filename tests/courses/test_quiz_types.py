"""The six question types, end to end: shown, answered, graded, reviewed; and forged posts."""

import random
from http import HTTPStatus

import pytest

from courses import quizzes, selectors, services
from courses.models import QuizAttempt, QuizPage
from courses.questionbank.models import QuestionResponse
from tests import factories

pytestmark = pytest.mark.django_db

TYPES = ["single_choice", "multiple_choice", "true_false", "short_answer", "matching", "ordering"]


def question(block_type, **changes):
    """A snapshot question of the type (as an attempt would show it), shown in authored order."""
    item = quizzes.snapshot(
        key="q1",
        block_type=block_type,
        raw_value={**factories.question_value(block_type), **changes},
        shuffle=False,
        rng=random.Random(1),
    )
    return quizzes.question_of(item, quiz=None), item


def graded(block_type, data, **changes):
    return is_right(*question(block_type, **changes), data)


def is_right(q, item, data):
    chosen = q.kind.parse(q.key, item["a"], q.value, data)
    return chosen is not None and q.kind.is_correct(q.value, chosen)


# --- Grading ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("urząd", True),
        ("URZĄD", True),
        ("urzad", True),  # without Polish letters
        ("  Urząd \t  wojewódzki ", True),  # whitespace normalised, second accepted spelling
        ("URZAD WOJEWODZKI", True),
        ("urza\u0328d", True),  # "ą" typed as a + combining ogonek
        ("urzędnik", False),
        ("urząd miasta", False),
    ],
)
def test_short_answer_accepts_every_spelling_ignoring_case_and_polish_letters(typed, right):
    assert graded("short_answer", {"q-q1": typed}) is right


def test_short_answer_case_and_diacritics_count_when_the_author_says_so():
    strict = {"case_sensitive": True, "ignore_diacritics": False}

    assert graded("short_answer", {"q-q1": "urząd"}, **strict)
    assert not graded("short_answer", {"q-q1": "Urząd"}, **strict)
    assert not graded("short_answer", {"q-q1": "urzad"}, **strict)
    assert graded("short_answer", {"q-q1": "Urzad"}, case_sensitive=False, ignore_diacritics=True)
    assert not graded("short_answer", {"q-q1": "Urzad"}, case_sensitive=True)


@pytest.mark.parametrize(
    ("typed", "right"),
    [("Łódź Żółć", True), ("lodz zolc", True), ("LODZ ZOLC", True), ("lodz zolw", False)],
)
def test_every_polish_letter_folds_including_l_with_stroke(typed, right):
    accepted = {"accepted": ["łódź żółć"], "ignore_diacritics": True}
    assert graded("short_answer", {"q-q1": typed}, **accepted) is right
    assert quizzes.normalise_text(
        "ĄĆĘŁŃÓŚŹŻąćęłńóśźż", case_sensitive=True, ignore_diacritics=True
    ) == ("ACELNOSZZacelnoszz")


def matching_form(q, item, matches):
    """Each element of the matching question given the match with that text."""
    position = {text: pos for pos, _id, text in q.kind.options(q.value, item["a"])}
    return {
        f"q-q1-{pair_id}": position[match]
        for pair_id, match in zip(q.kind.pairs(q.value), matches, strict=True)
    }


def test_matching_is_right_only_when_every_pair_is():
    q, item = question("matching")
    right = matching_form(q, item, ["Odpowiedź 1", "Odpowiedź 2", "Odpowiedź 3"])
    one_wrong = matching_form(q, item, ["Odpowiedź 1", "Odpowiedź 3", "Odpowiedź 3"])

    assert is_right(q, item, right)
    assert not is_right(q, item, one_wrong)
    chosen = q.kind.parse("q1", item["a"], q.value, right)
    assert q.kind.summary(q.value, chosen) == (
        "Element A → Odpowiedź 1; Element B → Odpowiedź 2; Element C → Odpowiedź 3"
    )


def test_matching_with_two_equal_matches_offers_one_option_and_accepts_it_for_both():
    pairs = [
        {"prompt": "Karta pobytu", "match": "Urząd wojewódzki"},
        {"prompt": "Zezwolenie na pracę", "match": "Urząd wojewódzki"},
        {"prompt": "PESEL", "match": "Gmina"},
    ]
    q, item = question("matching", pairs=pairs)

    options = [text for _pos, _id, text in q.kind.options(q.value, item["a"])]
    form = matching_form(q, item, ["Urząd wojewódzki", "Urząd wojewódzki", "Gmina"])
    assert sorted(options) == ["Gmina", "Urząd wojewódzki"]
    assert q.kind.is_correct(q.value, q.kind.parse("q1", item["a"], q.value, form))


def test_ordering_is_right_only_in_the_exact_order():
    q, item = question("ordering")
    ids = list(q.kind.items(q.value))

    def form(order):
        return {f"q-q1-{ids[i]}": str(n) for n, i in enumerate(order, start=1)}

    assert is_right(q, item, form([0, 1, 2]))
    assert not is_right(q, item, form([1, 0, 2]))
    chosen = q.kind.parse("q1", item["a"], q.value, form([2, 0, 1]))
    assert q.kind.summary(q.value, chosen) == "1. Trzeci; 2. Pierwszy; 3. Drugi"


def test_ordering_items_are_never_shown_already_in_order():
    for seed in range(30):
        item = quizzes.snapshot(
            key="q1",
            block_type="ordering",
            raw_value={"question": "?", "items": ["A", "B"]},
            shuffle=True,
            rng=random.Random(seed),
        )
        q = quizzes.question_of(item, quiz=None)
        assert [q.kind.items(q.value)[i] for i in item["a"]] == ["B", "A"]


# --- End to end ---------------------------------------------------------------------------------


@pytest.fixture
def course(db):
    return factories.course(
        questions=[(t, factories.question_value(t, f"Pytanie typu {t}")) for t in TYPES],
        pass_mark=100,
    )


@pytest.fixture
def quiz(course):
    return QuizPage.objects.child_of(course).get()


@pytest.fixture
def attempt(learner_client, enrolment, quiz):
    learner_client.get(quiz.url)
    return QuizAttempt.objects.get(enrolment=enrolment, quiz=quiz)


def test_the_form_shows_each_type_with_labelled_controls_and_no_answers(
    learner_client, enrolment, quiz
):
    html = learner_client.get(quiz.url).content.decode()
    attempt = QuizAttempt.objects.get(enrolment=enrolment)

    assert "Liczba pytań: 6" in html
    assert html.count('<select id="q-') == 3 + 3  # three matching elements, three items to order
    assert 'type="text"' in html
    assert "Twoja odpowiedź" in html
    assert "Ustal kolejność" in html
    assert "Do każdego elementu wybierz" in html
    for text in ["urząd wojewódzki", "Wyjaśnienie", "Tak, właśnie tak."]:
        assert text not in html
    matching = next(item for item in attempt.layout if item["type"] == "matching")
    for pair_id in matching["a"]:  # the options never name the pair they belong to
        assert f'value="{pair_id}"' not in html


def submit(client, quiz, data) -> str:
    """Send the form; the result page the learner is sent to."""
    response = client.post(quiz.url, data)
    assert response.status_code == HTTPStatus.FOUND
    return client.get(response["Location"]).content.decode()


def test_right_answers_of_every_type_pass_and_each_is_recorded_with_a_summary(
    learner_client, enrolment, quiz, attempt
):
    html = submit(learner_client, quiz, factories.correct_answers(attempt))

    assert "Test zaliczony" in html
    assert "(6 z 6 poprawnych odpowiedzi)" in html
    attempt.refresh_from_db()
    assert attempt.score_percent == 100
    rows = {row.question_key: row for row in QuestionResponse.objects.filter(attempt=attempt)}
    assert set(rows) == {item["q"] for item in attempt.layout}
    assert all(
        row.correct and row.quiz_id == quiz.pk and row.question is None for row in rows.values()
    )
    by_type = {item["type"]: rows[item["q"]].response for item in attempt.layout}
    assert by_type["short_answer"] == {"chosen": "urząd", "text": "urząd"}
    assert by_type["true_false"]["text"] == "Prawda"
    assert by_type["multiple_choice"]["text"] == "Dobra A; Dobra B"
    assert by_type["ordering"]["text"] == "1. Pierwszy; 2. Drugi; 3. Trzeci"
    assert "Element B → Odpowiedź 2" in by_type["matching"]["text"]


def test_the_review_shows_what_was_wrong_feedback_and_explanations(
    learner_client, enrolment, quiz, attempt
):
    html = submit(learner_client, quiz, factories.wrong_answers(attempt))

    assert "Test niezaliczony" in html
    assert "(0 z 6 poprawnych odpowiedzi)" in html
    assert "Nie, to zła odpowiedź." in html  # feedback of the single choice answer picked
    assert "Tak, właśnie tak." not in html  # feedback of an answer not picked
    assert "Wyjaśnienie: Pytanie typu ordering." in html
    assert "zdecydowanie nie to" in html
    assert "Poprawne odpowiedzi:" in html
    assert "urząd, urząd wojewódzki" in html
    assert "Poprawna kolejność" in html
    assert "Poprawna odpowiedź" in html
    assert html.count(">źle<") == 3 + 3 - 1  # matching rows; ordering: the middle one stays
    assert not QuestionResponse.objects.filter(attempt=attempt, correct=True).exists()


# --- Forged and mistaken posts: a message, the attempt stays open, nothing lost -----------------


def item_of(attempt, block_type):
    return next(item for item in attempt.layout if item["type"] == block_type)


def assert_kept_open(response, message, attempt, status=HTTPStatus.BAD_REQUEST):
    assert response.status_code == status
    assert message in response.content.decode()
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    assert not QuestionResponse.objects.filter(attempt=attempt).exists()


def test_the_same_position_twice_is_a_message_and_the_other_answers_stay(
    learner_client, quiz, attempt
):
    data = factories.correct_answers(attempt)
    ordering = item_of(attempt, "ordering")
    for item_id in ordering["a"]:
        data[f"q-{ordering['q']}-{item_id}"] = "1"
    data[f"q-{item_of(attempt, 'short_answer')['q']}"] = "urzad"

    response = learner_client.post(quiz.url, data)

    assert_kept_open(response, "Każdy element musi mieć inną pozycję", attempt)
    html = response.content.decode()
    assert 'value="urzad"' in html  # the typed answer is still there
    assert html.count("selected>") >= 3 + 3  # matches and positions picked are kept
    assert f'aria-describedby="error-{ordering["q"]}"' in html


@pytest.mark.parametrize(
    ("block_type", "forge", "message"),
    [
        ("ordering", lambda field: {field: "99"}, "Nieprawidłowa odpowiedź"),
        ("ordering", lambda field: {field: "pierwszy"}, "Nieprawidłowa odpowiedź"),
        ("matching", lambda field: {field: "0"}, "Nieprawidłowa odpowiedź"),
        ("matching", lambda field: {field: ["1", "2"]}, "Nieprawidłowa odpowiedź"),
        ("short_answer", lambda field: {field: ["urząd", "urząd"]}, "Nieprawidłowa odpowiedź"),
        ("short_answer", lambda field: {field: "x" * 501}, "Odpowiedź jest za długa"),
        ("short_answer", lambda field: {field: "   "}, "bez odpowiedzi: 1"),
        ("matching", lambda field: {field: ""}, "bez odpowiedzi: 1"),
        ("matching", lambda field: {field + "x": "1"}, "nie należą do tego testu"),
        ("true_false", lambda field: {field: "maybe"}, "Nieprawidłowa odpowiedź"),
    ],
)
def test_forged_or_incomplete_answers_are_rejected(
    learner_client, quiz, attempt, block_type, forge, message
):
    data = factories.correct_answers(attempt)
    item = item_of(attempt, block_type)
    field = next(name for name in data if name.startswith(f"q-{item['q']}"))
    data.update(forge(field))

    assert_kept_open(learner_client.post(quiz.url, data), message, attempt)


def test_an_attempt_started_before_snapshots_is_still_graded_from_the_quiz(enrolment, quiz):
    attempt = services.start_attempt(enrolment=enrolment, quiz=quiz)
    attempt.layout = [{"q": item["q"], "a": item["a"]} for item in attempt.layout]
    attempt.save()

    graded = services.submit_quiz(
        enrolment=enrolment,
        quiz=quiz,
        attempt_id=attempt.pk,
        data=factories.correct_answers(attempt),
    )

    assert graded.score_percent == 100
    assert QuestionResponse.objects.filter(attempt=attempt, correct=True).count() == 6
    review = selectors.quiz_questions(attempt=graded, reveal=True)
    assert [q["is_correct"] for q in review] == [True] * 6


def test_typed_answers_are_part_of_the_learners_personal_data_export(
    learner_client, user, quiz, attempt
):
    from lms.users.services import export_personal_data

    submit(learner_client, quiz, factories.wrong_answers(attempt))

    exported = export_personal_data(user=user)
    answers = [answer for row in exported["quiz_attempts"] for answer in row["answers"]]
    assert {"answer": "zdecydowanie nie to", "correct": False} in answers
    assert len(answers) == 6
