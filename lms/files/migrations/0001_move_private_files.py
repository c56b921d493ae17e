"""Files holding personal data used to sit in public media (MEDIA_ROOT or the public bucket):
move them into the private storage, keeping every row's file name valid. Files under the old
folders that no row names any more are deleted by `manage.py move_private_files --purge`."""

from django.db import migrations

PRIVATE_FIELDS = [("exports", "Export", "file"), ("imports", "ImportBatch", "file"),
                  ("certificates", "Certificate", "pdf"),
                  ("certificates", "CertificateFile", "pdf")]


def move(apps, schema_editor):
    from lms.files.services import move_private_files

    fields = [
        apps.get_model(app_label, model_name)._meta.get_field(field_name)
        for app_label, model_name, field_name in PRIVATE_FIELDS
    ]
    move_private_files(fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("exports", "0002_private_storage"),
        ("imports", "0002_private_storage"),
        ("certificates", "0004_private_storage"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop, elidable=True)]
