"""The front page (what the programme offers, from the apps' sections) and where signing in leads."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse

from lms.home.models import HomePage
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_front_page_leads_into_each_area_with_its_number_of_courses(client):
    factories.course(title="Pacjent z Ukrainy", area="zdrowie")
    factories.course(title="Profilaktyka", area="zdrowie")
    factories.course(title="Uczeń w szkole", area="edukacja")
    unpublished = factories.course(title="Szkic", area="edukacja")
    unpublished.unpublish()
    catalogue = factories.catalogue().url

    html = client.get("/").content.decode()

    assert f'<a href="{catalogue}?obszar=zdrowie">Zdrowie</a>' in html
    home = HomePage.objects.get()
    assert f"<title>{home.title}</title>" in html  # the site's name once, not "X – X"

    def count_of(slug):
        item = html[html.index(f"?obszar={slug}") :]
        return item[item.index('class="areas__count">') + 21 : item.index("</span>")]

    assert count_of("zdrowie") == "2 szkolenia"  # Polish plural forms
    assert count_of("edukacja") == "1 szkolenie"  # the unpublished course is not counted
    assert count_of("zatrudnienie") == "0 szkoleń"
    assert client.get(catalogue, {"obszar": "zdrowie"}).status_code == HTTPStatus.OK


def test_the_front_page_shows_the_next_three_events_not_the_past_ones(client):
    factories.event(title="Panel, który już był", starts_in=timedelta(days=-3))
    for days, title in ((9, "Warsztaty"), (2, "Webinarium"), (30, "Konferencja"), (60, "Panel")):
        factories.event(title=title, starts_in=timedelta(days=days))

    html = client.get("/").content.decode()

    section = html[html.index('id="upcoming-title"') :]
    titles = ["Webinarium", "Warsztaty", "Konferencja"]
    positions = [section.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)  # soonest first
    assert ">Panel</a>" not in section
    assert "Panel, który już był" not in section


def test_the_front_page_costs_the_same_queries_for_many_courses_and_events(
    client, django_assert_max_num_queries
):
    for number in range(6):
        factories.course(title=f"Kurs {number}", lessons=1, quiz=False)
        factories.event(title=f"Wydarzenie {number}", starts_in=timedelta(days=number + 1))
    client.get("/")  # warm the page-tree caches

    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == HTTPStatus.OK


def test_staff_find_the_admin_in_the_menu_learners_do_not(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    learner = UserFactory(roles=[Role.LEARNER])
    link = f'<a href="{reverse("wagtailadmin_home")}">Panel administracyjny</a>'

    client.force_login(learner)
    assert link not in client.get("/").content.decode()
    client.force_login(trainer)
    assert link in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (Role.LEARNER, "dashboard"),
        (Role.TRAINER, "wagtailadmin_home"),
        (Role.COORDINATOR, "wagtailadmin_home"),
    ],
)
def test_signing_in_leads_learners_to_their_courses_and_staff_to_the_admin(
    client, password, role, landing
):
    person = UserFactory(roles=[role], password=password)

    response = client.post(reverse("login"), {"username": person.email, "password": password})

    assert response["Location"] == reverse("start")
    assert client.get(reverse("start"))["Location"] == reverse(landing)


def test_a_trainer_who_loses_the_role_no_longer_sees_the_admin_in_the_menu(client):
    trainer = UserFactory(roles=[Role.TRAINER])
    client.force_login(trainer)
    assert "Panel administracyjny" in client.get("/").content.decode()

    trainer.groups.clear()

    assert "Panel administracyjny" not in client.get("/").content.decode()
    assert client.get(reverse("start"))["Location"] == reverse("dashboard")


def test_the_admin_link_follows_role_changes_made_from_either_side(client):
    from django.contrib.auth.models import Group, Permission

    person = UserFactory(roles=[Role.LEARNER])
    client.force_login(person)
    assert "Panel administracyjny" not in client.get("/").content.decode()

    trainers = Group.objects.get(name=Role.TRAINER)
    trainers.user_set.add(person)  # from the group's side
    assert "Panel administracyjny" in client.get("/").content.decode()

    access = Permission.objects.get(codename="access_admin")
    access.group_set.remove(trainers)  # the permission taken from the group, from its side
    assert "Panel administracyjny" not in client.get("/").content.decode()
