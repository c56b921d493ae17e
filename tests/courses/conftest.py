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


@pytest.fixture
def bank_snippets(db):
    """Pools and questions registered as snippets, which `SnippetChooserBlock` (and so a quiz's
    block validation) needs; a no-op once the question bank's admin registers them itself."""
    from wagtail.snippets.models import register_snippet

    from courses.questionbank.models import Question, QuestionPool

    for model in (QuestionPool, Question):
        if not hasattr(model, "snippet_viewset"):
            register_snippet(model)
