"""The security audit log in the Wagtail admin: administrators only, filtered by event, date and
who acted; exported (CSV/XLSX) through the one spreadsheet writer, and the export is logged too."""

import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.audit.models import AuditEntry, Event
from lms.audit.services import forget_person
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin

VIEW_PERMISSION = "audit.view_auditentry"


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Viewing (and exporting) for administrators; nobody adds, edits or deletes entries.

    Only the Administrator role (which holds every permission) and superusers have the view
    permission: the viewset registers no permission for the group editor, so it cannot be given
    to another role. Checked through `has_perm` (cached per request): no query per admin page."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(VIEW_PERMISSION)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AuditEntry, AdministratorsOnlyPolicy(AuditEntry), exact_class=True)


class AuditFilterSet(WagtailFilterSet):
    event = django_filters.ChoiceFilter(
        label=_("Zdarzenie"),
        choices=Event.choices,
        empty_label=_("Wszystkie"),
        widget=forms.RadioSelect,
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Data"), widget=DateRangePickerWidget)
    actor = django_filters.CharFilter(
        label=_("Kto (imię, nazwisko lub e-mail)"),
        field_name="actor_label",
        lookup_expr="icontains",
    )

    class Meta:
        model = AuditEntry
        fields = ["event", "created_at", "actor"]


class AuditIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("Żaden wpis dziennika nie pasuje do wyszukiwania lub filtrów.")
        return _("Dziennik nie zawiera jeszcze żadnych wpisów.")


class AuditViewSet(ModelViewSet):
    model = AuditEntry
    icon = "warning"
    menu_label = _("Dziennik bezpieczeństwa")
    menu_order = 620
    add_to_settings_menu = True
    url_prefix = "dziennik-bezpieczenstwa"
    index_view_class = AuditIndexView
    filterset_class = AuditFilterSet
    search_fields = ["actor_label", "target", "details"]
    search_backend_name = None
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50
    list_display = [
        DateColumn("created_at", label=_("Kiedy"), sort_key="created_at"),
        Column("event", label=_("Zdarzenie"), accessor="get_event_display", sort_key="event"),
        Column("actor_label", label=_("Kto"), sort_key="actor_label"),
        Column("target", label=_("Czego dotyczy")),
        Column("details", label=_("Szczegóły")),
        Column("ip_address", label=_("Adres IP")),
    ]
    list_export = [
        "created_at",
        "get_event_display",
        "actor_label",
        "target",
        "details",
        "ip_address",
    ]
    export_headings = {"get_event_display": _("Zdarzenie")}
    export_filename = "dziennik-bezpieczenstwa"

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()  # not grantable to other roles

    def get_urlpatterns(self):
        from django.urls import path

        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditViewSet("audit_log")


@hooks.register("lms_anonymise_user")
def anonymise_audit_entries(user):
    forget_person(user)
