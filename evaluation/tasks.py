"""Evaluation tasks: the survey invitation e-mail and the sweep for those never queued."""

from celery import shared_task

from evaluation import services
from lms.queueing import TRANSIENT


@shared_task(
    autoretry_for=TRANSIENT,
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
    ignore_result=True,
)
def email_survey_invitation(invitation_id: int) -> int:
    """E-mail one invitation to a survey (once, however often this runs)."""
    return services.email_invitation(invitation_id=invitation_id)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3, ignore_result=True)
def email_missed_survey_invitations() -> int:
    """Every 15 minutes (CELERY_BEAT_SCHEDULE): invitations whose e-mail could not be queued."""
    return sum(
        services.email_invitation(invitation_id=pk) for pk in services.missed_invitation_ids()
    )
