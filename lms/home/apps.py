from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "lms.home"
    label = "home"
    verbose_name = _("Strona główna")

    def ready(self):
        import lms.admin_filters  # noqa: F401 - registers the yes/no chips of admin filters
        from lms.home import checks  # noqa: F401 - registers the checks
        from lms.home.tree_cache import connect_signals

        connect_signals()
