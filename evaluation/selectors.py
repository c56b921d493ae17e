"""Reads for learners: the surveys waiting for them (cached, shown on every course page and the
dashboard) and their invitation to one page."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from evaluation.models import SurveyInvitation

PENDING_TTL = 10 * 60


@dataclass(frozen=True)
class PendingSurvey:
    page_id: int
    title: str
    url: str  # the survey form


def _pending_key(user_id: int) -> str:
    return f"evaluation:pending:{user_id}"


def pending_surveys(*, user) -> list[PendingSurvey]:
    """The pages the person was asked to evaluate and has not yet, newest first (cached: no query
    on most requests; an invitation or an answer forgets it)."""
    key = _pending_key(user.pk)
    pending = cache.get(key)
    if pending is None:
        rows = (
            SurveyInvitation.objects.filter(user=user, answered_on__isnull=True)
            .order_by("-invited_at")
            .values_list("page_id", "page__title")
        )
        pending = [
            PendingSurvey(
                page_id=page_id, title=title, url=reverse("evaluation:survey", args=[page_id])
            )
            for page_id, title in rows
        ]
        cache.set(key, pending, PENDING_TTL)
    return pending


def forget_pending(*, user_id: int) -> None:
    """Drop the cached list now and after commit (a reader may have cached it in between)."""
    key = _pending_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def invitation_for(*, user, page_id: int) -> SurveyInvitation | None:
    """The person's own invitation to evaluate the page (with its survey and page), or None."""
    if not user.is_authenticated:
        return None
    return (
        SurveyInvitation.objects.filter(user=user, page_id=page_id)
        .select_related("survey", "page")
        .first()
    )
