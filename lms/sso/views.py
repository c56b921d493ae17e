"""The two ends of the sign-in through the provider; both answer 404 while SSO is off."""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc import views as oidc_views

from lms.mfa.services import SSO_MFA_SESSION_KEY
from lms.sso import config
from lms.sso.backends import CLAIMS_ATTRIBUTE

logger = logging.getLogger("lms.security")


class SignInView(oidc_views.OIDCAuthenticationRequestView):
    """Redirects to the provider with state, nonce and a PKCE challenge kept in the session."""

    get_settings = staticmethod(config.setting)

    def __init__(self, **kwargs):
        # The parent reads the endpoint here; we do it in dispatch, where a failure is handled.
        View.__init__(self, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def dispatch(self, request, *args, **kwargs):
        if not config.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = config.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except requests.RequestException:
            logger.exception("OIDC discovery failed")
            return _unavailable(request)
        return super().dispatch(request, *args, **kwargs)


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """Back from the provider: a wrong state, a forged or foreign token, an unverified e-mail all
    end on the sign-in page with a Polish message and nobody signed in."""

    get_settings = staticmethod(config.setting)

    def dispatch(self, request, *args, **kwargs):
        if not config.enabled():
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except requests.RequestException:
            logger.exception("OIDC provider unreachable")
            return _unavailable(request)
        except SuspiciousOperation as error:
            logger.warning("security.sso_refused reason=%s", error)
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        amr = (getattr(self.user, CLAIMS_ATTRIBUTE, None) or {}).get("amr") or []
        trusted = set(settings.OIDC_MFA_AMR_VALUES)
        if trusted.intersection(amr if isinstance(amr, list) else [amr]):
            # The provider did a second factor: privileged roles are not asked again here.
            self.request.session[SSO_MFA_SESSION_KEY] = True
        return response

    def login_failure(self):
        message = getattr(self.request, "sso_refusal", None) or _(
            "Logowanie przez %(provider)s nie powiodło się. Spróbuj ponownie albo zaloguj się "
            "adresem e-mail i hasłem."
        ) % {"provider": settings.OIDC_PROVIDER_NAME}
        messages.error(self.request, message)
        return redirect("login")


def _unavailable(request):
    messages.error(
        request,
        _("Serwer logowania %(provider)s jest chwilowo niedostępny. Zaloguj się hasłem.")
        % {"provider": settings.OIDC_PROVIDER_NAME},
    )
    return redirect("login")
