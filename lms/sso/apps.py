from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "lms.sso"
    label = "sso"
    verbose_name = _("Logowanie przez urząd (SSO)")
