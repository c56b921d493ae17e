"""The dashboard's charts: completion rate per course and per county, drawn as plain SVG on the
server (no JavaScript, no library), each bar labelled with its numbers so that the chart reads
without colour, and the same figures in a table for screen readers and keyboard users."""

import hashlib

from django.core.cache import cache
from django.urls import reverse
from wagtail.admin.ui.components import Component

from lms.reports import queries
from lms.reports.scope import scope_of

CACHE_SECONDS = 300
TOP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 260
ROW_HEIGHT = 26


def chart(rows: list[dict]) -> dict:
    """Bar geometry for the largest `TOP` groups (by enrolments)."""
    bars = []
    for index, row in enumerate(rows[:TOP]):
        y = index * ROW_HEIGHT
        label = row["label"]
        bars.append(
            {
                **row,
                "short_label": label if len(label) <= 32 else label[:31] + "…",
                "y": y,
                "text_y": y + 16,
                "width": round(BAR_WIDTH * row["completion_rate"] / 100, 1),
            }
        )
    return {
        "bars": bars,
        "height": max(ROW_HEIGHT, len(bars) * ROW_HEIGHT),
        "bar_x": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "value_x": LABEL_WIDTH + BAR_WIDTH + 8,
        "more": max(0, len(rows) - TOP),
    }


def summaries_for(user) -> dict:
    """Both summaries for the person's scope, cached for a few minutes per scope."""
    scope = scope_of(user)
    key = "reports:dashboard:" + hashlib.sha256(repr(scope).encode()).hexdigest()[:24]
    data = cache.get(key)
    if data is None:
        enrolments = queries.base_queryset(scope.enrolment_condition())
        data = {
            "course": queries.summary(enrolments, by="course"),
            "county": queries.summary(enrolments, by="county"),
        }
        cache.set(key, data, CACHE_SECONDS)
    return data


class CompletionChartsPanel(Component):
    name = "completion_charts"
    template_name = "reports/admin/dashboard_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        data = summaries_for(self.user)
        return {
            "by_course": chart(data["course"]),
            "by_county": chart(data["county"]),
            "summary_url": reverse("reports_summary"),
            "report_url": reverse("reports_completion"),
        }
