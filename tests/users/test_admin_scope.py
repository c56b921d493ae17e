"""Wagtail's user admin shows a coordinator the people of their units (and sub-units) only: the
list, its search, its CSV/XLSX export, each person's pages, the bulk actions and the person chooser.
Trainers see nobody; administrators everyone. Editing a person is no way to more power."""

import csv
import io
from http import HTTPStatus

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lms.users.models import User
from lms.users.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = "wagtailusers_users:index"


def read(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)  # a fresh object: no cached permissions


@pytest.fixture
def people(units, admin_user):
    gmina_a, school_a, gmina_b = units
    admin_user.unit = gmina_a  # an administrator working in gmina A: still not the coordinator's
    admin_user.save()
    return {
        "in_a": UserFactory(
            last_name="Abacka", email="abacka@a.example", unit=gmina_a, roles=[Role.LEARNER]
        ),
        "in_school": UserFactory(
            last_name="Szkolna", email="szkolna@a.example", unit=school_a, roles=[Role.LEARNER]
        ),
        "in_b": UserFactory(
            last_name="Obca", email="obca@b.example", unit=gmina_b, roles=[Role.LEARNER]
        ),
        "admin_in_a": UserFactory(
            last_name="Adminowa",
            email="adminowa@a.example",
            unit=gmina_a,
            roles=[Role.ADMINISTRATOR],
        ),
        "admin": admin_user,
    }


@pytest.fixture
def coordinator_client(client, coordinator_a):
    client.force_login(coordinator_a)
    return client


@pytest.fixture
def managing_coordinator(coordinator_a):
    """A coordinator to whom an administrator also gave the right to manage accounts."""
    return grant(coordinator_a, "add_user", "change_user", "delete_user")


OUT_OF_SCOPE = ("obca@b.example", "adminowa@a.example", "administrator@pomorskie.example")


def test_the_list_shows_a_coordinator_only_the_people_of_their_units(coordinator_client, people):
    page = coordinator_client.get(reverse(INDEX)).content.decode()

    assert "abacka@a.example" in page
    assert "szkolna@a.example" in page  # a sub-unit
    for email in OUT_OF_SCOPE:
        assert email not in page


def test_search_finds_nobody_outside_the_scope(coordinator_client, people):
    found = coordinator_client.get(reverse(INDEX), {"q": "Obca"}).content.decode()
    results = coordinator_client.get(
        reverse("wagtailusers_users:index_results"), {"q": "example"}
    ).content.decode()

    assert "obca@b.example" not in found
    assert "abacka@a.example" in results
    for email in OUT_OF_SCOPE:
        assert email not in results


def test_csv_export_holds_only_people_in_scope(coordinator_client, people):
    response = coordinator_client.get(reverse(INDEX), {"export": "csv"})

    text = read(response).decode("utf-8-sig")
    emails = {row[0] for row in csv.reader(io.StringIO(text), delimiter=";")}
    assert response.status_code == HTTPStatus.OK
    assert {"abacka@a.example", "szkolna@a.example"} <= emails
    for email in OUT_OF_SCOPE:
        assert email not in text


def test_xlsx_export_holds_only_people_in_scope(coordinator_client, people):
    response = coordinator_client.get(reverse(INDEX), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(read(response))).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]
    assert response.status_code == HTTPStatus.OK
    assert "abacka@a.example" in cells
    for email in OUT_OF_SCOPE:
        assert email not in cells


def test_administrators_see_everyone(admin_client, people):
    page = admin_client.get(reverse(INDEX)).content.decode()

    for email in ("abacka@a.example", "obca@b.example", "adminowa@a.example"):
        assert email in page


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
@pytest.mark.parametrize("who", ["in_b", "admin_in_a", "admin"])
def test_pages_of_a_person_outside_the_scope_do_not_exist(
    client, managing_coordinator, people, view, who
):
    client.force_login(managing_coordinator)

    response = client.get(reverse(f"wagtailusers_users:{view}", args=[people[who].pk]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_there_is_no_copy_of_a_person(coordinator_client, people):
    response = coordinator_client.get(f"/admin/users/copy/{people['in_b'].pk}/")

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_post_to_edit_a_person_outside_the_scope_changes_nothing(
    client, managing_coordinator, people
):
    client.force_login(managing_coordinator)
    target = people["in_b"]

    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {"email": target.email, "first_name": "Zmieniona", "last_name": "X", "is_active": ""},
    )

    target.refresh_from_db()
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert (target.first_name, target.is_active) == ("Zofia", True)


def test_a_coordinator_edits_a_person_in_scope(client, managing_coordinator, people, units):
    client.force_login(managing_coordinator)
    target = people["in_school"]

    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {
            "email": target.email,
            "first_name": "Zmieniona",
            "last_name": "Szkolna",
            "job_title": "",
            "unit": units[1].pk,
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.LEARNER).pk],
        },
    )

    target.refresh_from_db()
    assert response.status_code == HTTPStatus.FOUND
    assert target.first_name == "Zmieniona"


