"""The knowledge gain report: average pre-test and final scores of the learners who took both,
per course, county and unit type, with the same 5-person rule as the surveys."""

import io

import openpyxl
import pytest
from django.urls import reverse

from courses import services
from courses.models import QuizPage
from lms.organisations.models import OrganisationUnit
from tests import factories
from tests.courses.test_pretest import answer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("evaluation_knowledge")


def learn(course, unit, *, before: int, after: int):
    """A learner of `unit` takes the pre-test (`before` of 4 right), then the final test."""
    quiz = QuizPage.objects.child_of(course).get()
    enrolment = services.enrol(user=UserFactory(unit=unit), course=course)
    pretest = services.start_pretest(enrolment=enrolment, quiz=quiz)
    services.submit_quiz(
        enrolment=enrolment, quiz=quiz, attempt_id=pretest.pk, data=answer(pretest, right=before)
    )
    final = services.start_attempt(enrolment=enrolment, quiz=quiz)
    services.submit_quiz(
        enrolment=enrolment, quiz=quiz, attempt_id=final.pk, data=answer(final, right=after)
    )


def course_with_pretest(title):
    course = factories.course(title=title, lessons=1)
    quiz = QuizPage.objects.child_of(course).get()
    quiz.pretest_enabled = True
    quiz.save_revision().publish()
    return course


@pytest.fixture
def seeded(gminy):
    """Course A: 6 learners of gmina X, 25% → 75% four times and 50% → 100% twice;
    course B: 2 learners of the city of Gdańsk, 0% → 100% (too few to show alone)."""
    course_a = course_with_pretest("Kurs A")
    course_b = course_with_pretest("Kurs B")
    for _ in range(4):
        learn(course_a, gminy[0], before=1, after=3)
    for _ in range(2):
        learn(course_a, gminy[0], before=2, after=4)
    gdansk = OrganisationUnit.objects.get(code="2261")
    for _ in range(2):
        learn(course_b, gdansk, before=0, after=4)
    # Enrolled without a pre-test: not counted.
    factories.complete_course(UserFactory(unit=gminy[0]), course_a)
    return course_a, course_b


def test_gain_per_course_pools_small_courses(admin_client, seeded):
    rows = admin_client.get(REPORT).context["object_list"]

    # Course A: pre (4×25 + 2×50) / 6 = 33.3, post (4×75 + 2×100) / 6 = 83.3.
    # Course B alone has 2 learners: it joins the smallest shown group, so the pool has 8.
    assert rows == [
        {
            "label": "pozostałe (mniejsze grupy razem)",
            "learners": 8,
            "pre": 25.0,
            "post": 87.5,
            "gain": 62.5,
            "pooled": True,
        }
    ]


def test_gain_per_county_and_unit_type(admin_client, seeded, gminy):
    for _ in range(3):  # three more in Gdańsk: 5 there now
        learn(seeded[1], OrganisationUnit.objects.get(code="2261"), before=2, after=3)

    by_county = admin_client.get(REPORT, {"by": "county"}).context["object_list"]
    by_type = admin_client.get(REPORT, {"by": "unit_type"}).context["object_list"]

    assert [(r["label"], r["learners"], r["pre"], r["post"], r["gain"]) for r in by_county] == [
        ("Powiat gdański", 6, 33.3, 83.3, 50.0),
        ("Gdańsk", 5, 30.0, 85.0, 55.0),
    ]
    assert [r["label"] for r in by_type] == ["Gmina wiejska", "Miasto na prawach powiatu"]

    workbook = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(REPORT, {"by": "county", "export": "xlsx"}).getvalue())
    )
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert sheet[0][0] == "Powiat"
    assert [row[:2] for row in sheet[1:]] == [("Powiat gdański", 6), ("Gdańsk", 5)]


def test_fewer_than_five_learners_show_nothing(admin_client, gminy):
    course = course_with_pretest("Kurs C")
    for _ in range(4):
        learn(course, gminy[0], before=1, after=4)

    response = admin_client.get(REPORT, {"course": course.pk})

    assert response.context["object_list"] == []
