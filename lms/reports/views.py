"""The completion and summary reports: Wagtail report views (filters, sorting, pagination, the
CSV/XLSX export buttons), scoped to what the person may see, with our own fast writers behind
Wagtail's export: CSV for Excel in Polish, typed XLSX, and a Celery job above 10,000 rows.
"""

import logging
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button

from lms.audit.services import Event, record
from lms.exports.services import start_export
from lms.reports import queries
from lms.reports.filters import CompletionFilterSet, SummaryFilterSet
from lms.reports.scope import scope_of
from lms.reports.selectors import DEFAULT_ORDERING, SEARCH_FIELDS, export_labels, search_condition
from lms.spreadsheets import writing as spreadsheets
from lms.spreadsheets.writing import csv_delimiter

VIEW_PERMISSION = "courses.view_enrolment"
INLINE_EXPORT_LIMIT = 10_000  # rows; above this the file is built by a Celery job
COMPLETION_EXPORT = "completion_report"
SUMMARY_EXPORT = "summary_report"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

logger = logging.getLogger(__name__)


def _local(moment, fmt="d.m.Y H:i"):
    return date_format(timezone.localtime(moment), fmt) if moment else ""


def _percent(value):
    return "" if value is None else f"{value}%"


class ScopedReportMixin:
    """Only for people with `courses.view_enrolment`; `self.scope` limits every query."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        self.scope = scope_of(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "scope": self.scope}

    def get_filtered_queryset(self):
        return self.get_queryset()  # BaseListingView.get_queryset already filters

    def get(self, request, *args, **kwargs):
        if self.is_export:  # straight to the writer: never build 100,000 table rows
            return self.as_spreadsheet(self.get_filtered_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        """Wagtail's XLSX and CSV buttons, plus CSV with commas for software that wants those."""
        buttons = super().header_more_buttons.copy()
        params = self.request.GET.copy()
        params["export"], params["separator"] = self.FORMAT_CSV, "comma"
        buttons.append(
            Button(
                _("Pobierz CSV (przecinki)"),
                url=f"{self.request.path}?{params.urlencode()}",
                icon_name="download",
                priority=110,
            )
        )
        return buttons

    def send_spreadsheet(self, *, rows, headings, kinds, fmt, filename):
        """The file, written whole before the first byte is sent (at most INLINE_EXPORT_LIMIT
        rows: larger ones are Celery jobs), and sent with its length. A failure half-way is
        logged and answers an error page: never a short file that looks complete, which a
        stream cut after its first chunk would be (a download with no length simply ends)."""
        record(
            event=Event.EXPORT,
            target=str(self.page_title),
            details=self.audit_details(fmt),
            request=self.request,
        )
        labels = export_labels()
        out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
        try:
            if fmt == self.FORMAT_CSV:
                delimiter = csv_delimiter(self.request.GET)
                spreadsheets.write_csv(
                    out, headings, kinds, rows, labels=labels, delimiter=delimiter
                )
            else:
                spreadsheets.write_xlsx(out, headings, kinds, rows, labels=labels)
        except Exception:
            out.close()
            logger.exception("Report export %s.%s failed; no file was sent", filename, fmt)
            raise
        out.seek(0)
        content_type = "text/csv; charset=utf-8" if fmt == self.FORMAT_CSV else XLSX_TYPE
        return FileResponse(
            out, as_attachment=True, filename=f"{filename}.{fmt}", content_type=content_type
        )

    def audit_details(self, fmt) -> str:
        filters = self.request.GET.copy()
        filters.pop("export", None)
        return f"{fmt.upper()} {filters.urlencode()}".strip()

    def queue_export(self, *, kind, fmt, total, title):
        record(
            event=Event.EXPORT,
            target=title,
            request=self.request,
            details=f"{self.audit_details(fmt)} ({total})",
        )
        start_export(
            owner=self.request.user,
            kind=kind,
            title=title,
            params={"format": fmt, "query": self.request.GET.urlencode(), "total": total},
        )
        messages.success(
            self.request,
            ngettext(
                "Raport ma %(count)d wiersz: plik przygotowujemy w tle. Znajdziesz go w „Moich eksportach”, a gdy będzie gotowy, wyślemy e-mail.",
                "Raport ma %(count)d wierszy: plik przygotowujemy w tle. Znajdziesz go w „Moich eksportach”, a gdy będzie gotowy, wyślemy e-mail.",
                total,
            )
            % {"count": total},
        )
        return redirect("exports_index")


# --- Completion report ---------------------------------------------------------------------------


class LearnerColumn(Column):
    cell_template_name = "reports/cells/learner.html"


class StatusColumn(Column):
    cell_template_name = "reports/cells/status.html"


class DeadlineColumn(Column):
    cell_template_name = "reports/cells/deadline.html"


class CertificateColumn(Column):
    cell_template_name = "reports/cells/certificate.html"


