from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Ewaluacja szkoleń")

    def ready(self):
        from evaluation import emails, receivers
        from events.signals import attendance_confirmed

        emails.register_kinds()  # administrators may reword the invitation

        # People whose attendance at an event was confirmed are asked to evaluate it.
        attendance_confirmed.connect(
            receivers.attendance_confirmed, dispatch_uid="evaluation.attendance_confirmed"
        )
