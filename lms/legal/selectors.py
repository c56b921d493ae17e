"""Reads: which statement a language version shows, which statements are due their yearly
review, the current privacy notice and whether a person has acknowledged it."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache

from lms.legal.models import AccessibilityStatement, PrivacyAcknowledgement, PrivacyNotice

# The yearly review is due by 31 March (art. 10 ust. 4 of the act of 4 April 2019 on digital
# accessibility); administrators are reminded from 1 March.
REVIEW_MONTH, REVIEW_DAY = 3, 31
REMINDERS_FROM_MONTH = 3

CURRENT_VERSION_KEY = "legal:privacy:current-version"
NO_NOTICE = 0  # cached when nothing is published yet (None is a cache miss)


def statement_for(language: str) -> AccessibilityStatement | None:
    return AccessibilityStatement.objects.filter(language=language).first()


@dataclass(frozen=True)
class DueReview:
    language: str
    language_name: str
    statement: AccessibilityStatement | None  # None: the language version has no statement
    last_review: date | None


def review_deadline(today: date) -> date:
    return date(today.year, REVIEW_MONTH, REVIEW_DAY)


def statements_due_review(*, today: date) -> list[DueReview]:
    """From 1 March: every language version whose statement was not reviewed (or prepared) this
    year, or which has none. Empty before 1 March."""
    if today.month < REMINDERS_FROM_MONTH:
        return []
    statements = {s.language: s for s in AccessibilityStatement.objects.all()}
    due = []
    for code, name in settings.LANGUAGES:
        statement = statements.get(code)
        last = statement.last_review if statement else None
        if last is None or last.year < today.year:
            due.append(DueReview(code, str(name), statement, last))
    return due


def current_privacy_notice() -> PrivacyNotice | None:
    return PrivacyNotice.objects.filter(version__isnull=False).order_by("-version").first()


def current_privacy_version() -> int | None:
    """The current version number, read from the cache on every signed-in request (publishing
    forgets it)."""
    version = cache.get(CURRENT_VERSION_KEY)
    if version is None:
        notice = current_privacy_notice()
        version = notice.version if notice else NO_NOTICE
        cache.set(CURRENT_VERSION_KEY, version, 60 * 60)
    return version or None


def published_privacy_notices():
    return PrivacyNotice.objects.filter(version__isnull=False).order_by("-version")


def privacy_notice(version: int) -> PrivacyNotice | None:
    return published_privacy_notices().filter(version=version).first()


def has_acknowledged(*, user, version: int) -> bool:
    return PrivacyAcknowledgement.objects.filter(user=user, notice__version=version).exists()


def acknowledgement(*, user, notice: PrivacyNotice) -> PrivacyAcknowledgement | None:
    if not user.is_authenticated:
        return None
    return PrivacyAcknowledgement.objects.filter(user=user, notice=notice).first()
