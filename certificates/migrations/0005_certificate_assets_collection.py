"""Certificate artwork (logos, signatures, backgrounds) lives in its own image collection, which
only the Administrator role may change."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COLLECTION = "Zaświadczenia"
ADMINISTRATOR = "Administrator"
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image", "delete_image"]


def create_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    collection = Collection.objects.filter(depth=2, name=COLLECTION).first()
    if collection is None:
        # Historical models have no treebeard API: the next child path of the root by hand.
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        path = root.path + _base36(step).rjust(4, "0")
        collection = Collection.objects.create(name=COLLECTION, path=path, depth=2, numchild=0)
        root.numchild += 1
        root.save(update_fields=["numchild"])
    app_config = apps.get_app_config("wagtailimages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    administrators, _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=administrators, collection=collection, permission=permission
        )


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text or "0"


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_template_version_unfinished_index"),
        ("users", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(create_collection, migrations.RunPython.noop)]
