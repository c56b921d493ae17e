from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Wydarzenia")

    def ready(self):
        from events import emails, receivers  # noqa: F401 - connects the receivers

        emails.register_kinds()  # administrators may reword the notices
