"""The legal pages in Chromium: a person signing in reads the privacy notice first, then finds
the accessibility statement of their language in the footer; every page passes axe-core."""

import pytest

from lms.legal.demo import load_demo
from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.legal.test_accessibility_statement import REQUIRED_IDS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_privacy_notice_then_the_statements_in_both_languages(page, sign_in, assert_accessible):
    load_demo()
    learner = UserFactory(roles=[Role.LEARNER])

    sign_in(learner.email, PASSWORD)

    assert page.url.endswith("/prywatnosc/?next=%2Fkonto%2Fstart%2F")
    heading = "Monitorowanie projektu współfinansowanego z Europejskiego Funduszu Społecznego Plus"
    assert page.get_by_role("heading", name=heading).count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Zapoznałem(-am) się").click()
    page.wait_for_load_state()
    assert page.url.endswith("/moje-szkolenia/")  # a learner's start

    page.get_by_role("contentinfo").get_by_role("link", name="Deklaracja dostępności").click()
    page.wait_for_load_state()
    assert page.url.endswith("/dostepnosc/pl/")
    for element_id in REQUIRED_IDS:
        assert page.locator(f"#{element_id}").count() == 1, element_id
    assert_accessible(page)

    page.get_by_label("Język").select_option("en")
    page.get_by_role("button", name="Zmień").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#a11y-podmiot").inner_text() == (
        "The Marshal's Office of the Pomorskie Voivodeship"
    )
    assert_accessible(page)

    page.goto("/prywatnosc/wersje/")
    assert_accessible(page)
