"""One meaning of "started": the learner's dashboard and the completion report agree."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from courses import services
from courses.models import Enrolment, LessonPage, QuizAttempt, QuizPage
from tests import factories


def open_lesson(client, course):
    assert client.get(LessonPage.objects.child_of(course).first().url).status_code == HTTPStatus.OK


def open_quiz(client, course):
    assert client.get(QuizPage.objects.child_of(course).get().url).status_code == HTTPStatus.OK


def attempt_quiz(client, course):
    open_quiz(client, course)
    attempt = QuizAttempt.objects.get(submitted_at__isnull=True)
    response = client.post(attempt.quiz.url, factories.wrong_answers(attempt))
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == f"{attempt.quiz.url}?wynik={attempt.number}"
    assert QuizAttempt.objects.get().passed is False


def dashboard_section(client, course):
    context = client.get(reverse("dashboard")).context
    sections = [
        name
        for name in ("in_progress", "assigned", "completed")
        if course.pk in {e.course_id for e in context[name]}
    ]
    assert len(sections) == 1, sections
    return sections[0]


def report_status(admin, course):
    """The status column of the report's row, and the status filters that list the row."""
    client = Client()
    client.force_login(admin)
    url = reverse("reports_completion")
    (row,) = client.get(url).context["object_list"]
    assert row.course.pk == course.pk
    listed_by = [
        status
        for status in ("assigned", "in_progress", "completed")
        if client.get(url, {"status": status}).context["object_list"]
    ]
    return row.report_status, listed_by


@pytest.mark.parametrize(
    ("action", "dashboard", "report"),
    [
        (None, "assigned", "assigned"),
        (open_lesson, "in_progress", "in_progress"),
        (open_quiz, "in_progress", "in_progress"),
        (attempt_quiz, "in_progress", "in_progress"),
    ],
    ids=["nothing-opened", "lesson-opened", "quiz-opened-first", "quiz-attempted"],
)
def test_dashboard_and_report_agree_on_started(
    learner_client, user, admin_user, action, dashboard, report
):
    course = factories.course(title="Kurs przypisany", lessons=2)
    services.assign(users=[user], course=course, assigned_by=admin_user)
    if action is not None:
        action(learner_client, course)

    assert dashboard_section(learner_client, course) == dashboard
    assert report_status(admin_user, course) == (report, [report])
    assert Enrolment.objects.get().has_started is (report == "in_progress")
