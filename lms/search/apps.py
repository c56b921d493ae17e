from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "lms.search"
    label = "lms_search"
    verbose_name = _("Wyszukiwarka")

    def ready(self):
        from lms.search import receivers

        receivers.connect()
