from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionBankConfig(AppConfig):
    name = "courses.questionbank"
    label = "questionbank"
    verbose_name = _("Bank pytań")

    def ready(self):
        from courses.questionbank import transfer_hooks  # noqa: F401 - registers admin URLs
