"""Assign a course to a whole unit (with its sub-units) in two clicks, from the units listing."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from courses.models import Assignment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def assign_link(unit):
    return reverse("courses_assign") + f"?unit={unit.pk}"


def preselected(html, unit):
    return re.search(rf'<option value="{unit.pk}"[^>]*\bselected\b', html) is not None


def test_administrator_assigns_a_course_to_a_unit_and_its_sub_units_in_two_clicks(
    admin_client, coded_units, courses
):
    gmina_a, school_a, gmina_b = coded_units
    service, _ = courses
    clerk, teacher, outsider = (UserFactory(unit=unit) for unit in coded_units)

    listing = admin_client.get(reverse("organisation_units:index"), {"q": "Gmina A"})
    assert f'href="{assign_link(gmina_a)}"' in listing.content.decode()

    form = admin_client.get(assign_link(gmina_a)).content.decode()  # click 1
    assert preselected(form, gmina_a)
    assert "Wybrano jednostkę „Gmina A”" in form
    response = admin_client.post(  # click 2: the course chosen, the unit as preselected
        reverse("courses_assign"), {"course": service.pk, "units": [gmina_a.pk]}
    )

    assert response.status_code == HTTPStatus.FOUND
    assigned = set(Assignment.objects.filter(course=service).values_list("user", flat=True))
    assert assigned == {clerk.pk, teacher.pk}
    assert outsider.pk not in assigned


def test_coordinator_gets_the_action_only_for_units_in_their_scope(coordinator_client, coded_units):
    gmina_a, school_a, gmina_b = coded_units

    listing = coordinator_client.get(reverse("organisation_units:index"), {"q": "Gmina"})
    page = listing.content.decode()
    form = coordinator_client.get(assign_link(gmina_b)).content.decode()

    assert listing.status_code == HTTPStatus.OK
    assert f'href="{assign_link(gmina_a)}"' in page
    assert f'href="{assign_link(gmina_b)}"' not in page
    assert not preselected(form, gmina_b)
    assert "Gmina B" not in form
    assert preselected(coordinator_client.get(assign_link(school_a)).content.decode(), school_a)
