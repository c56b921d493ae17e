"""The reports in Chromium: a coordinator filters the completion report with the admin's own
filter controls, sees only their units, and the dashboard chart passes axe-core."""

import pytest

from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def coordinator(page, sign_in, report_data):
    gmina_a = report_data["units"][0]
    person = UserFactory(
        email="koordynatorka@gmina-a.example", unit=gmina_a, roles=[Role.COORDINATOR]
    )
    person.coordinated_units.add(gmina_a)
    sign_in(person.email, PASSWORD)
    return person


def test_coordinator_reads_and_filters_the_report(page, coordinator, assert_accessible):
    page.goto("/admin/raporty/ukonczenia/?status=in_progress")

    table = page.locator("table.listing")
    assert "Żółtowski" in table.inner_text()
    assert "Nowak" not in table.inner_text()  # assigned, not in progress
    assert "Ślęzak" not in page.content()  # gmina B
    # The header's "more" menu (its items are detached until opened): in the served HTML.
    assert "Pobierz CSV (przecinki)" in page.request.get(page.url).text()
    assert_accessible(page)


def test_dashboard_chart_is_accessible(page, coordinator, assert_accessible):
    page.goto("/admin/")

    chart = page.locator("#completion-charts-content svg[role=img]").first
    assert chart.is_visible()
    assert "33% (1/3)" in page.locator("#completion-charts-content").inner_text()
    assert_accessible(page)
