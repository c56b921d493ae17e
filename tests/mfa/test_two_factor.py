"""Two-factor authentication through the test client, with real TOTP codes."""

import json
import logging
import re
from http import HTTPStatus
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from lms.mfa import services
from lms.users.roles import Role
from tests.factories import UserFactory
from tests.mfa.helpers import code_for, sign_in, wait_out_throttle

pytestmark = pytest.mark.django_db
SETUP = reverse("mfa_setup")
VERIFY = reverse("mfa_verify")
WRONG_CODE = "Ten kod jest nieprawidłowy"


def codes_on(page) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())


def test_trainer_is_sent_to_a_polish_setup_with_a_qr_code_and_the_secret_as_text(client, trainer):
    assert sign_in(client, trainer).url == "/admin/"

    admin = client.get("/admin/")

    assert admin.status_code == HTTPStatus.FOUND
    assert admin.url == f"{SETUP}?next=%2Fadmin%2F"
    page = client.get(admin.url)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=trainer)
    assert not device.confirmed
    assert "Włącz weryfikację dwuetapową" in html
    assert "<svg width=" in html
    assert "<title>Kod QR do zeskanowania</title>" in html
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert page.context["secret"] in html
    assert "<img" not in html  # nothing loaded from elsewhere: the QR code is inline SVG
    assert "Dodaj klucz dostępu" in html


def test_setup_refuses_a_wrong_code_in_polish_then_a_right_code_shows_ten_codes_once(
    client, trainer
):
    sign_in(client, trainer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=trainer)

    wrong = client.post(SETUP, {"code": code_for(device, steps=5), "next": "/admin/"})

    assert wrong.status_code == HTTPStatus.OK
    assert WRONG_CODE in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == HTTPStatus.FOUND

    wait_out_throttle(trainer)
    right = client.post(SETUP, {"code": code_for(device), "next": "/admin/"})

    assert right.url == reverse("mfa_recovery_codes")
    shown = client.get(right.url)
    codes = codes_on(shown)
    assert len(codes) == len(set(codes)) == 10
    assert "Kody pokazujemy tylko teraz" in shown.content.decode()
    assert 'href="/admin/"' in shown.content.decode()
    # Once: reloading the page does not show them again.
    again = client.get(reverse("mfa_recovery_codes"))
    assert again.url == SETUP
    assert codes_on(client.get(SETUP)) == []
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_a_second_wrong_code_right_away_is_throttled(client, trainer):
    sign_in(client, trainer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=trainer)
    client.post(SETUP, {"code": code_for(device, steps=5)})

    hurried = client.post(SETUP, {"code": code_for(device)})

    assert "Zbyt wiele nieudanych prób" in hurried.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_next_sign_in_asks_for_the_code_and_then_opens_the_admin(client, trainer_device):
    device, _codes = trainer_device
    sign_in(client, device.user)

    admin = client.get("/admin/")
    assert admin.url == f"{VERIFY}?next=%2Fadmin%2F"
    asked = client.get(admin.url)
    assert "Wpisz 6-cyfrowy kod" in asked.content.decode()

    verified = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})

    assert verified.url == "/admin/"
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_a_used_code_cannot_be_replayed(client, trainer_device):
    device, _codes = trainer_device
    code = code_for(device)
    sign_in(client, device.user)
    client.post(VERIFY, {"code": code})
    client.post(reverse("logout"))

    sign_in(client, device.user)
    replay = client.post(VERIFY, {"code": code})

    assert WRONG_CODE in replay.content.decode()
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_a_recovery_code_works_once(client, trainer_device):
    device, codes = trainer_device
    sign_in(client, device.user)

    used = client.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/"}, follow=True)

    assert used.redirect_chain[0][0] == "/admin/"
    assert "Użyto kodu zapasowego. Pozostało kodów: 9." in used.content.decode()
    client.post(reverse("logout"))
    wait_out_throttle(device.user)

    sign_in(client, device.user)
    again = client.post(VERIFY, {"code": codes[0]})

    assert WRONG_CODE in again.content.decode()
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/users/",
        "/admin/reports/",
        "/moje-szkolenia/",
        "/konto/profil/",
        "/konto/profil/moje-dane.json",
        "/zaswiadczenia/",
    ],
)
def test_nothing_with_personal_data_opens_before_the_second_factor(client, trainer_device, url):
    device, _codes = trainer_device
    sign_in(client, device.user)

    response = client.get(url)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(VERIFY + "?next=")


def test_administrator_with_a_password_alone_cannot_add_an_authenticator(client, admin_user):
    TOTPDevice.objects.create(user=admin_user, name="Telefon", confirmed=True)
    sign_in(client, admin_user)

    response = client.get(SETUP)

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=admin_user).count() == 1


def test_learner_is_not_forced_and_can_opt_in_from_the_profile(client, user):
    sign_in(client, user, next_url="/moje-szkolenia/")

    assert client.get("/moje-szkolenia/").status_code == HTTPStatus.OK
    profile = client.get(reverse("profile"))
    assert f'href="{SETUP}"' in profile.content.decode()

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": code_for(device)})
    client.post(reverse("logout"))

    # Having opted in, the learner is asked for the code too.
    sign_in(client, user, next_url="/moje-szkolenia/")
    assert client.get("/moje-szkolenia/").url.startswith(VERIFY)


