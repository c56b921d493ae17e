"""The authors' per-question statistics on a seeded set whose values were computed by hand
(`world.SEEDED`): attempts, % correct, the discrimination index (upper/lower 27%), the most chosen
wrong answer and the "to improve" flag; on the pool's statistics page, in its XLSX export and on
the question's edit page, in a fixed number of queries."""

import io
import re
from http import HTTPStatus

import openpyxl
import pytest
from django.urls import reverse

from courses.questionbank import selectors
from courses.questionbank.models import Question
from tests.factories import QuestionFactory
from tests.questionbank.world import SEEDED

pytestmark = pytest.mark.django_db

STATISTICS = "wagtailsnippets_questionbank_questionpool:statistics"


def listed(html: str) -> list[str]:
    """The questions' names in the statistics table, in order (each links to its editor)."""
    return re.findall(r'/question/edit/\d+/">\s*([^<]+?)\s*</a>', html)


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

    with django_assert_max_num_queries(15):
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

    with django_assert_max_num_queries(15):
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
