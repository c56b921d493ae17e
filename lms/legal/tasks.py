"""The daily check of the accessibility statements' yearly review."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from lms.legal import services


@shared_task(
    autoretry_for=(OSError, OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=3,
    ignore_result=True,
)
def remind_to_review_statements() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): from 1 March, once a year, remind the administrators."""
    return services.remind_to_review_statements(today=timezone.localdate())
