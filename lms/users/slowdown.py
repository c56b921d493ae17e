"""A per-account slow-down of password guessing that no address change gets around.

django-axes locks the pair (e-mail, address): it stops one machine, but an attacker with many
addresses gets AXES_FAILURE_LIMIT guesses from each. This limit counts the failures of an account
whatever the address. After LOGIN_SLOWDOWN_AFTER failures, each further attempt for that account
must wait: LOGIN_SLOWDOWN_BASE_SECONDS after the next failure, doubling with every failure, never
more than LOGIN_SLOWDOWN_MAX_SECONDS. It is a slow-down, not a lock-out: the owner is never shut
out for longer than the maximum, and an attacker gets at most one guess per interval. While the
account waits, every attempt is refused before the password is checked, the right password
included (otherwise the answer would tell a guesser which password is right). Failures are
forgotten LOGIN_SLOWDOWN_WINDOW_SECONDS after the last one, and at once after a successful sign-in.

Unknown e-mails are counted like real accounts, so the answers reveal nothing about who has one.
The counts live in the cache (Redis in production, shared by every web process); when it is away
sign-in goes on without the slow-down (axes still counts in the database).
"""

import hashlib
import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from lms.ratelimit import now

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attempt:
    """Whether an attempt for this account may go ahead and, if not, how many seconds to wait."""

    allowed: bool
    wait_seconds: int = 0


def _keys(email: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.encode()).hexdigest()[:32]  # no e-mails in the cache
    return f"login:failures:{digest}", f"login:last-failure:{digest}"


def delay_after(failures: int) -> int:
    """Seconds an account with `failures` recent failures waits before the next attempt."""
    over = failures - settings.LOGIN_SLOWDOWN_AFTER
    if over < 0:
        return 0
    return min(
        settings.LOGIN_SLOWDOWN_BASE_SECONDS * 2 ** min(over, 30),
        settings.LOGIN_SLOWDOWN_MAX_SECONDS,
    )


def begin_attempt(*, email: str) -> Attempt:
    """Called before the password is checked. Past the free failures, one attempt per interval
    goes ahead: the first to claim the interval's slot (an atomic `add`, so parallel requests from
    many addresses cannot all slip through at once)."""
    failures_key, last_key = _keys(email)
    try:
        values = cache.get_many([failures_key, last_key])
        failures = int(values.get(failures_key) or 0)
        delay = delay_after(failures)
        if not delay:
            return Attempt(allowed=True)
        wait = float(values.get(last_key) or 0) + delay - now()
        if wait > 0:
            return Attempt(allowed=False, wait_seconds=math.ceil(wait))
        slot = f"{failures_key}:slot:{failures}"
        if not cache.add(slot, 1, timeout=delay + 1):
            return Attempt(allowed=False, wait_seconds=delay)
    except Exception:  # noqa: BLE001 - cache away: sign-in must not depend on it
        logger.warning("Login slow-down not checked: the cache is unavailable.", exc_info=True)
    return Attempt(allowed=True)


def record_failure(*, email: str) -> None:
    """A wrong password (or an unknown e-mail) for this account."""
    failures_key, last_key = _keys(email)
    window = settings.LOGIN_SLOWDOWN_WINDOW_SECONDS
    try:
        cache.add(failures_key, 0, timeout=window)
        try:
            cache.incr(failures_key)
        except ValueError:  # expired between add and incr
            cache.set(failures_key, 1, timeout=window)
        cache.touch(failures_key, timeout=window)
        cache.set(last_key, now(), timeout=window)
    except Exception:  # noqa: BLE001
        logger.warning("Login failure not counted: the cache is unavailable.", exc_info=True)


def forget_failures(*, email: str) -> None:
    """A successful sign-in: the account starts afresh."""
    try:
        cache.delete_many(_keys(email))
    except Exception:  # noqa: BLE001
        logger.warning("Login failures not reset: the cache is unavailable.", exc_info=True)
