"""Deleting pages that learner records point to: a Polish refusal naming what blocks it, not a
500 from a protected foreign key; pages without such records delete as before."""

from datetime import date
from http import HTTPStatus

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from certificates.models import TrainingEvent
from courses import services
from courses.models import CoursePage, LessonPage, ModulePage, QuizAttempt, QuizPage
from tests import factories

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def course_with_module(title="Kurs z modułem"):
    """A course whose lessons and final quiz sit in one module."""
    course = factories.course(title=title, lessons=0, quiz=False)
    module = course.add_child(instance=ModulePage(title="Moduł 1"))
    module.add_child(instance=LessonPage(title="Lekcja w module", body=[]))
    module.add_child(
        instance=QuizPage(
            title="Test modułu",
            questions=factories.quiz_questions(2),
            pass_mark_percent=50,
            shuffle_questions=False,
            shuffle_answers=False,
        )
    )
    return course, module


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def test_a_module_whose_quiz_was_attempted_is_kept(admin_client, user):
    course, module = course_with_module()
    enrolment = services.enrol(user=user, course=course)
    services.start_attempt(enrolment=enrolment, quiz=QuizPage.objects.get())
    pages_before = Page.objects.count()

    asked = admin_client.get(reverse("wagtailadmin_pages:delete", args=[module.pk]))
    response = delete(admin_client, module)

    explorer = reverse("wagtailadmin_explore", args=[course.pk])
    assert (asked.status_code, asked["Location"]) == (HTTPStatus.FOUND, explorer)
    assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, explorer)
    assert messages_of(response)[-1:] == [
        "Nie można usunąć „Moduł 1”: są z tą stroną lub stronami pod nią związane "
        "podejścia do testów (1), które muszą pozostać w rejestrze. Wycofaj publikację, "
        "aby ukryć ją przed kursantami."
    ]
    assert Page.objects.count() == pages_before
    assert QuizAttempt.objects.count() == 1


def test_a_course_with_a_training_event_is_kept(admin_client):
    course = factories.course(title="Kurs stacjonarny", lessons=1, quiz=False)
    TrainingEvent.objects.create(course=course, date=date(2026, 3, 2), place="Gdańsk")

    response = delete(admin_client, course)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_explore", args=[factories.catalogue().pk])
    (message,) = messages_of(response)
    assert message.startswith("Nie można usunąć „Kurs stacjonarny”")
    assert "szkolenia stacjonarne (1)" in message
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert TrainingEvent.objects.filter(course=course).exists()


def test_a_course_with_learners_names_their_records(admin_client, user):
    course = factories.course(
        title="Kurs z kursantami", lessons=1, quiz=False, completion_rule="lessons_only"
    )
    factories.completed_certificate(user, course)

    (message,) = messages_of(delete(admin_client, course))

    assert "zapisy na kursy (1)" in message
    assert "zaświadczenia (1)" in message
    assert CoursePage.objects.filter(pk=course.pk).exists()


def test_a_module_without_records_is_deleted(admin_client, user):
    course, module = course_with_module()
    services.enrol(user=user, course=course)  # on the course, but nothing done in the module

    response = delete(admin_client, module)

    assert response.status_code == HTTPStatus.FOUND
    assert not ModulePage.objects.filter(pk=module.pk).exists()
    assert not QuizPage.objects.exists()
    assert CoursePage.objects.filter(pk=course.pk).exists()


def test_bulk_deleting_pages_with_records_is_refused_too(admin_client, user):
    course, module = course_with_module()
    services.start_attempt(
        enrolment=services.enrol(user=user, course=course), quiz=QuizPage.objects.get()
    )
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))

    response = admin_client.post(f"{url}?id={module.pk}", {"next": course.url})

    assert response.status_code == HTTPStatus.FOUND
    assert ModulePage.objects.filter(pk=module.pk).exists()
    assert any("podejścia do testów (1)" in m for m in messages_of(response))
