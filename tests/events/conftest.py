import pytest
from django.core import mail
from icalendar import Calendar

from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory


@pytest.fixture
def event(db):
    return factories.event(capacity=2)


@pytest.fixture
def people(db):
    """Four learners."""
    return [
        UserFactory(first_name=name, email=f"{name.lower()}@gmina.example", roles=[Role.LEARNER])
        for name in ("Anna", "Bartosz", "Celina", "Dawid")
    ]


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run `action` and let its on-commit work (the e-mails) happen; the e-mails sent by it."""

    def sent(action):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, list(mail.outbox)

    return sent


def calendar_of(message) -> Calendar:
    """The `.ics` attached to an e-mail, parsed back with the iCalendar library."""
    attachments = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(attachments) == 1, message.attachments
    _name, content, mimetype = attachments[0]
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)
