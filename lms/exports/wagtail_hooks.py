from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.exports import services, views


@hooks.register("register_admin_urls")
def register_export_urls():
    return [
        path("eksporty/", views.index, name="exports_index"),
        path("eksporty/status.json", views.status, name="exports_status"),
        path("eksporty/<int:pk>/pobierz/", views.download, name="exports_download"),
    ]


class MyExportsMenuItem(MenuItem):
    """Shown to those who may start an export somewhere (see `services.PERMISSIONS_HOOK`)."""

    def is_shown(self, request):
        return any(request.user.has_perm(name) for name in services.export_permissions())


@hooks.register("register_admin_menu_item")
def register_my_exports_menu_item():
    return MyExportsMenuItem(
        _("Moje eksporty"), reverse("exports_index"), icon_name="download", order=9100
    )


@hooks.register("lms_anonymise_user")
def delete_exports_that_may_hold_the_person(user):
    """Erasure: an export is a copy of personal data from the day it was built, so every export
    built before the erasure goes (its file with it); anyone who needs one orders it again."""
    services.delete_exports_before_erasure()
