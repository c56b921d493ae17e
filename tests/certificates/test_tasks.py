"""The issuing task's life cycle, run in-process: failures, retries, reconciliation, reminders."""

import io
import os
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate, CertificateTemplate
from certificates.tasks import (
    issue_certificate,
    notify_expiring_certificates,
    reconcile_certificates,
)
from courses import services as course_services
from tests import factories
from tests.factories import UserFactory, completed_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return factories.course(
        lessons=1, quiz=False, completion_rule="lessons_only", certificate_validity_months=12
    )


def complete(user, course, capture):
    with capture(execute=True):
        certificate = completed_certificate(user, course)
    certificate.refresh_from_db()
    return certificate


def text_of(certificate):
    reader = PdfReader(io.BytesIO(certificate.pdf.open("rb").read()))
    return " ".join(reader.pages[0].extract_text().split())


def test_a_storage_failure_marks_the_certificate_failed_and_an_admin_retry_issues_it(
    course, settings, tmp_path, django_capture_on_commit_callbacks
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.PRIVATE_MEDIA_ROOT = str(blocker / "private")  # every write fails with an OSError
    user = UserFactory(first_name="Ewa", last_name="Kowalczyk")

    certificate = complete(user, course, django_capture_on_commit_callbacks)

    assert certificate.status == Certificate.Status.FAILED
    assert "NotADirectoryError" in certificate.error or "FileExistsError" in certificate.error
    assert mail.outbox == []

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    with django_capture_on_commit_callbacks(execute=True):
        services.retry(certificate)

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.error == ""
    assert "Ewa Kowalczyk" in text_of(certificate)
    assert len(mail.outbox) == 1


def test_without_a_signing_key_the_certificate_fails_with_a_clear_error(
    course, media, settings, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEY_FILE = str(media / "missing.key")

    certificate = complete(UserFactory(), course, django_capture_on_commit_callbacks)

    assert certificate.status == Certificate.Status.FAILED
    assert "create_certificate_key" in certificate.error
    assert not certificate.pdf


def test_the_task_run_twice_renders_and_mails_once(
    course, private_media, django_capture_on_commit_callbacks
):
    certificate = complete(UserFactory(), course, django_capture_on_commit_callbacks)

    issue_certificate.delay(certificate.pk)

    certificate.refresh_from_db()
    assert certificate.version == 1
    assert len(list((private_media / "certificates").rglob("*.pdf"))) == 1
    assert len(mail.outbox) == 1


def test_a_revoked_certificate_is_not_rendered_again(
    course, private_media, admin_user, django_capture_on_commit_callbacks
):
    certificate = complete(UserFactory(), course, django_capture_on_commit_callbacks)
    services.revoke(certificate, by=admin_user, reason="Błędne dane")

    issue_certificate.delay(certificate.pk)

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.version == 1


def test_reissue_keeps_the_number_and_the_old_file(
    course, private_media, admin_user, django_capture_on_commit_callbacks
):
    user = UserFactory(first_name="Jan", last_name="Kowalsky")
    certificate = complete(user, course, django_capture_on_commit_callbacks)
    old_name, old_hash = certificate.pdf.name, certificate.sha256
    user.last_name = "Kowalski"  # the misspelt name is corrected, then the document reissued
    user.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.reissue(certificate, by=admin_user)

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.version == 2
    assert certificate.pdf.name != old_name
    assert certificate.sha256 != old_hash
    assert "Jan Kowalski" in text_of(certificate)
    assert certificate.number in text_of(certificate)
    replaced = certificate.files.get()
    assert (replaced.pdf.name, replaced.sha256, replaced.version) == (old_name, old_hash, 1)
    assert (private_media / old_name).exists()
    assert services.find_document(old_hash) == (certificate, False)
    assert services.find_document(certificate.sha256) == (certificate, True)


def test_reconciliation_finds_what_was_lost(course, media, django_capture_on_commit_callbacks):
    # A completion whose certificate was never created (e.g. recorded before this app existed).
    lost = course_services.enrol(user=UserFactory(), course=course)
    lost.completed_at = timezone.now()
    lost.save()
    # A pending certificate whose message was lost (on_commit callbacks never ran).
    stuck = complete_without_queue(course)
    # An issued certificate whose e-mail was not sent (the worker died after rendering).
    unsent = complete(UserFactory(), course, django_capture_on_commit_callbacks)
    Certificate.objects.filter(pk=unsent.pk).update(emailed_at=None)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        summary = reconcile_certificates(stale_after_seconds=0)

    assert summary["created"] == 1
    assert set(Certificate.objects.values_list("status", flat=True)) == {"issued"}
    assert Certificate.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [lost.user.email, stuck.user.email, unsent.user.email]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reconcile_certificates(stale_after_seconds=0) == {"created": 0, "requeued": 0}


def complete_without_queue(course):
    return completed_certificate(UserFactory(), course)


def test_holders_are_reminded_once_thirty_days_before_expiry(
    course, private_media, django_capture_on_commit_callbacks
):
    soon = complete(
        UserFactory(email="wkrotce@gmina.example"), course, django_capture_on_commit_callbacks
    )
    later = complete(
        UserFactory(email="pozniej@gmina.example"), course, django_capture_on_commit_callbacks
    )
    Certificate.objects.filter(pk=soon.pk).update(expires_at=timezone.now() + timedelta(days=20))
    Certificate.objects.filter(pk=later.pk).update(expires_at=timezone.now() + timedelta(days=45))
    mail.outbox.clear()

    # The e-mails are queued in the transaction that marks the reminder, sent once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_expiring_certificates() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_expiring_certificates() == 0

    assert [m.to for m in mail.outbox] == [["wkrotce@gmina.example"]]
    assert soon.course_title in mail.outbox[0].subject
    assert "ważne do" in mail.outbox[0].body


def test_template_placeholders_and_escaping(course, media, django_capture_on_commit_callbacks):
    template = CertificateTemplate.default()
    template.body = "Dla {name} <b>za</b> kurs {course} ({hours} h), nr {number}, {nieznane}"
    template.save()
    user = UserFactory(first_name="Anna", last_name="<Nowak>")

    certificate = complete(user, course, django_capture_on_commit_callbacks)

    text = text_of(certificate)
    assert f"Dla Anna <Nowak> <b>za</b> kurs {course.title}" in text
    assert f"nr {certificate.number}, {{nieznane}}" in text


def test_certificate_template_cannot_fetch_foreign_urls():
    from certificates.rendering import BlockedURL, PlatformURLFetcher

    fetcher = PlatformURLFetcher()
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "static:../../etc/passwd",
        "ftp://example.org/x",
    ):
        with pytest.raises(BlockedURL):
            fetcher.fetch(url)
    assert fetcher.fetch("static:fonts/NotoSans-Regular.ttf").read(4) == b"\x00\x01\x00\x00"


def test_create_certificate_key_command_writes_a_private_key_once(settings, tmp_path, capsys):
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_SIGNING_KEY_FILE = str(tmp_path / "keys" / "signing.key")

    call_command("create_certificate_key", "--write", "--if-missing")
    first = (tmp_path / "keys" / "signing.key").read_text()
    call_command("create_certificate_key", "--write", "--if-missing")

    assert (tmp_path / "keys" / "signing.key").read_text() == first
    assert oct(os.stat(tmp_path / "keys" / "signing.key").st_mode & 0o777) == "0o600"
    call_command("create_certificate_key")
    assert "CERTIFICATE_SIGNING_KEY=" in capsys.readouterr().out


def test_anonymising_a_holder_removes_name_and_files_but_keeps_the_register(
    course, private_media, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from lms.users.services import anonymise_user

    user = UserFactory(first_name="Olena", last_name="Szewczenko")
    certificate = complete(user, course, django_capture_on_commit_callbacks)
    stored = private_media / certificate.pdf.name

    anonymise_user(user=user)

    certificate.refresh_from_db()
    assert not stored.exists()
    assert not certificate.pdf
    assert certificate.sha256  # the holder's own copy still verifies
    page = client.get(reverse("certificates:verify", args=[certificate.verification_code]))
    assert "Szewczenko" not in page.content.decode()
    assert services.find_document(certificate.sha256) == (certificate, True)


def test_the_document_sets_its_lines_as_designed(course, media, django_capture_on_commit_callbacks):
    certificate = complete(UserFactory(), course, django_capture_on_commit_callbacks)

    reader = PdfReader(io.BytesIO(certificate.pdf.open("rb").read()))
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]

    assert "Kompetencjiw" not in " ".join(lines)  # the issuer's name breaks where it should
    assert any(line.startswith("Data wystawienia:") for line in lines)
    assert any(line.startswith("Kod weryfikacyjny:") for line in lines)
    assert any(line.startswith("Numer:") and certificate.number in line for line in lines)


def test_credentials_signed_before_a_key_rotation_still_verify(settings, client):
    from django.urls import reverse

    from certificates import signing

    old_key = settings.CERTIFICATE_SIGNING_KEY
    signed = signing.sign({"@context": signing.CONTEXTS, "name": "Zaświadczenie PCK/2026/000001"})
    old_public = signing.public_multibase(signing.private_key().public_key())

    settings.CERTIFICATE_SIGNING_KEY = signing.generate_key()  # rotated, old key forgotten
    assert not signing.verify(signed)

    settings.CERTIFICATE_RETIRED_PUBLIC_KEYS = [old_public]  # the old public key still published
    assert signing.verify(signed)
    document = client.get(reverse("certificates:public_key")).json()
    published = [method["publicKeyMultibase"] for method in document["verificationMethod"]]
    assert published[1:] == [old_public]
    assert published[0] != old_public
    tampered = {**signed, "name": "Zaświadczenie PCK/2026/000002"}
    assert not signing.verify(tampered)
    assert old_key != settings.CERTIFICATE_SIGNING_KEY
