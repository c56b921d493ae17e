"""Admin: the accessibility statements and the privacy notice's versions in the Settings menu,
the review warning on the dashboard; the platform's hooks for erasure, the personal-data export
and the demo."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lms.legal.admin_views import (
    AccessibilityStatementViewSet,
    PrivacyNoticeViewSet,
    statement_review_panel,
)

register_snippet(AccessibilityStatementViewSet)
register_snippet(PrivacyNoticeViewSet)


@hooks.register("construct_homepage_panels")
def add_statement_review_panel(request, panels):
    if panel := statement_review_panel(request):
        panels.append(panel)


@hooks.register("lms_anonymise_user")
def forget_privacy_acknowledgements(user):
    from lms.legal.services import forget_person

    forget_person(user=user)


@hooks.register("lms_personal_data")
def privacy_acknowledgements_of(user):
    from lms.legal.models import PrivacyAcknowledgement

    return {
        "privacy_notice_acknowledgements": [
            {"version": a.notice.version, "acknowledged_at": a.acknowledged_at.isoformat()}
            for a in PrivacyAcknowledgement.objects.filter(user=user)
            .select_related("notice")
            .order_by("acknowledged_at")
        ]
    }


@hooks.register("lms_load_demo")
def load_demo_legal_documents(stdout=None):
    from lms.legal.demo import load_demo

    load_demo(stdout=stdout)
