import pytest

from courses import services
from courses.models import LessonPage, QuizPage
from tests import factories


@pytest.fixture
def course(db):
    return factories.course()


@pytest.fixture
def lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


@pytest.fixture
def quiz(course):
    return QuizPage.objects.child_of(course).get()


@pytest.fixture
def enrolment(user, course):
    return services.enrol(user=user, course=course)
