"""A trainer makes a new edition of their course in Chromium: the form and the editor's
"Edycja" panel (ours) pass axe-core (WCAG 2.1 AA)."""

import re

import pytest
from django.urls import reverse

from courses import services
from courses.models import CoursePage
from lms.users.roles import Role
from tests import factories
from tests.browser.conftest import WCAG_21_AA
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_trainer_makes_a_new_edition_on_accessible_pages(page, log_in_as, assert_accessible, axe):
    trainer = UserFactory(email="trenerka@gmina.example", roles=[Role.TRAINER])
    course = factories.course(title="Cudzoziemiec w urzędzie", lessons=2, quiz=False)
    course.trainers.add(trainer)
    course.save_revision().publish()
    services.sync_course_trainers(course=course)

    log_in_as(trainer)
    page.goto(reverse("courses_new_edition", kwargs={"page_id": course.pk}))
    assert_accessible(page)
    page.get_by_label("Oznaczenie nowej edycji").fill("2027")
    page.get_by_role("button", name="Utwórz nową edycję").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))

    edition = CoursePage.objects.get(edition_of=course)
    assert edition.edition_label == "2027"
    assert not edition.live
    assert list(edition.trainers.all()) == [trainer]
    panel = page.locator(".course-editions")
    assert "2027" in panel.inner_text()
    results = axe.run(
        page,
        context={"include": [[".course-editions"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()
