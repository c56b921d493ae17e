from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Assignment, ThematicArea
from lms.users.roles import Role
from tests import factories
from tests.admin_access import assert_sent_to_admin_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, units):
    coordinator = UserFactory(roles=[Role.COORDINATOR], unit=units[0])
    coordinator.coordinated_units.add(units[0])
    client.force_login(coordinator)
    return client


def test_courses_go_through_administrator_approval(course):
    workflow = course.get_workflow()

    assert workflow.name == "Zatwierdzenie przez administratora"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [Role.ADMINISTRATOR]


def test_administrator_manages_thematic_areas(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_courses_thematicarea:add"),
        {"name": "Mieszkalnictwo", "slug": "mieszkalnictwo", "description": "", "sort_order": 6},
    )

    assert response.status_code == HTTPStatus.FOUND
    assert ThematicArea.objects.filter(slug="mieszkalnictwo").exists()


def test_administrator_assigns_a_course_to_a_whole_unit_with_sub_units(admin_client, units):
    gmina_a, school_a, gmina_b = units
    clerk, teacher, outsider = (UserFactory(unit=u) for u in units)
    course = factories.course(mode="assigned")

    response = admin_client.post(
        reverse("courses_assign"),
        {"course": course.pk, "units": [gmina_a.pk], "deadline": "2027-03-31"},
    )

    assert response.status_code == HTTPStatus.FOUND
    assigned = set(Assignment.objects.filter(course=course).values_list("user__email", flat=True))
    assert assigned == {clerk.email, teacher.email}
    assert outsider.email not in assigned
    assert str(Assignment.objects.filter(course=course).first().deadline) == "2027-03-31"


def test_assigning_again_creates_no_duplicates(admin_client, units):
    person = UserFactory(unit=units[0])
    course = factories.course()
    for _ in range(2):
        admin_client.post(reverse("courses_assign"), {"course": course.pk, "users": [person.pk]})

    assert Assignment.objects.filter(course=course, user=person).count() == 1


def test_coordinator_sees_and_assigns_only_people_of_their_units(coordinator_client, units):
    gmina_a, school_a, gmina_b = units
    mine = UserFactory(unit=school_a, last_name="Moja-Kursantka")
    theirs = UserFactory(unit=gmina_b, last_name="Cudza-Kursantka")
    course = factories.course()

    form_page = coordinator_client.get(reverse("courses_assign")).content.decode()
    refused = coordinator_client.post(
        reverse("courses_assign"), {"course": course.pk, "users": [theirs.pk]}
    )

    assert "Moja-Kursantka" in form_page
    assert "Cudza-Kursantka" not in form_page
    assert "Gmina B" not in form_page
    assert refused.status_code == HTTPStatus.OK
    assert not Assignment.objects.filter(user=theirs).exists()
    assert mine.pk  # sanity: the coordinator's own learner exists


def test_assignment_without_people_gets_a_polish_message(admin_client):
    course = factories.course()

    response = admin_client.post(reverse("courses_assign"), {"course": course.pk})

    assert "Wybierz co najmniej jedną osobę albo jednostkę" in response.content.decode()


def test_learners_cannot_open_the_assignment_screen(learner_client):
    url = reverse("courses_assign")

    assert_sent_to_admin_login(learner_client.get(url), url)


def test_admin_menu_offers_each_role_only_what_it_may_do(admin_user, coordinator_client):
    administrator = Client()
    administrator.force_login(admin_user)
    admin_menu = administrator.get(reverse("wagtailadmin_home")).content.decode("unicode_escape")
    coordinator_menu = coordinator_client.get(reverse("wagtailadmin_home")).content.decode(
        "unicode_escape"
    )

    assert reverse("courses_assign") in admin_menu
    assert reverse("lms_invite_user") in admin_menu
    assert reverse("courses_assign") in coordinator_menu
    assert reverse("lms_invite_user") not in coordinator_menu
