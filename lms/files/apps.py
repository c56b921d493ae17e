from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    """Private files: the storage for everything that holds personal data, the view helper that
    hands such a file to someone already checked, and the clean-up of files nobody references."""

    name = "lms.files"
    label = "files"
    verbose_name = _("Pliki prywatne")

    def ready(self):
        from lms.files import checks, receivers  # noqa: F401 - registers checks, receivers
