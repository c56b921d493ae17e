"""Requests per client address in a fixed one-minute window, counted in the cache.

    @rate_limit("certificate-verification", per_minute=lambda: settings.SOME_RATE)
    def view(request): ...

The count lives in the Django cache (Redis in production, shared by every web process): the first
request of a window creates the key with `add`, each one then `incr`s it. When the cache is away
the request is let through: an outage of Redis must not take public pages down with it.

The client is REMOTE_ADDR or, behind PROXY_COUNT reverse proxies (the setting axes reads as
AXES_IPWARE_PROXY_COUNT), the address the outermost proxy saw: the PROXY_COUNT-th entry from the
right of X-Forwarded-For. Entries further left are whatever the client sent and are ignored, so
they cannot be used to dodge the limit. IPv6 clients are counted per /64, the block one household
or office usually gets, so that rotating addresses inside it does not multiply the limit.
"""

import ipaddress
import logging
import time
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def client_address(request: HttpRequest) -> str:
    """The client's IP address as the outermost trusted proxy (or the server) saw it."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest) -> str:
    """The client's address as counted: an IPv4 address or an IPv6 /64 network."""
    raw = client_address(request)
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def now() -> float:
    """The clock the windows follow (a seam for tests that cross a window's end)."""
    return time.time()


def seconds_left() -> int:
    """Seconds until the current window ends (what Retry-After says)."""
    return max(1, WINDOW_SECONDS - int(now()) % WINDOW_SECONDS)


def hit(*, group: str, key: str) -> int | None:
    """Count one request of `key` in `group` for the current window and return the count so far,
    or None when the cache cannot count (the caller lets the request through)."""
    window = int(now()) // WINDOW_SECONDS
    cache_key = f"ratelimit:{group}:{key}:{window}"
    try:
        cache.add(cache_key, 0, timeout=WINDOW_SECONDS + 5)
        try:
            return cache.incr(cache_key)
        except ValueError:  # evicted between add and incr: this request opens the window again
            cache.set(cache_key, 1, timeout=WINDOW_SECONDS + 5)
            return 1
    except Exception:  # noqa: BLE001 - any cache failure: serve the request uncounted
        logger.warning("Rate limit not counted: the cache is unavailable.", exc_info=True)
        return None


def too_many_requests_page(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The HTML answer: a page in the site's layout asking to wait a moment."""
    return render(request, "429.html", status=HTTPStatus.TOO_MANY_REQUESTS)


def too_many_requests_json(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The answer for machine clients (APIs)."""
    return JsonResponse(
        {"detail": "too_many_requests", "retry_after": retry_after},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def rate_limit(
    group: str,
    *,
    per_minute: Callable[[], int],
    when: Callable[[HttpRequest], bool] | None = None,
    limited: Callable[[HttpRequest, int], HttpResponse] = too_many_requests_page,
):
    """Let each client make at most `per_minute()` requests a minute to the views sharing
    `group`; the rest get HTTP 429 with Retry-After. `per_minute` is called per request, so a
    setting changed at run time (or in a test) applies at once. `when` limits only the requests
    it accepts (e.g. only POSTs, only searches)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if when is None or when(request):
                count = hit(group=group, key=client_key(request))
                if count is not None and count > per_minute():
                    retry_after = seconds_left()
                    response = limited(request, retry_after)
                    response["Retry-After"] = str(retry_after)
                    response["Cache-Control"] = "no-store"
                    response["X-Robots-Tag"] = "noindex"
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
