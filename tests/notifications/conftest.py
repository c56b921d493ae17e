import pytest

from courses import services as course_services
from tests import factories


@pytest.fixture
def course(db):
    """An invitation-only course whose title needs escaping in HTML."""
    return factories.course(
        title="Prawo <pobytowe> & praktyka",
        lessons=2,
        quiz=False,
        mode="assigned",
        completion_rule="lessons_only",
    )


@pytest.fixture
def assign(django_capture_on_commit_callbacks):
    """Assign `course` as an administrator would; on-commit work (the task, the e-mails) runs."""

    def assign(users, course, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return course_services.assign(users=users, course=course, **kwargs)

    return assign
