"""A double click on "Wyślij ocenę": one answer is stored, the other refused (real locking)."""

import pytest

from evaluation import services
from evaluation.models import SurveyInvitation, SurveyResponse
from tests import factories
from tests.concurrency import run_concurrently
from tests.evaluation.conftest import answers_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_concurrent_answers_store_one_response():
    person = UserFactory()
    course = factories.course(lessons=1, quiz=False)
    factories.complete_course(person, course)
    invitation = SurveyInvitation.objects.get(user=person)
    answers = answers_for(invitation.survey, rating=5)

    results, errors = run_concurrently(
        lambda: services.submit_response(invitation=invitation, answers=answers), times=4
    )

    assert len(results) == 1
    assert [type(error) for error in errors] == [services.SurveyError] * 3
    assert SurveyResponse.objects.count() == 1
