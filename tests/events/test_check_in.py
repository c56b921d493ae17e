"""Check-in at the venue: the rotating QR code scanned by participants, the trainer's list, and
the attendance that feeds the certificates of events."""

import time
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Attendance, Certificate
from events import check_in, services
from events.models import EventPage, Registration
from events.signals import attendance_confirmed
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(db):
    return UserFactory(first_name="Tomasz", roles=[Role.TRAINER])


@pytest.fixture
def today(trainer):
    """A workshop that started ten minutes ago, with a course (so a certificate)."""
    course = factories.course(lessons=1, quiz=False, completion_rule="lessons_only")
    return factories.event(
        kind="workshop",
        starts_in=-timedelta(minutes=10),
        trainers=[trainer],
        course=course,
    )


@pytest.fixture
def participant(today):
    person = UserFactory(first_name="Ewa", roles=[Role.LEARNER])
    register_before_start(today, person)
    return person


def register_before_start(event, person):
    """Registered the day before (the event has started: registration is closed now)."""
    return services.register(
        event=event, user=person, notify=False, now=event.starts_at - timedelta(days=1)
    )


@pytest.fixture
def confirmed_signals():
    received = []

    def receiver(sender, event, user, **kwargs):
        received.append((sender, event.pk, user.pk))

    attendance_confirmed.connect(receiver, dispatch_uid="test-attendance")
    yield received
    attendance_confirmed.disconnect(dispatch_uid="test-attendance")


def scan_url(event, token):
    return reverse("events:scan", kwargs={"page_id": event.pk, "token": token})


def test_a_scanned_code_lets_the_participant_confirm_their_presence(
    client, today, participant, confirmed_signals, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    token = check_in.make_token(event_id=today.pk)

    scanned = client.get(scan_url(today, token))
    form = client.get(scanned["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("events:confirm", args=[today.pk]), follow=True)

    assert scanned.status_code == HTTPStatus.FOUND
    assert "Potwierdzam, że jestem na miejscu" in form.content.decode()
    assert "Twoja obecność została potwierdzona" in done.content.decode()
    registration = Registration.objects.get(user=participant)
    assert registration.attended_at is not None
    assert registration.check_in_method == "qr"
    assert confirmed_signals == [(EventPage, today.pk, participant.pk)]
    # The attendance feeds the existing certificates of in-person events.
    attendance = Attendance.objects.get(user=participant)
    assert attendance.present
    assert attendance.event.course_id == today.course_id
    assert attendance.event.date == timezone.localdate(today.starts_at)
    assert attendance.event.place == today.venue
    certificate = Certificate.objects.get(attendance=attendance)
    assert certificate.course_title == today.course.title


def test_signing_in_after_scanning_keeps_the_permission_to_confirm(client, today, participant):
    token = check_in.make_token(event_id=today.pk)

    client.get(scan_url(today, token))  # anonymous: the code is checked now
    login = client.get(reverse("events:confirm", args=[today.pk]))
    client.force_login(participant)
    client.post(reverse("events:confirm", args=[today.pk]))

    assert login.status_code == HTTPStatus.FOUND
    assert "/konto/logowanie/" in login["Location"]
    assert Registration.objects.get(user=participant).attended_at is not None


def test_an_expired_code_is_refused_in_polish(client, today, participant):
    client.force_login(participant)
    old = check_in.make_token(event_id=today.pk, now=time.time() - check_in.VALID_SECONDS - 1)

    response = client.get(scan_url(today, old))
    confirm = client.post(reverse("events:confirm", args=[today.pk]))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Ten kod QR wygasł" in response.content.decode()
    assert confirm.status_code == HTTPStatus.BAD_REQUEST
    assert Registration.objects.get(user=participant).attended_at is None
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["zmyslony-kod", "0-" + "0" * 32, "AAAAAAAAAAAAAAAAAAAA-x"],
)
def test_a_forged_code_is_refused(client, today, participant, token):
    client.force_login(participant)

    response = client.get(scan_url(today, token))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Ten kod QR jest nieprawidłowy" in response.content.decode()


def test_a_code_of_another_event_is_refused(client, today, participant):
    other = factories.event(title="Inne wydarzenie", starts_in=-timedelta(minutes=5))
    client.force_login(participant)

    response = client.get(scan_url(today, check_in.make_token(event_id=other.pk)))

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_someone_without_a_place_is_sent_to_the_trainer(client, today):
    stranger = UserFactory(roles=[Role.LEARNER])
    client.force_login(stranger)
    client.get(scan_url(today, check_in.make_token(event_id=today.pk)))

    response = client.post(reverse("events:confirm", args=[today.pk]), follow=True)

    assert "Nie ma Cię na liście uczestników" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_trainer_sees_the_code_and_ticks_names(client, today, participant, trainer):
    client.force_login(trainer)

    screen = client.get(reverse("events:check_in", args=[today.pk]))
    code = client.get(reverse("events:check_in_code", args=[today.pk]))
    ticked = client.post(
        reverse("events:mark", args=[today.pk]),
        {"registration": Registration.objects.get().pk, "present": "1"},
        HTTP_ACCEPT="application/json",
    )

    html = screen.content.decode()
    assert "<svg" in html
    assert participant.get_full_name() in html
    assert code.json()["open"] is True
    assert code.json()["svg"].startswith("<svg")
    assert ticked.json() == {"ok": True, "present": True}
    registration = Registration.objects.get()
    assert (registration.check_in_method, registration.checked_in_by) == ("list", trainer)
    assert Attendance.objects.get().user == participant


def test_a_tick_that_earned_a_certificate_cannot_be_undone(client, today, participant, trainer):
    client.force_login(trainer)
    url = reverse("events:mark", args=[today.pk])
    registration = Registration.objects.get()
    client.post(url, {"registration": registration.pk, "present": "1"})

    response = client.post(
        url, {"registration": registration.pk, "present": "0"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == HTTPStatus.CONFLICT
    assert "ma już zaświadczenie" in response.json()["error"]
    assert Registration.objects.get().attended_at is not None


def test_a_tick_on_an_event_without_certificates_can_be_undone(client, trainer):
    event = factories.event(starts_in=-timedelta(minutes=5), trainers=[trainer])
    person = UserFactory(roles=[Role.LEARNER])
    registration = register_before_start(event, person)
    client.force_login(trainer)
    url = reverse("events:mark", args=[event.pk])

    client.post(url, {"registration": registration.pk, "present": "1"})
    client.post(url, {"registration": registration.pk, "present": "0"})

    assert Registration.objects.get().attended_at is None
    assert not Attendance.objects.exists()


def test_other_people_cannot_open_the_check_in(client, today, participant):
    other_trainer = UserFactory(roles=[Role.TRAINER])

    for person in (participant, other_trainer):
        client.force_login(person)
        assert client.get(reverse("events:check_in", args=[today.pk])).status_code == 403
        response = client.post(
            reverse("events:mark", args=[today.pk]),
            {"registration": Registration.objects.get().pk, "present": "1"},
        )
        assert response.status_code == HTTPStatus.FORBIDDEN
    assert Registration.objects.get().attended_at is None
