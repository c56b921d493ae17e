"""The built-in wording of each editable e-mail, as templates administrators can start from.

They are created switched off: until an administrator turns one on, the file templates in
templates/emails/ are sent, exactly as before.
"""

from django.db import migrations
from django.utils.translation import override


def create_defaults(apps, schema_editor):
    from lms.notifications.kinds import KINDS

    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    with override("pl"):
        for kind, spec in KINDS.items():
            EmailTemplate.objects.get_or_create(
                kind=str(kind),
                defaults={
                    "subject": str(spec.default_subject),
                    "body": str(spec.default_body),
                    "is_active": False,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
