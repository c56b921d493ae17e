"""The site search finds what a Polish user types: every query of the fixed relevance set
(`tests/search/relevance.py`: inflected forms, no diacritics, several words, half a word) has its
page among the first three results, on the demo catalogue."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories
from tests.search.relevance import ISSUE_EXAMPLES, RELEVANCE, STANDARDS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]


def top_three(client, query: str) -> list[str]:
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == HTTPStatus.OK
    return [hit.url for hit in response.context["results"].hits[:3]]


def url_of(title: str) -> str:
    return Page.objects.live().get(title=title).url


def test_the_relevance_set_is_big_enough():
    assert len(RELEVANCE) >= 40
    assert len({expected for _query, expected in RELEVANCE}) >= 15


@pytest.mark.parametrize(("query", "expected"), RELEVANCE)
def test_query_finds_its_page_in_the_top_three(client, query, expected):
    assert url_of(expected) in top_three(client, query)


@pytest.mark.parametrize("query", ISSUE_EXAMPLES)
def test_the_catalogue_search_box_finds_the_main_course(client, query):
    response = client.get(factories.catalogue().url, {"q": query})

    titles = [card["course"].title for card in response.context["cards"]]
    assert STANDARDS in titles


def test_a_draft_course_in_moderation_is_never_found(client):
    # "Cudzoziemiec w ośrodku pomocy społecznej": the demo trainer's draft, waiting for approval.
    draft = Page.objects.get(title="Cudzoziemiec w ośrodku pomocy społecznej")
    assert not draft.live

    response = client.get(reverse("search"), {"q": "cudzoziemiec w ośrodku pomocy społecznej"})

    html = response.content.decode()
    assert "Cudzoziemiec w <mark>ośrodku</mark>" not in html
    urls = {hit.url for hit in response.context["results"].hits}
    assert urls  # the words are in live pages too
    assert not any(url.rstrip("/").endswith(f"/{draft.slug}") for url in urls)
