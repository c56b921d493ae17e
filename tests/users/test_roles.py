from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.users.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


@pytest.mark.parametrize(
    ("role", "can_open_admin"),
    [
        (Role.LEARNER, False),
        (Role.TRAINER, True),
        (Role.COORDINATOR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_who_can_open_the_admin(client, role, can_open_admin):
    client.force_login(UserFactory(roles=[role]))

    response = client.get(reverse("wagtailadmin_home"))

    assert (response.status_code == HTTPStatus.OK) is can_open_admin


def test_trainer_can_upload_documents_but_not_manage_users():
    trainer = UserFactory(roles=[Role.TRAINER])

    assert trainer.has_perm("wagtaildocs.add_document")
    assert not trainer.has_perm("users.change_user")


def test_administrator_role_can_manage_users_and_units():
    admin = UserFactory(roles=[Role.ADMINISTRATOR])

    assert admin.has_perm("users.add_user")
    assert admin.has_perm("organisations.change_organisationunit")


def test_coordinator_is_linked_to_the_units_they_coordinate(admin_client):
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    unit = coordinator.unit

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[coordinator.pk]),
        {
            "email": coordinator.email,
            "first_name": coordinator.first_name,
            "last_name": coordinator.last_name,
            "job_title": "Koordynatorka",
            "unit": unit.pk,
            "coordinated_units": [unit.pk],
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.COORDINATOR).pk],
        },
    )

    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    assert list(coordinator.coordinated_units.all()) == [unit]
