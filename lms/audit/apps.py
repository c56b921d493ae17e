from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lms.audit"
    label = "audit"
    verbose_name = _("Dziennik bezpieczeństwa")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from lms.audit.receivers import record_failed_2fa, record_failed_login
        from lms.mfa.services import two_factor_failed

        user_login_failed.connect(record_failed_login, dispatch_uid="lms.audit.failed_login")
        two_factor_failed.connect(record_failed_2fa, dispatch_uid="lms.audit.failed_2fa")
