from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MfaConfig(AppConfig):
    name = "lms.mfa"
    label = "mfa"
    verbose_name = _("Weryfikacja dwuetapowa")

    def ready(self):
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from django_otp_webauthn.utils import get_credential_model

        from lms.mfa import services
        from lms.users.models import User

        # Whether someone must verify is cached per user: forget it when roles or devices change.
        post_save.connect(services.forget_requirement, sender=User, dispatch_uid="mfa.user")
        m2m_changed.connect(
            services.forget_requirement, sender=User.groups.through, dispatch_uid="mfa.groups"
        )
        m2m_changed.connect(
            services.forget_requirement,
            sender=User.user_permissions.through,
            dispatch_uid="mfa.user_permissions",
        )
        m2m_changed.connect(
            services.forget_group_requirement,
            sender=Group.permissions.through,
            dispatch_uid="mfa.group_permissions",
        )
        for model in (TOTPDevice, StaticDevice, get_credential_model()):
            for signal in (post_save, post_delete):
                signal.connect(
                    services.forget_requirement,
                    sender=model,
                    dispatch_uid=f"mfa.{model._meta.label}.{signal is post_save}",
                )
