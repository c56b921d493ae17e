"""The built-in wording of the event notices (`events.emails`) as switched-off e-mail templates:
administrators find them on the list ready to reword; until one is turned on, the file templates
`templates/emails/event_notice_*` are sent, exactly as before."""

from django.db import migrations


def create_defaults(apps, schema_editor):
    from events import emails
    from lms.notifications.kinds import create_default_templates

    create_default_templates(apps, [emails.template_name(notice) for notice in emails.NOTICES])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("notifications", "0003_alter_emailtemplate_kind"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
