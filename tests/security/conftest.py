import pytest
from django.db import transaction
from django.test import override_settings

from lms.celery import app as celery_app
from tests.security.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole module, rolled back at its end; each test runs in a savepoint
    inside it (the function-scoped `db` fixture), so what a request changes is undone."""
    media = tmp_path_factory.mktemp("matrix-media")
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=str(media),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        import time

        t = time.time()
        w = build_world()
        print("WORLD BUILT", time.time() - t)
        yield w
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = previous
