"""Writes: recording a participant's data at the start of support, and deleting it when the
project's archive period is over."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from funding.models import CHARACTERISTICS, Participant, Project
from lms.audit.services import Event, record

# Raised whenever the wording of the information notice (templates/funding/notice.html) changes:
# each participant's row says which one they confirmed.
NOTICE_VERSION = "2026-1"

logger = logging.getLogger(__name__)


def record_participant(*, user, project: Project, answers: dict) -> Participant:
    """The person's data for the project, as at the start of their support: given once (a
    repeated or concurrent submission keeps the first), with the unit employing them now."""
    values = {field: answers[field] for field in CHARACTERISTICS}
    now = timezone.now()
    try:
        with transaction.atomic():
            participant, _created = Participant.objects.get_or_create(
                project=project,
                user=user,
                defaults={
                    **values,
                    "unit": user.unit,
                    "started_at": now,
                    "notice_version": NOTICE_VERSION,
                    "notice_confirmed_at": now,
                },
            )
    except IntegrityError:  # a concurrent first submission won the unique constraint
        participant = Participant.objects.get(project=project, user=user)
    return participant


def delete_expired_participant_data(*, today=None) -> int:
    """Delete the participant data of every project whose archive period has ended
    (`Project.retain_until` is past); each deletion is logged and written to the audit log.
    Returns how many participants' rows were deleted."""
    today = today or timezone.localdate()
    deleted_total = 0
    projects = Project.objects.filter(closure_date__isnull=False, participants__isnull=False)
    for project in projects.distinct():
        if project.retain_until >= today:
            continue
        with transaction.atomic():
            deleted, _ = Participant.objects.filter(project=project).delete()
            Project.objects.filter(pk=project.pk).update(data_deleted_at=timezone.now())
            record(
                event=Event.ERASURE,
                target=project,
                details={
                    "usunięte dane uczestników": deleted,
                    "przechowywane do": project.retain_until.isoformat(),
                },
            )
        logger.info(
            "Deleted the data of %d participants of project %s (kept until %s)",
            deleted,
            project.code,
            project.retain_until,
        )
        deleted_total += deleted
    return deleted_total
