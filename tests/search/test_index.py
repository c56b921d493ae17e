"""The index follows the page tree: what is published is found, what is unpublished, private,
deleted, a draft or a replaced edition is not."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses import editions, services
from courses.models import CoursePage, LessonPage, ThematicArea
from lms.search.models import SearchEntry
from tests import factories

pytestmark = pytest.mark.django_db


def found(client, query: str, **params) -> list[str]:
    """Titles of the results, as plain text."""
    results = client.get(reverse("search"), {"q": query, **params}).context["results"]
    return [_plain(hit.title) for hit in results.hits]


def _plain(html) -> str:
    return str(html).replace("<mark>", "").replace("</mark>", "")


def publish_lesson(course, title, text):
    lesson = LessonPage(title=title, body=[("rich_text", f"<p>{text}</p>")], live=False)
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def test_a_published_lesson_is_found_and_an_unpublished_one_disappears(client):
    course = factories.course(title="Obsługa cudzoziemców", lessons=0, quiz=False)
    lesson = publish_lesson(course, "Karta pobytu", "Wojewoda wydaje kartę pobytu cudzoziemcowi.")

    assert found(client, "karty pobytu") == ["Karta pobytu"]
    assert found(client, "wojewody") == ["Karta pobytu"]  # from the lesson's text

    lesson.unpublish()

    assert found(client, "karty pobytu") == []
    assert not SearchEntry.objects.filter(page=lesson).exists()


def test_unpublishing_a_course_hides_its_lessons_and_publishing_brings_them_back(client):
    course = factories.course(title="Obsługa cudzoziemców", lessons=0, quiz=False)
    publish_lesson(course, "Karta pobytu", "Dokument pobytowy.")

    course.unpublish()
    assert found(client, "karta pobytu") == []
    assert found(client, "obsluga cudzoziemcow") == []

    course.save_revision().publish()
    assert found(client, "karta pobytu") == ["Karta pobytu"]
    # The course by its title, the lesson by its course's (its context).
    assert found(client, "obsluga cudzoziemcow") == ["Obsługa cudzoziemców", "Karta pobytu"]


def test_a_draft_is_never_found_nor_the_unpublished_text_of_a_live_page(client):
    factories.catalogue().add_child(
        instance=CoursePage(
            title="Szkic o legalizacji pobytu",
            summary="Szkic.",
            thematic_area=ThematicArea.objects.get(slug="zdrowie"),
            duration_hours=1,
            live=False,
        )
    )
    course = factories.course(title="Obsługa cudzoziemców", lessons=0, quiz=False)
    course.title = "Tajny nowy tytuł"
    course.summary = "Niezatwierdzona treść o ekstradycji."
    course.save_revision()  # a draft: the live course keeps its text

    assert found(client, "legalizacja pobytu") == []
    assert found(client, "tajny tytul") == []
    assert found(client, "ekstradycja") == []
    assert found(client, "obsługa cudzoziemców") == ["Obsługa cudzoziemców"]


def test_a_private_course_and_its_lessons_are_not_found_until_made_public_again(client):
    course = factories.course(title="Obsługa cudzoziemców", lessons=0, quiz=False)
    publish_lesson(course, "Karta pobytu", "Dokument pobytowy.")

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    assert found(client, "obsluga") == []
    assert found(client, "karta pobytu") == []

    restriction.delete()
    assert found(client, "obsluga", rodzaj="kurs") == ["Obsługa cudzoziemców"]
    assert found(client, "karta pobytu") == ["Karta pobytu"]


def test_a_deleted_course_takes_its_entries_along(client):
    course = factories.course(title="Obsługa cudzoziemców", lessons=2, quiz=True)
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.all().delete()  # public again: indexed
    assert SearchEntry.objects.filter(page__path__startswith=course.path).count() == 3

    course.delete()

    assert SearchEntry.objects.count() == 0
    assert found(client, "obsluga") == []


def test_only_the_current_edition_is_found(client, admin_user):
    old = factories.course(title="Obsługa cudzoziemców", lessons=1, quiz=False)
    new = editions.create_edition(course=old, label="2026", user=admin_user)
    assert found(client, "obsluga cudzoziemcow", rodzaj="kurs") == ["Obsługa cudzoziemców"]

    new.save_revision().publish()
    services.publish_course_pages(course=CoursePage.objects.get(pk=new.pk), user=admin_user)

    results = client.get(reverse("search"), {"q": "obsluga", "rodzaj": "kurs"}).context["results"]
    assert [hit.url for hit in results.hits] == [new.url]
    assert [hit.context for hit in results.hits] == ["Edycja 2026"]
    lesson_hits = client.get(reverse("search"), {"q": "lekcja"}).context["results"].hits
    assert [hit.context for hit in lesson_hits] == ["Kurs „Obsługa cudzoziemców (edycja 2026)”"]


def test_rebuild_command_restores_the_index(client):
    factories.course(title="Obsługa cudzoziemców", lessons=2, quiz=True)
    SearchEntry.objects.all().delete()
    out = io.StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "3 stron" in out.getvalue()
    assert found(client, "obsluga", rodzaj="kurs") == ["Obsługa cudzoziemców"]
    call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert SearchEntry.objects.count() == 3
