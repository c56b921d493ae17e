"""Writes of the knowledge base: opening it to trainers, and the review-due e-mails."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from knowledge.models import (
    KnowledgeIndexPage,
    ReviewNotice,
    ReviewStatus,
    StandardPage,
    review_status,
)
from knowledge.selectors import standards_due_for_review
from lms.mail import email_renderer, queue_emails
from lms.users.roles import let_trainers_add_pages_below

REVIEW_EMAIL = "standard_review_due"


def open_knowledge_base_to_trainers(*, index: KnowledgeIndexPage) -> None:
    """Trainers write standards (drafts, published by administrators through moderation) and
    edit the ones they wrote or keep (`StandardPermissionTester`). Idempotent."""
    let_trainers_add_pages_below(index)


def notify_due_reviews(*, now: datetime | None = None) -> int:
    """E-mail each standard's responsible person (active, not anonymised, with an address) that
    its review is overdue or due soon (`selectors.standards_due_for_review`): once per standard
    and due date, however often this runs or how many run at once. A new review date (published)
    moves the due date, so the next review is announced again when it comes. Returns how many
    e-mails were queued; each goes out from a worker once its notice is committed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    already = ReviewNotice.objects.filter(standard=OuterRef("pk"), due_on=OuterRef("review_due_on"))
    due = (
        standards_due_for_review(today=today)
        .filter(responsible__is_active=True, responsible__anonymised_at__isnull=True)
        .exclude(responsible__email="")
        .exclude(Exists(already))
    )
    render = email_renderer(REVIEW_EMAIL)
    sent = 0
    for standard in due:
        with transaction.atomic():
            # The unique (standard, due date) row: a concurrent run waits for ours and then
            # finds it, so the person gets one e-mail.
            _notice, created = ReviewNotice.objects.get_or_create(
                standard=standard,
                due_on=standard.review_due_on,
                defaults={"recipient": standard.responsible, "sent_at": now},
            )
            if not created:
                continue
            with override(settings.LANGUAGE_CODE):
                subject, text, html = render(_review_context(standard, today))
            queue_emails(
                [
                    {
                        "to": [standard.responsible.email],
                        "subject": subject,
                        "text": text,
                        "html": html,
                    }
                ]
            )
        sent += 1
    return sent


def _review_context(standard: StandardPage, today) -> dict:
    parts = standard.get_url_parts()
    return {
        "user": standard.responsible,
        "standard": standard,
        "overdue": review_status(standard.review_due_on, today) == ReviewStatus.OVERDUE,
        "edit_url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[standard.pk]),
        "page_url": settings.SITE_URL + (parts[2] if parts else "/"),
    }
