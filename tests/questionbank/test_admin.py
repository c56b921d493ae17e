"""Managing the bank in the admin: a trainer adds pools to their courses and questions to their
pools (never to someone else's, also by posting ids by hand), finds questions by pool, type,
difficulty and tag, exports the listings, and cannot delete a pool with questions or a question
that was answered."""

import io
from http import HTTPStatus

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import Enrolment, QuizPage, ThematicArea
from courses.questionbank.models import Question, QuestionPool
from courses.questionbank.viewsets import POOL_BUTTONS_HOOK, POOL_HEADER_BUTTONS_HOOK
from lms.users.roles import ROLE_PERMISSIONS, Role
from tests.factories import (
    QuestionFactory,
    QuestionPoolFactory,
    QuestionResponseFactory,
    QuizAttemptFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

POOLS = "wagtailsnippets_questionbank_questionpool"
QUESTIONS = "wagtailsnippets_questionbank_question"


def question_form(pool, *, name="Nowe pytanie", tags="prawo pobytu, urząd"):
    """What the question editor posts for a single-choice question."""
    answers = [
        {"text": "Wojewoda", "correct": "on", "feedback": ""},
        {"text": "Starosta", "correct": "", "feedback": ""},
    ]
    return nested_form_data(
        {
            "pool": pool.pk,
            "name": name,
            "difficulty": "hard",
            "tags": tags,
            "content": streamfield(
                [
                    (
                        "single_choice",
                        {
                            "question": "Kto wydaje zezwolenie na pobyt czasowy?",
                            "answers": streamfield([("item", answer) for answer in answers]),
                            "explanation": rich_text(""),
                        },
                    )
                ]
            ),
        }
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_trainer_role_holds_the_bank_permissions():
    assert {
        "questionbank.add_questionpool",
        "questionbank.change_question",
        "questionbank.delete_question",
    } <= ROLE_PERMISSIONS[Role.TRAINER]
    assert not any(name.startswith("questionbank.") for name in ROLE_PERMISSIONS[Role.COORDINATOR])


def test_a_trainer_adds_a_pool_to_their_course(bank):
    response = bank.a.client.post(
        reverse(f"{POOLS}:add"),
        {"name": "Pula egzaminacyjna", "course": bank.a.course.pk, "description": ""},
    )

    pool = QuestionPool.objects.get(name="Pula egzaminacyjna")
    assert response.status_code == HTTPStatus.FOUND
    assert (pool.course, pool.created_by) == (bank.a.course, bank.a.trainer)


def test_a_trainer_cannot_add_a_pool_to_someone_elses_course(bank):
    response = bank.a.client.post(
        reverse(f"{POOLS}:add"),
        {"name": "Podrzucona", "course": bank.b.course.pk, "description": ""},
    )

    assert response.status_code == HTTPStatus.OK  # the form again, with the error
    assert "Wybierz poprawną wartość" in response.content.decode()
    assert not QuestionPool.objects.filter(name="Podrzucona").exists()


def test_a_thematic_area_pool_belongs_to_the_trainer_who_made_it(bank):
    area = ThematicArea.objects.get(slug="edukacja")
    bank.a.client.post(
        reverse(f"{POOLS}:add"),
        {"name": "Szkoła", "course": "", "thematic_area": area.pk, "description": ""},
    )

    pool = QuestionPool.objects.get(name="Szkoła")
    listed_for_b = bank.b.client.get(reverse(f"{POOLS}:list")).content.decode()
    assert pool.created_by == bank.a.trainer
    assert "Szkoła" in bank.a.client.get(reverse(f"{POOLS}:list")).content.decode()
    assert "Szkoła" not in listed_for_b


def test_a_trainer_writes_a_question_with_the_streamfield_editor(bank):
    response = bank.a.client.post(reverse(f"{QUESTIONS}:add"), question_form(bank.a.pool))

    question = Question.objects.get(name="Nowe pytanie")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    assert question.block.block_type == "single_choice"
    assert [a["text"] for a in question.block.value["answers"]] == ["Wojewoda", "Starosta"]
    assert sorted(tag.name for tag in question.tags.all()) == ["prawo pobytu", "urząd"]
    assert (question.difficulty, question.created_by) == ("hard", bank.a.trainer)


def test_a_trainer_cannot_put_a_question_in_someone_elses_pool(bank):
    response = bank.a.client.post(
        reverse(f"{QUESTIONS}:add"), question_form(bank.b.pool, name="Podrzucone")
    )

    assert response.status_code == HTTPStatus.OK
    assert not Question.objects.filter(name="Podrzucone").exists()


def test_the_add_form_starts_in_the_pool_it_was_opened_from(bank):
    response = bank.a.client.get(reverse(f"{QUESTIONS}:add"), {"pool": bank.a.area_pool.pk})

    assert f'<option value="{bank.a.area_pool.pk}" selected>' in response.content.decode()
    assert "Pula kursu B" not in response.content.decode()


def test_questions_are_found_by_pool_type_difficulty_tag_and_name(
    bank, django_assert_max_num_queries
):
    QuestionFactory(
        pool=bank.a.pool,
        name="Prawda o wizach",
        difficulty="easy",
        content=[("true_false", {"question": "Wiza to zezwolenie.", "correct": False})],
        tags=["wizy"],
    )
    for number in range(10):
        QuestionFactory(pool=bank.a.area_pool, name=f"Zapas {number}", tags=["zapas"])
    url = reverse(f"{QUESTIONS}:list")

    bank.a.client.get(url)
    with django_assert_max_num_queries(16):
        everything = bank.a.client.get(url)
    by_type = bank.a.client.get(url, {"question_type": "true_false"})
    by_difficulty = bank.a.client.get(url, {"difficulty": "easy"})
    by_pool = bank.a.client.get(url, {"pool": bank.a.pool.pk})
    tag = bank.a.question.tags.get()
    by_tag = bank.a.client.get(url, {"tag": tag.pk})
    by_name = bank.a.client.get(url, {"q": "wizach"})

    assert "Zapas 9" in everything.content.decode()
    assert "Prawda / fałsz" in everything.content.decode()  # the type, in authors' words
    for response in (by_type, by_difficulty, by_name):
        assert "Prawda o wizach" in response.content.decode()
        assert "Pytanie kursu A" not in response.content.decode()
    assert "Zapas" not in by_pool.content.decode()
    assert "Pytanie kursu A" in by_tag.content.decode()
    assert "Prawda o wizach" not in by_tag.content.decode()


def test_the_pools_listing_counts_questions_in_fixed_queries(bank, django_assert_max_num_queries):
    for number in range(8):
        pool = QuestionPoolFactory(
            name=f"Pula dodatkowa {number}", course=bank.a.course, created_by=bank.a.trainer
        )
        QuestionFactory.create_batch(2, pool=pool)
    url = reverse(f"{POOLS}:list")
    bank.a.client.get(url)

    with django_assert_max_num_queries(16):
        response = bank.a.client.get(url)

    text = response.content.decode()
    assert "Pula dodatkowa 7" in text
    assert "Statystyki pytań" in text  # each row leads to its pool's statistics


def test_the_questions_xlsx_export_has_the_trainers_questions(bank):
    response = bank.a.client.get(reverse(f"{QUESTIONS}:list"), {"export": "xlsx"})

    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header == ["Nazwa", "Rodzaj", "Pula", "Trudność", "Tagi"]
    assert sorted(rows) == [
        ["Pytanie kursu A", "Jednokrotny wybór", "Pula kursu A", "średnie", "tag-A"],
        ["Pytanie obszaru A", "Jednokrotny wybór", "Pula obszaru A", "średnie", None],
    ]


def test_a_pool_with_questions_is_not_deleted(bank):
    url = reverse(f"{POOLS}:delete", args=[bank.a.pool.pk])

    shown = bank.a.client.get(url)
    posted = bank.a.client.post(url)

    assert shown.status_code == posted.status_code == HTTPStatus.FOUND
    assert posted["Location"] == reverse(f"{POOLS}:list")
    assert QuestionPool.objects.filter(pk=bank.a.pool.pk).exists()
    assert "Są z tym związane pytania (1)" in messages_of(posted)[0]


def test_an_empty_pool_is_deleted(bank):
    empty = QuestionPoolFactory(name="Pusta", course=bank.a.course)

    response = bank.a.client.post(reverse(f"{POOLS}:delete", args=[empty.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert not QuestionPool.objects.filter(pk=empty.pk).exists()


def answered(question, course):
    learner = UserFactory(roles=[Role.LEARNER])
    enrolment = Enrolment.objects.create(user=learner, course=course)
    attempt = QuizAttemptFactory(
        enrolment=enrolment, quiz=QuizPage.objects.child_of(course).get(), number=1
    )
    return QuestionResponseFactory(attempt=attempt, question=question, correct=False)


def test_an_answered_question_is_not_deleted(bank):
    answered(bank.a.question, bank.a.course)

    response = bank.a.client.post(reverse(f"{QUESTIONS}:delete", args=[bank.a.question.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert Question.objects.filter(pk=bank.a.question.pk).exists()
    message = messages_of(response)[0]
    assert "odpowiedzi na pytania (1)" in message
    assert "popraw je albo przenieś do innej puli" in message


def test_bulk_delete_keeps_answered_questions_and_deletes_nothing(bank):
    answered(bank.a.question, bank.a.course)
    url = reverse(
        "wagtail_bulk_action",
        args=["questionbank", "question", "delete"],
    )
    ids = {"id": [bank.a.question.pk, bank.a.area_question.pk]}

    response = bank.a.client.post(f"{url}?id={ids['id'][0]}&id={ids['id'][1]}")

    assert response.status_code == HTTPStatus.FOUND
    assert Question.objects.filter(pk__in=ids["id"]).count() == 2
    assert "odpowiedzi na pytania (1)" in messages_of(response)[0]


def test_an_unanswered_question_is_deleted(bank):
    response = bank.a.client.post(reverse(f"{QUESTIONS}:delete", args=[bank.a.area_question.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert not Question.objects.filter(pk=bank.a.area_question.pk).exists()


def test_a_question_is_copied_into_the_trainers_pool(bank):
    response = bank.a.client.get(reverse(f"{QUESTIONS}:copy", args=[bank.a.question.pk]))

    assert response.status_code == HTTPStatus.OK
    assert "Pytanie kursu A" in response.content.decode()


def test_other_apps_add_buttons_to_the_pools_listing(bank):
    """The place the import/export of questions plugs into (see `viewsets`' docstring)."""

    def header_buttons(request):
        return [Button("Importuj pytania (Moodle XML)", url="/admin/import-pytan/")]

    def row_buttons(request):
        return lambda pool: [Button(f"Eksportuj {pool.name}", url=f"/admin/eksport/{pool.pk}/")]

    with (
        hooks.register_temporarily(POOL_HEADER_BUTTONS_HOOK, header_buttons),
        hooks.register_temporarily(POOL_BUTTONS_HOOK, row_buttons),
    ):
        text = bank.a.client.get(reverse(f"{POOLS}:list")).content.decode()

    assert "Importuj pytania (Moodle XML)" in text
    assert "Eksportuj Pula kursu A" in text
    assert "Eksportuj Pula kursu B" not in text
