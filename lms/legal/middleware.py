"""Sends a signed-in person who has not read the current privacy notice to it, once per version:
publishing a new version (`services.publish_privacy_notice`) shows it to everyone again.

Only page loads are held (GET/HEAD asking for HTML): never a form submission, an admin AJAX
call, an API or feed request, static or uploaded files; nor the notice itself, logging out, the
accessibility statement or the two-factor pages a person may need first (lms.mfa)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from lms.legal import selectors
from lms.mfa.middleware import OPEN_NAMESPACES as MFA_OPEN_NAMESPACES
from lms.mfa.middleware import OPEN_URL_NAMES as MFA_OPEN_URL_NAMES

SESSION_KEY = "legal_privacy_version"  # the version this session's person has acknowledged
OPEN_URL_NAMES = MFA_OPEN_URL_NAMES | {
    "privacy",
    "privacy_acknowledge",
    "privacy_versions",
    "privacy_version",
    "accessibility",
    "accessibility_statement",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    # Machine endpoints: the certificates' public API and credentials.
    "certificates:api",
    "certificates:credential",
    "certificates:public_key",
}
OPEN_NAMESPACES = MFA_OPEN_NAMESPACES | {"wagtailadmin_api"}


def _is_page_load(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    return request.accepts("text/html")


def _is_open(request) -> bool:
    match = request.resolver_match
    return match is not None and (
        match.url_name in OPEN_URL_NAMES
        or match.view_name in OPEN_URL_NAMES
        or bool(OPEN_NAMESPACES.intersection(match.namespaces))
    )


class PrivacyNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not _is_page_load(request) or _is_open(request):
            return None
        version = selectors.current_privacy_version()
        if version is None or request.session.get(SESSION_KEY) == version:
            return None
        if selectors.has_acknowledged(user=request.user, version=version):
            request.session[SESSION_KEY] = version
            return None
        return redirect(reverse("privacy") + "?" + urlencode({"next": request.get_full_path()}))
