"""The registration gate: a learner registering for (or assigned to) a course an EU-funded project
finances gives the fund's data first, once per project, after the information notice."""

from datetime import timedelta
from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import Enrolment, LessonPage
from funding.models import CHARACTERISTICS, Participant
from tests import factories
from tests.funding.conftest import declare, make_project

pytestmark = pytest.mark.django_db

ANSWERS = {
    "notice_confirmed": "on",
    "sex": "female",
    "age_band": "30_54",
    "education": "refused",
    "disability": "refused",
    "third_country_national": "no",
    "foreign_background": "yes",
    "minority": "refused",
    "homeless": "no",
    "rural_area": "yes",
}


def form_url(project, next_url):
    url = reverse("funding:participant_form", args=[project.pk])
    return f"{url}?{urlencode({'next': next_url})}"


def test_enrolling_asks_for_the_data_first_then_comes_back(learner_client, user, course, project):
    asked = learner_client.post(course.url)

    assert asked.status_code == HTTPStatus.FOUND
    assert asked["Location"] == form_url(project, course.url)
    assert not Enrolment.objects.filter(user=user).exists()

    form = learner_client.get(asked["Location"])
    html = form.content.decode()
    assert form.status_code == HTTPStatus.OK
    # The information notice comes first, then the questions, each with a refusal.
    assert html.index("Informacja o przetwarzaniu danych osobowych") < html.index(
        'id="participant-form"'
    )
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in html
    assert project.code in html
    assert html.count('value="refused"') == len(CHARACTERISTICS)

    saved = learner_client.post(asked["Location"], {**ANSWERS, "next": course.url})

    assert saved.status_code == HTTPStatus.FOUND
    assert saved["Location"] == course.url
    participant = Participant.objects.get(user=user, project=project)
    assert (participant.sex, participant.education, participant.rural_area) == (
        "female",
        "refused",
        "yes",
    )
    assert participant.unit == user.unit
    assert participant.notice_confirmed_at is not None

    enrolled = learner_client.post(course.url)
    first_lesson = LessonPage.objects.child_of(course).first()
    assert enrolled["Location"] == first_lesson.url
    assert Enrolment.objects.filter(user=user, course=course).exists()


def test_without_the_notice_confirmed_or_an_answer_nothing_is_saved(
    learner_client, user, course, project
):
    incomplete = {**ANSWERS}
    del incomplete["notice_confirmed"]
    del incomplete["education"]

    response = learner_client.post(form_url(project, course.url), incomplete)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Potwierdź, że zapoznałeś(-aś) się z informacją o przetwarzaniu danych." in html
    assert "Wybierz odpowiedź (możesz wybrać „odmowa podania informacji”)." in html
    assert not Participant.objects.exists()


def test_an_assigned_learner_is_asked_at_the_next_visit_of_the_course_or_a_lesson(
    client, user, course, project, admin_user
):
    course_services.assign(users=[user], course=course, assigned_by=admin_user)
    client.force_login(user)
    lesson = LessonPage.objects.child_of(course).first()

    on_course = client.get(course.url)
    on_lesson = client.get(lesson.url)

    assert on_course["Location"] == form_url(project, course.url)
    assert on_lesson["Location"] == form_url(project, lesson.url)
    declare(user, project)
    assert client.get(course.url).status_code == HTTPStatus.OK
    assert client.get(lesson.url).status_code == HTTPStatus.OK


def test_the_data_is_given_once_per_project(learner_client, user, course, project):
    declare(user, project, sex="male")
    second = factories.course(title="Drugi kurs", lessons=1, quiz=False)
    project.financed_pages.create(page=second)

    again = learner_client.post(form_url(project, second.url), {**ANSWERS, "next": second.url})
    enrolled = learner_client.post(second.url)

    assert again["Location"] == second.url
    assert Participant.objects.get(user=user).sex == "male"  # as at the start of support
    assert enrolled.status_code == HTTPStatus.FOUND
    assert Enrolment.objects.filter(user=user, course=second).exists()


def test_courses_of_no_running_project_are_not_gated(learner_client, user, course, media):
    today = timezone.localdate()
    make_project(course, start_date=today - timedelta(days=400), end_date=today - timedelta(days=1))

    response = learner_client.post(course.url)

    assert response.status_code == HTTPStatus.FOUND
    assert Enrolment.objects.filter(user=user, course=course).exists()
    assert not Participant.objects.exists()


@pytest.mark.parametrize("target", ["https://zla-strona.example/", "//zla-strona.example/"])
def test_the_form_never_sends_anyone_off_site(learner_client, project, target):
    response = learner_client.post(form_url(project, target), {**ANSWERS, "next": target})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("dashboard")


def test_the_form_of_a_finished_project_does_not_exist(learner_client, project):
    project.end_date = timezone.localdate() - timedelta(days=1)
    project.start_date = project.end_date - timedelta(days=10)
    project.save()

    response = learner_client.get(reverse("funding:participant_form", args=[project.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND
