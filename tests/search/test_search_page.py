"""The search page: snippets with the found words marked (and nothing else as HTML), facets with
counts, pages of results, Polish messages, a fixed number of queries."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from courses.models import CoursePage, ThematicArea
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("search")


def course(title, *, area="zdrowie", summary=None, lessons=0):
    page = factories.course(title=title, area=area, lessons=lessons, quiz=False)
    if summary:
        page.summary = summary
        page.save_revision().publish()
    return page


def test_snippets_mark_the_words_found_in_any_form_and_escape_everything_else(client):
    course(
        "Zasady obsługi",
        summary="Jak <b>urzędnik</b> & tłumacz obsługują cudzoziemców w urzędach gmin.",
    )

    html = client.get(URL, {"q": "cudzoziemiec urzad"}).content.decode()

    assert (
        "Jak &lt;b&gt;urzędnik&lt;/b&gt; &amp; tłumacz obsługują <mark>cudzoziemców</mark> "
        "w <mark>urzędach</mark> gmin." in html
    )
    assert "<b>urzędnik</b>" not in html


def test_a_title_is_marked_and_escaped(client):
    course("<script>alert(1)</script> Karta pobytu")

    html = client.get(URL, {"q": "karty"}).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Karta</mark> pobytu" in html
    assert "<script>alert(1)" not in html


def test_a_lesson_shows_its_course_and_quotes_none_of_its_text(client):
    page = course("Obsługa cudzoziemców", lessons=1)
    lesson = page.get_children().specific().get()
    lesson.body = [("rich_text", "<p>Tajemnica kursu: wojewoda wydaje kartę pobytu.</p>")]
    lesson.save_revision().publish()

    results = client.get(URL, {"q": "wojewoda"}).context["results"]

    [hit] = results.hits
    assert hit.kind == "Lekcja"
    assert hit.context == "Kurs „Obsługa cudzoziemców”"
    assert hit.area == "Zdrowie"
    assert "Tajemnica" not in hit.snippet


def test_facets_count_areas_and_types_and_filter_the_results(client):
    course("Cudzoziemiec w szpitalu", area="zdrowie", lessons=2)  # + 2 lessons (by context)
    course("Cudzoziemiec w szkole", area="edukacja")
    course("Cudzoziemiec w pracy", area="zatrudnienie")
    course("Szkolenie o czym innym", area="zdrowie")

    everything = client.get(URL, {"q": "cudzoziemca"}).context["results"]
    health = client.get(URL, {"q": "cudzoziemca", "obszar": "zdrowie"}).context["results"]
    lessons = client.get(URL, {"q": "cudzoziemca", "rodzaj": "lekcja"}).context["results"]

    assert everything.total == 5
    assert {(f.label, f.count) for f in everything.areas} == {
        ("Zdrowie", 3),
        ("Edukacja", 1),
        ("Zatrudnienie", 1),
    }
    assert {(f.label, f.count) for f in everything.kinds} == {("Kurs", 3), ("Lekcja", 2)}
    assert health.total == 3
    assert {(f.label, f.count) for f in health.kinds} == {("Kurs", 1), ("Lekcja", 2)}
    assert [f.label for f in health.areas if f.selected] == ["Zdrowie"]
    assert lessons.total == 2
    assert {(f.label, f.count) for f in lessons.areas} == {("Zdrowie", 2)}
    assert {hit.kind for hit in lessons.hits} == {"Lekcja"}


def test_facet_links_keep_the_query_and_work_without_javascript(client):
    course("Cudzoziemiec w szpitalu", area="zdrowie")
    course("Cudzoziemiec w szkole", area="edukacja")

    html = client.get(URL, {"q": "cudzoziemiec", "rodzaj": "kurs"}).content.decode()

    assert 'href="?q=cudzoziemiec&amp;rodzaj=kurs&amp;obszar=edukacja"' in html
    assert 'href="?q=cudzoziemiec"' in html  # "all types"


def test_results_come_in_pages_of_ten(client):
    area = ThematicArea.objects.get(slug="zdrowie")
    index = factories.catalogue()
    for number in range(23):
        index.add_child(
            instance=CoursePage(
                title=f"Cudzoziemiec w gminie {number:02d}",
                summary="Kurs.",
                thematic_area=area,
                duration_hours=1,
            )
        )

    first = client.get(URL, {"q": "gmina"})
    third = client.get(URL, {"q": "gmina", "strona": "3"}).context["results"]
    too_far = client.get(URL, {"q": "gmina", "strona": "999"}).context["results"]
    nonsense = client.get(URL, {"q": "gmina", "strona": "-1'"}).context["results"]

    results = first.context["results"]
    assert (results.total, results.pages, len(results.hits)) == (23, 3, 10)
    assert "Znaleziono 23 wyniki dla „gmina”." in first.content.decode()  # Polish "few"
    assert 'href="?q=gmina&amp;strona=2" rel="next"' in first.content.decode()
    assert (third.page, len(third.hits), third.first, third.last) == (3, 3, 21, 23)
    assert too_far.page == 3
    assert nonsense.page == 1


def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    area = ThematicArea.objects.get(slug="zdrowie")
    index = factories.catalogue()
    for number in range(30):
        index.add_child(
            instance=CoursePage(
                title=f"Cudzoziemiec {number}",
                summary="Obsługa cudzoziemców w gminie.",
                thematic_area=area,
                duration_hours=1,
            )
        )
    client.get(URL, {"q": "cudzoziemcy"})  # warm per-process caches (sites, content types)

    # The facet counts (and total), then the page of hits with their pages and areas.
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"q": "cudzoziemcy", "obszar": "zdrowie"})

    assert len(response.context["results"].hits) == 10


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Wpisz, czego szukasz"),
        ({"q": "   "}, "Wpisz, czego szukasz"),
        ({"q": "!!! ???"}, "Wpisz co najmniej jedno słowo"),
        ({"q": "hipopotam"}, "Nic nie znaleziono dla „hipopotam”."),
        ({"q": "cudzoziemiec " + "słowo " * 60}, "Zapytanie jest za długie"),
    ],
)
def test_polish_messages(client, params, message):
    course("Cudzoziemiec w gminie")

    response = client.get(URL, params)

    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()


def test_no_page_with_every_word_shows_pages_with_some(client):
    course("Cudzoziemiec w gminie")

    response = client.get(URL, {"q": "cudzoziemiec hipopotam"})

    assert response.context["results"].broadened
    assert "Żadna strona nie zawiera wszystkich słów" in response.content.decode()
    assert response.context["results"].total == 1


def test_every_page_has_a_labelled_search_box_in_its_header(client):
    html = client.get(reverse("privacy")).content.decode()

    assert f'<form class="site-search" action="{URL}" method="get" role="search"' in html
    assert '<label for="site-search-q" class="visually-hidden">Szukaj w serwisie</label>' in html
