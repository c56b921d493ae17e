from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lms.notifications"
    label = "notifications"
    verbose_name = _("Powiadomienia")

    def ready(self):
        from lms import mail
        from lms.notifications import receivers  # noqa: F401 - connects the receivers
        from lms.notifications.models import EmailTemplate

        mail.register_template_lookup(EmailTemplate.active)
