"""What notifications listens to: `courses.signals.course_assigned` (sent after commit)."""

from django.dispatch import receiver

from courses.signals import course_assigned
from lms.notifications import tasks
from lms.queueing import enqueue_on_commit


@receiver(course_assigned, dispatch_uid="notifications_email_assigned_people")
def email_assigned_people(sender, assignment_ids, **kwargs):
    """One task for all the new assignments of one `assign` call. A broker that is down never
    fails the (committed) assignment: the 15-minute sweep sends what could not be queued."""
    enqueue_on_commit(
        tasks.send_assignment_emails,
        list(assignment_ids),
        log_context=f"e-mails about {len(assignment_ids)} new assignments",
    )
