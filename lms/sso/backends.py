"""Authentication with a verified OpenID Connect ID token: the person is matched by e-mail."""

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from lms.organisations.models import OrganisationUnit
from lms.sso import config
from lms.users.backends import EmailBackend
from lms.users.models import UserManager
from lms.users.roles import Role, is_administrator

logger = logging.getLogger("lms.security")

# Set on the returned user for the callback view (whether the provider did a second factor).
CLAIMS_ATTRIBUTE = "oidc_claims"


class Refused(SuspiciousOperation):
    """The provider's answer was genuine but this person may not sign in with it."""


def _truthy(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


class OIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(config.setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every sign-in, passwords included: read the provider's
        # settings (and maybe its discovery document) only when an OIDC callback authenticates.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; never answer a password sign-in.
        if request is None or "nonce" not in kwargs or not config.enabled():
            return None
        super().__init__()
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        return EmailBackend().get_user(user_id)

    def _verify_jws(self, payload, key):
        """The signature, and also the audience (this client), issuer and expiry, which
        mozilla-django-oidc leaves unchecked."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("Unexpected ID token algorithm.")
        issuer = config.setting("OIDC_OP_ISSUER") or None
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                options={"require": ["exp", "iat", "aud", *(["iss"] if issuer else [])]},
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token rejected: {error}") from error

    def get_userinfo(self, access_token, id_token, payload):
        """The claims of the verified ID token (Entra ID's userinfo endpoint lacks custom claims)."""
        return payload

    def verify_claims(self, claims):
        email = UserManager.normalize_email(claims.get("email"))
        if not email:
            return self._refuse(_("Dostawca tożsamości nie przekazał adresu e-mail."))
        # Keycloak: email_verified; Entra ID: xms_edov (the domain owner vouches for the address).
        if not (_truthy(claims.get("email_verified")) or _truthy(claims.get("xms_edov"))):
            return self._refuse(
                _(
                    "Dostawca tożsamości nie potwierdził Twojego adresu e-mail. Zaloguj się "
                    "hasłem albo poproś administratora swojego urzędu o potwierdzenie adresu."
                )
            )
        domains = [d.lower().lstrip("@") for d in settings.OIDC_ALLOWED_EMAIL_DOMAINS]
        if domains and email.rsplit("@", 1)[-1] not in domains:
            return self._refuse(_("Ten adres e-mail nie może logować się przez ten urząd."))
        return True

    def filter_users_by_claims(self, claims):
        email = UserManager.normalize_email(claims.get("email"))
        return self.UserModel.objects.filter(email__iexact=email)

    def update_user(self, user, claims):
        """An existing account keeps its roles and unit: the provider never grants anything."""
        if is_administrator(user) and not settings.OIDC_ALLOW_ADMINISTRATORS:
            self._refuse(
                _("Konto administratora loguje się hasłem i weryfikacją dwuetapową."),
                raise_it=True,
            )
        setattr(user, CLAIMS_ATTRIBUTE, claims)
        return user

    def create_user(self, claims):
        """A new learner, in the unit the claim mapping names (or none)."""
        unit = self._unit(claims)
        with transaction.atomic():
            user = self.UserModel.objects.create_user(
                email=claims["email"],
                first_name=(claims.get("given_name") or "")[:150],
                last_name=(claims.get("family_name") or "")[:150],
                unit=unit,
            )
            user.groups.add(*Group.objects.filter(name=Role.LEARNER))
        logger.info("security.sso_user_created user=%s unit=%s", user.pk, unit and unit.code)
        setattr(user, CLAIMS_ATTRIBUTE, claims)
        return user

    def _unit(self, claims):
        name = settings.OIDC_UNIT_CLAIM
        mapping = settings.OIDC_UNIT_MAPPING
        if not name or not mapping:
            return None
        values = claims.get(name)
        for value in values if isinstance(values, list) else [values]:
            code = mapping.get(str(value)) if value is not None else None
            if code:
                return OrganisationUnit.objects.filter(code=code).first()
        return None

    def _refuse(self, message, *, raise_it=False):
        self.request.sso_refusal = message
        if raise_it:
            raise Refused(message)
        return False
