"""Holds a signed-in account that must use two-factor authentication on the set-up or verification
page until this session has passed the second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from lms.mfa import services

# What an account waiting for its second factor may still open.
OPEN_URL_NAMES = {
    "mfa_setup",
    "mfa_verify",
    "mfa_recovery_codes",
    "logout",
    "set_language",
    "privacy",
    "privacy_versions",
    "privacy_version",
    "accessibility",
    "accessibility_statement",
    "healthz",
}
OPEN_NAMESPACES = {"otp_webauthn"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "TWO_FACTOR_ENFORCED", True):
            return None
        match = request.resolver_match
        if match is not None and (
            match.url_name in OPEN_URL_NAMES or OPEN_NAMESPACES.intersection(match.namespaces)
        ):
            return None
        user = request.user
        if not user.is_authenticated or services.is_verified(request):
            return None
        if not services.two_factor_required(user):
            return None
        target = reverse("mfa_verify" if user_has_device(user) else "mfa_setup")
        if request.method in ("GET", "HEAD"):
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
