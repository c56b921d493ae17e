from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lms.organisations.forms import OrganisationUnitForm
from lms.organisations.models import OrganisationUnit


class IndentedNameColumn(Column):
    def get_value(self, instance):
        return instance.indented_label()


class OrganisationUnitViewSet(ModelViewSet):
    model = OrganisationUnit
    form_class = OrganisationUnitForm
    icon = "site"
    menu_label = _("Jednostki")
    menu_order = 610
    add_to_settings_menu = True
    ordering = ["path"]
    list_display = [
        IndentedNameColumn("name", label=_("Nazwa"), accessor="name"),
        "unit_type",
        "code",
        "is_active",
    ]
    list_filter = ["unit_type", "is_active"]
    search_fields = ["name", "code"]
    list_export = ["name", "unit_type", "code", "email", "is_active"]
    list_per_page = 100

    def get_form_class(self, for_update=False):
        return OrganisationUnitForm


organisation_unit_viewset = OrganisationUnitViewSet("organisation_units")


@hooks.register("register_admin_viewset")
def register_organisation_unit_viewset():
    return organisation_unit_viewset
