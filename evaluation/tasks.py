"""Evaluation tasks: e-mailing the survey invitations that are due."""

from celery import shared_task

from evaluation import services
from lms.queueing import TRANSIENT


@shared_task(autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3, ignore_result=True)
def email_survey_invitations() -> int:
    """Every 15 minutes (CELERY_BEAT_SCHEDULE): e-mail the invitations that are due (see
    `services.due_invitation_ids`), each once however often this runs."""
    return sum(services.email_invitation(invitation_id=pk) for pk in services.due_invitation_ids())
