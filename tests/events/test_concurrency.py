"""Fifty people asking for the last ten places at once (real PostgreSQL transactions)."""

import pytest

from events import services
from events.models import Registration
from tests import factories
from tests.concurrency import run_concurrently
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_fifty_people_for_the_last_ten_places_give_ten_places_and_forty_waiting():
    event = factories.event(capacity=12)
    for person in UserFactory.create_batch(2):
        services.register(event=event, user=person, notify=False)
    people = UserFactory.create_batch(50)

    results, errors = run_concurrently(
        lambda person: services.register(event=event, user=person, notify=False).pk,
        arguments=[(person,) for person in people],
    )

    assert errors == []
    assert len(set(results)) == 50
    latecomers = Registration.objects.filter(user__in=people).order_by("queue_number")
    statuses = [registration.status for registration in latecomers]
    # In the order they reached the event's lock: the first ten got the places.
    assert statuses == ["confirmed"] * 10 + ["waiting"] * 40
    numbers = [registration.queue_number for registration in latecomers]
    assert numbers == list(range(3, 53))
    waiting = list(Registration.objects.waiting().filter(event=event))
    assert [services.waiting_position(r) for r in waiting[:3]] == [1, 2, 3]
    assert Registration.objects.confirmed().filter(event=event).count() == 12

    # A cancellation gives the place to the first person waiting, and only to them.
    first_waiting = waiting[0]
    services.cancel(
        registration=Registration.objects.confirmed().filter(event=event).first(), notify=False
    )
    first_waiting.refresh_from_db()
    assert first_waiting.status == "confirmed"
    assert Registration.objects.confirmed().filter(event=event).count() == 12
