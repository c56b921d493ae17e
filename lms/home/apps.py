from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "lms.home"
    label = "home"
    verbose_name = _("Strona główna")

    def ready(self):
        import lms.admin_filters  # noqa: F401 - registers the yes/no chips of admin filters
        from lms.celery import log_mode_once
        from lms.home.tree_cache import connect_signals

        log_mode_once()
        connect_signals()
