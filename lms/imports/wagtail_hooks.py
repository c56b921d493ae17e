from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from courses.wagtail_hooks import ASSIGN_PERMISSION
from lms.admin_menu import PermissionMenuItem
from lms.imports import views


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import-pracownikow/", views.index, name="imports_index"),
        path("import-pracownikow/wzor.csv", views.sample, name="imports_sample"),
        path("import-pracownikow/<int:pk>/", views.detail, name="imports_detail"),
        path("import-pracownikow/<int:pk>/status.json", views.status, name="imports_status"),
        path("import-pracownikow/<int:pk>/zatwierdz/", views.confirm, name="imports_confirm"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        _("Import pracowników"),
        reverse("imports_index"),
        icon_name="upload",
        order=312,
        permission=ASSIGN_PERMISSION,
    )


@hooks.register("lms_anonymise_user")
def delete_imports_naming_the_person(user):
    """Erasure: an uploaded list names people by e-mail in its file and preview. Each list that
    names the person, and each the person uploaded, is deleted (its file with it)."""
    from django.db.models import Q

    from lms.imports.models import ImportBatch

    ImportBatch.objects.filter(Q(owner=user) | Q(rows__icontains=user.email)).delete()
