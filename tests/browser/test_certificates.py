"""Certificates in Chromium: a verifier types a code and checks a PDF; the learner's list. Every
page is checked with axe-core (WCAG 2.1 A and AA)."""

import pytest

from certificates import services
from certificates.models import Certificate
from courses import services as course_services
from courses.models import LessonPage
from lms.users.roles import Role
from tests import factories
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def certificate(settings, tmp_path):
    """An issued certificate (with autocommit, completing the course issues it at once)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    course = factories.course(
        title="Standardy obsługi cudzoziemców",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
        certificate_validity_months=24,
    )
    holder = UserFactory(roles=[Role.LEARNER], first_name="Małgorzata", last_name="Żółkiewska")
    enrolment = course_services.enrol(user=holder, course=course)
    course_services.complete_lesson(
        enrolment=enrolment, lesson=LessonPage.objects.child_of(course).get()
    )
    certificate = Certificate.objects.get(user=holder)
    assert certificate.status == Certificate.Status.ISSUED, certificate.error
    return certificate


def test_a_verifier_types_a_code_and_sees_the_certificate(page, assert_accessible, certificate):
    page.goto("/weryfikacja/")
    assert_accessible(page)

    page.get_by_label("Kod weryfikacyjny").fill(certificate.verification_code.lower())
    page.get_by_role("button", name="Sprawdź kod").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Weryfikacja zaświadczenia"
    assert "Małgorzata Żółkiewska" in page.locator("main").inner_text()
    assert "Zaświadczenie jest autentyczne i ważne." in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto("/weryfikacja/ZZZZ-ZZZZ-ZZZZ-ZZZZ/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nie znaleziono zaświadczenia"
    assert_accessible(page)


def test_revoked_status_is_spelt_out_and_accessible(page, assert_accessible, certificate):
    services.revoke(certificate, by=None, reason="Na wniosek jednostki.")

    page.goto(f"/weryfikacja/{certificate.verification_code}/")

    assert "Zaświadczenie zostało unieważnione." in page.locator("main").inner_text()
    assert "Na wniosek jednostki." in page.locator("main").inner_text()
    assert_accessible(page)


def test_checking_a_document_and_a_wrong_file(page, assert_accessible, certificate, tmp_path):
    original = tmp_path / "zaswiadczenie.pdf"
    with certificate.pdf.open("rb") as file:
        original.write_bytes(file.read())
    picture = tmp_path / "zdjecie.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)

    page.goto("/weryfikacja/sprawdz-dokument/")
    page.get_by_label("Plik PDF zaświadczenia").set_input_files(str(picture))
    page.get_by_role("button", name="Sprawdź dokument").click()

    field = page.get_by_label("Plik PDF zaświadczenia")
    assert field.get_attribute("aria-invalid") == "true"
    assert "To nie jest plik PDF" in page.locator("#id_dokument_error").inner_text()
    assert page.title().startswith("Błąd:")
    assert_accessible(page)

    field.set_input_files(str(original))
    page.get_by_role("button", name="Sprawdź dokument").click()

    result = page.locator(".check-result").inner_text()
    assert "To oryginalne zaświadczenie wystawione przez platformę." in result
    assert certificate.number in result
    assert_accessible(page)


def test_the_learner_finds_and_downloads_the_certificate(
    page, sign_in, assert_accessible, certificate
):
    sign_in(certificate.user.email, PASSWORD)

    page.get_by_role("navigation", name="Menu główne").get_by_role(
        "link", name="Moje zaświadczenia"
    ).click()

    assert page.get_by_role("heading", level=1).inner_text() == "Moje zaświadczenia"
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Pobierz PDF {certificate.number}").click()
    assert download.value.suggested_filename == certificate.pdf_filename()
