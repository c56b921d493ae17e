"""The built-in wording of the survey invitation (`evaluation.emails`) as a switched-off e-mail
template: administrators find it on the list ready to reword; until it is turned on, the file
templates `templates/emails/survey_invitation_*` are sent, exactly as before."""

from django.db import migrations


def create_defaults(apps, schema_editor):
    from evaluation import emails
    from lms.notifications.kinds import create_default_templates

    create_default_templates(apps, [emails.TEMPLATE])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_default_survey"),
        ("notifications", "0003_alter_emailtemplate_kind"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
