from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lms.notifications"
    label = "notifications"
    verbose_name = _("Powiadomienia")

    def ready(self):
        from lms.notifications import receivers  # noqa: F401 - connects the receivers
