import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.mfa import services
from lms.users.roles import Role
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_ENFORCED = True


@pytest.fixture
def trainer(db):
    return UserFactory(email="trener@gmina.example", roles=[Role.TRAINER])


@pytest.fixture
def trainer_device(trainer):
    """A trainer who set up the authenticator app earlier, with ten recovery codes."""
    device = TOTPDevice.objects.create(user=trainer, name="Telefon", confirmed=True)
    codes = services.replace_recovery_codes(user=trainer)
    return device, codes
