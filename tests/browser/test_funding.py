"""In Chromium: a learner enrolling on an EU-funded course reads the notice, answers the fund's
questions (keyboard-friendly radio groups) and comes back to enrol; the form and the course page
with its funding marks pass axe-core."""

import re

import pytest

from courses.models import Enrolment
from funding.models import Participant
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory
from tests.funding.conftest import MARKS, make_project

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_learner_gives_the_project_data_then_enrols(page, log_in_as, assert_accessible, media):
    course = factories.course(title="Cudzoziemiec w urzędzie", lessons=1, quiz=False)
    project = make_project(course, marks=MARKS)
    learner = UserFactory(first_name="Ola", roles=[Role.LEARNER])
    log_in_as(learner)

    page.goto(course.url)
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.wait_for_url(re.compile(r".*/projekty-ue/\d+/dane-uczestnika/.*"))
    assert page.get_by_role("heading", name=re.compile("Informacja o przetwarzaniu")).is_visible()
    assert_accessible(page)

    # Sending without the confirmation: a Polish message, nothing saved.
    page.get_by_role("button", name="Zapisz i przejdź dalej").click()
    assert page.get_by_role("alert").is_visible()
    assert not Participant.objects.exists()

    page.get_by_label(re.compile("Zapoznałem")).check()
    for legend, answer in {
        "Płeć": "kobieta",
        "Wiek w dniu": "30–54 lata",
        "Najwyższe ukończone": "wyższe (ISCED 5–8)",
    }.items():
        page.locator("fieldset", has_text=legend).get_by_label(answer, exact=True).check()
    for group in page.locator("fieldset").all()[3:]:
        group.get_by_label("odmowa podania informacji", exact=True).check()
    page.get_by_role("button", name="Zapisz i przejdź dalej").click()
    page.wait_for_url(re.compile(re.escape(course.url) + "$"))

    participant = Participant.objects.get(user=learner, project=project)
    assert (participant.sex, participant.age_band, participant.minority) == (
        "female",
        "30_54",
        "refused",
    )
    marks = page.locator(".funding-marks img")
    assert [marks.nth(i).get_attribute("alt") for i in range(marks.count())] == [
        alt for alt, _size in MARKS
    ]
    assert_accessible(page)
    page.get_by_role("button", name="Zapisz się na kurs").click()
    page.wait_for_load_state()
    assert Enrolment.objects.filter(user=learner, course=course).exists()
