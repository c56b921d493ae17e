"""The course checklist in Chromium: a trainer reads it in the course editor (it passes axe-core),
sends the unfinished course to moderation, and is told, in the editor, what to fix.

axe-core checks our own parts of the editor (the checklist panel and the message): the editor
around them is Wagtail's (its Draftail field, for one, has no accessible name of its own)."""

import pytest
from wagtail.models import WorkflowState

from courses import services
from lms.users.roles import Role
from tests import factories
from tests.browser.conftest import WCAG_21_AA
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def assert_parts_accessible(axe):
    """Fail with axe-core's report on a WCAG 2.1 A/AA violation inside the given elements."""

    def _check(page, *selectors):
        results = axe.run(
            page,
            context={"include": [[selector] for selector in selectors]},
            options={
                "runOnly": {"type": "tag", "values": WCAG_21_AA},
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return _check


def test_trainer_reads_the_checklist_and_cannot_send_an_unfinished_course(
    page, sign_in, assert_parts_accessible
):
    trainer = UserFactory(roles=[Role.TRAINER], email="trenerka@pomorskie.example")
    course = factories.course(title="Cudzoziemiec w urzędzie")
    course.trainers.add(trainer)
    course.save()
    services.sync_course_trainers(course=course)
    sign_in(trainer.email, PASSWORD)

    page.goto(f"/admin/pages/{course.pk}/edit/")
    checklist = page.locator(".course-checklist")
    checklist.wait_for()

    assert "Do poprawy: Kurs ma opisane cele szkolenia" in " ".join(checklist.inner_text().split())
    assert "opisz cele szkolenia" in checklist.inner_text()
    panel = "#" + page.locator("section.w-panel", has=checklist).get_attribute("id")
    assert_parts_accessible(page, panel)

    page.get_by_role("button", name="Więcej akcji").click()
    page.get_by_role("button", name="Wyślij do Zatwierdzenie przez administratora").click()
    page.wait_for_load_state()

    error = page.locator(".messages .error")
    assert "Nie wysłano do akceptacji" in error.inner_text()
    assert "opisz cele szkolenia" in error.inner_text()
    assert page.url.endswith(f"/admin/pages/{course.pk}/edit/")
    assert not WorkflowState.objects.exists()
    # Wagtail fades its messages in: measure the colours once the animation has finished.
    page.wait_for_function(
        "document.querySelector('.messages').getAnimations({subtree: true})"
        ".every(animation => animation.playState !== 'running')"
    )
    assert_parts_accessible(page, panel, ".messages")
