from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Ewaluacja szkoleń")

    def ready(self):
        # People whose attendance at an event was confirmed are asked to evaluate it.
        from evaluation import receivers
        from events.signals import attendance_confirmed

        attendance_confirmed.connect(
            receivers.attendance_confirmed, dispatch_uid="evaluation.attendance_confirmed"
        )
