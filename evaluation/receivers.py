"""Who is asked to evaluate what: learners who completed a course (the in-transaction hook
"lms_course_completed", registered in `wagtail_hooks`) and people whose attendance at an event was
confirmed (`attendance_confirmed`, to connect to the events app's signal of that name)."""

from evaluation import services, tasks
from lms.queueing import enqueue_on_commit


def invite(user, page):
    """Invite `user` to evaluate `page` (a course or an event page) and e-mail them once the
    caller's transaction commits. Idempotent: a second call for the same person and page does
    nothing. A broker that is down never fails the caller: the 15-minute sweep sends the e-mail."""
    invitation, created = services.invite(user=user, page=page)
    if created:
        enqueue_on_commit(
            tasks.email_survey_invitation,
            invitation.pk,
            log_context=f"survey invitation {invitation.pk} (the sweep will send it)",
        )
    return invitation


def course_completed(enrolment) -> None:
    invite(enrolment.user, enrolment.course)


def attendance_confirmed(sender, event, user, **kwargs) -> None:
    """Receiver for `events.signals.attendance_confirmed(sender, event, user)`: the person
    attended the event (an events.EventPage), so they are asked to evaluate it."""
    invite(user, event)
