"""Notification tasks: the e-mail about new assignments, the daily inactivity reminder."""

from celery import shared_task

from lms.notifications import services
from lms.queueing import TRANSIENT


@shared_task(
    autoretry_for=TRANSIENT,
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
    ignore_result=True,
)
def send_assignment_emails(assignment_ids: list[int]) -> int:
    """E-mail the people a course was just assigned to (each once, however often this runs)."""
    return services.send_assignment_emails(assignment_ids=assignment_ids)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3, ignore_result=True)
def send_missed_assignment_emails() -> int:
    """Every 15 minutes (CELERY_BEAT_SCHEDULE): assignment e-mails that could not be queued."""
    return services.send_missed_assignment_emails()


@shared_task(autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3)
def send_inactivity_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): remind learners of assigned courses they left."""
    return services.send_inactivity_reminders()
