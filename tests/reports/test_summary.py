"""The summary per course and per county, its export, and the dashboard's charts."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("reports_summary")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def test_summary_per_course_counts_and_rates(admin_client, report_data):
    course1, course2 = report_data["courses"]

    rows = {row["label"]: row for row in admin_client.get(URL).context["object_list"]}

    # Course 1: Anna (assigned), Bartosz (in progress), Celina (completed).
    assert (
        rows[course1.title]["enrolled"],
        rows[course1.title]["in_progress"],
        rows[course1.title]["completed"],
        rows[course1.title]["completion_rate"],
    ) == (3, 1, 1, 33)
    # Course 2: Celina (in progress), Dawid and Ewa (completed).
    assert (
        rows[course2.title]["enrolled"],
        rows[course2.title]["completed"],
        rows[course2.title]["completion_rate"],
    ) == (3, 2, 67)
    assert rows[course1.title]["average_score"] == 40.0


def test_summary_per_county_and_its_csv(admin_client, report_data):
    page = admin_client.get(URL, {"by": "county"})
    response = admin_client.get(URL, {"by": "county", "export": "csv"})

    rows = {row["label"]: row for row in page.context["object_list"]}
    assert rows["Powiat gdański"]["enrolled"] == 6
    assert rows["Powiat gdański"]["completed"] == 3
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert table[0][:2] == ["Powiat", "Zapisani"]
    assert table[1][:5] == ["Powiat gdański", "6", "2", "3", "50"]


def test_coordinator_summary_and_chart_count_only_their_units(coordinator_a, report_data):
    client = client_of(coordinator_a)

    rows = {row["label"]: row for row in client.get(URL, {"by": "county"}).context["object_list"]}
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert rows["Powiat gdański"]["enrolled"] == 3  # Anna, Bartosz, Ewa: not gmina B's two
    assert "Ukończenia szkoleń" in dashboard
    assert "33% (1/3)" in dashboard  # county: Ewa completed of Anna, Bartosz, Ewa
    assert "(1/3)" in dashboard
    assert "(2/3)" not in dashboard


def test_dashboard_chart_is_an_accessible_svg_with_numbers(admin_client, report_data):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert '<svg role="img"' in html
    assert "Odsetek ukończeń według kursu" in html
    assert "Odsetek ukończeń według powiatu" in html
    assert "67% (2/3)" in html
    assert "50% (3/6)" in html
    assert "Pokaż dane w tabeli" in html


def test_people_of_regional_units_are_counted_without_a_county(admin_client, report_data):
    from courses.models import Enrolment
    from lms.organisations.models import OrganisationUnit, UnitType
    from tests.factories import UserFactory

    region = OrganisationUnit.objects.get(code="22")
    labour_office = region.add_child(
        name="Wojewódzki Urząd Pracy", unit_type=UnitType.LABOUR_OFFICE
    )
    person = UserFactory(unit=labour_office)
    Enrolment.objects.create(user=person, course=report_data["courses"][0], progress_percent=10)

    rows = {
        row["label"]: row for row in admin_client.get(URL, {"by": "county"}).context["object_list"]
    }

    assert rows["bez powiatu"]["enrolled"] == 1
    assert rows["bez powiatu"]["in_progress"] == 1
    assert rows["Powiat gdański"]["enrolled"] == 6
