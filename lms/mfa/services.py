"""Two-factor authentication: who must verify, setting up an authenticator app, recovery codes,
checking a code. Every token check goes through django-otp, whose devices throttle failures."""

import logging

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.ratelimit import client_address
from lms.users.models import User
from lms.users.roles import has_privileged_role

logger = logging.getLogger("lms.security")

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Aplikacja uwierzytelniająca"
RECOVERY_DEVICE_NAME = "Kody zapasowe"
# Set in the session when the identity provider vouched for a second factor (lms.sso).
SSO_MFA_SESSION_KEY = "mfa_verified_by_sso"
REQUIREMENT_SECONDS = 300

# Sent after each failed code: the security audit log listens (user, request, method).
two_factor_failed = Signal()


class CodeRejected(Exception):
    """The code was wrong, or too many wrong codes were tried just before (`throttled`)."""

    def __init__(self, *, throttled: bool = False):
        super().__init__("throttled" if throttled else "invalid")
        self.throttled = throttled


# --- Who must verify ------------------------------------------------------------------------------


def _requirement_key(user_id) -> str:
    return f"mfa:required:{user_id}"


def two_factor_required(user) -> bool:
    """Privileged accounts always; anyone else once they have set up a second factor.

    Cached per user for a few minutes (a request costs no query); role and device changes
    forget the cached answer at once (see lms.mfa.apps).
    """
    key = _requirement_key(user.pk)
    required = cache.get(key)
    if required is None:
        required = has_privileged_role(user) or user_has_device(user)
        cache.set(key, required, REQUIREMENT_SECONDS)
    return required


def is_verified(request) -> bool:
    """This session passed a second factor here (django-otp) or at the identity provider."""
    user = request.user
    return bool(getattr(user, "is_verified", lambda: False)()) or bool(
        request.session.get(SSO_MFA_SESSION_KEY)
    )


def forget_requirement(sender, instance, pk_set=None, **kwargs):
    if isinstance(instance, User):
        cache.delete(_requirement_key(instance.pk))
    elif isinstance(instance, Group):  # group.user_set.add(...)
        cache.delete_many([_requirement_key(pk) for pk in pk_set or ()])
    elif getattr(instance, "user_id", None):  # a device
        cache.delete(_requirement_key(instance.user_id))


def forget_group_requirement(sender, instance, **kwargs):
    """A group's permissions changed (e.g. it may now open the admin): ask again for its members."""
    if isinstance(instance, Group):
        members = instance.user_set.values_list("pk", flat=True)
        cache.delete_many([_requirement_key(pk) for pk in members])


# --- Authenticator app ----------------------------------------------------------------------------


def confirmed_totp_device(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_totp_device(*, user) -> TOTPDevice:
    """The unconfirmed device being set up: the same secret until it is confirmed, so reloading
    the page does not invalidate a QR code that was already scanned."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def confirm_totp_device(*, request, device: TOTPDevice, token: str) -> list[str]:
    """Check the first code from the app; on success confirm the device, mark this session as
    verified and return fresh recovery codes (shown once). Raises CodeRejected."""
    token = _clean(token)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
        allowed, _info = device.verify_is_allowed()
        accepted = allowed and device.verify_token(token)  # a failure is counted and kept
        if accepted:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            codes = replace_recovery_codes(user=request.user)
    if not allowed:
        raise CodeRejected(throttled=True)
    if not accepted:
        _record_failed_2fa(request=request, user=request.user, method="totp-setup")
        raise CodeRejected
    otp_login(request, device)
    return codes


# --- Recovery codes -------------------------------------------------------------------------------


def replace_recovery_codes(*, user) -> list[str]:
    """Ten new single-use codes; the previous ones stop working."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def is_recovery_device(device) -> bool:
    return isinstance(device, StaticDevice)


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- Verification ---------------------------------------------------------------------------------


def verify_code(*, request, token: str):
    """A code from the app or a recovery code (used up once accepted) for the signed-in user.

    Returns the device that accepted it and marks the session as verified; raises CodeRejected
    (and records the failure) otherwise. Each device throttles its own failures, so repeated
    guesses wait longer and longer whichever kind of code they try.
    """
    user = request.user
    token = _clean(token)
    devices = [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]
    tried = False
    with transaction.atomic():  # failures are counted and kept: nothing below raises
        for device in devices:
            device = type(device).objects.select_for_update().get(pk=device.pk)
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                continue
            tried = True
            if device.verify_token(token):
                otp_login(request, device)
                return device
    if devices and not tried:
        raise CodeRejected(throttled=True)
    _record_failed_2fa(request=request, user=user, method="code")
    raise CodeRejected


def reset_two_factor(*, user) -> int:
    """Remove every second factor of someone who lost both phone and recovery codes (after the
    person's identity was checked outside the platform). A privileged account is then asked to
    set one up again at its next sign-in. Returns how many devices were removed."""
    from django_otp import devices_for_user

    removed = 0
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    logger.warning("security.2fa_reset user=%s devices=%s", user.pk, removed)
    return removed


def forget_verification(*, request) -> None:
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session.pop(SSO_MFA_SESSION_KEY, None)


def _clean(token: str) -> str:
    """People type codes with spaces or dashes ('123 456', 'abcd-efgh')."""
    return "".join(ch for ch in (token or "") if ch.isalnum()).lower()


def _record_failed_2fa(*, request, user, method: str) -> None:
    """The one place a failed second factor is reported (log line and signal for the audit log)."""
    logger.warning(
        "security.2fa_failed user=%s method=%s address=%s",
        user.pk,
        method,
        client_address(request),
    )
    two_factor_failed.send(sender=User, user=user, request=request, method=method)
