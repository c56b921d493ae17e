from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.organisations.forms import OrganisationUnitForm
from lms.organisations.models import OrganisationUnit
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin

UNIT_BUTTONS_HOOK = "register_organisation_unit_buttons"


class IndentedNameColumn(TitleColumn):
    """The unit's name, indented by its depth; links to the unit and carries the row's buttons."""

    def get_value(self, instance):
        return instance.indented_label()


class OrganisationUnitIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Each unit's row carries the buttons other apps add through the
    `register_organisation_unit_buttons` hook (e.g. "Przypisz kurs" from `courses`). A hook
    function takes the request and returns a function from a unit to a list of buttons, so it
    can look up what the user may do once per page."""

    @cached_property
    def unit_button_makers(self):
        return [make(self.request) for make in hooks.get_hooks(UNIT_BUTTONS_HOOK)]

    def _get_title_column(self, field_name, column_class=IndentedNameColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        for make in self.unit_button_makers:
            buttons[:0] = make(instance)
        return buttons


class OrganisationUnitViewSet(ModelViewSet):
    model = OrganisationUnit
    form_class = OrganisationUnitForm
    index_view_class = OrganisationUnitIndexView
    icon = "site"
    menu_label = _("Jednostki")
    menu_order = 610
    add_to_settings_menu = True
    ordering = ["path"]
    list_display = [
        "name",  # an IndentedNameColumn, see OrganisationUnitIndexView
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
