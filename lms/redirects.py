"""Where to send a person after a step that interrupted them (two-factor verification, reading
the privacy notice): the `next` they came with, if it stays on this site."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request) -> str:
    """`next` from the POST or the query string when it is a path (or URL) of this host, else the
    page after logging in."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)
