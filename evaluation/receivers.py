"""Who is asked to evaluate what: learners who completed a course (the in-transaction hook
"lms_course_completed", registered in `wagtail_hooks`) and people whose attendance at an event was
confirmed (`attendance_confirmed`, to connect to the events app's signal of that name).

The invitation shows at once as "Oceń szkolenie" on the page and the dashboard; the e-mail follows
from the periodic task `tasks.email_survey_invitations` (half an hour later, unless answered)."""

from evaluation import services


def invite(user, page):
    """Invite `user` to evaluate `page` (a course or an event page). Idempotent: a second call for
    the same person and page does nothing. Returns the invitation (None without a survey or for
    an inactive or anonymised account)."""
    invitation, _created = services.invite(user=user, page=page)
    return invitation


def course_completed(enrolment) -> None:
    invite(enrolment.user, enrolment.course)


def attendance_confirmed(sender, event, user, **kwargs) -> None:
    """Receiver for `events.signals.attendance_confirmed(sender, event, user)`: the person
    attended the event (an events.EventPage), so they are asked to evaluate it."""
    invite(user, event)
