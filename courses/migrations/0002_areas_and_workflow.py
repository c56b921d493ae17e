"""The programme's five thematic areas, and the moderation workflow: trainers submit, an
administrator approves and publishes."""

from django.db import migrations

AREAS = [
    ("Edukacja", "edukacja"),
    ("Zdrowie", "zdrowie"),
    ("Zatrudnienie", "zatrudnienie"),
    ("Kultura i integracja społeczna", "kultura-i-integracja"),
    ("Bezpieczeństwo i pomoc społeczna", "bezpieczenstwo-i-pomoc-spoleczna"),
]
WORKFLOW = "Zatwierdzenie przez administratora"


def forwards(apps, schema_editor):
    area_model = apps.get_model("courses", "ThematicArea")
    for order, (name, slug) in enumerate(AREAS, start=1):
        area_model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})

    content_type_model = apps.get_model("contenttypes", "ContentType")
    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    approval_task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    if workflow_model.objects.filter(name=WORKFLOW).exists():
        return
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = approval_task_model.objects.create(
        name="Akceptacja administratora", content_type=content_type, active=True
    )
    task.groups.set(group_model.objects.filter(name="Administrator"))
    workflow = workflow_model.objects.create(name=WORKFLOW, active=True)
    workflow_task_model.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    root = page_model.objects.get(depth=1)
    workflow_page_model.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
