"""Knowledge-base tasks: the daily review-due e-mails."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from knowledge import services

TRANSIENT = (OSError, OperationalError, InterfaceError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3)
def notify_due_reviews() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): tell standards' owners their review is due, once each."""
    return services.notify_due_reviews()
