import pytest

from evaluation import services
from evaluation.blocks import CHOICE, LIKERT, OPEN
from evaluation.forms import Answer, field_name
from evaluation.models import Survey
from lms.users.roles import Role
from tests import factories
from tests.factories import OrganisationUnitFactory, UserFactory


@pytest.fixture
def survey(db):
    """The Polish default survey the data migration ships."""
    return Survey.objects.default()


@pytest.fixture
def short_course(db):
    """A course completed by doing its one lesson (no quiz)."""
    return factories.course(title="Obsługa cudzoziemców w urzędzie", lessons=1, quiz=False)


def questions_of(survey, block_type):
    return [child for child in survey.questions if child.block_type == block_type]


def filled_form(survey, *, rating=4, choice_index=0, text="Więcej przykładów z urzędu."):
    """A complete, valid POST of the survey form."""
    data = {}
    for child in survey.questions:
        if child.block_type == LIKERT:
            data[field_name(child.id)] = str(rating)
        elif child.block_type == CHOICE:
            data[field_name(child.id)] = child.value["choices"][choice_index]
        elif child.block_type == OPEN:
            data[field_name(child.id)] = text
    return data


def answers_for(survey, *, rating=4, text="") -> list[Answer]:
    answers = []
    for child in survey.questions:
        if child.block_type == LIKERT:
            answers.append(Answer(key=child.id, value=rating))
        elif child.block_type == CHOICE:
            answers.append(Answer(key=child.id, choice=child.value["choices"][0]))
        elif child.block_type == OPEN and text:
            answers.append(Answer(key=child.id, text=text))
    return answers


def respond(*, page, unit, count, rating=4, text=""):
    """`count` people of `unit` complete `page` (the completion hook invites them) and answer;
    returns them."""
    people = []
    for _ in range(count):
        person = UserFactory(unit=unit, roles=[Role.LEARNER])
        factories.complete_course(person, page)
        invitation = person.survey_invitations.get(page=page)
        services.submit_response(
            invitation=invitation, answers=answers_for(invitation.survey, rating=rating, text=text)
        )
        people.append(person)
    return people


@pytest.fixture
def gminy(db):
    """Three municipalities of Powiat gdański."""
    from lms.organisations.models import OrganisationUnit

    county = OrganisationUnit.objects.get(code="2204")
    return [OrganisationUnitFactory(parent=county, name=f"Gmina {name}") for name in "XYZ"]