def test_the_edit_form_offers_no_role_or_unit_the_coordinator_does_not_have(
    client, managing_coordinator, people
):
    client.force_login(managing_coordinator)

    page = client.get(reverse("wagtailusers_users:edit", args=[people["in_a"].pk])).content.decode()

    assert 'name="is_superuser"' not in page
    assert f'value="{Group.objects.get(name=Role.ADMINISTRATOR).pk}"' not in page
    assert "Gmina B" not in page


def test_a_coordinator_cannot_make_anyone_administrator_or_superuser(
    client, managing_coordinator, people, units
):
    client.force_login(managing_coordinator)
    target = people["in_a"]

    response = client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {
            "email": target.email,
            "first_name": "Zofia",
            "last_name": "Abacka",
            "job_title": "",
            "unit": units[0].pk,
            "is_active": "on",
            "is_superuser": "on",
            "groups": [Group.objects.get(name=Role.ADMINISTRATOR).pk],
            "coordinated_units": [units[2].pk],
        },
    )

    target.refresh_from_db()
    assert response.status_code == HTTPStatus.OK  # the form again, with errors
    assert not target.is_superuser
    assert list(target.groups.values_list("name", flat=True)) == [Role.LEARNER]
    assert not target.coordinated_units.exists()


def test_a_coordinator_sets_no_ones_password(client, managing_coordinator, people, units):
    client.force_login(managing_coordinator)
    target = people["in_a"]
    url = reverse("wagtailusers_users:edit", args=[target.pk])

    page = client.get(url).content.decode()
    client.post(
        url,
        {
            "email": target.email,
            "first_name": "Zofia",
            "last_name": "Abacka",
            "job_title": "",
            "unit": units[0].pk,
            "is_active": "on",
            "password1": "Przejete-Konto-2026",
            "password2": "Przejete-Konto-2026",
            "groups": [Group.objects.get(name=Role.LEARNER).pk],
        },
    )

    target.refresh_from_db()
    assert 'name="password1"' not in page
    assert not target.check_password("Przejete-Konto-2026")


def test_a_coordinator_cannot_redirect_the_email_of_someone_with_more_rights(
    client, managing_coordinator, people, units
):
    client.force_login(managing_coordinator)
    target = people["in_a"]
    target.groups.add(Group.objects.get(name=Role.TRAINER))  # a role the coordinator lacks

    client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {
            "email": "przejete@zly.example",
            "first_name": "Zofia",
            "last_name": "Abacka",
            "job_title": "",
            "unit": units[0].pk,
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.LEARNER).pk],
        },
    )

    target.refresh_from_db()
    assert target.email == "abacka@a.example"


def test_a_coordinator_cannot_create_an_administrator(client, managing_coordinator, units):
    client.force_login(managing_coordinator)

    client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "nowy@a.example",
            "first_name": "Nowy",
            "last_name": "Admin",
            "password1": "Bardzo-Dlugie-Haslo-2026",
            "password2": "Bardzo-Dlugie-Haslo-2026",
            "unit": units[0].pk,
            "is_superuser": "on",
            "groups": [Group.objects.get(name=Role.ADMINISTRATOR).pk],
        },
    )

    created = User.objects.filter(email="nowy@a.example").first()
    assert created is None or not (created.is_superuser or created.groups.exists())


