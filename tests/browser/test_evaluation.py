"""A learner rates a completed course in Chromium: from the dashboard's prompt to the form (its
errors and the filled form pass axe-core), and back to the course, thanked."""

import pytest

from evaluation.models import Survey, SurveyResponse
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_learner_rates_a_completed_course(page, log_in_as, assert_accessible):
    learner = UserFactory(roles=[Role.LEARNER])
    course = factories.course(title="Cudzoziemiec w urzędzie gminy", lessons=1, quiz=False)
    factories.complete_course(learner, course)
    survey = Survey.objects.default()
    log_in_as(learner)

    page.goto("/moje-szkolenia/")
    page.get_by_role("link", name="Oceń: Cudzoziemiec w urzędzie gminy").click()

    page.get_by_role("button", name="Wyślij ocenę").click()
    assert page.get_by_role("alert").inner_text() == (
        "Popraw zaznaczone pytania i wyślij ankietę ponownie."
    )
    assert_accessible(page)

    for child in survey.questions:
        question = child.value["question"]
        if child.block_type == "likert":
            group = page.get_by_role("group", name=question)
            group.get_by_label("4", exact=True).check()
        elif child.block_type == "single_choice":
            group = page.get_by_role("group", name=question)
            group.get_by_label(child.value["choices"][0], exact=True).check()
    page.get_by_label("Co powinniśmy poprawić?").fill("Więcej przykładów z urzędu.")
    assert_accessible(page)
    page.get_by_role("button", name="Wyślij ocenę").click()

    assert page.url.endswith(course.url)
    assert page.get_by_text("Dziękujemy za ocenę szkolenia!").is_visible()
    assert SurveyResponse.objects.get().answers.filter(value=4).exists()
