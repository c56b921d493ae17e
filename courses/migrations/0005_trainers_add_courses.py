"""Trainers may add courses (as drafts) to the catalogue: Wagtail's "add" page permission on each
existing catalogue page for the Trainer group (a catalogue created later gets it from the
`after_create_page` hook, see courses.services.open_catalogue_to_trainers)."""

from django.db import migrations


def forwards(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    catalogue_model = apps.get_model("courses", "CourseIndexPage")
    group = group_model.objects.filter(name="Trener").first()
    permission = permission_model.objects.filter(
        content_type__app_label="wagtailcore", codename="add_page"
    ).first()
    if group is None or permission is None:
        return
    for catalogue in catalogue_model.objects.all():
        page_permission_model.objects.get_or_create(
            group=group, page_id=catalogue.pk, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_question_types_and_bank_blocks"),
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
