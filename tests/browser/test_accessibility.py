"""axe-core (WCAG 2.1 A and AA) on the pages a municipal employee sees."""

import pytest

from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/konto/logowanie/",
        "/konto/haslo/reset/",
        "/prywatnosc/",
        "/dostepnosc/",
        "/nie-ma-takiej-strony/",
    ],
)
def test_public_pages_have_no_wcag_violations(page, assert_accessible, path):
    page.goto(path)

    assert page.locator("html").get_attribute("lang") == "pl"
    assert_accessible(page)


def test_login_errors_are_accessible(page, assert_accessible):
    page.goto("/konto/logowanie/")
    page.get_by_label("Adres e-mail").fill("nikt@gmina.example")
    page.get_by_label("Hasło").fill("zle-haslo")
    page.get_by_role("button", name="Zaloguj się").click()

    assert page.get_by_role("alert").inner_text().startswith("Nieprawidłowy adres e-mail lub hasło")
    assert_accessible(page)


def test_signed_in_pages_have_no_wcag_violations(page, sign_in, assert_accessible):
    user = UserFactory(roles=[Role.LEARNER], last_name="Żółkiewska-Ślęzak")
    sign_in(user.email, PASSWORD)

    for path in ["/", "/konto/profil/", "/konto/haslo/zmiana/"]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/konto/profil/")
    assert page.get_by_label("Nazwisko").input_value() == "Żółkiewska-Ślęzak"


def test_keyboard_user_reaches_the_content_with_the_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")

    skip = page.locator(":focus")
    assert skip.inner_text() == "Przejdź do treści"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
