"""No search box answers 500, whatever is typed into it."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests import factories

HOSTILE = [
    "'",
    '"',
    "O'Brien",
    'cudzo"ziemiec',
    "a\x00b",
    "\x00'",
    "x" * 10_000,
    "!!!???...",
    "-",
    "\\",
    "\\\\'",
    "'; DROP TABLE courses_coursepage; --",
    "' OR 1=1 --",
    "🙂 szkolenie 🎓",
    "((szkolenie",
    "szkolenie))",
    "&|!:*",
    "a & b | !c <-> d:*",
    "%",
    "_",
    "<script>alert(1)</script>",
]

# The listings' result fragments (what the search box reloads), one full page for the chooser.
ADMIN_LISTINGS = [
    "reports_completion_results",
    "reports_summary_results",
    "certificates_admin:index_results",
    "wagtailsnippets_certificates_certificatetemplate:list_results",
    "wagtailsnippets_certificates_trainingevent:list_results",
    "wagtailsnippets_courses_thematicarea:list_results",
    "wagtailsnippets_notifications_emailtemplate:list_results",
    "organisation_units:index_results",
    "event_person_chooser:choose_results",
    "wagtailusers_users:index_results",
]


def test_catalogue_search_survives_hostile_input(client, db):
    factories.course(title="Cudzoziemiec w urzędzie")
    url = factories.catalogue().url
    for query in HOSTILE:
        response = client.get(url, {"q": query})
        assert response.status_code == HTTPStatus.OK, query
        page = response.content.decode()
        assert "Brak szkoleń spełniających kryteria." in page, query
        assert "Cudzoziemiec w urzędzie" not in page, query


def test_site_search_survives_hostile_input(client, db):
    factories.course(title="Cudzoziemiec w urzędzie")
    for query in HOSTILE:
        response = client.get(reverse("search"), {"q": query, "obszar": query, "rodzaj": query})
        assert response.status_code == HTTPStatus.OK, query
        page = response.content.decode()
        assert response.context["results"].total == 0, query
        assert "Cudzoziemiec w urzędzie" not in page, query
        assert "<script>alert(1)" not in page, query


def test_site_search_is_capped_at_200_characters(client, db):
    response = client.get(reverse("search"), {"q": "cudzoziemiec " + "x" * 10_000})
    assert response.status_code == HTTPStatus.OK
    assert response.context["query"] == "cudzoziemiec " + "x" * 187
    assert "Zapytanie jest za długie" in response.content.decode()


def test_catalogue_search_is_capped_at_200_characters(client, db):
    factories.course(title="Cudzoziemiec w urzędzie")
    response = client.get(factories.catalogue().url, {"q": "cudzoziemiec " + "x" * 10_000})
    assert response.status_code == HTTPStatus.OK
    assert response.context["query"] == "cudzoziemiec " + "x" * 187


@pytest.mark.parametrize("name", ADMIN_LISTINGS)
def test_admin_search_survives_hostile_input(admin_client, name):
    statuses = {
        query: admin_client.get(reverse(name), {"q": query}).status_code for query in HOSTILE
    }
    assert statuses == dict.fromkeys(HOSTILE, HTTPStatus.OK)
