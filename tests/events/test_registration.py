"""Registration, the waiting list and cancellation, as a person (and their coordinator) sees them."""

from datetime import timedelta
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from events import services
from events.models import Registration
from lms.users.roles import Role
from tests import factories
from tests.events.conftest import calendar_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


def test_a_place_is_confirmed_by_email_with_an_invitation_to_the_calendar(event, people, sent):
    anna = people[0]

    registration, emails = sent(lambda: services.register(event=event, user=anna))

    assert registration.status == Registration.Status.CONFIRMED
    assert [message.to for message in emails] == [[anna.email]]
    assert emails[0].subject == f"Potwierdzenie zapisu: {event.title}"
    invitation = calendar_of(emails[0])
    assert invitation["METHOD"] == "PUBLISH"
    [entry] = invitation.walk("VEVENT")
    assert entry["SUMMARY"] == event.title
    assert entry["LOCATION"] == event.venue
    assert entry.decoded("DTSTART") == event.starts_at.astimezone(WARSAW)
    assert entry.decoded("DTSTART").tzinfo.key == "Europe/Warsaw"
    assert entry.decoded("DTEND") == event.ends_at
    assert str(entry["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert [tz["TZID"] for tz in invitation.walk("VTIMEZONE")] == ["Europe/Warsaw"]


def test_when_places_run_out_people_wait_and_a_cancellation_promotes_the_first(event, people, sent):
    anna, bartosz, celina, dawid = people
    for person in people:
        services.register(event=event, user=person)

    waiting = list(Registration.objects.waiting().filter(event=event))
    assert [r.user for r in waiting] == [celina, dawid]
    assert [services.waiting_position(r) for r in waiting] == [1, 2]

    promoted, emails = sent(
        lambda: services.cancel(registration=Registration.objects.get(event=event, user=bartosz))
    )

    assert [r.user for r in promoted] == [celina]
    statuses = dict(Registration.objects.filter(event=event).values_list("user", "status"))
    assert statuses == {
        anna.pk: "confirmed",
        bartosz.pk: "cancelled",
        celina.pk: "confirmed",
        dawid.pk: "waiting",
    }
    assert {message.to[0]: message.subject for message in emails} == {
        bartosz.email: f"Rezygnacja przyjęta: {event.title}",
        celina.email: f"Zwolniło się miejsce – jesteś zapisany(-a): {event.title}",
    }
    cancellation = calendar_of(next(m for m in emails if m.to == [bartosz.email]))
    assert cancellation["METHOD"] == "CANCEL"
    assert cancellation.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    dawid_registration = Registration.objects.get(event=event, user=dawid)
    assert services.waiting_position(dawid_registration) == 1


def test_waiting_people_are_told_their_position(event, people, sent):
    for person in people[:2]:
        services.register(event=event, user=person)

    registration, emails = sent(lambda: services.register(event=event, user=people[2]))

    assert registration.status == Registration.Status.WAITING
    assert "pozycja 1" in emails[0].body
    assert emails[0].attachments == []


def test_registering_twice_keeps_the_place_and_sends_nothing(event, people, sent):
    first = services.register(event=event, user=people[0])

    again, emails = sent(lambda: services.register(event=event, user=people[0]))

    assert again.pk == first.pk
    assert again.status == Registration.Status.CONFIRMED
    assert emails == []


def test_cancellation_after_the_deadline_is_refused_and_changes_nothing(people, sent):
    event = factories.event(capacity=1, cancellation_deadline=timezone.now() + timedelta(days=1))
    registration = services.register(event=event, user=people[0])
    services.register(event=event, user=people[1])

    with pytest.raises(services.RegistrationError, match="Termin rezygnacji minął"):
        services.cancel(registration=registration, now=timezone.now() + timedelta(days=2))

    assert list(Registration.objects.values_list("status", flat=True).order_by("pk")) == [
        "confirmed",
        "waiting",
    ]


def test_the_page_refuses_registration_after_the_deadline(client, people):
    event = factories.event(registration_deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(people[0])

    page = client.get(event.url)
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)

    assert "Zapisy na to wydarzenie są zamknięte." in page.content.decode()
    assert "Zapisy na to wydarzenie są już zamknięte." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_online_link_is_shown_to_registered_people_only(client, people):
    webinar = factories.event(
        kind="webinar", venue="", county=None, online_url="https://spotkania.example/abc"
    )
    client.force_login(people[0])

    before = client.get(webinar.url).content.decode()
    client.post(reverse("events:register", args=[webinar.pk]))
    after = client.get(webinar.url).content.decode()

    assert "https://spotkania.example/abc" not in before
    assert "Link zobaczą osoby zapisane na wydarzenie." in before
    assert 'href="https://spotkania.example/abc"' in after
    ics = client.get(reverse("events:ics", args=[webinar.pk]))
    [entry] = calendar_of(
        type("M", (), {"attachments": [("x.ics", ics.content, ics["Content-Type"])]})
    ).walk("VEVENT")
    assert entry["LOCATION"] == "https://spotkania.example/abc"


def test_the_event_ics_is_for_people_with_a_place(client, event, people):
    client.force_login(people[0])

    response = client.get(reverse("events:ics", args=[event.pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_registration_gate_hook_can_stop_a_registration(client, event, people):
    """Another module (EU-fund participant data) may ask for something first."""
    seen = []

    def gate(request, page):
        seen.append(page.pk)
        return HttpResponse("Najpierw uzupełnij dane uczestnika.", status=HTTPStatus.OK)

    client.force_login(people[0])
    with hooks.register_temporarily("lms_registration_gate", gate):
        response = client.post(reverse("events:register", args=[event.pk]))

    assert response.content.decode() == "Najpierw uzupełnij dane uczestnika."
    assert seen == [event.pk]
    assert not Registration.objects.exists()


def test_a_gate_that_lets_through_changes_nothing(client, event, people):
    client.force_login(people[0])
    with hooks.register_temporarily("lms_registration_gate", lambda request, page: None):
        response = client.post(reverse("events:register", args=[event.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert Registration.objects.get().user == people[0]


def test_a_coordinator_registers_only_the_staff_of_their_units(client, event, units, sent):
    gmina_a, school_a, gmina_b = units
    coordinator = UserFactory(unit=gmina_a, roles=[Role.COORDINATOR])
    coordinator.coordinated_units.add(gmina_a)
    own = UserFactory(first_name="Ola", unit=school_a, roles=[Role.LEARNER])
    other = UserFactory(first_name="Obca", unit=gmina_b, roles=[Role.LEARNER])
    client.force_login(coordinator)
    url = reverse("events:register_staff", args=[event.pk])

    listing = client.get(url).content.decode()
    response, emails = sent(
        lambda: client.post(url, {"action": "register", "people": [own.pk, other.pk]}, follow=True)
    )

    assert own.get_full_name() in listing
    assert other.get_full_name() not in listing
    assert "Zapisano: 1, na liście rezerwowej: 0" in response.content.decode()
    registration = Registration.objects.get()
    assert (registration.user, registration.registered_by) == (own, coordinator)
    assert [message.to for message in emails] == [[own.email]]


def test_a_learner_may_not_register_other_people(client, event, people):
    client.force_login(people[0])

    response = client.post(
        reverse("events:register_staff", args=[event.pk]),
        {"action": "register", "people": [people[1].pk]},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Registration.objects.exists()


def test_more_places_published_promote_people_waiting(event, people, sent):
    for person in people:
        services.register(event=event, user=person)
    event.capacity = 3

    _result, emails = sent(lambda: event.save_revision().publish())

    assert Registration.objects.get(event=event, user=people[2]).is_confirmed
    assert Registration.objects.get(event=event, user=people[3]).is_waiting
    assert [message.to for message in emails] == [[people[2].email]]


def test_tomorrows_participants_are_reminded_once(people, sent):
    tomorrow = timezone.localtime() + timedelta(days=1)
    soon = factories.event(
        title="Jutrzejsze warsztaty",
        starts_in=tomorrow.replace(hour=10, minute=0) - timezone.localtime(),
    )
    later = factories.event(title="Za tydzień", starts_in=timedelta(days=7))
    services.register(event=soon, user=people[0], notify=False)
    services.register(event=later, user=people[1], notify=False)

    count, emails = sent(services.send_reminders)
    again, repeated = sent(services.send_reminders)

    assert count == 1
    assert again == 0
    assert repeated == []
    assert [message.to for message in emails] == [[people[0].email]]
    assert emails[0].subject == "Jutro: Jutrzejsze warsztaty"
    assert calendar_of(emails[0]).walk("VEVENT")[0]["SUMMARY"] == "Jutrzejsze warsztaty"


def test_the_personal_feed_lists_ones_places_and_a_new_address_revokes_the_old(client, people):
    first = factories.event(title="Panel kartuski", capacity=1)
    second = factories.event(title="Panel słupski", capacity=1)
    services.register(event=first, user=people[0], notify=False)
    services.register(event=second, user=people[1], notify=False)
    services.register(event=second, user=people[0], notify=False)  # waiting: not in the feed
    client.force_login(people[0])

    page = client.get(reverse("events:mine"))
    old_url = page.context["feed_url"]
    feed = client.get(old_url)
    client.post(reverse("events:mine"))
    new_url = client.get(reverse("events:mine")).context["feed_url"]

    calendar = calendar_of(
        type("M", (), {"attachments": [("f.ics", feed.content, feed["Content-Type"])]})
    )
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Panel kartuski"]
    assert new_url != old_url
    assert client.get(old_url).status_code == HTTPStatus.NOT_FOUND
    assert client.get(new_url).status_code == HTTPStatus.OK


def test_the_calendar_filters_by_county_area_month_and_kind(client, django_assert_max_num_queries):
    from courses.models import ThematicArea
    from lms.organisations.models import OrganisationUnit

    kartuzy = OrganisationUnit.objects.get(code="2205")
    health = ThematicArea.objects.get(slug="zdrowie")
    factories.event(title="Panel gdański")
    factories.event(title="Panel kartuski", county=kartuzy, thematic_area=health)
    factories.event(
        title="Webinarium", kind="webinar", venue="", county=None, online_url="https://x.example"
    )
    far = factories.event(
        title="Konferencja jesienna", kind="conference", starts_in=timedelta(days=70)
    )
    index = factories.events_calendar()

    def titles(query=""):
        # 15: the site menu looks up the calendar and the knowledge base once each (cold cache).
        with django_assert_max_num_queries(15):
            response = client.get(index.url + query)
        return [event.title for event in response.context["events"]]

    month = timezone.localtime(far.starts_at).strftime("%Y-%m")
    assert titles() == ["Panel gdański", "Panel kartuski", "Webinarium", "Konferencja jesienna"]
    assert titles(f"?powiat={kartuzy.pk}") == ["Panel kartuski"]
    assert titles("?obszar=zdrowie") == ["Panel kartuski"]
    assert titles("?rodzaj=webinar") == ["Webinarium"]
    assert titles(f"?miesiac={month}") == ["Konferencja jesienna"]
    assert titles("?powiat=nie-liczba&miesiac=2026-13&rodzaj=x") == titles()


def test_a_coordinator_cancels_only_their_staffs_registrations(client, event, units):
    gmina_a, _school_a, gmina_b = units
    coordinator = UserFactory(unit=gmina_a, roles=[Role.COORDINATOR])
    coordinator.coordinated_units.add(gmina_a)
    own = UserFactory(unit=gmina_a, roles=[Role.LEARNER])
    other = UserFactory(unit=gmina_b, roles=[Role.LEARNER])
    for person in (own, other):
        services.register(event=event, user=person, notify=False)
    client.force_login(coordinator)

    response = client.post(
        reverse("events:register_staff", args=[event.pk]),
        {"action": "cancel", "people": [own.pk, other.pk]},
        follow=True,
    )

    assert "Anulowano zgłoszenia: 1." in response.content.decode()
    statuses = dict(Registration.objects.values_list("user", "status"))
    assert statuses == {own.pk: "cancelled", other.pk: "confirmed"}
