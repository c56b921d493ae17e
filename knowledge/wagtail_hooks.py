from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from knowledge import services
from knowledge.dashboard import MyReviewsPanel
from knowledge.models import KnowledgeIndexPage
from knowledge.permissions import may_review_standards
from knowledge.reports import StandardsReviewReport


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def open_to_trainers(request, page):
    if page.specific_class is KnowledgeIndexPage:
        services.open_knowledge_base_to_trainers(index=page)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "baza-wiedzy/do-przegladu/",
            StandardsReviewReport.as_view(),
            name="knowledge_review_report",
        ),
        path(
            "baza-wiedzy/do-przegladu/wyniki/",
            StandardsReviewReport.as_view(results_only=True),
            name="knowledge_review_report_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review_standards(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Standardy do przeglądu"),
        reverse("knowledge_review_report"),
        name="standards-review-report",
        icon_name="time",
        order=30,
    )


@hooks.register("construct_homepage_panels")
def add_my_reviews_panel(request, panels):
    panel = MyReviewsPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("lms_load_demo")
def load_demo_knowledge_base(stdout=None):
    from knowledge.demo import load_demo_knowledge_base as load

    load(stdout=stdout)


@hooks.register("lms_search_register")
def search_pages():
    """The standards are found by the site search (lms.search) with courses and lessons."""
    from knowledge.models import StandardPage

    return [StandardPage]
