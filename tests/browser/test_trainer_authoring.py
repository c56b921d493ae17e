"""A trainer authors a course in Wagtail's editor, in Chromium: the course, a lesson and a quiz,
two questions drawn from the course's pool, a preview of the lesson, the submission to moderation;
the administrator approves; a learner finds the course, enrols, completes it and passes the quiz. One browser, people switched by session cookie."""

import re

import pytest
from django.urls import reverse

from courses.models import CoursePage, Enrolment, LessonPage, QuizPage
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def insert_block(page, label):
    """Open the StreamField's block menu ("+") and pick a block type by its label."""
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name=label).click()


def save_draft(page):
    page.get_by_role("button", name="Zapisz szkic").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/.*"))


def test_trainer_authors_a_course_that_a_learner_then_takes(page, log_in_as, assert_accessible):
    catalogue = factories.catalogue()
    trainer = UserFactory(email="trenerka@gmina.example", roles=[Role.TRAINER])
    administrator = UserFactory(email="admin@pomorskie.example", is_superuser=True)
    learner = UserFactory(email="kursantka@gmina.example", roles=[Role.LEARNER])
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The trainer starts a course from their dashboard panel.
    log_in_as(trainer)
    page.goto("/admin/")
    assert_accessible(page)  # the "Twoje kursy" panel included
    page.get_by_role("link", name="Nowy kurs").click()
    page.locator("#id_title").fill("Cudzoziemiec w bibliotece")
    page.locator("#id_summary").fill("Jak obsłużyć czytelnika, który nie mówi po polsku.")
    # Objectives: the pre-submission checklist asks for them.
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Uczestnik wita czytelnika i zapisuje go do biblioteki.")
    page.wait_for_function(
        "document.querySelector('input[name=\"objectives\"]').value.includes('Uczestnik')"
    )
    page.get_by_role("button", name=re.compile("^Wybierz obszar tematyczny")).click()
    page.get_by_role("link", name="Kultura i integracja społeczna").click()
    page.locator("#id_duration_hours").fill("2")
    save_draft(page)
    course = CoursePage.objects.get(title="Cudzoziemiec w bibliotece")
    assert list(course.trainers.all()) == [trainer]

    # A lesson with a text block, then a one-question quiz.
    page.goto(add_url(course, LessonPage))
    page.locator("#id_title").fill("Pierwsza wizyta")
    insert_block(page, "Tekst")
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Przywitaj czytelnika uśmiechem.")
    # Draftail writes its hidden input a moment after the last keystroke.
    page.wait_for_function(
        "document.querySelector('input[name=\"body-0-value\"]').value.includes('Przywitaj')"
    )
    save_draft(page)
    lesson = LessonPage.objects.child_of(course).get()

    # The course's question pool (the bank's own screens are tested in tests/questionbank).
    pool = factories.QuestionPoolFactory(name="Pula biblioteki", course=course, created_by=trainer)
    for number in range(3):
        factories.QuestionFactory(pool=pool, name=f"Z puli {number}", block_type="true_false")

    page.goto(add_url(course, QuizPage))
    page.locator("#id_title").fill("Test końcowy")
    insert_block(page, "Prawda / fałsz")
    page.get_by_role("textbox", name=re.compile("^Stwierdzenie")).fill("Uśmiech pomaga.")
    page.get_by_role("checkbox", name="Stwierdzenie jest prawdziwe").check()
    # ...and two questions drawn from the pool for every attempt.
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Losowe pytania z puli").click()
    page.locator("[data-chooser-action-choose]").last.click()
    page.locator(".modal").get_by_role("link", name="Pula biblioteki").click()
    page.get_by_role("spinbutton", name=re.compile("^Liczba losowanych pytań")).fill("2")
    save_draft(page)
    quiz = QuizPage.objects.child_of(course).get()
    assert [child.block_type for child in quiz.get_latest_revision_as_object().questions] == [
        "true_false",
        "random_from_pool",
    ]

    # The trainer previews the lesson as a learner would see it.
    page.goto(reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]))
    assert "Przywitaj czytelnika uśmiechem." in page.locator("main").inner_text()

    # ...and submits the course to the administrator.
    page.goto(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    page.get_by_role("button", name="Więcej akcji").click()
    page.get_by_role("button", name=re.compile("^Wyślij do")).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    course.refresh_from_db()
    assert course.workflow_in_progress
    assert not course.live

    # The administrator approves it in the editor's action menu.
    log_in_as(administrator)
    page.goto(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    page.get_by_role("button", name="Więcej akcji").click()
    page.get_by_role("button", name="Akceptuj i Opublikuj", exact=True).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    course.refresh_from_db()
    assert course.live

    # A learner finds it in the catalogue and enrols.
    log_in_as(learner)
    page.goto(catalogue.url)
    page.get_by_role("link", name="Cudzoziemiec w bibliotece").first.click()
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.wait_for_load_state()
    assert Enrolment.objects.filter(user=learner, course=course).exists()
    assert "Pierwsza wizyta" in page.content()

    # ...completes the lesson and passes the quiz: one authored question, two drawn.
    page.get_by_role("button", name=re.compile("^Ukończ lekcję")).click()
    page.wait_for_load_state()
    page.goto(quiz.url)
    truths = page.get_by_label("Prawda", exact=True)
    assert truths.count() == 3
    for index in range(3):
        truths.nth(index).check()
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Test zaliczony").is_visible()
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None
    assert errors == []
