from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.reports import views
from lms.reports.dashboard import CompletionChartsPanel
from lms.reports.exports import build_completion_report


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "raporty/ukonczenia/", views.CompletionReportView.as_view(), name="reports_completion"
        ),
        path(
            "raporty/ukonczenia/wyniki/",
            views.CompletionReportView.as_view(results_only=True),
            name="reports_completion_results",
        ),
        path("raporty/podsumowanie/", views.SummaryReportView.as_view(), name="reports_summary"),
        path(
            "raporty/podsumowanie/wyniki/",
            views.SummaryReportView.as_view(results_only=True),
            name="reports_summary_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    return ReportMenuItem(
        _("Raport ukończeń"),
        reverse("reports_completion"),
        name="completion-report",
        icon_name="list-ul",
        order=10,
    )


@hooks.register("register_reports_menu_item")
def register_summary_report_menu_item():
    return ReportMenuItem(
        _("Podsumowanie: kursy i powiaty"),
        reverse("reports_summary"),
        name="summary-report",
        icon_name="table",
        order=20,
    )


@hooks.register("lms_export_builders")
def report_export_builders():
    return {views.COMPLETION_EXPORT: build_completion_report}


@hooks.register("lms_export_permissions")
def report_export_permissions():
    return {views.VIEW_PERMISSION}


@hooks.register("construct_homepage_panels")
def add_completion_charts(request, panels):
    if request.user.has_perm(views.VIEW_PERMISSION):
        panels.append(CompletionChartsPanel(request.user))


@hooks.register("insert_global_admin_css")
def reports_css():
    return format_html('<link rel="stylesheet" href="{}">', static("reports/reports.css"))


@hooks.register("lms_load_demo")
def load_demo_cohort(stdout=None):
    from lms.reports.demo import load_demo_cohort as load

    load(stdout=stdout)
