"""POSTs to the main state-changing URLs by viewers outside the object's scope: refused, and
nothing changes (the object of side B is compared before and after)."""

from http import HTTPStatus

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from tests.security import matrix
from tests.security.test_access_matrix import check_outcome, client_for
from tests.security.world import ADMIN, ANON, COORD_A, LEARNER, TRAINER_A, TRAINER_B

# Who tries, and how they are refused (Wagtail's admin login / "no permission" dashboard).
OUTSIDERS = {
    ANON: matrix.ADMIN_LOGIN,
    LEARNER: matrix.ADMIN_LOGIN,
    TRAINER_A: matrix.ADMIN_HOME,
    TRAINER_B: matrix.ADMIN_HOME,
    COORD_A: matrix.ADMIN_HOME,
}


def _snapshot(instance):
    instance.refresh_from_db()
    return model_to_dict(instance)


@pytest.mark.parametrize("viewer", sorted(OUTSIDERS))
@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("certificates_admin:revoke", {"reason": "Nieprawdziwe dane."}),
        ("certificates_admin:reissue", {}),
        ("certificates_admin:retry", {}),
    ],
)
def test_certificate_actions_by_outsiders_are_refused(world, db, viewer, url_name, data):
    certificate = world.objects["certificate_B"]
    before = _snapshot(certificate)
    path = reverse(url_name, kwargs={"pk": certificate.pk})

    response = client_for(world, viewer).post(path, data)

    check_outcome(response, OUTSIDERS[viewer], path, world)
    assert _snapshot(certificate) == before
    assert certificate.files.count() == 0


@pytest.mark.parametrize("viewer", sorted(OUTSIDERS))
def test_someone_elses_import_cannot_be_confirmed(world, db, viewer):
    batch = world.objects["import_B"]
    before = _snapshot(batch)
    path = reverse("imports_confirm", kwargs={"pk": batch.pk})

    response = client_for(world, viewer).post(path)

    # Coordinator A may import, but batch B is not theirs: it does not exist for them.
    expected = matrix.NOT_FOUND if viewer == COORD_A else OUTSIDERS[viewer]
    check_outcome(response, expected, path, world)
    assert _snapshot(batch) == before
    assert batch.status == batch.Status.READY


def test_the_owner_can_confirm_their_import(world, db, client):
    """The control: the same POST by the batch's owner does import (so the refusals mean it)."""
    batch = world.objects["import_B"]
    client.force_login(batch.owner)

    response = client.post(reverse("imports_confirm", kwargs={"pk": batch.pk}))

    assert response.status_code == HTTPStatus.FOUND
    batch.refresh_from_db()
    assert batch.status == batch.Status.APPLIED


@pytest.mark.parametrize("viewer", sorted(OUTSIDERS))
def test_someone_elses_export_is_not_served(world, db, viewer):
    export = world.objects["export_B"]
    path = reverse("exports_download", kwargs={"pk": export.pk})

    response = client_for(world, viewer).post(path)

    expected = OUTSIDERS[viewer] if viewer in (ANON, LEARNER) else matrix.NOT_ALLOWED
    check_outcome(response, expected, path, world)
    assert b"marker-b" not in response.content


@pytest.mark.parametrize("viewer", sorted(OUTSIDERS))
def test_a_person_outside_ones_scope_cannot_be_edited(world, db, viewer):
    person = world.objects["person_B"]
    before = _snapshot(person)
    path = reverse("wagtailusers_users:edit", kwargs={"pk": person.pk})
    data = {
        "email": "przejete@atak.example",
        "first_name": "Przejęte",
        "last_name": "Konto",
        "is_active": "on",
        "unit": world.objects["unit_A"].pk,
    }

    response = client_for(world, viewer).post(path, data)

    # Outside one's scope the person does not exist (404); no admin access: the admin login.
    refused = {**OUTSIDERS, TRAINER_A: matrix.NOT_FOUND, TRAINER_B: matrix.NOT_FOUND}
    refused[COORD_A] = matrix.NOT_FOUND
    check_outcome(response, refused[viewer], path, world)
    assert _snapshot(person) == before


def test_the_administrator_can_edit_a_person(world, db, client):
    """The control for the refusals above: the same form by an administrator saves."""
    person = world.objects["person_B"]
    client.force_login(world.users[ADMIN])
    path = reverse("wagtailusers_users:edit", kwargs={"pk": person.pk})
    data = {
        "email": person.email,
        "first_name": "Zmieniona",
        "last_name": person.last_name,
        "is_active": "on",
        "unit": person.unit_id,
        "groups": list(person.groups.values_list("pk", flat=True)),
    }

    response = client.post(path, data)

    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    person.refresh_from_db()
    assert person.first_name == "Zmieniona"


@pytest.mark.parametrize("viewer", [ANON, LEARNER, TRAINER_A, COORD_A])
def test_a_new_edition_of_someone_elses_course_cannot_be_made(world, db, viewer):
    from courses.models import CoursePage

    course = world.objects["course_B"]
    path = reverse("courses_new_edition", kwargs={"page_id": course.pk})

    response = client_for(world, viewer).post(path, {"label": "2099"})

    check_outcome(response, OUTSIDERS[viewer], path, world)
    assert not CoursePage.objects.filter(edition_of=course).exists()


@pytest.mark.parametrize("viewer", sorted(set(OUTSIDERS) - {TRAINER_B}))
@pytest.mark.parametrize(
    ("url_name", "key", "data"),
    [
        ("wagtailsnippets_questionbank_questionpool:edit", "pool_B", {"name": "Przejęta"}),
        ("wagtailsnippets_questionbank_questionpool:delete", "pool_B", {}),
        ("wagtailsnippets_questionbank_question:edit", "question_B", {"name": "Przejęte"}),
        ("wagtailsnippets_questionbank_question:delete", "question_B", {}),
    ],
)
def test_someone_elses_pool_or_question_cannot_be_changed(world, db, viewer, url_name, key, data):
    instance = world.objects[key]
    rows = type(instance).objects.filter(pk=instance.pk)
    before = list(rows.values())
    path = reverse(url_name, kwargs={"pk": instance.pk})

    response = client_for(world, viewer).post(path, data)

    # Trainer A: pool B is not theirs, so it does not exist for them (trainer B owns it).
    refused = {**OUTSIDERS, TRAINER_A: matrix.NOT_FOUND}
    check_outcome(response, refused[viewer], path, world)
    assert list(rows.values()) == before
