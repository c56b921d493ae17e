"""Who is due an e-mail: the reads behind the notification services."""

from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from courses.models import Assignment, Enrolment
from lms.notifications.models import Reminder


def enrolments_due_reminder(
    *, now: datetime, today: date, inactive_days: int, interval_days: int
) -> QuerySet[Enrolment]:
    """Enrolments on an assigned, live course that is not completed, untouched for
    `inactive_days`, whose learner (active, not anonymised) had no reminder about it in the last
    `interval_days` days. Annotated with the assignment's `deadline`."""
    assignment = Assignment.objects.filter(
        user_id=OuterRef("user_id"), course_id=OuterRef("course_id")
    )
    recent = Reminder.objects.filter(
        enrolment_id=OuterRef("pk"), sent_on__gt=today - timedelta(days=interval_days)
    )
    return (
        Enrolment.objects.filter(
            completed_at__isnull=True,
            course__live=True,
            last_activity_at__lte=now - timedelta(days=inactive_days),
            user__is_active=True,
            user__anonymised_at__isnull=True,
        )
        .filter(Exists(assignment))
        .exclude(Exists(recent))
        .annotate(deadline=Subquery(assignment.values("deadline")[:1]))
    )
