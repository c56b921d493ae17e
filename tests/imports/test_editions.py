"""A staff list naming a course by its title assigns its current edition (not "matches several
courses" once a new edition is published); an older edition stays reachable by its slug."""

import pytest
from wagtail.models import Page

from courses import editions
from courses.models import CoursePage
from lms.imports.checking import Catalogue

pytestmark = pytest.mark.django_db


def test_a_title_names_the_current_edition_and_a_slug_any_edition(courses, admin_user):
    old = courses[0]
    new = editions.create_edition(course=old, label="2026", user=admin_user)
    for page in Page.objects.descendant_of(new, inclusive=True).specific():
        page.save_revision().publish()
    new = CoursePage.objects.get(pk=new.pk)

    assert Catalogue().parse("Obsługa cudzoziemców") == ([new.pk], [])
    assert Catalogue().parse("obsluga cudzoziemcow") == ([new.pk], [])
    assert Catalogue().parse(old.slug) == ([old.pk], [])
    assert Catalogue().parse(new.slug) == ([new.pk], [])
