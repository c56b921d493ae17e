import json
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from lms.users.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PERSONAL_FIELDS = ["first_name", "last_name", "job_title"]


def test_privacy_notice_is_public_and_polish(client):
    response = client.get(reverse("privacy"))

    assert response.status_code == HTTPStatus.OK
    assert "Administrator danych" in response.content.decode()


def test_learner_downloads_their_own_data_as_json(learner_client, user):
    response = learner_client.get(reverse("download_my_data"))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == user.email
    assert data["profile"]["last_name"] == user.last_name
    assert data["profile"]["unit"] == user.unit.name


def test_download_contains_nobody_else(learner_client, user):
    other = UserFactory(email="inna.osoba@gmina.example", last_name="Kaszubska")

    body = learner_client.get(reverse("download_my_data")).content.decode()

    assert other.email not in body
    assert "Kaszubska" not in body


def test_download_requires_signing_in(client):
    response = client.get(reverse("download_my_data"))

    assert response.status_code == HTTPStatus.FOUND
    assert reverse("login") in response["Location"]


def test_admin_anonymises_a_user_and_no_personal_field_remains(admin_client, password):
    client = Client()
    person = UserFactory(email="do.usuniecia@gmina.example", last_name="Żabińska")
    client.post(reverse("login"), {"username": person.email, "password": "zle-haslo"})
    assert AccessAttempt.objects.filter(username=person.email).exists()

    response = admin_client.post(
        reverse("wagtail_bulk_action", args=("users", "user", "anonymise")) + f"?id={person.pk}",
        {"next": "/admin/users/"},
    )

    assert response.status_code == HTTPStatus.FOUND
    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert person.email.endswith("@anonimizacja.invalid")
    assert "do.usuniecia" not in person.email
    assert all(getattr(person, field) == "" for field in PERSONAL_FIELDS)
    assert person.last_login is None
    assert not person.is_active
    assert not person.has_usable_password()
    assert not person.groups.exists()
    assert not AccessAttempt.objects.filter(username=person.email).exists()
    assert not AccessAttempt.objects.filter(username="do.usuniecia@gmina.example").exists()
    # The person can no longer sign in with the old address.
    assert (
        client.post(
            reverse("login"), {"username": "do.usuniecia@gmina.example", "password": password}
        ).status_code
        == HTTPStatus.OK
    )
    assert not User.objects.filter(last_name="Żabińska").exists()


def test_admin_cannot_anonymise_themselves(admin_client, admin_user):
    admin_client.post(
        reverse("wagtail_bulk_action", args=("users", "user", "anonymise"))
        + f"?id={admin_user.pk}",
        {"next": "/admin/users/"},
    )

    admin_user.refresh_from_db()
    assert admin_user.anonymised_at is None