class CompletionReportView(ScopedReportMixin, ReportView):
    page_title = _("Raport ukończeń")
    header_icon = "list-ul"
    index_url_name = "reports_completion"
    index_results_url_name = "reports_completion_results"
    filterset_class = CompletionFilterSet
    is_searchable = True
    search_backend_name = None
    search_fields = list(SEARCH_FIELDS)
    default_ordering = DEFAULT_ORDERING
    paginate_by = 50
    export_filename = "raport-ukonczen"
    list_export = [column.lookup for column in queries.EXPORT_COLUMNS]
    columns = [
        LearnerColumn("learner", label=_("Kursant"), sort_key="user__last_name"),
        Column(
            "unit", label=_("Jednostka"), accessor=lambda e: e.user.unit.name if e.user.unit else ""
        ),
        Column("county_name", label=_("Powiat")),
        Column(
            "course",
            label=_("Kurs"),
            accessor=lambda e: e.course.title_with_edition,
            sort_key="course__title",
        ),
        Column("area", label=_("Obszar"), accessor="course.thematic_area.name"),
        Column(
            "enrolled_at",
            label=_("Zapisano"),
            accessor=lambda e: _local(e.enrolled_at, "d.m.Y"),
            sort_key="enrolled_at",
        ),
        Column(
            "last_activity_at",
            label=_("Ostatnia aktywność"),
            accessor=lambda e: _local(e.last_activity_at),
            sort_key="last_activity_at",
        ),
        Column(
            "progress_percent",
            label=_("Postęp"),
            accessor=lambda e: _percent(e.progress_percent),
            sort_key="progress_percent",
        ),
        Column(
            "best_score_percent",
            label=_("Najlepszy wynik"),
            accessor=lambda e: _percent(e.best_score_percent),
            sort_key="best_score_percent",
        ),
        Column(
            "completed_at",
            label=_("Ukończono"),
            accessor=lambda e: _local(e.completed_at, "d.m.Y"),
            sort_key="completed_at",
        ),
        StatusColumn("report_status", label=_("Status")),
        DeadlineColumn("deadline", label=_("Termin"), sort_key="deadline"),
        CertificateColumn("certificate", label=_("Zaświadczenie")),
    ]

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(search_condition(self.search_query))

    def get_base_queryset(self):
        return queries.base_queryset(self.scope.enrolment_condition()).select_related(
            "user", "user__unit", "course", "course__thematic_area", "certificate"
        )

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-pk") if self.ordering else queryset

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for enrolment in object_list:
            enrolment.is_overdue = bool(
                enrolment.deadline and not enrolment.completed_at and enrolment.deadline < today
            )
            enrolment.status_label = queries.Status.LABELS.get(enrolment.report_status, "")
            enrolment.certificate_label = queries.CERTIFICATE_LABELS.get(
                enrolment.certificate_state or "", ""
            )
        return object_list

    def get_results_page_title(self):
        return self.page_title

    def as_spreadsheet(self, queryset, spreadsheet_format):
        total = queryset.count()
        if total > INLINE_EXPORT_LIMIT:
            title = gettext("Raport ukończeń (%(format)s)") % {"format": spreadsheet_format.upper()}
            return self.queue_export(
                kind=COMPLETION_EXPORT, fmt=spreadsheet_format, total=total, title=title
            )
        return self.send_spreadsheet(
            rows=queries.export_rows(queryset).iterator(chunk_size=2000),
            headings=[str(column.heading) for column in queries.EXPORT_COLUMNS],
            kinds=[column.kind for column in queries.EXPORT_COLUMNS],
            fmt=spreadsheet_format,
            filename=f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}",
        )


# --- Summary report ------------------------------------------------------------------------------


SUMMARY_HEADINGS = {
    "label": None,  # "Kurs" or "Powiat", by grouping
    "enrolled": _("Zapisani"),
    "in_progress": _("W trakcie"),
    "completed": _("Ukończyli"),
    "completion_rate": _("Odsetek ukończeń"),
    "average_score": _("Średni wynik testu"),
}


class SummaryReportView(ScopedReportMixin, ReportView):
    page_title = _("Podsumowanie: kursy i powiaty")
    header_icon = "table"
    index_url_name = "reports_summary"
    index_results_url_name = "reports_summary_results"
    filterset_class = SummaryFilterSet
    paginate_by = 50
    export_filename = "podsumowanie"
    list_export = list(SUMMARY_HEADINGS)

    @cached_property
    def grouping(self):
        value = self.request.GET.get("by")
        return value if value in ("course", "county") else "course"

    @property
    def columns(self):
        group = _("Powiat") if self.grouping == "county" else _("Kurs")
        return [
            Column("label", label=group),
            Column("enrolled", label=_("Zapisani")),
            Column("in_progress", label=_("W trakcie")),
            Column("completed", label=_("Ukończyli")),
            Column(
                "completion_rate",
                label=_("Odsetek ukończeń"),
                accessor=lambda row: _percent(row["completion_rate"]),
            ),
            Column(
                "average_score",
                label=_("Średni wynik testu"),
                accessor=lambda row: (
                    ""
                    if row["average_score"] is None
                    else f"{row['average_score']:.1f}%".replace(".", ",")
                ),
            ),
        ]

    def get_base_queryset(self):
        return queries.base_queryset(self.scope.enrolment_condition())

    @cached_property
    def merge_editions(self) -> bool:
        return bool(self.filters and self.filters.is_valid() and self.filters.merge_editions)

    def get_queryset(self):
        return queries.summary(
            super().get_queryset(), by=self.grouping, merge_editions=self.merge_editions
        )

    def order_queryset(self, queryset):
        return queryset

    def as_spreadsheet(self, rows, spreadsheet_format):
        group = gettext("Powiat") if self.grouping == "county" else gettext("Kurs")
        headings = [group, *(str(h) for h in list(SUMMARY_HEADINGS.values())[1:])]
        kinds = ["text", "integer", "integer", "integer", "percent", "number"]
        data = (
            [
                row["label"],
                row["enrolled"],
                row["in_progress"],
                row["completed"],
                row["completion_rate"],
                row["average_score"],
            ]
            for row in rows
        )
        return self.send_spreadsheet(
            rows=data,
            headings=headings,
            kinds=kinds,
            fmt=spreadsheet_format,
            filename=f"{self.export_filename}-{self.grouping}-{timezone.localdate():%Y-%m-%d}",
        )
