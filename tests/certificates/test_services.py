import re
from datetime import datetime

import pytest
from django.db import transaction

from certificates.models import Certificate
from certificates.services import create_pending_certificate
from courses import services as course_services
from courses.models import LessonPage
from lms.dates import add_months
from tests import factories
from tests.concurrency import run_concurrently
from tests.factories import UserFactory
from tests.factories import complete_course as complete

NUMBER = re.compile(r"^PCK/\d{4}/\d{6}$")
CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")


@pytest.fixture
def course(db):
    return factories.course(
        lessons=2, quiz=False, completion_rule="lessons_only", certificate_validity_months=24
    )


@pytest.mark.django_db
def test_completing_a_course_creates_one_pending_certificate_with_frozen_data(course):
    user = UserFactory(first_name="Małgorzata", last_name="Żółkiewska-Ślęzak")

    enrolment = complete(user, course)
    course_services.complete_lesson(  # a later visit changes nothing
        enrolment=enrolment, lesson=LessonPage.objects.child_of(course).first()
    )

    certificate = Certificate.objects.get()
    assert certificate.enrolment == enrolment
    assert certificate.status == Certificate.Status.PENDING
    assert NUMBER.match(certificate.number)
    assert certificate.number.endswith("/000001")
    assert CODE.match(certificate.verification_code)
    assert certificate.holder_name == "Małgorzata Żółkiewska-Ślęzak"
    assert certificate.course_title == course.title
    assert certificate.hours == course.duration_hours
    assert certificate.expires_at == add_months(enrolment.completed_at, 24)

    user.last_name = "Nowak"
    user.save()
    course.title = "Zmieniony tytuł"
    course.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Małgorzata Żółkiewska-Ślęzak"
    assert certificate.course_title != "Zmieniony tytuł"


@pytest.mark.django_db
def test_numbers_are_sequential_and_a_rolled_back_number_is_reused(course):
    first = complete(UserFactory(), course)
    unlucky = UserFactory()

    def complete_then_fail():
        with transaction.atomic():
            complete(unlucky, course)
            raise RuntimeError("the completing transaction fails")

    with pytest.raises(RuntimeError):
        complete_then_fail()
    third = complete(UserFactory(), course)

    numbers = [c.number[-6:] for c in Certificate.objects.order_by("sequence")]
    assert numbers == ["000001", "000002"]
    assert Certificate.objects.get(enrolment=first).sequence == 1
    assert Certificate.objects.get(enrolment=third).sequence == 2


@pytest.mark.django_db
def test_creating_twice_returns_the_same_certificate(course):
    enrolment = complete(UserFactory(), course)

    again = create_pending_certificate(enrolment=enrolment)

    assert Certificate.objects.count() == 1
    assert again.number == Certificate.objects.get().number


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_completions_get_unique_gap_free_numbers():
    course = factories.course(lessons=1, quiz=False, completion_rule="lessons_only")
    lesson = LessonPage.objects.child_of(course).get()
    enrolments = [course_services.enrol(user=UserFactory(), course=course) for _ in range(10)]

    _results, errors = run_concurrently(
        lambda enrolment: course_services.complete_lesson(enrolment=enrolment, lesson=lesson),
        arguments=[(enrolment,) for enrolment in enrolments],
    )

    assert errors == []
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 11))
    assert Certificate.objects.values("verification_code").distinct().count() == 10


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2026, 1, 31, 12), 1, datetime(2026, 2, 28, 12)),
        (datetime(2026, 11, 26), 24, datetime(2028, 11, 26)),
        (datetime(2027, 12, 15), 1, datetime(2028, 1, 15)),
    ],
)
def test_validity_is_counted_in_calendar_months(start, months, expected):
    assert add_months(start, months) == expected
