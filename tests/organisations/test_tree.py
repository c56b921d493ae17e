from http import HTTPStatus

import pytest
from django.urls import reverse

from lms.organisations.models import OrganisationUnit, UnitType
from tests.factories import OrganisationUnitFactory

pytestmark = pytest.mark.django_db


def test_pomorskie_ships_with_its_16_counties_and_4_cities_with_teryt_codes():
    region = OrganisationUnit.objects.get(code="22")
    children = region.get_children()

    assert region.name == "Województwo pomorskie"
    assert children.filter(unit_type=UnitType.COUNTY).count() == 16
    cities = children.filter(unit_type=UnitType.CITY_COUNTY)
    assert {(c.name, c.code) for c in cities} == {
        ("Gdańsk", "2261"),
        ("Gdynia", "2262"),
        ("Słupsk", "2263"),
        ("Sopot", "2264"),
    }
    assert children.get(code="2212").name == "Powiat słupski"


def test_within_returns_a_unit_and_everything_below_it_only():
    county = OrganisationUnit.objects.get(code="2204")
    gmina = OrganisationUnitFactory(parent=county)
    school = OrganisationUnitFactory(parent=gmina, unit_type=UnitType.SCHOOL, name="SP nr 1")
    elsewhere = OrganisationUnitFactory(parent=OrganisationUnit.objects.get(code="2215"))

    scope = set(OrganisationUnit.objects.within([county]))

    assert {county, gmina, school} <= scope
    assert elsewhere not in scope
    assert OrganisationUnit.objects.get(code="22") not in scope


def test_admin_adds_a_municipality_under_a_county(admin_client):
    county = OrganisationUnit.objects.get(code="2214")

    response = admin_client.post(
        reverse("organisation_units:add"),
        {
            "name": "Gmina Pelplin",
            "unit_type": UnitType.MUNICIPALITY_MIXED,
            "code": "2214043",
            "email": "",
            "is_active": "on",
            "parent": county.pk,
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    assert OrganisationUnit.objects.get(code="2214043").get_parent() == county


def test_admin_gets_a_polish_message_for_a_unit_in_the_wrong_place(admin_client):
    response = admin_client.post(
        reverse("organisation_units:add"),
        {
            "name": "Gmina bez powiatu",
            "unit_type": UnitType.MUNICIPALITY_RURAL,
            "code": "",
            "email": "",
            "is_active": "on",
            "parent": "",
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "nie może być umieszczona" in response.content.decode()
    assert not OrganisationUnit.objects.filter(name="Gmina bez powiatu").exists()


def test_duplicate_teryt_code_is_refused(admin_client):
    response = admin_client.post(
        reverse("organisation_units:add"),
        {
            "name": "Drugi Gdańsk",
            "unit_type": UnitType.CITY_COUNTY,
            "code": "2261",
            "email": "",
            "is_active": "on",
            "parent": OrganisationUnit.objects.get(code="22").pk,
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert OrganisationUnit.objects.filter(code="2261").count() == 1


def test_admin_moves_a_unit_to_another_county(admin_client):
    gmina = OrganisationUnitFactory(parent=OrganisationUnit.objects.get(code="2204"))
    target = OrganisationUnit.objects.get(code="2205")

    admin_client.post(
        reverse("organisation_units:edit", args=[gmina.pk]),
        {
            "name": gmina.name,
            "unit_type": gmina.unit_type,
            "code": "",
            "email": "",
            "is_active": "on",
            "parent": target.pk,
        },
    )

    gmina.refresh_from_db()
    assert gmina.get_parent() == target


def test_unit_list_in_admin_shows_the_tree(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = admin_client.get(reverse("organisation_units:index"))

    assert response.status_code == HTTPStatus.OK
    assert "Powiat kartuski" in response.content.decode()


def test_each_unit_offers_assigning_a_course_with_the_unit_chosen(admin_client):
    county = OrganisationUnit.objects.get(code="2204")

    response = admin_client.get(reverse("organisation_units:index"))

    page = response.content.decode()
    assert f"{reverse('courses_assign')}?unit={county.pk}" in page
    assert f"Przypisz kurs jednostce {county}" in page


def test_a_coordinator_is_offered_assigning_only_to_their_own_units(client, coordinator_a, units):
    gmina_a, _school_a, gmina_b = units
    client.force_login(coordinator_a)

    response = client.get(reverse("organisation_units:index"))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert f"{reverse('courses_assign')}?unit={gmina_a.pk}" in page
    assert f"{reverse('courses_assign')}?unit={gmina_b.pk}" not in page
