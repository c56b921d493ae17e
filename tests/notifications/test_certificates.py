"""The certificate e-mails go through the editable templates and keep their PDF."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.tasks import notify_expiring_certificates
from lms.notifications.kinds import EmailKind
from lms.notifications.models import EmailTemplate
from tests import factories
from tests.factories import UserFactory, completed_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate_course(db):
    return factories.course(
        title="Prawo & praktyka",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
        certificate_validity_months=12,
    )


def activate(kind, *, subject, body):
    EmailTemplate.objects.filter(kind=kind).update(subject=subject, body=body, is_active=True)


def issue(user, course, capture):
    with capture(execute=True):
        certificate = completed_certificate(user, course)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED, certificate.error
    return certificate


def test_the_issued_email_uses_the_edited_template_and_still_attaches_the_pdf(
    certificate_course, media, settings, django_capture_on_commit_callbacks
):
    activate(
        EmailKind.CERTIFICATE_ISSUED,
        subject="Gotowe: {number} ({course})",
        body="Gratulacje, {name}!\nWażne do: {expires}\nSprawdź: {verify_link}\n{link}",
    )

    certificate = issue(
        UserFactory(first_name="Ewa", last_name="Nowak"),
        certificate_course,
        django_capture_on_commit_callbacks,
    )

    [message] = mail.outbox
    assert message.subject == f"Gotowe: {certificate.number} (Prawo & praktyka)"
    assert "Gratulacje, Ewa!" in message.body
    assert "Ważne do: " in message.body
    assert f"{settings.SITE_URL}/weryfikacja/" in message.body
    [(html, _mimetype)] = message.alternatives
    assert "Prawo &amp; praktyka" not in message.body
    assert "Gratulacje, Ewa!" in html
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf"
    assert filename.endswith(".pdf")
    assert "Ewa Nowak" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_the_issued_email_without_a_template_is_the_file_one_with_the_pdf(
    certificate_course, media, django_capture_on_commit_callbacks
):
    certificate = issue(UserFactory(), certificate_course, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject == f"Zaświadczenie {certificate.number} jest gotowe"
    assert "Prawo & praktyka" in message.body  # the plain text is not HTML-escaped
    [(_filename, _content, mimetype)] = message.attachments
    assert mimetype == "application/pdf"


def test_the_expiry_reminder_uses_the_edited_template(
    certificate_course, media, settings, django_capture_on_commit_callbacks
):
    activate(
        EmailKind.CERTIFICATE_EXPIRING,
        subject="Odnów: {course}",
        body="Zaświadczenie {number} wygasa {expires}.\n{link}",
    )
    certificate = issue(UserFactory(), certificate_course, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=10)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert notify_expiring_certificates() == 1

    [message] = mail.outbox
    assert message.subject == "Odnów: Prawo & praktyka"
    assert f"Zaświadczenie {certificate.number} wygasa " in message.body
    assert settings.SITE_URL + reverse("certificates:mine") in message.body
