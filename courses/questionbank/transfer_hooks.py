"""Wagtail hooks of the import and export screens, kept apart from `wagtail_hooks` (the bank's
listings): imported by `QuestionBankConfig.ready`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.questionbank import admin_urls, importing


@hooks.register("register_admin_urls")
def register_transfer_urls():
    return admin_urls.urlpatterns


class ImporterMenuItem(MenuItem):
    """Shown to those who may import into some pool: administrators and course trainers."""

    def is_shown(self, request):
        if not hasattr(request, "_may_import_questions"):  # one check for both items
            request._may_import_questions = importing.may_import(user=request.user)
        return request._may_import_questions


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImporterMenuItem(
        _("Import pytań"), reverse("questionbank_import"), icon_name="upload", order=305
    )


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ImporterMenuItem(
        _("Eksport pytań"), reverse("questionbank_export"), icon_name="download", order=306
    )
