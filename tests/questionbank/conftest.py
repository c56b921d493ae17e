import pytest

from lms.users.roles import Role
from tests.factories import UserFactory
from tests.questionbank.world import build_bank, seed_statistics


@pytest.fixture
def bank(db):
    """See `world.build_bank`."""
    return build_bank()


@pytest.fixture
def seeded(bank):
    """Bank A's course pool with hand-computed statistics: see `world.SEEDED`."""
    return seed_statistics(bank)


@pytest.fixture
def coordinator(units):
    person = UserFactory(unit=units[0], roles=[Role.COORDINATOR])
    person.coordinated_units.add(units[0])
    return person
