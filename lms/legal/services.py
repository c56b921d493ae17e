"""Writes: the yearly reminder to review the accessibility statements, publishing a version of the
privacy notice and a person's acknowledgement of it."""

from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from lms.legal import selectors
from lms.legal.models import PrivacyAcknowledgement, PrivacyNotice, StatementReviewReminder
from lms.mail import email_renderer, queue_emails
from lms.users.selectors import administrators

REVIEW_EMAIL = "statement_review"
# pg_advisory_xact_lock key: one privacy notice is published at a time.
PUBLISH_LOCK = 0x1E6A1


def remind_to_review_statements(*, today: date) -> int:
    """From 1 March, once a year: e-mail the administrators which language versions' statements
    still wait for this year's review (due by 31 March). The year's `StatementReviewReminder` row
    is written in the transaction that queues the e-mails, so a second run (the next day, or a
    concurrent one) sends nothing. Returns how many e-mails were queued."""
    due = selectors.statements_due_review(today=today)
    if not due:
        return 0
    emails = list(administrators().values_list("email", flat=True))
    if not emails:
        return 0
    with transaction.atomic():
        reminder, created = StatementReviewReminder.objects.get_or_create(
            year=today.year, defaults={"sent_at": timezone.now(), "recipients": len(emails)}
        )
        if not created:
            return 0
        with override("pl"):
            subject, text, html = email_renderer(REVIEW_EMAIL)(
                {
                    "due": due,
                    "deadline": selectors.review_deadline(today),
                    "admin_url": settings.SITE_URL
                    + reverse("wagtailsnippets_legal_accessibilitystatement:list"),
                }
            )
        queue_emails(
            [{"to": [email], "subject": subject, "text": text, "html": html} for email in emails]
        )
    return len(emails)


class NotDraft(Exception):
    """The notice is already published: a published version never changes."""


def publish_privacy_notice(*, notice: PrivacyNotice, by) -> PrivacyNotice:
    """Make a draft the current privacy notice: the next version number (gap-free: taken under
    a lock, given back if the transaction rolls back), the time and who did it. Every signed-in
    person is asked to read it once the transaction commits (the cached version is forgotten)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLISH_LOCK])
        notice = PrivacyNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.is_published:
            raise NotDraft(notice.version)
        last = PrivacyNotice.objects.aggregate(last=Max("version"))["last"] or 0
        notice.version = last + 1
        notice.published_at = timezone.now()
        notice.published_by = by
        notice.save(update_fields=["version", "published_at", "published_by", "updated_at"])
        transaction.on_commit(lambda: cache.delete(selectors.CURRENT_VERSION_KEY))
    return notice


def acknowledge_privacy_notice(*, user, notice: PrivacyNotice) -> PrivacyAcknowledgement:
    """Record that `user` read this published version (once; a repeat changes nothing)."""
    acknowledgement, _created = PrivacyAcknowledgement.objects.get_or_create(
        user=user, notice=notice
    )
    return acknowledgement


def forget_person(*, user) -> None:
    """Erasure: the record of which versions the person read goes with the account's data."""
    PrivacyAcknowledgement.objects.filter(user=user).delete()
