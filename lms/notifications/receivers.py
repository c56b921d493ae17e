"""What notifications listens to: `courses.signals.course_assigned` (sent after commit)."""

import logging

from django.dispatch import receiver
from kombu.exceptions import KombuError

from courses.signals import course_assigned
from lms.notifications import tasks

logger = logging.getLogger(__name__)


@receiver(course_assigned, dispatch_uid="notifications_email_assigned_people")
def email_assigned_people(sender, assignment_ids, **kwargs):
    """One task for all the new assignments of one `assign` call."""
    try:
        tasks.send_assignment_emails.delay(list(assignment_ids))
    except (KombuError, OSError):  # the assignment is committed: never fail the request for it
        logger.exception(
            "E-mails about %d new assignments could not be queued", len(assignment_ids)
        )
