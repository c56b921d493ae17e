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


def test_demo_learner_enrols_completes_lessons_fails_then_passes_the_quiz(
    demo, page, sign_in, assert_accessible
):
    course = open_course_for(LEARNER[0])
    quiz = QuizPage.objects.descendant_of(course).get()
    sign_in(*LEARNER)

    page.goto(course.url)
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.wait_for_url(re.compile(r".*/lekcja|.*/" + re.escape(course.slug) + r"/.+"))

    # Every lesson, in order, with the button a keyboard or screen-reader user would use.
    while page.get_by_role("button", name=re.compile("^Ukończ lekcję")).count():
        assert_accessible(page)
        page.get_by_role("button", name=re.compile("^Ukończ lekcję")).click()
        page.wait_for_load_state()
        if page.url.rstrip("/").endswith(quiz.slug):
            break

    page.goto(quiz.url)
    assert_accessible(page)
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


def test_quiz_can_be_taken_with_the_keyboard_only(demo, page, sign_in):
    course = open_course_for(LEARNER[0])
    quiz = QuizPage.objects.descendant_of(course).get()
    sign_in(*LEARNER)
    page.goto(course.url)
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.goto(quiz.url)

    first = page.locator("fieldset input").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"


def test_course_pages_have_no_wcag_violations(demo, page, sign_in, assert_accessible):
    sign_in(*LEARNER)
    enrolment = Enrolment.objects.filter(user__email=LEARNER[0]).select_related("course").first()
    course = enrolment.course
    catalogue = course.get_parent()

    for url in [
        catalogue.url,
        catalogue.url + "?obszar=zdrowie",
        catalogue.url + "?q=cudzoziemc",
        course.url,
        "/moje-szkolenia/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.goto(course.url)
    page.get_by_role("link", name="Kontynuuj").click()
    assert_accessible(page)  # a lesson with real content blocks
