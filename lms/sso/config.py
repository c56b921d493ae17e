"""Provider settings: from the environment, endpoints read from the discovery document."""

import hashlib

import requests
from django.conf import settings
from django.core.cache import cache
from mozilla_django_oidc.utils import import_from_settings

# Our setting -> the discovery document's field.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_ISSUER": "issuer",
}
DISCOVERY_SECONDS = 60 * 60


def enabled() -> bool:
    return bool(
        getattr(settings, "OIDC_RP_CLIENT_ID", "")
        and (
            getattr(settings, "OIDC_OP_DISCOVERY_URL", "")
            or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", "")
        )
    )


def setting(name, *default):
    """mozilla-django-oidc's settings lookup, with endpoints that are not set explicitly taken
    from the provider's discovery document."""
    if name in DISCOVERED:
        return getattr(settings, name, "") or discovery().get(DISCOVERED[name], "")
    return import_from_settings(name, *default)


def discovery() -> dict:
    """The provider's /.well-known/openid-configuration, cached for an hour."""
    url = getattr(settings, "OIDC_OP_DISCOVERY_URL", "")
    if not url:
        return {}
    key = "sso:discovery:" + hashlib.sha256(url.encode()).hexdigest()
    document = cache.get(key)
    if document is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, DISCOVERY_SECONDS)
    return document
