"""The question bank in Chromium, checked with axe-core (WCAG 2.1 A/AA): a trainer's pools list,
a pool's statistics page and a question's editor with its statistics panel."""

import pytest

from tests.browser.conftest import WCAG_21_AA
from tests.factories import PASSWORD
from tests.questionbank.world import build_bank, seed_statistics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What axe-core finds in Wagtail's own editor widgets on the question editor (Wagtail 8.0), not in
# our panels: (rule, the element's CSS class). Reported to the integrator; tolerated here, and any
# other violation fails.
WAGTAIL_EDITOR_VIOLATIONS = {
    # Draftail (the rich-text "Wyjaśnienie" of the question block): its editable area has
    # role="textbox" but no accessible name (the block's label is not tied to it).
    ("aria-input-field-name", "public-DraftEditor-content"),
    # The tags field: jQuery tag-it's visible input has no label (the labelled input is hidden).
    ("label", "ui-autocomplete-input"),
}


def violations(axe, page, context=None) -> set[tuple[str, str]]:
    """axe-core's WCAG 2.1 A/AA violations as (rule, CSS classes of each element)."""
    results = axe.run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    found = set()
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            classes = node["html"].split('class="', 1)[-1].split('"', 1)[0]
            found.add((violation["id"], classes))
    return found


@pytest.fixture
def trainer_bank(page, sign_in):
    bank = build_bank()
    questions = seed_statistics(bank)
    sign_in(bank.a.trainer.email, PASSWORD)
    return bank, questions


def test_the_pools_list_is_accessible(page, trainer_bank, assert_accessible):
    page.goto("/admin/snippets/questionbank/questionpool/")

    table = page.locator("table.listing")
    assert "Pula kursu A" in table.inner_text()
    assert "Pula kursu B" not in page.content()
    assert_accessible(page)


def test_the_statistics_page_is_accessible(page, trainer_bank, assert_accessible):
    bank, _questions = trainer_bank
    page.goto(f"/admin/snippets/questionbank/questionpool/statistics/{bank.a.pool.pk}/")

    assert page.get_by_role("heading", name="Jak czytać statystyki").is_visible()
    assert "58,3%" in page.locator("table.listing").inner_text()
    assert_accessible(page)


def test_the_question_editor_with_its_statistics_is_accessible(page, trainer_bank, axe):
    _bank, questions = trainer_bank
    page.goto(f"/admin/snippets/questionbank/question/edit/{questions['Dobre pytanie'].pk}/")

    panel = page.locator(".questionbank-statistics-panel")
    assert "58,3%" in panel.inner_text()
    # Our panel on its own: no violation at all.
    assert violations(axe, page, context=".questionbank-statistics-panel") == set()
    # The whole editor: only the known findings in Wagtail's widgets (see above).
    found = violations(axe, page)
    unexpected = {
        (rule, classes)
        for rule, classes in found
        if not any(
            rule == known_rule and known_class in classes.split()
            for known_rule, known_class in WAGTAIL_EDITOR_VIOLATIONS
        )
    }
    assert unexpected == set(), found
