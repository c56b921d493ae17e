"""Sign-in and password-reset protection that changing addresses or headers does not get around."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from lms import ratelimit
from lms.users import slowdown
from lms.users.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
RESET = reverse("password_reset")
LOCKED = "Zbyt wiele nieudanych prób logowania na to konto. Ze względów bezpieczeństwa"
WRONG = "zle-haslo-123"
START = 1_800_000_000.0


def login(client, email, password, **meta):
    meta.setdefault("REMOTE_ADDR", "10.0.0.1")
    return client.post(LOGIN, {"username": email, "password": password}, **meta)


@pytest.fixture
def clock(monkeypatch):
    """The clock of the rate limits and the slow-down, moved by hand."""
    moment = {"now": START}
    monkeypatch.setattr(ratelimit, "now", lambda: moment["now"])
    monkeypatch.setattr(slowdown, "now", lambda: moment["now"])
    return moment


# --- Addresses: IPv6 per /64, forwarded hops --------------------------------------------------


def test_rotating_ipv6_addresses_inside_one_64_are_locked_out_like_one_address(
    client, user, password
):
    for host in range(1, 6):
        login(client, user.email, WRONG, REMOTE_ADDR=f"2001:db8:aa:bb::{host:x}")

    same_block = login(client, user.email, password, REMOTE_ADDR="2001:db8:aa:bb:ffff:1:2:3")
    other_block = login(client, user.email, password, REMOTE_ADDR="2001:db8:aa:bc::1")

    assert same_block.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert LOCKED in same_block.content.decode()
    assert other_block.status_code == HTTPStatus.FOUND  # a neighbouring network is not locked


def test_behind_one_proxy_the_right_most_forwarded_hop_is_the_client(
    client, user, password, settings
):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for spoofed in range(5):  # the attacker writes a new address into the header each time
        login(
            client,
            user.email,
            WRONG,
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"203.0.113.{spoofed}, 198.51.100.7",
        )

    attacker = login(
        client,
        user.email,
        password,
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7",
    )
    colleague = login(
        client, user.email, password, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.8"
    )

    assert attacker.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert colleague.status_code == HTTPStatus.FOUND


def test_without_proxies_the_forwarded_header_is_ignored(client, user, password, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    for spoofed in range(5):
        login(
            client,
            user.email,
            WRONG,
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{spoofed}",
        )

    locked = login(
        client, user.email, password, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.1"
    )

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS


@pytest.mark.parametrize(
    ("forwarded", "counted"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("garbage, 198.51.100.7", "198.51.100.7"),
        ("198.51.100.7, not-an-address", "10.0.0.2"),  # garbled last hop: the proxy itself
        ("", "10.0.0.2"),
        ("198.51.100.7:51000", "198.51.100.7"),
        ("[2001:db8:aa:bb::7]:443", "2001:db8:aa:bb::"),
        ("2001:DB8:AA:BB:1:2:3:4", "2001:db8:aa:bb::"),
        ("::ffff:192.0.2.1", "192.0.2.1"),
    ],
)
def test_only_a_well_formed_forwarded_hop_is_believed(rf, settings, forwarded, counted):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = rf.post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert ratelimit.counted_address(request) == counted


# --- The per-account slow-down ------------------------------------------------------------------


@pytest.fixture
def slowdown_after_three(settings):
    settings.LOGIN_SLOWDOWN_AFTER = 3
    settings.LOGIN_SLOWDOWN_BASE_SECONDS = 30
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 100


def test_failures_from_many_addresses_slow_the_account_down(
    client, user, password, clock, slowdown_after_three
):
    for number in range(3):  # each from a new address: axes alone would never lock
        assert login(client, user.email, WRONG, REMOTE_ADDR=f"192.0.2.{number}").status_code == (
            HTTPStatus.OK
        )

    # The next attempt must wait, even from a fresh address and with the right password.
    refused = login(client, user.email, password, REMOTE_ADDR="198.51.100.50")
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"] == "30"
    assert "Spróbuj ponownie za 30 s." in refused.content.decode()
    assert "_auth_user_id" not in client.session

    clock["now"] += 30  # one attempt goes ahead; it fails, and the wait doubles
    assert login(client, user.email, WRONG, REMOTE_ADDR="198.51.100.51").status_code == (
        HTTPStatus.OK
    )
    clock["now"] += 40
    again = login(client, user.email, password, REMOTE_ADDR="198.51.100.52")
    assert again.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Spróbuj ponownie za 20 s." in again.content.decode()

    clock["now"] += 20  # the owner, after waiting, signs in; the account starts afresh
    assert login(client, user.email, password, REMOTE_ADDR="198.51.100.53").status_code == (
        HTTPStatus.FOUND
    )
    client.logout()
    assert login(client, user.email, WRONG, REMOTE_ADDR="198.51.100.54").status_code == (
        HTTPStatus.OK
    )


def test_the_wait_never_exceeds_the_maximum(client, user, clock, slowdown_after_three):
    for number in range(8):
        clock["now"] += 100
        login(client, user.email, WRONG, REMOTE_ADDR=f"192.0.2.{number}")

    refused = login(client, user.email, WRONG, REMOTE_ADDR="198.51.100.50")

    assert refused["Retry-After"] == "100"


def test_the_slow_down_of_one_account_leaves_the_others_alone(
    client, user, password, clock, slowdown_after_three
):
    colleague = UserFactory()
    for number in range(4):
        login(client, user.email, WRONG, REMOTE_ADDR=f"192.0.2.{number}")

    assert login(client, colleague.email, password).status_code == HTTPStatus.FOUND


def test_an_unknown_email_is_slowed_down_like_an_account(client, user, clock, slowdown_after_three):
    answers = {}
    for email in (user.email, "nikt@gmina.example"):
        for number in range(3):
            login(client, email, WRONG, REMOTE_ADDR=f"192.0.2.{number}")
        answers[email] = login(client, email, WRONG, REMOTE_ADDR="198.51.100.50")

    known, unknown = answers.values()
    assert known.status_code == unknown.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert known.context["form"].errors == unknown.context["form"].errors


def test_the_admin_login_is_slowed_down_too(
    client, admin_user, password, clock, slowdown_after_three
):
    admin_login = reverse("wagtailadmin_login")
    for number in range(3):
        login(client, admin_user.email, WRONG, REMOTE_ADDR=f"192.0.2.{number}")

    response = client.post(
        admin_login,
        {"username": admin_user.email, "password": password},
        REMOTE_ADDR="198.51.100.50",
    )

    assert response.status_code == HTTPStatus.OK  # the form again, not signed in
    assert "_auth_user_id" not in client.session


# --- Password reset -----------------------------------------------------------------------------


def reset(client, email, address="10.0.0.1", **meta):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, **meta)


def test_reset_link_is_built_on_site_url_not_on_the_request_host(
    client, user, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://szkolenia.pomorskie.example"
    settings.ALLOWED_HOSTS = ["szkolenia.pomorskie.example", "evil.example"]

    with django_capture_on_commit_callbacks(execute=True):
        response = reset(client, user.email, HTTP_HOST="evil.example")

    assert response.status_code == HTTPStatus.FOUND
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/haslo/reset/\S+/", mailoutbox[0].body).group(0)
    assert link.startswith("https://szkolenia.pomorskie.example/konto/haslo/reset/")
    assert "evil.example" not in mailoutbox[0].body + str(mailoutbox[0].alternatives)


def test_reset_requests_for_one_email_are_limited_whoever_sends_them(
    client, user, clock, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            assert reset(client, user.email, f"192.0.2.{number}").status_code == HTTPStatus.FOUND
        refused = reset(client, user.email, "198.51.100.50")

    assert refused.status_code == HTTPStatus.OK
    assert "spróbuj ponownie za godzinę" in refused.content.decode()
    assert len(mailoutbox) == 3

    clock["now"] += 60 * 60
    with django_capture_on_commit_callbacks(execute=True):
        assert reset(client, user.email, "198.51.100.51").status_code == HTTPStatus.FOUND
    assert len(mailoutbox) == 4


def test_the_reset_limit_answers_the_same_whether_the_account_exists(client, user, clock):
    answers = []
    for email in (user.email, "nikt@gmina.example"):
        statuses = [reset(client, email, f"192.0.2.{n}").status_code for n in range(3)]
        answers.append((statuses, reset(client, email, "198.51.100.50")))

    (known_statuses, known), (unknown_statuses, unknown) = answers
    assert known_statuses == unknown_statuses == [HTTPStatus.FOUND] * 3
    assert known.status_code == unknown.status_code == HTTPStatus.OK
    assert known.context["form"].errors == unknown.context["form"].errors


def test_reset_requests_from_one_address_are_limited(client, clock, settings):
    statuses = [reset(client, f"osoba{n}@gmina.example").status_code for n in range(6)]

    assert statuses == [HTTPStatus.FOUND] * 5 + [HTTPStatus.TOO_MANY_REQUESTS]
    assert reset(client, "inna@gmina.example", "10.0.0.2").status_code == HTTPStatus.FOUND


def test_invitation_link_is_built_on_site_url_not_on_the_request_host(
    admin_client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://szkolenia.pomorskie.example"
    settings.ALLOWED_HOSTS = ["szkolenia.pomorskie.example", "evil.example"]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("lms_invite_user"),
            {
                "email": "nowa.osoba@gmina.example",
                "first_name": "Łucja",
                "last_name": "Gęślarz",
                "roles": [Role.LEARNER],
            },
            HTTP_HOST="evil.example",
        )

    assert response.status_code == HTTPStatus.FOUND
    link = re.search(r"https?://\S+/zaproszenie/\S+/", mailoutbox[-1].body).group(0)
    assert link.startswith("https://szkolenia.pomorskie.example/")
    assert "evil.example" not in mailoutbox[-1].body
