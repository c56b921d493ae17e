""" "Moje eksporty" in Chromium: the progress bar moves on its own (under the admin's CSP) and the
download link appears when the file is ready; the template preview shows the PDF."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from certificates.models import CertificateTemplate
from lms.exports.models import Export
from lms.users.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def administrator(page, sign_in):
    person = UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True)
    sign_in(person.email, PASSWORD)
    return person


def test_my_exports_follows_a_running_export_until_it_can_be_downloaded(
    page, administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    export = Export.objects.create(
        owner=administrator,
        kind="certificates_zip",
        title="Zaświadczenia (ZIP)",
        status=Export.Status.RUNNING,
        done=1,
        total=4,
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))  # uncaught script errors

    page.goto("/admin/eksporty/")
    progress = page.locator(f"#export-progress-{export.pk}")
    assert progress.get_attribute("value") == "25"

    Export.objects.filter(pk=export.pk).update(done=3)
    page.wait_for_function(
        f"document.getElementById('export-progress-{export.pk}').value === 75", timeout=10_000
    )
    export.file.save("zaswiadczenia.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    export.status, export.done, export.finished_at = Export.Status.DONE, 4, timezone.now()
    export.save()

    link = page.get_by_role("link", name="Pobierz Zaświadczenia (ZIP)")
    link.wait_for(timeout=10_000)
    assert page.locator(f"#export-progress-{export.pk}").get_attribute("value") == "100"
    assert errors == []


def test_the_template_preview_panel_shows_the_pdf(page, administrator):
    template = CertificateTemplate.default()
    responses = []
    page.on(
        "response",
        lambda response: (
            "/preview/" in response.url
            and response.request.method == "GET"
            and responses.append(response.headers.get("content-type"))
        ),
    )

    page.goto(f"/admin/snippets/certificates/certificatetemplate/edit/{template.pk}/")
    page.get_by_role("button", name="Podgląd").first.click()
    page.wait_for_timeout(3000)

    assert "application/pdf" in responses
