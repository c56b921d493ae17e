"""The short-lived code shown as a QR on the trainer's phone at the venue.

A token is the moment it was issued and an HMAC (keyed by SECRET_KEY) of that moment and the
event: it cannot be forged, names one event, and is refused once older than `VALID_SECONDS`.
The trainer's screen asks for a new one every `ROTATE_SECONDS`, so a photo of the code sent to
someone who is not in the room stops working within a minute. A code that was valid when scanned
lets that browser confirm presence for `GRANT_SECONDS` (the time to sign in), see `views.scan`.
"""

import time

from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int, int_to_base36

ROTATE_SECONDS = 30
VALID_SECONDS = 60
GRANT_SECONDS = 5 * 60
SALT = "events.check_in"
# A phone whose clock is a little ahead of the server's is not refused.
CLOCK_SKEW_SECONDS = 5


class TokenRefused(Exception):
    """`reason` is "expired" or "invalid"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _signature(event_id: int, issued: int) -> str:
    return salted_hmac(SALT, f"{event_id}:{issued}").hexdigest()[:32]


def make_token(*, event_id: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    return f"{int_to_base36(issued)}-{_signature(event_id, issued)}"


def read_token(*, event_id: int, token: str, now: float | None = None) -> int:
    """The moment the token was issued, or TokenRefused."""
    issued_text, _dash, signature = (token or "")[:80].partition("-")
    try:
        issued = base36_to_int(issued_text)
    except ValueError:
        raise TokenRefused("invalid") from None
    if not constant_time_compare(signature, _signature(event_id, issued)):
        raise TokenRefused("invalid")
    now = time.time() if now is None else now
    if issued > now + CLOCK_SKEW_SECONDS:
        raise TokenRefused("invalid")
    if now - issued > VALID_SECONDS:
        raise TokenRefused("expired")
    return issued
