from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from courses.wagtail_hooks import ASSIGN_PERMISSION
from lms.organisations.forms import OrganisationUnitForm
from lms.organisations.models import OrganisationUnit
from lms.reports.spreadsheets import SafeSpreadsheetExportMixin
from lms.users.roles import coordinated_units


class IndentedNameColumn(TitleColumn):
    """The unit's name, indented by its depth; links to the unit and carries the row's buttons."""

    def get_value(self, instance):
        return instance.indented_label()


class OrganisationUnitIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Each unit the user may assign courses to gets "Przypisz kurs": the assignment form opens
    with the unit (and so its sub-units) chosen, leaving only the course to pick."""

    @cached_property
    def assignable_paths(self):
        """None: every unit (administrators); otherwise the tree paths of the user's scope."""
        if not self.request.user.has_perm(ASSIGN_PERMISSION):
            return ()
        scope = coordinated_units(self.request.user)
        return None if scope is None else tuple(unit.path for unit in scope)

    def _get_title_column(self, field_name, column_class=IndentedNameColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        paths = self.assignable_paths
        if paths is None or instance.path.startswith(paths):
            url = reverse("courses_assign") + "?" + urlencode({"unit": instance.pk})
            buttons.insert(0, ListingButton(
                _("Przypisz kurs"), url=url, icon_name="group", priority=5,
                attrs={"aria-label": _("Przypisz kurs jednostce %(unit)s") % {"unit": instance}},
            ))  # fmt: skip
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
