from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import override_settings

from lms.celery import app as celery_app
from tests.security.world import VIEWERS, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole module, rolled back at its end; each test runs in a savepoint
    inside it (the function-scoped `db` fixture), so what a request changes is undone."""
    media = tmp_path_factory.mktemp("matrix-media")
    private = tmp_path_factory.mktemp("matrix-private")
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=str(media),
            PRIVATE_MEDIA_ROOT=str(private),
            SENDFILE_ROOT=str(private),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = previous


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One signed-in test client per viewer for the module (the sessions live in the world's
    transaction, so no test pays for a login). Each call gives the clients back with their
    original session cookie, whatever a previous request did to it (a view that cycles or
    flushes the session would otherwise sign the viewer out for the rest of the walk)."""
    from tests.security.test_access_matrix import client_for

    with django_db_blocker.unblock():
        made = {viewer: client_for(world, viewer) for viewer in VIEWERS}
    cookies = {
        viewer: SimpleCookie(client.cookies.output(header="")) for viewer, client in made.items()
    }

    def fresh(viewer):
        client = made[viewer]
        client.cookies = SimpleCookie(cookies[viewer].output(header=""))
        return client

    return fresh


# The project's autouse fixtures change settings before every test (a fresh cache, plain HTTP,
# fast hashing). The walk runs thousands of requests on one world: do it once per module.
@pytest.fixture(scope="module", autouse=True)
def _module_settings():
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        LANGUAGE_COOKIE_SECURE=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "access-matrix",
            }
        },
    ):
        yield


@pytest.fixture
def private_media():
    """One private root for the module (set by `world`), where its files were written."""


@pytest.fixture
def _fresh_cache():
    """One cache for the module (set by `_module_settings`)."""


@pytest.fixture
def _plain_http():
    """Plain HTTP for the module (set by `_module_settings`)."""


@pytest.fixture
def _fast_password_hashing():
    """Fast hashing for the module (set by `_module_settings`)."""
