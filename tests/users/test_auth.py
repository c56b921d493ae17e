import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
SAME_MESSAGE = "Nieprawidłowy adres e-mail lub hasło"


def login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_learner_signs_in_with_email_in_any_letter_case(client, user, password):
    response = login(client, user.email.upper(), password)

    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("profile")).context["user"] == user


def test_unknown_email_and_wrong_password_get_the_same_message(client, user):
    unknown = login(client, "nikt@gmina.example", "cokolwiek-123")
    wrong = login(client, user.email, "zle-haslo-123")

    assert unknown.status_code == wrong.status_code == HTTPStatus.OK
    assert SAME_MESSAGE in unknown.content.decode()
    assert unknown.context["form"].errors == wrong.context["form"].errors


def test_five_failures_lock_the_account_for_that_address_with_a_polish_message(
    client, user, password
):
    for _ in range(5):
        login(client, user.email, "zle-haslo-123")

    locked = login(client, user.email, password)

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Zbyt wiele nieudanych prób logowania" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_email_and_address_not_per_office(client, user, password):
    colleague = UserFactory()
    for _ in range(6):
        login(client, user.email, "zle-haslo-123", ip="10.0.0.1")

    # A colleague in the same office (same public IP) still signs in...
    assert login(client, colleague.email, password, ip="10.0.0.1").status_code == HTTPStatus.FOUND
    client.logout()
    # ...and so does the locked person from another address.
    assert login(client, user.email, password, ip="10.9.9.9").status_code == HTTPStatus.FOUND


def test_password_reset_sends_a_working_link(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": user.email})

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    link = re.search(r"http://\S+/haslo/reset/\S+/", mailoutbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nowe-Haslo-Pomorze-7", "new_password2": "Nowe-Haslo-Pomorze-7"},
    )
    assert response.status_code == HTTPStatus.FOUND
    user.refresh_from_db()
    assert user.check_password("Nowe-Haslo-Pomorze-7")


def test_password_reset_for_unknown_email_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nikt@gmina.example"})

    assert response.status_code == HTTPStatus.FOUND
    assert mailoutbox == []


def test_password_change_applies_django_validators(learner_client, password):
    response = learner_client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == HTTPStatus.OK
    assert "hasło" in response.content.decode().lower()
    assert response.context["form"].errors["new_password2"]


def test_logout_needs_post_and_ends_the_session(learner_client):
    response = learner_client.post(reverse("logout"))

    assert response.status_code == HTTPStatus.FOUND
    assert learner_client.get(reverse("profile")).status_code == HTTPStatus.FOUND


def test_profile_edit_keeps_polish_diacritics(learner_client, user):
    response = learner_client.post(
        reverse("profile"),
        {"first_name": "Małgorzata", "last_name": "Żółkiewska-Ślęzak", "job_title": "Inspektorka"},
    )

    assert response.status_code == HTTPStatus.FOUND
    user.refresh_from_db()
    assert user.get_full_name() == "Małgorzata Żółkiewska-Ślęzak"
    assert "Żółkiewska-Ślęzak" in learner_client.get(reverse("profile")).content.decode()


def test_deactivating_an_account_signs_the_person_out_at_once(learner_client, user):
    assert learner_client.get(reverse("profile")).status_code == HTTPStatus.OK  # user now cached

    user.is_active = False
    user.save()

    assert learner_client.get(reverse("profile")).status_code == HTTPStatus.FOUND


def test_a_changed_password_ends_other_sessions(learner_client, user):
    assert learner_client.get(reverse("profile")).status_code == HTTPStatus.OK

    user.set_password("Zupelnie-Nowe-Haslo-9")
    user.save()

    assert learner_client.get(reverse("profile")).status_code == HTTPStatus.FOUND
