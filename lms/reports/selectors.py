"""Reads shared by the completion report's page and its export job: the same scoped, filtered,
searched and ordered enrolments, and the display names of coded values. A coordinator who lost a
unit between asking for an export and the worker building it gets nothing from that unit, because
the worker starts again from the owner's scope."""

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext

from lms.reports import queries
from lms.reports.filters import CompletionFilterSet
from lms.reports.scope import scope_of

SEARCH_FIELDS = ("user__last_name", "user__first_name", "user__email")
DEFAULT_ORDERING = "-enrolled_at"
# The columns the report may be sorted by (the page's sortable columns use these keys).
SORT_KEYS = frozenset(
    {
        "user__last_name",
        "course__title",
        "enrolled_at",
        "last_activity_at",
        "progress_percent",
        "best_score_percent",
        "completed_at",
        "deadline",
    }
)


def search_condition(text: str) -> Q:
    """Enrolments whose learner's last name, first name or e-mail contains `text`."""
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": text})
    return condition


def completion_enrolments(*, user, query: str) -> QuerySet:
    """The report's rows for `user` with the filters, search and order of a page's query string."""
    data = QueryDict(query)
    scope = scope_of(user)
    queryset = queries.base_queryset(scope.enrolment_condition())
    filters = CompletionFilterSet(data, scope=scope, queryset=queryset)
    if filters.is_valid():
        queryset = filters.qs
    search = data.get("q", "").strip()
    if search:
        queryset = queryset.filter(search_condition(search))
    ordering = data.get("ordering", DEFAULT_ORDERING)
    if ordering.lstrip("-") not in SORT_KEYS:
        ordering = DEFAULT_ORDERING
    return queryset.order_by(ordering, "-pk")


def export_labels() -> dict:
    """Display names of coded values, resolved once per export in the active language."""
    return {
        "status": {code: str(label) for code, label in queries.Status.CHOICES},
        "certificate": {code: str(label) for code, label in queries.CERTIFICATE_LABELS.items()},
        "yes": gettext("tak"),
        "no": gettext("nie"),
    }
