import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from lms.users.models import User
from lms.users.roles import Role
from tests.admin_access import assert_sent_to_admin_login

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Pomorze-Integracja-2026"


@pytest.fixture
def invite(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    """The administrator invites a learner from the Wagtail admin; returns the e-mailed link."""

    def _invite(email="nowa.osoba@gmina.example"):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("lms_invite_user"),
                {
                    "email": email,
                    "first_name": "Łucja",
                    "last_name": "Gęślarz",
                    "job_title": "Pracownica socjalna",
                    "roles": [Role.LEARNER],
                },
            )
        assert response.status_code == HTTPStatus.FOUND
        admin_client.logout()
        return re.search(r"http://\S+/zaproszenie/\S+/", mailoutbox[-1].body).group(0)

    return _invite


def test_invitation_creates_an_account_without_a_password_and_emails_a_link(invite, mailoutbox):
    link = invite()

    invitee = User.objects.get(email="nowa.osoba@gmina.example")
    assert not invitee.has_usable_password()
    assert invitee.groups.filter(name=Role.LEARNER).exists()
    assert mailoutbox[-1].to == ["nowa.osoba@gmina.example"]
    assert "Zaproszenie" in mailoutbox[-1].subject
    assert link in mailoutbox[-1].alternatives[0][0]


def test_invitation_link_sets_the_password_and_signs_in(client, invite):
    link = invite()

    page = client.get(link)
    assert page.status_code == HTTPStatus.OK
    assert "Łucja" in page.content.decode()
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("profile")).context["user"].email == "nowa.osoba@gmina.example"
    assert User.objects.get(email="nowa.osoba@gmina.example").check_password(NEW_PASSWORD)


def test_invitation_link_works_only_once(client, invite):
    link = invite()
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()

    again = client.post(
        link, {"new_password1": "Inne-Haslo-Gdynia-9", "new_password2": "Inne-Haslo-Gdynia-9"}
    )

    assert again.status_code == HTTPStatus.GONE
    assert "nieważne" in again.content.decode()
    assert User.objects.get(email="nowa.osoba@gmina.example").check_password(NEW_PASSWORD)


def test_invitation_link_expires(client, invite, settings):
    link = invite()
    settings.INVITATION_MAX_AGE = -1  # every link is now older than allowed

    response = client.get(link)

    assert response.status_code == HTTPStatus.GONE
    assert not User.objects.get(email="nowa.osoba@gmina.example").has_usable_password()


def test_tampered_invitation_link_is_rejected(client, invite):
    link = invite()

    response = client.get(link[:-5] + "XXXX/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_weak_password_is_refused_with_a_message_and_link_stays_valid(client, invite):
    link = invite()

    response = client.post(link, {"new_password1": "12345", "new_password2": "12345"})

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["new_password1"]
    assert client.get(link).status_code == HTTPStatus.OK


def test_learners_cannot_invite(learner_client):
    url = reverse("lms_invite_user")

    assert_sent_to_admin_login(learner_client.get(url), url)
