"""Big reports as export jobs (see lms.exports for the builder contract): the worker rebuilds the
page's rows with the selector the page uses (`selectors.completion_enrolments`), from the owner
and the page's query string."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import override

from lms.reports import queries, selectors
from lms.spreadsheets import writing as spreadsheets


def build_completion_report(*, export, out, progress) -> str:
    fmt = export.params.get("format", "csv")
    with override("pl"):
        query = export.params.get("query", "")
        queryset = selectors.completion_enrolments(user=export.owner, query=query)
        total = queryset.count()
        progress(0, total)
        labels = selectors.export_labels()
        headings = [str(column.heading) for column in queries.EXPORT_COLUMNS]
        kinds = [column.kind for column in queries.EXPORT_COLUMNS]
        rows = queries.export_rows(queryset).iterator(chunk_size=2000)
        if fmt == "xlsx":
            spreadsheets.write_xlsx(
                out, headings, kinds, rows, labels=labels, progress=progress, total=total
            )
        else:
            delimiter = spreadsheets.csv_delimiter(QueryDict(query))
            spreadsheets.write_csv(
                out,
                headings,
                kinds,
                rows,
                labels=labels,
                progress=progress,
                total=total,
                delimiter=delimiter,
            )
    progress(total, total)
    return f"raport-ukonczen-{timezone.localdate():%Y-%m-%d}.{'xlsx' if fmt == 'xlsx' else 'csv'}"
