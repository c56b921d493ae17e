"""Two trainers, each with a course, a course pool and a thematic-area pool of their own, and the
roles that may not touch the bank."""

from types import SimpleNamespace

import pytest
from django.test import Client

from courses.models import ThematicArea
from lms.users.roles import Role
from tests import factories
from tests.factories import QuestionFactory, QuestionPoolFactory, UserFactory


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _side(name: str):
    trainer = UserFactory(first_name="Trener", last_name=name, roles=[Role.TRAINER])
    course = factories.course(title=f"Kurs {name}", lessons=1, questions=2)
    course.trainers.set([trainer])
    course.save()
    pool = QuestionPoolFactory(name=f"Pula kursu {name}", course=course, created_by=trainer)
    area_pool = QuestionPoolFactory(
        name=f"Pula obszaru {name}",
        thematic_area=ThematicArea.objects.get(slug="zdrowie"),
        created_by=trainer,
    )
    question = QuestionFactory(name=f"Pytanie kursu {name}", pool=pool, tags=[f"tag-{name}"])
    area_question = QuestionFactory(name=f"Pytanie obszaru {name}", pool=area_pool)
    return SimpleNamespace(
        trainer=trainer,
        client=client_of(trainer),
        course=course,
        pool=pool,
        area_pool=area_pool,
        question=question,
        area_question=area_question,
    )


@pytest.fixture
def bank(db):
    """Side A and side B: a trainer, their course, its pool and their thematic-area pool, with a
    question in each pool."""
    return SimpleNamespace(a=_side("A"), b=_side("B"))


@pytest.fixture
def coordinator(units):
    person = UserFactory(unit=units[0], roles=[Role.COORDINATOR])
    person.coordinated_units.add(units[0])
    return person
