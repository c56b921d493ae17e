from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Assignment, Enrolment
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory


@pytest.fixture
def report_data(units, admin_user):
    """Two courses, five learners in gmina A, its school and gmina B, in every state:

    - Anna (gmina A): course 1 assigned, not started, deadline passed (overdue);
    - Bartosz (school in A): course 1 in progress 50 %, best score 40 %;
    - Celina (gmina B): course 1 completed with a certificate; course 2 in progress;
    - Dawid (gmina B): course 2 completed, certificate expired;
    - Ewa (gmina A): course 2 completed, no certificate yet (pending).
    """
    from certificates.models import Certificate

    gmina_a, school_a, gmina_b = units
    course1 = factories.course(title="Cudzoziemiec w urzędzie", area="zdrowie", lessons=1,
                               quiz=False, completion_rule="lessons_only")  # fmt: skip
    course2 = factories.course(title="Uczeń z doświadczeniem migracji", area="edukacja",
                               lessons=1, quiz=False, completion_rule="lessons_only")  # fmt: skip
    people = {
        "anna": UserFactory(first_name="Anna", last_name="Nowak", email="anna@a.example", unit=gmina_a, roles=[Role.LEARNER]),
        "bartosz": UserFactory(first_name="Bartosz", last_name="Żółtowski", email="bartosz@a.example", unit=school_a, roles=[Role.LEARNER]),
        "celina": UserFactory(first_name="Celina", last_name="Ślęzak", email="celina@b.example", unit=gmina_b, roles=[Role.LEARNER]),
        "dawid": UserFactory(first_name="Dawid", last_name="=HYPERLINK(\"http://x\")", email="dawid@b.example", unit=gmina_b, roles=[Role.LEARNER]),
        "ewa": UserFactory(first_name="Ewa", last_name="Kowalska", email="ewa@a.example", unit=gmina_a, roles=[Role.LEARNER]),
    }  # fmt: skip
    now = timezone.now()
    from courses import services

    services.assign(users=[people["anna"]], course=course1, assigned_by=admin_user,
                    deadline=timezone.localdate() - timedelta(days=3))  # fmt: skip
    Enrolment.objects.filter(user=people["anna"]).update(enrolled_at=now - timedelta(days=40),
                                                          last_activity_at=now - timedelta(days=40))  # fmt: skip
    Enrolment.objects.create(user=people["bartosz"], course=course1, progress_percent=50,
                             best_score_percent=40, enrolled_at=now - timedelta(days=20))  # fmt: skip
    celina1 = factories.completed_certificate(people["celina"], course1)
    Certificate.objects.filter(pk=celina1.pk).update(status=Certificate.Status.ISSUED,
                                                     issued_at=now)  # fmt: skip
    Enrolment.objects.create(user=people["celina"], course=course2, progress_percent=30,
                             enrolled_at=now - timedelta(days=2))  # fmt: skip
    dawid2 = factories.completed_certificate(people["dawid"], course2)
    Certificate.objects.filter(pk=dawid2.pk).update(
        status=Certificate.Status.ISSUED, issued_at=now - timedelta(days=400),
        expires_at=now - timedelta(days=1),
    )  # fmt: skip
    Enrolment.objects.filter(user=people["dawid"]).update(
        completed_at=now - timedelta(days=400), enrolled_at=now - timedelta(days=410)
    )
    ewa2 = factories.complete_course(people["ewa"], course2)
    assert Assignment.objects.count() == 1
    return {"courses": (course1, course2), "people": people, "units": units, "ewa2": ewa2}


@pytest.fixture
def coordinator_a(units):
    gmina_a = units[0]
    coordinator = UserFactory(email="koordynator.a@gmina.example", unit=gmina_a,
                              roles=[Role.COORDINATOR])  # fmt: skip
    coordinator.coordinated_units.add(gmina_a)
    return coordinator