def test_a_learner_made_trainer_mid_session_is_held_at_once(client, user):
    sign_in(client, user, next_url="/moje-szkolenia/")
    assert client.get("/moje-szkolenia/").status_code == HTTPStatus.OK

    user.groups.add(Group.objects.get(name=Role.TRAINER))

    assert client.get("/moje-szkolenia/").url.startswith(SETUP)


def test_failed_codes_are_recorded_for_the_audit_log(client, trainer_device, caplog):
    device, _codes = trainer_device
    received = []

    def receiver(sender, user, request, method, **kwargs):
        received.append((user, method))

    services.two_factor_failed.connect(receiver)
    sign_in(client, device.user)
    try:
        with caplog.at_level(logging.WARNING, logger="lms.security"):
            client.post(VERIFY, {"code": code_for(device, steps=5)}, REMOTE_ADDR="10.1.2.3")
    finally:
        services.two_factor_failed.disconnect(receiver)

    assert received == [(device.user, "code")]
    assert f"security.2fa_failed user={device.user.pk} method=code address=10.1.2.3" in caplog.text


def test_verified_user_gets_passkey_registration_options(client, trainer_device):
    device, _codes = trainer_device
    sign_in(client, device.user)
    begin = reverse("otp_webauthn:credential-registration-begin")

    # With a password alone, no passkey can be added to an account that has a second factor.
    refused = client.post(begin, content_type="application/json")
    assert refused.status_code == HTTPStatus.FORBIDDEN

    client.post(VERIFY, {"code": code_for(device)})
    options = client.post(begin, content_type="application/json")

    assert options.status_code == HTTPStatus.OK
    data = json.loads(options.content)
    assert data["rp"] == {"id": "localhost", "name": "Centrum Kompetencji"}
    assert data["user"]["name"] == device.user.email
    assert len(data["challenge"]) >= 16
    assert "Dodaj klucz dostępu" in client.get(SETUP).content.decode()


def test_trainer_without_any_device_may_register_a_passkey_as_first_factor(client, trainer):
    sign_in(client, trainer)

    options = client.post(
        reverse("otp_webauthn:credential-registration-begin"), content_type="application/json"
    )

    assert options.status_code == HTTPStatus.OK


def test_nothing_changes_for_anyone_when_enforcement_is_off(client, trainer, settings):
    settings.TWO_FACTOR_ENFORCED = False
    sign_in(client, trainer)

    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_a_coordinator_is_held_too(client, coordinator_a):
    sign_in(client, coordinator_a)

    assert client.get("/admin/").url.startswith(SETUP)


def test_learner_without_device_is_not_held_on_the_verify_page(client):
    learner = UserFactory(roles=[Role.LEARNER])
    sign_in(client, learner, next_url="/")

    assert client.get(VERIFY).url.startswith(SETUP)


def test_an_operator_resets_a_lost_second_factor_and_the_person_sets_it_up_again(
    client, trainer_device
):
    device, _codes = trainer_device
    out = StringIO()

    call_command("reset_two_factor", device.user.email.upper(), stdout=out)

    assert "Removed 2 second-factor device(s)" in out.getvalue()
    sign_in(client, device.user)
    assert client.get("/admin/").url.startswith(SETUP)


def test_a_failed_passkey_verification_is_recorded_and_does_not_verify(
    client, trainer_device, caplog
):
    device, _codes = trainer_device
    sign_in(client, device.user)
    begin = client.post(
        reverse("otp_webauthn:credential-authentication-begin"), content_type="application/json"
    )
    assert begin.status_code == HTTPStatus.OK

    with caplog.at_level(logging.WARNING, logger="lms.security"):
        failed = client.post(
            reverse("otp_webauthn:credential-authentication-complete"),
            {"id": "bm90LWEta2V5", "rawId": "bm90LWEta2V5", "type": "public-key", "response": {}},
            content_type="application/json",
        )

    assert failed.status_code == HTTPStatus.UNPROCESSABLE_ENTITY  # not a real assertion
    assert f"security.2fa_failed user={device.user.pk} method=passkey" in caplog.text
    assert client.get("/admin/").url.startswith(VERIFY)


def test_a_code_for_an_account_with_only_a_passkey_is_simply_wrong(client, trainer):
    WebAuthnCredential.objects.create(
        user=trainer,
        name="Laptop",
        confirmed=True,
        credential_id=b"k",
        public_key=b"p",
        sign_count=0,
        credential_id_sha256="0" * 64,
    )
    sign_in(client, trainer)

    response = client.post(VERIFY, {"code": "123456"})

    assert WRONG_CODE in response.content.decode()
    assert "Użyj klucza dostępu" in response.content.decode()


def test_a_failed_code_lands_in_the_security_audit_log(client, trainer_device):
    from lms.audit.models import AuditEntry, Event

    device, _codes = trainer_device
    sign_in(client, device.user)

    client.post(VERIFY, {"code": code_for(device, steps=5)}, REMOTE_ADDR="10.1.2.3")

    entry = AuditEntry.objects.get(event=Event.MFA_FAILED)
    assert entry.target_user == device.user
    assert entry.ip_address == "10.1.2.3"
    assert "code" in entry.details
