"""Big reports as export jobs (see lms.exports for the builder contract): the worker rebuilds the
same scoped, filtered query from the owner and the page's query string, so a coordinator who lost
a unit in between gets nothing from it."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import override

from lms.reports import queries, spreadsheets
from lms.reports.filters import CompletionFilterSet
from lms.reports.scope import scope_of


def completion_queryset(*, user, query: str):
    """The report's rows for `user` with the filters, search and order of a page's query string."""
    from lms.reports.views import CompletionReportView

    data = QueryDict(query)
    scope = scope_of(user)
    queryset = queries.base_queryset(scope.enrolment_condition())
    filters = CompletionFilterSet(data, scope=scope, queryset=queryset)
    if filters.is_valid():
        queryset = filters.qs
    search = data.get("q", "").strip()
    if search:
        queryset = queryset.filter(CompletionReportView.search_condition(search))
    ordering = data.get("ordering", CompletionReportView.default_ordering)
    sortable = {column.sort_key for column in CompletionReportView.columns if column.sort_key}
    if ordering.lstrip("-") not in sortable:
        ordering = CompletionReportView.default_ordering
    return queryset.order_by(ordering, "-pk")


def build_completion_report(*, export, out, progress) -> str:
    fmt = export.params.get("format", "csv")
    with override("pl"):
        queryset = completion_queryset(user=export.owner, query=export.params.get("query", ""))
        total = queryset.count()
        progress(0, total)
        from lms.reports.views import export_labels

        labels = export_labels()
        headings = [str(column.heading) for column in queries.EXPORT_COLUMNS]
        kinds = [column.kind for column in queries.EXPORT_COLUMNS]
        rows = queries.export_rows(queryset).iterator(chunk_size=2000)
        if fmt == "xlsx":
            spreadsheets.write_xlsx(out, headings, kinds, rows, labels=labels, progress=progress,
                                    total=total)  # fmt: skip
        else:
            from lms.reports.views import csv_delimiter

            spreadsheets.write_csv(out, headings, kinds, rows, labels=labels, progress=progress,
                                   total=total, delimiter=csv_delimiter(QueryDict(export.params.get("query", ""))))  # fmt: skip
    progress(total, total)
    return f"raport-ukonczen-{timezone.localdate():%Y-%m-%d}.{'xlsx' if fmt == 'xlsx' else 'csv'}"
