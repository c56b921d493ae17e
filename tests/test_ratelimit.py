"""The per-client, per-minute request limit (lms.ratelimit), on a bare view."""

from http import HTTPStatus

import pytest
from django.core.cache.backends.base import BaseCache
from django.http import HttpResponse
from django.test import RequestFactory

from lms import ratelimit

LIMIT = 3
START = 1_800_000_000.0  # the first second of a minute


@ratelimit.rate_limit("test", per_minute=lambda: LIMIT)
def page(request):
    return HttpResponse("ok")


@ratelimit.rate_limit(
    "test-json",
    per_minute=lambda: LIMIT,
    limited=ratelimit.too_many_requests_json,
    when=lambda request: request.method == "POST",
)
def api(request):
    return HttpResponse("ok")


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand."""
    moment = {"now": START}
    monkeypatch.setattr(ratelimit, "now", lambda: moment["now"])
    return moment


def get(view=page, address="198.51.100.7", method="get"):
    return view(getattr(RequestFactory(), method)("/", REMOTE_ADDR=address))


def test_the_request_over_the_limit_gets_429_with_retry_after(clock, db):
    answers = [get() for _ in range(LIMIT)]
    clock["now"] = START + 45
    refused = get()

    assert [answer.status_code for answer in answers] == [HTTPStatus.OK] * LIMIT
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Retry-After"] == "15"  # the window ends at the full minute
    assert "Zbyt wiele zapytań" in refused.content.decode()


def test_each_address_has_its_own_count(clock, db):
    for _ in range(LIMIT):
        get(address="198.51.100.7")

    assert get(address="198.51.100.7").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert get(address="198.51.100.8").status_code == HTTPStatus.OK


def test_a_new_minute_starts_a_new_count(clock, db):
    for _ in range(LIMIT + 1):
        get()

    clock["now"] = START + 60

    assert get().status_code == HTTPStatus.OK


def test_behind_a_reverse_proxy_each_client_has_its_own_count(clock, settings, db):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # PROXY_COUNT=1: the proxy appends the client's address
    proxy = "10.0.0.2"

    def through_proxy(forwarded_for):
        request = RequestFactory().get("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded_for)
        return page(request)

    for _ in range(LIMIT):
        through_proxy("198.51.100.7")

    assert through_proxy("198.51.100.7").status_code == HTTPStatus.TOO_MANY_REQUESTS
    # What the client itself put in the header is not believed.
    assert through_proxy("203.0.113.9, 198.51.100.7").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert through_proxy("198.51.100.8").status_code == HTTPStatus.OK


def test_ipv6_addresses_count_per_64_block(clock, db):
    for host in range(1, LIMIT + 1):
        assert get(address=f"2001:db8:1:2::{host}").status_code == HTTPStatus.OK

    assert get(address="2001:db8:1:2:ffff::1").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert get(address="2001:db8:1:3::1").status_code == HTTPStatus.OK
    assert ratelimit.client_key(RequestFactory().get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == (
        "192.0.2.1"
    )


def test_only_the_requests_the_condition_accepts_are_counted(clock):
    for _ in range(LIMIT + 2):
        assert get(api).status_code == HTTPStatus.OK

    for _ in range(LIMIT):
        get(api, method="post")
    refused = get(api, method="post")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused["Content-Type"] == "application/json"
    assert refused["Retry-After"] == "60"


def test_a_changed_limit_applies_at_once(clock, db):
    limits = iter([1, 1, 5, 5])

    @ratelimit.rate_limit("test-setting", per_minute=lambda: next(limits))
    def view(request):
        return HttpResponse("ok")

    assert get(view).status_code == HTTPStatus.OK
    assert get(view).status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert get(view).status_code == HTTPStatus.OK  # the limit was raised to 5
    assert get(view).status_code == HTTPStatus.OK


class UnavailableCache(BaseCache):
    """A cache whose server is gone: every call fails."""

    def __init__(self, location, params):
        super().__init__(params)

    def add(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    get = set = delete = incr = add


def test_requests_are_served_when_the_cache_is_down(clock, settings, caplog):
    settings.CACHES = {"default": {"BACKEND": "tests.test_ratelimit.UnavailableCache"}}

    answers = [get() for _ in range(LIMIT * 2)]

    assert {answer.status_code for answer in answers} == {HTTPStatus.OK}
    assert "cache is unavailable" in caplog.text


def test_requests_are_served_when_redis_is_down(clock, settings):
    """The production backend with Redis away (nothing listens on port 1)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    answers = [get() for _ in range(LIMIT * 2)]

    assert {answer.status_code for answer in answers} == {HTTPStatus.OK}


def test_login_lockouts_count_the_client_behind_the_proxy_not_the_proxy(settings, rf):
    from axes.helpers import get_client_ip_address

    settings.AXES_IPWARE_PROXY_COUNT = 1
    request = rf.post(
        "/konto/logowanie/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )

    assert get_client_ip_address(request) == "198.51.100.7"
