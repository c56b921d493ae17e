"""Deactivating someone takes effect at their very next request, whether through the edit form or
Wagtail's bulk "set active state" (a bare update() that bypasses save()): no cached copy of the
user outlives it, and their sessions end. The cache keys of two deployments never meet."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from lms.users.roles import Role
from tests.factories import UserFactory
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

PROFILE = reverse("profile")


@pytest.fixture
def victim(db):
    return UserFactory(email="odchodzaca@gmina.example", roles=[Role.LEARNER])


@pytest.fixture
def victim_client(victim):
    """Signed in, and seen once: the user now sits in the cache of signed-in users."""
    browser = Client()
    browser.force_login(victim)
    assert browser.get(PROFILE).status_code == HTTPStatus.OK
    return browser


def sessions_of(user) -> int:
    return sum(
        1
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def assert_signed_out(browser):
    response = browser.get(PROFILE)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


def test_deactivation_in_the_edit_form_signs_the_person_out(admin_client, victim, victim_client):
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[victim.pk]),
        {
            "email": victim.email,
            "first_name": "Zofia",
            "last_name": "Odchodząca",
            "job_title": "",
            "unit": victim.unit_id,
            "is_active": "",
            "groups": [Group.objects.get(name=Role.LEARNER).pk],
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert_signed_out(victim_client)
    assert sessions_of(victim) == 0


def bulk_deactivate(admin_client, *people):
    url = reverse("wagtail_bulk_action", args=["users", "user", "set_active_state"])
    url += "?" + "&".join(f"id={person.pk}" for person in people)
    return admin_client.post(url, {"mark_as_active": "False"})


def test_bulk_deactivation_takes_effect_at_the_next_request(admin_client, victim, victim_client):
    response = bulk_deactivate(admin_client, victim)

    assert response.status_code == HTTPStatus.FOUND
    assert_signed_out(victim_client)


def test_bulk_deactivation_ends_the_sessions_for_good(admin_client, victim, victim_client):
    bulk_deactivate(admin_client, victim)
    victim.is_active = True
    victim.save()  # reactivated later: the old session must not come back to life

    assert sessions_of(victim) == 0
    assert_signed_out(victim_client)


def test_bulk_deactivation_leaves_the_others_signed_in(admin_client, victim, victim_client):
    colleague = UserFactory(roles=[Role.LEARNER])
    colleague_client = Client()
    colleague_client.force_login(colleague)

    bulk_deactivate(admin_client, victim)

    assert colleague_client.get(PROFILE).status_code == HTTPStatus.OK


# --- The cache key prefix ------------------------------------------------------------------------

PRINT_PREFIX = "from django.conf import settings; print(settings.CACHES['default']['KEY_PREFIX'])"


def key_prefix(**env) -> str:
    result = run_manage("shell", "-c", PRINT_PREFIX, REDIS_URL="redis://127.0.0.1:6379/7", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_cache_key_prefix_comes_from_the_environment():
    assert key_prefix(CACHE_KEY_PREFIX="gmina-a") == "gmina-a"


def test_two_deployments_sharing_redis_get_different_prefixes_by_default():
    first = key_prefix(DATABASE_URL="postgres://postgres@127.0.0.1:5432/lms_a", CACHE_KEY_PREFIX="")
    second = key_prefix(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/lms_b", CACHE_KEY_PREFIX=""
    )

    assert first != second
    assert "lms_a" in first
