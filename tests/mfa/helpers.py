"""Helpers for the two-factor tests: real TOTP codes from the device's key."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def code_for(device, *, steps=0) -> str:
    """The code the authenticator app shows now (or `steps` periods later)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps):0{device.digits}d}"


def sign_in(client, user, next_url="/admin/"):
    return client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD, "next": next_url}
    )


def wait_out_throttle(user):
    """As if the few seconds django-otp asks for after a wrong code had passed."""
    earlier = timezone.now() - timedelta(hours=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).exclude(throttling_failure_timestamp=None).update(
            throttling_failure_timestamp=earlier
        )
