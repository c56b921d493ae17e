import io
import uuid

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from lms.celery import app as celery_app


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """`load_demo` once for the module (the catalogue, the accounts, the trainer's draft course in
    moderation; the loader indexes it), rolled back at the module's end; each test runs in a
    savepoint inside it."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"search-demo-{uuid.uuid4().hex}",
        }
    }
    with (
        django_db_blocker.unblock(),
        override_settings(
            CACHES=cache, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = previous
