"""Single sign-on against an OpenID Connect provider started by the test, with real RS256 tokens."""

from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.messages import get_messages
from django.urls import reverse

from lms.organisations.models import OrganisationUnit
from lms.users.models import User
from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, Provider

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
REFUSED = "Logowanie przez Urząd Gminy Testowej nie powiodło się"


@pytest.fixture
def provider():
    provider = Provider().start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, provider):
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_DISCOVERY_URL = f"{provider.url}/.well-known/openid-configuration"
    settings.OIDC_PROVIDER_NAME = "Urząd Gminy Testowej"
    settings.OIDC_UNIT_CLAIM = "jednostka"
    settings.OIDC_UNIT_MAPPING = {"Starostwo Powiatowe w Pruszczu Gdańskim": "2204"}
    provider.claims = {
        "email": "Jan.Nowak@Gmina.Example",
        "email_verified": True,
        "given_name": "Jan",
        "family_name": "Nowak",
        "jednostka": ["Pracownicy", "Starostwo Powiatowe w Pruszczu Gdańskim"],
    }
    return provider


def through_provider(client, *, tamper_state=False):
    """The browser's round trip: our sign-in view, the provider, back to our callback."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == HTTPStatus.FOUND
    assert start.url.startswith(f"{client.provider_url}/authorize?")
    back = requests.get(start.url, allow_redirects=False, timeout=5)
    assert back.status_code == HTTPStatus.FOUND
    callback = back.headers["Location"]
    if tamper_state:
        query = parse_qs(urlsplit(callback).query)
        callback = f"{reverse('oidc_authentication_callback')}?code={query['code'][0]}&state=x"
    return client.get(callback)


@pytest.fixture
def browser_client(client, sso):
    client.provider_url = sso.url
    return client


def signed_in(client):
    return client.session.get("_auth_user_id")


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_sign_in_button_only_when_a_provider_is_configured(client, settings, provider):
    assert "Zaloguj przez" not in client.get(LOGIN).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == HTTPStatus.NOT_FOUND

    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_OP_DISCOVERY_URL = f"{provider.url}/.well-known/openid-configuration"
    settings.OIDC_PROVIDER_NAME = "Urząd Gminy Testowej"

    page = client.get(LOGIN).content.decode()
    assert "Zaloguj przez Urząd Gminy Testowej" in page
    assert f'href="{reverse("oidc_authentication_init")}"' in page
    assert 'name="password"' in page  # the password sign-in stays


def test_a_new_person_gets_a_learner_account_in_the_mapped_unit(browser_client, sso):
    response = through_provider(browser_client)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("start")
    assert browser_client.get(response.url)["Location"] == reverse("dashboard")  # a learner
    user = User.objects.get(email="jan.nowak@gmina.example")
    assert signed_in(browser_client) == str(user.pk)
    assert user.unit == OrganisationUnit.objects.get(code="2204")
    assert list(user.groups.values_list("name", flat=True)) == [Role.LEARNER]
    assert (user.first_name, user.last_name) == ("Jan", "Nowak")
    assert not user.has_usable_password()
    # The code was exchanged with PKCE and the client's secret.
    assert sso.token_requests[0]["code_verifier"]


def test_an_existing_person_is_matched_by_email_in_any_letter_case(browser_client, units):
    gmina_b = units[2]
    existing = UserFactory(email="jan.nowak@gmina.example", unit=gmina_b, roles=[Role.LEARNER])

    through_provider(browser_client)

    assert signed_in(browser_client) == str(existing.pk)
    assert User.objects.filter(email__iexact="jan.nowak@gmina.example").count() == 1
    existing.refresh_from_db()
    assert existing.unit == gmina_b  # the provider never moves or promotes anyone


def test_a_token_signed_with_another_key_is_refused(browser_client, sso):
    sso.forge_signature = True

    response = through_provider(browser_client)

    assert response.url == LOGIN
    assert REFUSED in messages_of(response)[0]
    assert not signed_in(browser_client)
    assert not User.objects.filter(email="jan.nowak@gmina.example").exists()


def test_a_token_for_another_client_is_refused(browser_client, sso):
    sso.audience = "inna-aplikacja"

    response = through_provider(browser_client)

    assert response.url == LOGIN
    assert not signed_in(browser_client)


def test_a_nonce_mismatch_is_refused(browser_client, sso):
    sso.wrong_nonce = True

    response = through_provider(browser_client)

    assert response.url == LOGIN
    assert REFUSED in messages_of(response)[0]
    assert not signed_in(browser_client)


def test_a_state_mismatch_is_refused_before_the_code_is_used(browser_client, sso):
    response = through_provider(browser_client, tamper_state=True)

    assert response.url == LOGIN
    assert REFUSED in messages_of(response)[0]
    assert not signed_in(browser_client)
    assert sso.token_requests == []


def test_an_unverified_email_is_refused_with_a_polish_reason(browser_client, sso):
    sso.claims["email_verified"] = False
    UserFactory(email="jan.nowak@gmina.example", roles=[Role.LEARNER])

    response = through_provider(browser_client)

    assert response.url == LOGIN
    assert "nie potwierdził Twojego adresu e-mail" in messages_of(response)[0]
    assert not signed_in(browser_client)


def test_an_email_outside_the_allowed_domains_is_refused(browser_client, sso, settings):
    settings.OIDC_ALLOWED_EMAIL_DOMAINS = ["pruszcz.example"]

    response = through_provider(browser_client)

    assert "nie może logować się przez ten urząd" in messages_of(response)[0]
    assert not User.objects.filter(email="jan.nowak@gmina.example").exists()


def test_an_administrator_is_not_signed_in_by_the_provider(browser_client, sso, admin_user):
    sso.claims["email"] = admin_user.email

    response = through_provider(browser_client)

    assert response.url == LOGIN
    assert "Konto administratora loguje się hasłem" in messages_of(response)[0]
    assert not signed_in(browser_client)


def test_a_trainer_still_gives_the_local_second_factor_unless_the_provider_did_mfa(
    browser_client, sso, settings
):
    settings.TWO_FACTOR_ENFORCED = True
    trainer = UserFactory(email="jan.nowak@gmina.example", roles=[Role.TRAINER])
    sso.claims["amr"] = ["pwd"]

    through_provider(browser_client)

    assert signed_in(browser_client) == str(trainer.pk)
    assert browser_client.get("/admin/").url.startswith(reverse("mfa_setup"))

    browser_client.post(reverse("logout"))
    sso.claims["amr"] = ["pwd", "mfa"]
    through_provider(browser_client)

    assert browser_client.get("/admin/").status_code == HTTPStatus.OK


def test_password_sign_in_still_works_while_sso_is_on(client, sso, user):
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})

    assert response.status_code == HTTPStatus.FOUND
    assert signed_in(client) == str(user.pk)
    assert sso.token_requests == []