def test_a_coordinator_cannot_invite_an_administrator(client, managing_coordinator, units):
    client.force_login(managing_coordinator)

    response = client.post(
        reverse("lms_invite_user"),
        {
            "email": "zaproszony@a.example",
            "first_name": "Zaproszony",
            "last_name": "X",
            "unit": units[0].pk,
            "roles": [Role.ADMINISTRATOR],
        },
    )
    outside = client.post(
        reverse("lms_invite_user"),
        {
            "email": "zaproszony@b.example",
            "first_name": "Zaproszony",
            "last_name": "Y",
            "unit": units[2].pk,
            "roles": [Role.LEARNER],
        },
    )

    assert response.status_code == HTTPStatus.OK  # the form again, with an error
    assert outside.status_code == HTTPStatus.OK
    assert not User.objects.filter(email__startswith="zaproszony@").exists()


def test_roles_the_coordinator_cannot_grant_are_kept_when_they_edit(
    client, managing_coordinator, people, units
):
    client.force_login(managing_coordinator)
    target = people["in_a"]
    target.groups.add(Group.objects.get(name=Role.TRAINER))
    target.coordinated_units.add(units[2])  # coordinates gmina B: outside this coordinator's scope

    client.post(
        reverse("wagtailusers_users:edit", args=[target.pk]),
        {
            "email": target.email,
            "first_name": "Zofia",
            "last_name": "Abacka",
            "job_title": "",
            "unit": units[0].pk,
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.COORDINATOR).pk],
        },
    )

    assert set(target.groups.values_list("name", flat=True)) == {Role.TRAINER, Role.COORDINATOR}
    assert list(target.coordinated_units.all()) == [units[2]]


def test_bulk_actions_leave_people_outside_the_scope_alone(client, managing_coordinator, people):
    client.force_login(managing_coordinator)
    url = reverse("wagtail_bulk_action", args=["users", "user", "set_active_state"])
    ids = f"?id={people['in_a'].pk}&id={people['in_b'].pk}"

    confirm = client.get(url + ids).content.decode()
    client.post(url + ids, {"mark_as_active": "False"})
    only_outside = client.get(f"{url}?id={people['in_b'].pk}")

    assert "Abacka" in confirm
    assert "Obca" not in confirm
    assert User.objects.get(pk=people["in_a"].pk).is_active is False
    assert User.objects.get(pk=people["in_b"].pk).is_active is True
    assert only_outside.status_code == HTTPStatus.NOT_FOUND


def test_bulk_role_assignment_offers_only_the_coordinators_roles(
    client, managing_coordinator, people
):
    client.force_login(managing_coordinator)
    url = reverse("wagtail_bulk_action", args=["users", "user", "assign_role"])
    url += f"?id={people['in_a'].pk}"
    administrator = Group.objects.get(name=Role.ADMINISTRATOR)

    page = client.get(url).content.decode()
    client.post(url, {"role": administrator.pk})

    assert f'value="{administrator.pk}"' not in page
    assert not people["in_a"].groups.filter(pk=administrator.pk).exists()


def test_trainers_get_wagtails_permission_denied(client, people):
    client.force_login(UserFactory(roles=[Role.TRAINER]))

    response = client.get(reverse(INDEX), {"export": "csv"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")


# --- The person chooser of in-person events ----------------------------------------------------


def chooser_page(client, query=""):
    response = client.get(reverse("event_person_chooser:choose_results"), {"q": query})
    return response.content.decode()


def test_the_person_chooser_offers_a_coordinator_only_people_in_scope(
    client, coordinator_a, people
):
    client.force_login(grant(coordinator_a, "add_trainingevent", "change_trainingevent"))

    page = chooser_page(client, "example")
    chosen = client.get(reverse("event_person_chooser:chosen", args=[people["in_b"].pk]))

    assert "abacka@a.example" in page
    for email in OUT_OF_SCOPE:
        assert email not in page
    assert chosen.status_code == HTTPStatus.NOT_FOUND


def test_the_person_chooser_offers_a_trainer_nobody(client, people):
    trainer = grant(UserFactory(roles=[Role.TRAINER]), "add_trainingevent", "change_trainingevent")
    client.force_login(trainer)

    page = chooser_page(client, "example")

    assert "@a.example" not in page
    assert "@b.example" not in page


def test_the_person_chooser_offers_administrators_everyone(admin_client, people):
    page = chooser_page(admin_client, "example")

    assert "abacka@a.example" in page
    assert "obca@b.example" in page
