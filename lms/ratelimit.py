"""Requests per client address in a fixed one-minute window, counted in the cache.

    @rate_limit("certificate-verification", per_minute=lambda: settings.SOME_RATE)
    def view(request): ...

The count lives in the Django cache (Redis in production, shared by every web process): the first
request of a window creates the key with `add`, each one then `incr`s it. When the cache is away
the request is let through: an outage of Redis must not take public pages down with it.

The client is REMOTE_ADDR or, behind PROXY_COUNT reverse proxies (the setting axes reads as
AXES_IPWARE_PROXY_COUNT), the address the outermost proxy saw: the PROXY_COUNT-th entry from the
right of X-Forwarded-For. Entries further left are whatever the client sent and are ignored, so
they cannot be used to dodge the limit; a hop that is not a well-formed address is not believed
(REMOTE_ADDR counts instead). IPv6 clients are counted per /64, the block one household or office
usually gets, so that rotating addresses inside it does not multiply the limit. django-axes reads
the client the same way (`counted_address`), so its lock-outs follow the same rules.
"""

import functools
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
    """The client's IP address as the outermost trusted proxy (or the server) saw it.

    With PROXY_COUNT=0 only REMOTE_ADDR counts: X-Forwarded-For is whatever the client sent.
    Behind N proxies it is the N-th hop from the right of X-Forwarded-For, and only when that hop
    is a well-formed address; a short or garbled header falls back to REMOTE_ADDR (the proxy),
    never to a value the client chose."""
    remote = _parse_address(request.META.get("REMOTE_ADDR", "")) or ""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            return _parse_address(hops[-proxies]) or remote
    elif "HTTP_X_FORWARDED_FOR" in request.META:
        _warn_unused_forwarded_header()
    return remote


@functools.cache
def _warn_unused_forwarded_header() -> None:
    """Once per process: a proxy forwards client addresses that PROXY_COUNT=0 makes us ignore."""
    logger.warning(
        "Requests carry X-Forwarded-For but PROXY_COUNT=0: every client is counted as the proxy's "
        "address, so lock-outs and rate limits hit everyone at once. Set PROXY_COUNT to the number "
        "of reverse proxies in front of the application (see docs/nginx.conf.example)."
    )


def _parse_address(text: str) -> str | None:
    """A well-formed IPv4/IPv6 address in canonical form (a port or [brackets] some proxies add
    are dropped), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def counted_address(request: HttpRequest) -> str:
    """The client as every limit counts it (axes lock-outs and rate limits alike): an IPv4
    address, or for IPv6 the first address of the client's /64 network, so that the addresses of
    one /64 count as one client. Always a valid IP address (axes stores it in an inet column)."""
    raw = client_address(request)
    if not raw:
        return "0.0.0.0"  # noqa: S104 - no address at all (a test request): one shared bucket
    address = ipaddress.ip_address(raw)
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_key(request: HttpRequest) -> str:
    """The client's address as counted: an IPv4 address or an IPv6 /64 network."""
    counted = counted_address(request)
    return f"{counted}/64" if ":" in counted else counted


def now() -> float:
    """The clock the windows follow (a seam for tests that cross a window's end)."""
    return time.time()


def seconds_left() -> int:
    """Seconds until the current window ends (what Retry-After says)."""
    return max(1, WINDOW_SECONDS - int(now()) % WINDOW_SECONDS)


def hit(*, group: str, key: str, window: int = WINDOW_SECONDS) -> int | None:
    """Count one request of `key` in `group` for the current window (`window` seconds long) and
    return the count so far, or None when the cache cannot count (the caller lets it through)."""
    cache_key = f"ratelimit:{group}:{key}:{window}:{int(now()) // window}"
    try:
        cache.add(cache_key, 0, timeout=window + 5)
        try:
            return cache.incr(cache_key)
        except ValueError:  # evicted between add and incr: this request opens the window again
            cache.set(cache_key, 1, timeout=window + 5)
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
