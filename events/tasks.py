"""Event tasks: the reminder the day before."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from events import services

TRANSIENT = (OSError, OperationalError, InterfaceError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3, ignore_result=True)
def send_event_reminders() -> int:
    """Hourly in the daytime (CELERY_BEAT_SCHEDULE): remind people of tomorrow's events, once."""
    return services.send_reminders()
