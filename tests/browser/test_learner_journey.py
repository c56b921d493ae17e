"""End to end, in Chromium against a live server, on the demo catalogue."""

import re

import pytest
from django.core.management import call_command

from courses.models import CoursePage, Enrolment, QuizPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
LEARNER = ("kursant@centrum-kompetencji.example", "Kursant-Demo-2026!")


@pytest.fixture
def demo(media):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def open_course_for(user_email):
    """An open demo course the learner has not started yet."""
    started = Enrolment.objects.filter(user__email=user_email).values_list("course_id", flat=True)
    return CoursePage.objects.live().filter(enrolment_mode="open").exclude(pk__in=started).first()


def answer(page, quiz, *, correctly):
    """Tick answers by their visible text, as a learner would (correct ones from the database)."""
    for child in quiz.questions:
        legend = page.locator("fieldset", has_text=child.value["question"].strip()[:60])
        if child.block_type == "true_false":
            truth = child.value["correct"] if correctly else not child.value["correct"]
            legend.get_by_label("Prawda" if truth else "Fałsz", exact=True).check()
            continue
        answers = child.value["answers"]
        picks = [a["text"] for a in answers if a["correct"] == correctly]
        if child.block_type == "single_choice" or not correctly:
            picks = picks[:1]
        for text in picks:
            legend.get_by_label(text, exact=True).check()


def test_demo_learner_finds_enrols_completes_lessons_fails_then_passes_the_quiz(
    demo, page, sign_in, assert_accessible
):
    """The demo learner's whole way through a course, every page checked with axe-core: the
    catalogue (filtered, searched), the course, each lesson, the quiz (answered first with the
    keyboard alone), the results, "Moje szkolenia"."""
    course = open_course_for(LEARNER[0])
    quiz = QuizPage.objects.descendant_of(course).get()
    catalogue = course.get_parent()
    sign_in(*LEARNER)

    for url in [catalogue.url, catalogue.url + "?obszar=zdrowie", catalogue.url + "?q=cudzoziemc"]:
        page.goto(url)
        assert_accessible(page)
    page.goto(course.url)
    assert_accessible(page)
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.wait_for_url(re.compile(r".*/lekcja|.*/" + re.escape(course.slug) + r"/.+"))

    # Every lesson (real content blocks), in order, with the button a keyboard or screen-reader
    # user would use.
    while page.get_by_role("button", name=re.compile("^Ukończ lekcję")).count():
        assert_accessible(page)
        page.get_by_role("button", name=re.compile("^Ukończ lekcję")).click()
        page.wait_for_load_state()
        if page.url.rstrip("/").endswith(quiz.slug):
            break

    page.goto(quiz.url)
    assert_accessible(page)
    first = page.locator("fieldset input").first
    first.focus()
    page.keyboard.press("Space")  # answering with the keyboard alone, the focus visible
    assert first.is_checked()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    answer(page, quiz, correctly=False)
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Test niezaliczony").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Spróbuj ponownie").click()
    answer(page, quiz, correctly=True)
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Test zaliczony").is_visible()
    assert page.get_by_text("Gratulacje! Kurs został ukończony.").is_visible()

    page.get_by_role("link", name="Przejdź do moich szkoleń").click()
    completed = page.locator("section", has=page.get_by_role("heading", name="Ukończone"))
    assert completed.get_by_role("link", name=course.title).is_visible()
    assert_accessible(page)
    enrolment = Enrolment.objects.get(user__email=LEARNER[0], course=course)
    assert enrolment.is_completed
    assert enrolment.quiz_attempts.count() == 2
