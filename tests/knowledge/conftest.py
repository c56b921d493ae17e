from datetime import timedelta

import pytest
from django.utils import timezone

from lms.dates import add_months
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory


@pytest.fixture
def trainer(db):
    return UserFactory(
        first_name="Tomasz",
        last_name="Opiekun",
        email="opiekun@pomorskie.example",
        roles=[Role.TRAINER],
    )


@pytest.fixture
def overdue_on():
    """A last-review date whose 12-month interval ended 10 days ago."""
    return add_months(timezone.localdate() - timedelta(days=10), -12)


@pytest.fixture
def standards(trainer, overdue_on):
    """Four published standards kept by `trainer` in different review states, and a draft:
    overdue, due in 20 days (soon), current, never-reviewed-due draft."""
    today = timezone.localdate()
    return {
        "overdue": factories.standard(
            title="Standard obsługi cudzoziemca w OPS",
            responsible=trainer,
            last_reviewed_on=overdue_on,
        ),
        "soon": factories.standard(
            title="Cudzoziemiec w przychodni",
            area="zdrowie",
            kind="procedura",
            responsible=trainer,
            last_reviewed_on=add_months(today + timedelta(days=20), -6),
            interval=6,
        ),
        "current": factories.standard(
            title="Przyjęcie ucznia do szkoły",
            area="edukacja",
            kind="lista-kontrolna",
            responsible=trainer,
        ),
        "draft": factories.standard(
            title="Szkic procedury PUP",
            area="zatrudnienie",
            kind="procedura",
            responsible=trainer,
            last_reviewed_on=overdue_on,
            live=False,
        ),
    }
