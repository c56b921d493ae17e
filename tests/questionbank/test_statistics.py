"""The authors' per-question statistics on a seeded set whose values are computed by hand below:
attempts, % correct, the discrimination index (upper/lower 27%), the most chosen wrong answer and
the "to improve" flag; on the pool's statistics page, in its XLSX export and on the question's
edit page, in a fixed number of queries."""

import io
import re
from decimal import Decimal
from http import HTTPStatus

import openpyxl
import pytest
from django.urls import reverse

from courses.models import Enrolment, QuizPage
from courses.questionbank import selectors
from courses.questionbank.models import Question
from lms.users.roles import Role
from tests.factories import (
    QuestionFactory,
    QuestionResponseFactory,
    QuizAttemptFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STATISTICS = "wagtailsnippets_questionbank_questionpool:statistics"

# Twelve attempts with distinct total scores: n = 12, groups of round(0.27 × 12) = 3 attempts,
# the upper group scored 95, 90, 85 and the lower one 30, 20, 10.
SCORES = [95, 90, 85, 80, 70, 65, 60, 50, 40, 30, 20, 10]
OK = True  # a correct response ("Wojewoda"); any other mark is the wrong answer given

# Every question: its marks by attempt, and what we computed by hand:
# (attempts, % correct, D, most chosen wrong answer, its count, weak).
SEEDED = {
    # 7 of 12 correct = 58.3%; upper 2/3, lower 1/3: D = 0.33; "Starosta" three times.
    "Dobre pytanie": (
        "ranked",
        [OK, OK, "Starosta", OK, OK, "Starosta", OK, "Wójt", OK, "Starosta", OK, "Wójt"],
        (12, Decimal("58.3"), Decimal("0.33"), "Starosta", 3, False),
    ),
    # 8 of 12 = 66.7%; the best three all wrong, the worst three right: D = 0 − 1 = −1.00 (weak);
    # "Starosta" and "Wójt" twice each: the alphabetically first wins.
    "Odwrócony klucz": (
        "ranked",
        ["Wójt", "Starosta", "Wójt", OK, "Starosta", OK, OK, OK, OK, OK, OK, OK],
        (12, Decimal("66.7"), Decimal("-1.00"), "Starosta", 2, True),
    ),
    # Nine responses (< 10): no D, and 0% correct does not flag it yet.
    "Za mało odpowiedzi": (
        "ranked",
        ["Wójt"] * 9,
        (9, Decimal("0.0"), None, "Wójt", 9, False),
    ),
    # Ten attempts all scored 50%: ties broken by the attempt's id (the upper group is the three
    # created last, the lower the three created first).
    # All correct: 100% (> 95%, weak), D = 1 − 1 = 0.00.
    "Za łatwe": ("tied", [OK] * 10, (10, Decimal("100.0"), Decimal("0.00"), None, None, True)),
    # Correct only in the three created last: 30%, D = 1 − 0 = 1.00; "Starosta" seven times.
    "Remisy": (
        "tied",
        ["Starosta"] * 7 + [OK] * 3,
        (10, Decimal("30.0"), Decimal("1.00"), "Starosta", 7, False),
    ),
    # Correct only in the one created last: 10% (< 20%, weak), D = 1/3 − 0 = 0.33.
    "Za trudne": (
        "tied",
        ["Wójt"] * 9 + [OK],
        (10, Decimal("10.0"), Decimal("0.33"), "Wójt", 9, True),
    ),
}


def listed(html: str) -> list[str]:
    """The questions' names in the statistics table, in order (each links to its editor)."""
    return re.findall(r'/question/edit/\d+/">\s*([^<]+?)\s*</a>', html)


@pytest.fixture
def seeded(bank):
    """Bank A's course pool with the questions above, answered in the attempts of one learner."""
    quiz = QuizPage.objects.child_of(bank.a.course).get()
    learner = UserFactory(first_name="Tajna", last_name="Kursantka-Statystyk", roles=[Role.LEARNER])
    enrolment = Enrolment.objects.create(user=learner, course=bank.a.course)
    attempts = {
        "ranked": [
            QuizAttemptFactory(enrolment=enrolment, quiz=quiz, number=n, score_percent=score)
            for n, score in enumerate(SCORES, start=1)
        ],
        "tied": [
            QuizAttemptFactory(enrolment=enrolment, quiz=quiz, number=100 + n, score_percent=50)
            for n in range(10)
        ],
    }
    questions = {}
    for name, (group, marks, _expected) in SEEDED.items():
        question = QuestionFactory(pool=bank.a.pool, name=name)
        for attempt, mark in zip(attempts[group], marks, strict=False):
            QuestionResponseFactory(
                attempt=attempt,
                question=question,
                correct=mark is OK,
                text="Wojewoda" if mark is OK else mark,
            )
        questions[name] = question
    questions["Bez odpowiedzi"] = QuestionFactory(pool=bank.a.pool, name="Bez odpowiedzi")
    # Someone else's pool, answered too: never mixed into pool A's figures.
    QuestionResponseFactory(attempt=attempts["ranked"][0], question=bank.b.question, correct=False)
    return questions


def test_statistics_match_the_hand_computed_values(bank, seeded):
    rows = selectors.question_statistics(questions=Question.objects.filter(pool=bank.a.pool))

    computed = {
        q.name: (
            q.attempts,
            q.correct_percent,
            q.discrimination,
            q.wrong_answer,
            q.wrong_answer_count,
            q.weak,
        )
        for q in rows
    }
    expected = {name: values for name, (_group, _marks, values) in SEEDED.items()}
    expected["Bez odpowiedzi"] = (0, None, None, None, None, False)
    expected["Pytanie kursu A"] = (0, None, None, None, None, False)
    assert computed == expected


def test_flagged_questions_say_why(bank, seeded):
    rows = selectors.question_statistics(questions=Question.objects.filter(pool=bank.a.pool))
    reasons = {q.name: selectors.weak_reasons(q) for q in rows if q.weak}

    assert reasons == {
        "Odwrócony klucz": ["słabo różnicuje (D < 0,2)"],
        "Za łatwe": ["poprawnie odpowiada ponad 95%", "słabo różnicuje (D < 0,2)"],
        "Za trudne": ["poprawnie odpowiada mniej niż 20%"],
    }


def test_the_statistics_page_shows_the_figures_in_few_queries(
    bank, seeded, django_assert_max_num_queries
):
    url = reverse(STATISTICS, args=[bank.a.pool.pk])
    bank.a.client.get(url)  # warm the per-process caches (content types, site)

    with django_assert_max_num_queries(11):
        response = bank.a.client.get(url, {"ordering": "-discrimination"})

    text = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    # Sorted by D, highest first (ties by name); questions without D last.
    assert listed(text)[:5] == [
        "Remisy",
        "Dobre pytanie",
        "Za trudne",
        "Za łatwe",
        "Odwrócony klucz",
    ]
    for figure in ("58,3%", "0,33", "-1,00", "—"):
        assert figure in text
    assert "„Starosta” (3 razy)" in text
    assert "Do poprawy" in text
    assert "mniej niż 10 odpowiedzi" in text  # why "—" instead of D
    assert "Kursantka-Statystyk" not in text  # aggregates only


def test_a_bigger_pool_costs_no_more_queries(bank, seeded, django_assert_max_num_queries):
    for number in range(15):
        QuestionFactory(pool=bank.a.pool, name=f"Dodatkowe {number}")
    url = reverse(STATISTICS, args=[bank.a.pool.pk])
    bank.a.client.get(url)

    with django_assert_max_num_queries(11):
        response = bank.a.client.get(url)

    assert response.content.decode().count("Dodatkowe ") >= 15


def test_the_weak_filter_lists_only_questions_to_improve(bank, seeded):
    response = bank.a.client.get(reverse(STATISTICS, args=[bank.a.pool.pk]), {"weak": "on"})

    assert set(listed(response.content.decode())) == {"Odwrócony klucz", "Za łatwe", "Za trudne"}


def test_the_xlsx_export_holds_the_statistics(bank, seeded):
    response = bank.a.client.get(reverse(STATISTICS, args=[bank.a.pool.pk]), {"export": "xlsx"})

    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    by_name = {row[0]: row for row in rows}
    assert response.status_code == HTTPStatus.OK
    assert header == [
        "Pytanie",
        "Rodzaj",
        "Trudność",
        "Odpowiedzi",
        "Poprawne (%)",
        "Wskaźnik różnicujący",
        "Najczęstsza błędna odpowiedź",
        "Ile razy wybrana",
        "Do poprawy",
    ]
    assert by_name["Dobre pytanie"] == [
        "Dobre pytanie",
        "Jednokrotny wybór",
        "średnie",
        12,
        58.3,
        0.33,
        "Starosta",
        3,
        "nie",
    ]
    assert by_name["Odwrócony klucz"][5] == -1
    assert by_name["Odwrócony klucz"][8] == "tak"
    assert by_name["Za mało odpowiedzi"][5] is None
    assert len(rows) == 8
    assert "Kursantka-Statystyk" not in str(rows)


def test_the_question_edit_page_shows_its_statistics(bank, seeded):
    good = bank.a.client.get(
        reverse("wagtailsnippets_questionbank_question:edit", args=[seeded["Dobre pytanie"].pk])
    ).content.decode()
    few = bank.a.client.get(
        reverse(
            "wagtailsnippets_questionbank_question:edit", args=[seeded["Za mało odpowiedzi"].pk]
        )
    ).content.decode()
    none = bank.a.client.get(
        reverse("wagtailsnippets_questionbank_question:edit", args=[seeded["Bez odpowiedzi"].pk])
    ).content.decode()

    assert "Statystyki odpowiedzi" in good
    for figure in ("58,3%", "0,33", "„Starosta” (3 razy)"):
        assert figure in good
    assert "liczymy go od 10 odpowiedzi" in few
    assert "Nikt jeszcze nie odpowiadał na to pytanie" in none
