"""The admin report "Standardy do przeglądu": published standards whose review is overdue or
due within REVIEW_SOON_DAYS, soonest first, with their owners; exported to CSV/XLSX through the
platform's safe writers."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F, Value
from django.db.models.functions import Concat, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from courses.models import ThematicArea
from knowledge.models import DocumentKind, ReviewStatus, StandardPage
from knowledge.permissions import may_review_standards
from knowledge.selectors import standards_due_for_review
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin


class ReviewFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Termin"),
        choices=[(ReviewStatus.OVERDUE, _("po terminie")), (ReviewStatus.SOON, _("wkrótce"))],
        method="filter_status",
        empty_label=_("Wszystkie"),
    )
    thematic_area = django_filters.ModelChoiceFilter(
        label=_("Obszar tematyczny"),
        queryset=ThematicArea.objects.all(),
        empty_label=_("Wszystkie"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Rodzaj dokumentu"), choices=DocumentKind.choices, empty_label=_("Wszystkie")
    )

    class Meta:
        model = StandardPage
        fields = ["thematic_area", "kind"]

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == ReviewStatus.OVERDUE:
            return queryset.filter(review_due_on__lte=today)
        if value == ReviewStatus.SOON:
            return queryset.filter(review_due_on__gt=today)
        return queryset


class ReviewStatusColumn(Column):
    cell_template_name = "knowledge/admin/review_status_cell.html"


def _date(value) -> str:
    return date_format(value, "d.m.Y") if value else ""


class StandardsReviewReport(SafeSpreadsheetExportMixin, ReportView):
    model = StandardPage
    permission_policy = None  # `dispatch` checks who may see it
    page_title = _("Standardy do przeglądu")
    header_icon = "time"
    index_url_name = "knowledge_review_report"
    index_results_url_name = "knowledge_review_report_results"
    filterset_class = ReviewFilterSet
    default_ordering = "review_due_on"
    paginate_by = 50
    export_filename = "standardy-do-przegladu"
    list_export = [
        "title",
        "area_name",
        "get_kind_display",
        "version",
        "last_reviewed_on",
        "review_due_on",
        "review_status.label",
        "responsible_name",
        "responsible_email",
    ]
    export_headings = {
        "title": _("Standard"),
        "area_name": _("Obszar tematyczny"),
        "get_kind_display": _("Rodzaj"),
        "version": _("Wersja"),
        "last_reviewed_on": _("Ostatni przegląd"),
        "review_due_on": _("Termin przeglądu"),
        "review_status.label": _("Stan"),
        "responsible_name": _("Opiekun"),
        "responsible_email": _("E-mail opiekuna"),
    }
    columns = [
        TitleColumn(
            "title",
            label=_("Standard"),
            sort_key="title",
            get_url=lambda standard: reverse("wagtailadmin_pages:edit", args=[standard.pk]),
        ),
        Column("area_name", label=_("Obszar"), sort_key="area_name"),
        Column("kind", label=_("Rodzaj"), accessor="get_kind_display"),
        Column("version", label=_("Wersja")),
        Column(
            "last_reviewed_on",
            label=_("Ostatni przegląd"),
            accessor=lambda s: _date(s.last_reviewed_on),
            sort_key="last_reviewed_on",
        ),
        Column(
            "review_due_on",
            label=_("Termin przeglądu"),
            accessor=lambda s: _date(s.review_due_on),
            sort_key="review_due_on",
        ),
        ReviewStatusColumn("review_status", label=_("Stan")),
        Column("responsible_name", label=_("Opiekun"), sort_key="responsible_name"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_review_standards(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return standards_due_for_review().annotate(
            area_name=F("thematic_area__name"),
            responsible_name=Trim(
                Concat("responsible__first_name", Value(" "), "responsible__last_name")
            ),
            responsible_email=F("responsible__email"),
        )

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"
