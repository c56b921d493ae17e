"""What administrators see in Wagtail's admin, whatever the page: the platform's name and mark,
no broken avatars from an outside service, filter chips in Polish."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "wagtailadmin_home",
    "wagtailusers_users:index",
    "wagtailadmin_account",
    "reports_completion",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_load_no_gravatar(admin_client, name):
    response = admin_client.get(reverse(name))

    assert response.status_code == HTTPStatus.OK
    assert "gravatar" not in response.content.decode().lower()


def test_the_account_page_shows_the_default_avatar(admin_client):
    html = admin_client.get(reverse("wagtailadmin_account")).content.decode()

    avatars = BeautifulSoup(html, "html.parser").select("img.avatar, .avatar img")
    assert avatars
    assert all(img["src"].startswith("/static/wagtailadmin/") for img in avatars)


def chips(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(chip.get_text().split()) for chip in soup.select(".w-active-filters .w-pill")]


def test_a_yes_no_filter_chip_reads_in_polish(admin_client):
    response = admin_client.get(reverse("reports_completion"), {"overdue": "on"})

    assert chips(response) == ["Tylko po terminie: Tak"]


@pytest.mark.parametrize(("value", "chip"), [("true", "Tak"), ("false", "Nie")])
def test_a_listing_boolean_filter_chip_reads_in_polish(admin_client, value, chip):
    response = admin_client.get(reverse("organisation_units:index"), {"is_active": value})

    (text,) = chips(response)
    assert text.endswith(f": {chip}")


def test_the_admin_carries_the_platforms_name_not_wagtails(admin_client):
    login = BeautifulSoup(Client().get(reverse("wagtailadmin_login")).content, "html.parser")
    home = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")

    assert login.title.string.strip().endswith("- Centrum Kompetencji")
    assert login.h1.get_text(strip=True) == "Zaloguj się do panelu Centrum Kompetencji"
    assert login.select_one(".login-logo svg[aria-label='Centrum Kompetencji']")
    assert home.title.string.strip().endswith("- Centrum Kompetencji")
    logo = home.select_one("template[data-wagtail-sidebar-branding-logo]")
    assert "Centrum Kompetencji" in logo.decode_contents()
