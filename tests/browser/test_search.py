"""The site search in Chromium: from the header's box to a result, through a facet; axe-core on
the results page."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_visitor_searches_without_diacritics_narrows_by_type_and_opens_the_course(
    page, assert_accessible
):
    course = factories.course(title="Standardy obsługi cudzoziemców w urzędzie gminy", lessons=2)
    factories.course(title="Uczeń z doświadczeniem migracji w szkole", area="edukacja")

    page.goto("/")
    page.get_by_role("searchbox", name="Szukaj w serwisie").fill("urzad gminy")
    page.get_by_role("searchbox", name="Szukaj w serwisie").press("Enter")
    page.wait_for_url("**/szukaj/?q=urzad+gminy")

    assert page.get_by_role("status").inner_text().startswith("Znaleziono 3 ")
    assert page.locator(".search-result mark").first.inner_text() == "urzędzie"
    assert_accessible(page)

    page.get_by_role("navigation", name="Zawęź wyniki").get_by_role("link", name="Kurs (1)").click()
    page.wait_for_url("**rodzaj=kurs")
    assert page.get_by_role("status").inner_text().startswith("Znaleziono 1 wynik dla")
    page.get_by_role("link", name="Standardy obsługi cudzoziemców w urzędzie gminy").click()
    page.wait_for_url(f"**{course.url}")
