"""Demo data: an in-person panel the demo learner attended, so "My certificates" is not empty."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from certificates import services
from certificates.models import Attendance, TrainingEvent
from courses.models import CoursePage

LEARNER_EMAIL = "kursant@centrum-kompetencji.example"
TRAINER_EMAIL = "trener@centrum-kompetencji.example"
PLACE = "Starostwo Powiatowe w Pruszczu Gdańskim, sala konferencyjna"


def load_demo_events(*, stdout=None) -> None:
    """A county discussion panel ("powiatowy panel dyskusyjny") of the "Trzy Kroki do Integracji
    na Pomorzu" project, held a month ago, with the demo learner present (idempotent)."""
    users = get_user_model().objects
    learner = users.filter(email=LEARNER_EMAIL).first()
    course = CoursePage.objects.live().order_by("path").first()
    if learner is None or course is None:
        return
    event, _ = TrainingEvent.objects.get_or_create(
        course=course,
        place=PLACE,
        defaults={
            "date": timezone.localdate() - timedelta(days=30),
            "trainer": users.filter(email=TRAINER_EMAIL).first(),
        },
    )
    Attendance.objects.get_or_create(event=event, user=learner, defaults={"present": True})
    created = services.issue_for_event(event)
    if stdout is not None and created:
        stdout.write(f"Szkolenie stacjonarne: wystawiono zaświadczeń: {created}.\n")
