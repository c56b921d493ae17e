"""Notifications about courses: the e-mail to newly assigned people and the inactivity reminder.

Both are idempotent by construction: the rows to e-mail are locked, what was already sent is read
again under the lock, and the record of the sending (`AssignmentNotice`, `Reminder`) is written in
the transaction that queues the e-mails, which go out only once it commits.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from courses.models import Assignment, CoursePage, Enrolment
from lms.mail import email_renderer, queue_emails
from lms.notifications import selectors
from lms.notifications.kinds import EmailKind
from lms.notifications.models import AssignmentNotice, NotificationSettings, Reminder

REMINDER_BATCH = 500


def course_url(*, course: CoursePage) -> str:
    """The course page's absolute address (the site root when the page is not routable)."""
    parts = course.get_url_parts()
    return settings.SITE_URL + (parts[2] if parts else "/")


class _CourseUrls(dict):
    """Course page -> its absolute URL, computed once per course."""

    def __missing__(self, course: CoursePage) -> str:
        self[course] = url = course_url(course=course)
        return url


def send_assignment_emails(*, assignment_ids: list[int]) -> int:
    """E-mail each newly assigned person (active, not anonymised) once: the course, its deadline
    if any and a link to it. A few queries whatever the number of people. Returns how many."""
    now = timezone.now()
    with transaction.atomic():
        assignments = list(
            Assignment.objects.select_for_update(of=("self",))
            .filter(
                pk__in=assignment_ids,
                notice__isnull=True,
                user__is_active=True,
                user__anonymised_at__isnull=True,
            )
            .exclude(user__email="")
            .select_related("user", "course")
            .order_by("pk")
        )
        # Locked now: a concurrent run of this task has committed; what it sent is seen here.
        done = set(
            AssignmentNotice.objects.filter(
                assignment_id__in=[assignment.pk for assignment in assignments]
            ).values_list("assignment_id", flat=True)
        )
        assignments = [assignment for assignment in assignments if assignment.pk not in done]
        AssignmentNotice.objects.bulk_create(
            [AssignmentNotice(assignment=assignment, sent_at=now) for assignment in assignments],
            batch_size=1000,
        )
        invited = _invited_with(assignments)
        urls = _CourseUrls()
        with override("pl"):
            render = email_renderer(EmailKind.COURSE_ASSIGNED)
            messages = [
                _message(assignment.user, render(_assignment_context(assignment, urls)))
                for assignment in assignments
                if assignment.pk not in invited
            ]
        queue_emails(messages)
    return len(messages)


INVITED_TOGETHER = timedelta(minutes=5)


def _invited_with(assignments: list) -> set[int]:
    """Assignments made together with the person's invitation (an import of new staff): the
    invitation names the courses, so a separate "course assigned" e-mail – whose link they cannot
    use before setting a password – is left out. One query."""
    from lms.users.models import Invitation

    pending = {}
    for user_id, created_at in Invitation.objects.filter(
        user_id__in={assignment.user_id for assignment in assignments}, accepted_at__isnull=True
    ).values_list("user_id", "created_at"):
        pending[user_id] = max(created_at, pending.get(user_id, created_at))
    return {
        assignment.pk
        for assignment in assignments
        if assignment.user_id in pending
        and not assignment.user.has_usable_password()
        and pending[assignment.user_id] >= assignment.assigned_at - INVITED_TOGETHER
    }


MISSED_AFTER = timedelta(minutes=10)
MISSED_WITHIN = timedelta(days=3)


def send_missed_assignment_emails(*, now: datetime | None = None) -> int:
    """E-mails about assignments whose task never ran (Redis was down when the course was
    assigned): recent assignments, older than a few minutes, with no notice yet. Returns how many
    were sent; `send_assignment_emails` keeps each to one e-mail."""
    now = now or timezone.now()
    missed = list(
        Assignment.objects.filter(
            notice__isnull=True,
            assigned_at__lt=now - MISSED_AFTER,
            assigned_at__gte=now - MISSED_WITHIN,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for start in range(0, len(missed), 1000):
        sent += send_assignment_emails(assignment_ids=missed[start : start + 1000])
    return sent


def send_inactivity_reminders(*, now: datetime | None = None) -> int:
    """Remind learners of assigned courses they left (see `selectors.enrolments_due_reminder`
    and `NotificationSettings`), each at most once per interval. Returns how many."""
    config = NotificationSettings.load()
    if not config.reminders_enabled:
        return 0
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = selectors.enrolments_due_reminder(
        now=now,
        today=today,
        inactive_days=config.inactive_days,
        interval_days=config.interval_days,
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True))
    render = email_renderer(EmailKind.COURSE_REMINDER)
    urls = _CourseUrls()
    sent = 0
    for start in range(0, len(ids), REMINDER_BATCH):
        with transaction.atomic():
            # Rows another run holds are skipped: that run reminds those people.
            enrolments = list(
                due.filter(pk__in=ids[start : start + REMINDER_BATCH])
                .select_for_update(of=("self",), skip_locked=True)
                .select_related("user", "course")
            )
            # Read again under the lock (a new snapshot): a run that committed in between counts.
            recent = set(
                Reminder.objects.filter(
                    enrolment_id__in=[enrolment.pk for enrolment in enrolments],
                    sent_on__gt=today - timedelta(days=config.interval_days),
                ).values_list("enrolment_id", flat=True)
            )
            enrolments = [enrolment for enrolment in enrolments if enrolment.pk not in recent]
            # The unique (enrolment, day) constraint refuses a second reminder the same day.
            Reminder.objects.bulk_create(
                [
                    Reminder(enrolment=enrolment, sent_at=now, sent_on=today)
                    for enrolment in enrolments
                ]
            )
            with override("pl"):
                messages = [
                    _message(enrolment.user, render(_reminder_context(enrolment, now, today, urls)))
                    for enrolment in enrolments
                ]
            queue_emails(messages)
        sent += len(messages)
    return sent


def _assignment_context(assignment: Assignment, urls) -> dict:
    return {
        "user": assignment.user,
        "course": assignment.course,
        "deadline": assignment.deadline,
        "course_url": urls[assignment.course],
    }


def _reminder_context(enrolment: Enrolment, now: datetime, today: date, urls) -> dict:
    deadline = enrolment.deadline
    return {
        "user": enrolment.user,
        "course": enrolment.course,
        "deadline": deadline,
        "overdue": deadline is not None and deadline < today,
        "inactive_days": (now - enrolment.last_activity_at).days,
        "progress": enrolment.progress_percent,
        "course_url": urls[enrolment.course],
    }


def _message(user, rendered: tuple[str, str, str]) -> dict:
    subject, text, html = rendered
    return {"to": [user.email], "subject": subject, "text": text, "html": html}


def forget_recipient(*, user) -> None:
    """Delete the log of e-mails sent to `user` (reminders, assignment notices). The person is
    anonymised, so nothing would be sent again: both senders skip anonymised people."""
    Reminder.objects.filter(enrolment__user=user).delete()
    AssignmentNotice.objects.filter(assignment__user=user).delete()
