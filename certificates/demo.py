"""Demo data: an in-person panel the demo learner attended, so "My certificates" is not empty, and
the certificates of every demo completion, issued up front."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from certificates import issuing, services
from certificates.models import Attendance, Certificate, TrainingEvent
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


def issue_demo_certificates(*, stdout=None) -> int:
    """The demo's completions (the report cohort, recorded directly) get their certificates now,
    rendered and recorded as already e-mailed: the demo starts consistent, so the first
    reconciliation run has nothing to do and e-mails no demo account. Returns how many."""
    from courses.models import Enrolment

    issued = 0
    missing = Enrolment.objects.filter(completed_at__isnull=False, certificate__isnull=True)
    for enrolment in missing.select_related("user", "course").order_by("pk"):
        certificate = services.create_pending_certificate(enrolment=enrolment)
        issuing.issue_quietly(certificate_id=certificate.pk)
        issued += 1
    for attendance in Attendance.objects.filter(present=True, certificate__isnull=False).filter(
        certificate__status=Certificate.Status.PENDING
    ):
        issuing.issue_quietly(certificate_id=attendance.certificate.pk)
        issued += 1
    if stdout is not None and issued:
        stdout.write(f"Zaświadczenia demonstracyjne (bez wysyłki e-maili): {issued}.\n")
    return issued
