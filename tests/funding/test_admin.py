"""Projects and participants in the admin: administrators only, whatever permissions a group is
given; a project is configured once (pages, marks) in its editor."""

import io
import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model

from funding.models import Participant, Project
from lms.users.roles import Role
from tests.factories import UserFactory
from tests.funding.conftest import declare, png

pytestmark = pytest.mark.django_db


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        for key, value in {**row, "ORDER": str(number + 1), "DELETE": "", "id": ""}.items():
            data[f"{prefix}-{number}-{key}"] = value
    return data


def test_an_administrator_configures_a_project_once(admin_client, course, project):
    image = project.marks.first().image
    data = {
        "code": "FEPM.05.17-IZ.00-0002/26",
        "name": "Drugi projekt",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "closure_date": "",
        "archive_years": "10",
        **_formset("financed_pages", [{"page": str(course.pk)}]),
        **_formset("marks", [{"image": str(image.pk), "alt_text": "Znak UE"}]),
    }

    response = admin_client.post(reverse("funding_projects:add"), data)

    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    created = Project.objects.get(code="FEPM.05.17-IZ.00-0002/26")
    assert list(created.financed_pages.values_list("page_id", flat=True)) == [course.pk]
    assert list(created.marks.values_list("alt_text", flat=True)) == ["Znak UE"]


def test_dates_in_the_wrong_order_are_refused_in_polish(admin_client):
    data = {
        "code": "X/1",
        "name": "Zły projekt",
        "start_date": "2027-01-01",
        "end_date": "2026-01-01",
        "archive_years": "10",
        **_formset("financed_pages", []),
        **_formset("marks", []),
    }

    response = admin_client.post(reverse("funding_projects:add"), data)

    assert response.status_code == HTTPStatus.OK
    assert "Koniec realizacji nie może być wcześniejszy niż początek." in response.content.decode()
    assert not Project.objects.filter(code="X/1").exists()


def test_a_project_with_participants_data_is_not_deleted(admin_client, project, user):
    declare(user, project)

    response = admin_client.post(reverse("funding_projects:delete", args=[project.pk]), follow=True)

    assert Project.objects.filter(pk=project.pk).exists()
    assert "są w nim dane uczestników" in response.content.decode()


def test_a_group_given_the_models_permissions_still_sees_nothing(client, project, units):
    """Only the Administrator role: a coordinator whose group were granted every funding
    permission by mistake is still refused (as Wagtail refuses: back to the dashboard)."""
    coordinator = UserFactory(unit=units[0], roles=[Role.COORDINATOR])
    person = UserFactory(first_name="Tajemnicza", unit=units[0])
    declare(person, project)
    group = Group.objects.get(name=Role.COORDINATOR)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="funding"))
    client.force_login(coordinator)

    for url in (
        reverse("funding_participants:index"),
        reverse("funding_participants:edit", args=[Participant.objects.get().pk]),
        reverse("funding_projects:index"),
        reverse("funding_indicators"),
        reverse("funding_participant_export") + "?export=csv",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/"), url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Projekty UE" not in home
    assert "Tajemnicza" not in home


def test_the_person_finds_their_own_declaration_in_their_data_download(
    learner_client, user, project
):
    declare(user, project, sex="refused", disability="yes")

    data = json.loads(learner_client.get(reverse("download_my_data")).content)

    [entry] = data["eu_project_participation"]
    assert entry["project"] == project.code
    assert (entry["sex"], entry["disability"]) == ("refused", "yes")


def test_a_replaced_image_is_a_change_the_pages_see(client, course, project):
    """Marks are cached with the page; replacing a mark's image file shows at once."""
    client.get(course.url)
    image = get_image_model().objects.get(pk=project.marks.first().image_id)
    image.renditions.all().delete()  # as Wagtail's image form does with a new file
    image.file = ImageFile(io.BytesIO(png(300, 60, "red")), name="nowy-znak.png")
    image.save()

    assert "nowy-znak" in client.get(course.url).content.decode()
