"""A learner answers a question of each type in Chromium, with the keyboard-friendly controls only
(no drag and drop); the quiz, a rejected form and the review pass axe-core (WCAG 2.1 AA)."""

import re

import pytest

from courses import services
from courses.models import QuizAttempt, QuizPage
from lms.users.roles import Role
from tests import factories
from tests.factories import PASSWORD, QuestionFactory, QuestionPoolFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def quiz():
    pool = QuestionPoolFactory(name="Procedury")
    QuestionFactory(pool=pool, block_type="matching", name="Dopasuj urzędy")
    QuestionFactory(pool=pool, block_type="ordering", name="Kolejność kroków")
    inline = ["single_choice", "multiple_choice", "true_false", "short_answer"]
    course = factories.course(
        questions=[(t, factories.question_value(t, f"Pytanie typu {t}")) for t in inline]
        + [("random_from_pool", {"pool": pool, "count": 2, "difficulty": "", "tag": ""})],
        pass_mark=100,
    )
    return QuizPage.objects.child_of(course).get()


def question(page, text):
    return page.locator("fieldset", has=page.locator("legend", has_text=text))


def test_a_learner_answers_every_type_with_the_keyboard_friendly_controls(
    page, sign_in, assert_accessible, quiz
):
    user = UserFactory(roles=[Role.LEARNER])
    services.enrol(user=user, course=quiz.get_parent().specific)
    sign_in(user.email, PASSWORD)

    page.goto(quiz.url)
    assert page.get_by_text("Liczba pytań: 6").is_visible()
    assert_accessible(page)

    question(page, "Pytanie typu single_choice").get_by_label("Dobra", exact=True).check()
    multiple = question(page, "Pytanie typu multiple_choice")
    multiple.get_by_label("Dobra A").check()
    multiple.get_by_label("Dobra B").check()
    question(page, "Pytanie typu true_false").get_by_label("Prawda", exact=True).check()
    question(page, "Pytanie typu short_answer").get_by_label("Twoja odpowiedź").fill(" URZAD ")
    matching = question(page, "Dopasuj urzędy")
    for prompt, match in [("A", "1"), ("B", "2"), ("C", "3")]:
        matching.get_by_label(f"Element {prompt}").select_option(label=f"Odpowiedź {match}")
    ordering = question(page, "Kolejność kroków")
    for item in ["Pierwszy", "Drugi", "Trzeci"]:
        ordering.get_by_label(item).select_option("1")  # a slip: all in first place

    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.wait_for_load_state()
    assert re.match(r"Pytanie [56]: Każdy element", page.get_by_role("alert").inner_text())
    short = question(page, "Pytanie typu short_answer").get_by_label("Twoja odpowiedź")
    assert short.input_value() == " URZAD "  # nothing the learner gave is lost
    picked = matching.get_by_label("Element B").evaluate("el => el.selectedOptions[0].text")
    assert picked == "Odpowiedź 2"
    assert_accessible(page)

    for position, item in enumerate(["Pierwszy", "Drugi", "Trzeci"], start=1):
        ordering.get_by_label(item).select_option(str(position))
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Test zaliczony").is_visible()
    assert page.get_by_text("(6 z 6 poprawnych odpowiedzi)").is_visible()
    assert page.get_by_text("Tak, właśnie tak.").is_visible()  # feedback of the chosen answer
    assert page.get_by_text("Wyjaśnienie: Dopasuj urzędy?.").is_visible()
    assert_accessible(page)
    attempt = QuizAttempt.objects.get(enrolment__user=user)
    assert attempt.passed
    assert attempt.responses.filter(correct=True, question__isnull=False).count() == 2
