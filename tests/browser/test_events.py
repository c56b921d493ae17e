"""Events in Chromium: the calendar, registration, one's own events, a coordinator's form and the
trainer's check-in screen, each checked with axe-core (WCAG 2.1 A and AA)."""

from datetime import timedelta

import pytest

from events import services
from events.models import Registration
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory
from tests.workers import wait_until

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_learner_registers_and_the_trainer_ticks_them_present(page, log_in_as, assert_accessible):
    trainer = UserFactory(first_name="Tomasz", roles=[Role.TRAINER])
    learner = UserFactory(first_name="Małgorzata", last_name="Żółkiewska", roles=[Role.LEARNER])
    coordinator = UserFactory(unit=learner.unit, roles=[Role.COORDINATOR])
    coordinator.coordinated_units.add(learner.unit)
    panel = factories.event(
        title="Powiatowy panel dyskusyjny – Powiat gdański",
        agenda=[("item", {"starts": "10:00", "ends": "11:00", "title": "Powitanie"})],
    )
    today = factories.event(
        title="Warsztaty dziś", starts_in=-timedelta(minutes=5), trainers=[trainer]
    )
    services.register(
        event=today, user=learner, notify=False, now=today.starts_at - timedelta(days=1)
    )

    log_in_as(learner)
    page.goto(factories.events_calendar().url)
    assert page.get_by_role("heading", level=2, name=panel.title).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=panel.title).click()
    assert_accessible(page)
    page.get_by_role("button", name="Zapisz się").click()
    assert "Zapisano Cię na wydarzenie" in page.locator(".messages").inner_text()
    assert_accessible(page)

    page.goto("/moje-wydarzenia/")
    assert panel.title in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(f"/wydarzenia/{today.pk}/obecnosc/niewazny-kod/")
    assert "Ten kod QR jest nieprawidłowy" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.goto(f"/wydarzenia/{today.pk}/obecnosc/potwierdz/")
    assert_accessible(page)

    log_in_as(coordinator)
    page.goto(f"/wydarzenia/{panel.pk}/zglos-pracownikow/")
    assert page.get_by_label(learner.get_full_name()).is_visible()
    assert_accessible(page)

    log_in_as(trainer)
    page.goto(f"/wydarzenia/{today.pk}/obecnosc/")
    assert page.locator("figure.qr-code svg").is_visible()
    assert_accessible(page)
    row = page.locator(".attendance-list__row", has_text=learner.get_full_name())
    row.get_by_role("button").click()

    # The screen's script sends the tick (and would retry it without a connection).
    wait_until(
        lambda: (
            Registration.objects.filter(user=learner, event=today)
            .exclude(attended_at=None)
            .exists()
        ),
        timeout=30,
        message="the tick to reach the server",
    )
    assert row.locator("[data-state]").inner_text() == "obecny(-a)"
    assert row.get_by_role("button").inner_text().startswith("Cofnij")
    page.reload()
    assert row.locator("[data-state]").inner_text() == "obecny(-a)"
