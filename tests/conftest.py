import os
import uuid

import pytest
from django.conf import settings as django_settings

from lms.celery import app as celery_app
from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """The test client and the live server speak plain HTTP on localhost."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with an empty cache (cached outlines, sessions), whatever ran before."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(autouse=True, scope="session")
def _certificate_signing_key():
    """One Ed25519 key for the run, for this process and the workers the tests start."""
    from certificates.signing import generate_key

    key = generate_key()
    os.environ["CERTIFICATE_SIGNING_KEY"] = key
    django_settings.CERTIFICATE_SIGNING_KEY = key
    return key


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process unless a test starts a real worker (see tests/test_worker.py)."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and generated files go to a throw-away media root."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def units(db):
    """Two municipalities of the Gdańsk county (from the data migration), a school under the
    first: (gmina A, school in A, gmina B)."""
    from lms.organisations.models import OrganisationUnit
    from tests.factories import OrganisationUnitFactory

    county = OrganisationUnit.objects.get(code="2204")
    gmina_a = OrganisationUnitFactory(parent=county, name="Gmina A")
    school_a = OrganisationUnitFactory(parent=gmina_a, name="Szkoła w A", unit_type="school")
    gmina_b = OrganisationUnitFactory(parent=county, name="Gmina B")
    return gmina_a, school_a, gmina_b


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(roles=[Role.LEARNER])


@pytest.fixture
def learner_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def admin_user(db):
    return UserFactory(
        email="administrator@pomorskie.example",
        is_superuser=True,
        roles=[Role.ADMINISTRATOR],
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
