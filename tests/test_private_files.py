"""Files holding personal data (exports, certificate PDFs, import uploads) live in the private
storage: outside MEDIA_ROOT, with no URL, handed out only by views that check the viewer, deleted
with their rows, swept when orphaned, and moved there from public media by the migration."""

import os
import time
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateFile
from lms.exports.models import Export
from lms.files import services, tasks
from lms.files.checks import private_root_outside_public_roots
from lms.files.storage import private
from lms.imports.models import ImportBatch
from lms.users.roles import Role
from tests import factories
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
PDF = b"%PDF-1.4\n% zaswiadczenie testowe\n"


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def finished_export(owner, content=b"osoba;wynik\r\nEwa;100\r\n"):
    export = Export.objects.create(owner=owner, kind="test", title="Raport", status="done")
    export.file.save("raport-ukonczen-2026-11-30.csv", ContentFile(content))
    return export


def import_batch(owner):
    batch = ImportBatch.objects.create(owner=owner, file_name="lista.csv")
    batch.file.save("lista.csv", ContentFile(b"e-mail\r\newa@gmina.example\r\n"))
    return batch


@pytest.fixture
def holder(units):
    return UserFactory(email="ewa.holder@gmina.example", unit=units[1])  # school in gmina A


@pytest.fixture
def certificate(holder):
    certificate = factories.completed_certificate(holder, factories.course(quiz=False))
    certificate.pdf.save("PCK-2026-000001-v1-abc.pdf", ContentFile(PDF))
    return certificate


def test_every_personal_file_field_uses_the_private_storage():
    fields = {(field.model, field.name) for field in services.private_file_fields()}

    assert fields == {
        (Export, "file"),
        (ImportBatch, "file"),
        (Certificate, "pdf"),
        (CertificateFile, "pdf"),
    }


def test_private_files_are_outside_media_root_and_have_no_url(
    admin_user, certificate, media, private_media, client
):
    export, batch = finished_export(admin_user), import_batch(admin_user)

    for file in (export.file, batch.file, certificate.pdf):
        path = Path(file.path)
        assert path.is_relative_to(private_media)
        assert not path.is_relative_to(media)
        with pytest.raises(ValueError, match="no URL"):
            _ = file.url
    # Guessing the old public path gives nothing.
    assert client.get(f"/media/{export.file.name}").status_code == HTTPStatus.NOT_FOUND


def test_the_private_root_inside_media_root_is_refused_by_a_check(settings, media):
    settings.PRIVATE_MEDIA_ROOT = str(media / "private")

    errors = private_root_outside_public_roots()

    assert [error.id for error in errors] == ["files.E001"]


def test_the_owner_downloads_an_export_and_nobody_else_does(admin_user):
    export = finished_export(admin_user)
    other_admin = UserFactory(roles=[Role.ADMINISTRATOR])

    mine = client_of(admin_user).get(reverse("exports_download", args=[export.pk]))
    theirs = client_of(other_admin).get(reverse("exports_download", args=[export.pk]))

    assert mine.status_code == HTTPStatus.OK
    assert body(mine) == b"osoba;wynik\r\nEwa;100\r\n"
    assert 'filename="raport-ukonczen-2026-11-30.csv"' in mine["Content-Disposition"]
    assert "no-store" in mine["Cache-Control"]
    assert theirs.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("holder", HTTPStatus.OK),
        ("administrator", HTTPStatus.OK),
        ("coordinator_a", HTTPStatus.OK),
        ("coordinator_b", HTTPStatus.NOT_FOUND),
        ("trainer", HTTPStatus.NOT_FOUND),
        ("learner", HTTPStatus.NOT_FOUND),
        ("anonymous", HTTPStatus.NOT_FOUND),
    ],
)
def test_a_certificate_pdf_goes_to_its_holder_administrators_and_their_coordinator_only(
    viewer, expected, certificate, holder, units, coordinator_a
):
    coordinator_b = UserFactory(unit=units[2], roles=[Role.COORDINATOR])
    coordinator_b.coordinated_units.add(units[2])
    viewers = {
        "holder": holder,
        "administrator": UserFactory(roles=[Role.ADMINISTRATOR]),
        "coordinator_a": coordinator_a,
        "coordinator_b": coordinator_b,
        "trainer": UserFactory(unit=units[0], roles=[Role.TRAINER]),
        "learner": UserFactory(unit=units[1]),
        "anonymous": None,
    }
    client = client_of(viewers[viewer]) if viewers[viewer] else Client()

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == expected
    if expected == HTTPStatus.OK:
        assert body(response) == PDF
        assert response["Content-Type"] == "application/pdf"


def test_with_nginx_the_download_is_handed_to_the_proxy_without_a_body(
    settings, certificate, holder
):
    settings.PRIVATE_SENDFILE_BACKEND = "nginx"
    settings.SENDFILE_URL = "/protected/"

    response = client_of(holder).get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == HTTPStatus.OK
    assert response["X-Accel-Redirect"] == f"/protected/{certificate.pdf.name}"
    assert response.content == b""
    assert "zaswiadczenie-" in response["Content-Disposition"]


def test_with_nginx_public_documents_are_still_streamed(settings, client, media):
    """Wagtail's document view uses the same sendfile backend: a public document is not in the
    private root the proxy's internal location maps, so it is streamed, not handed off."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    settings.PRIVATE_SENDFILE_BACKEND = "nginx"
    document = get_document_model().objects.create(
        title="Regulamin", file=ContentFile(b"Regulamin szkolen", name="regulamin.txt")
    )

    response = client.get(document.url)

    assert response.status_code == HTTPStatus.OK
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"Regulamin szkolen"


def test_on_s3_the_download_is_a_short_lived_signed_url(settings, certificate, holder):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "prywatne",
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
                "endpoint_url": "http://127.0.0.1:9",
                "access_key": "klucz",
                "secret_key": "sekret",
                "region_name": "eu-central-1",
            },
        },
    }

    response = client_of(holder).get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == HTTPStatus.FOUND
    location = response["Location"]
    assert location.startswith("http://127.0.0.1:9/prywatne/private/certificates/")
    assert "X-Amz-Expires=60" in location
    assert "X-Amz-Signature=" in location
    assert "response-content-disposition=attachment" in location
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("kind", ["export", "import", "replaced certificate", "certificate"])
def test_a_deleted_row_takes_its_file_with_it(
    kind, admin_user, certificate, django_capture_on_commit_callbacks
):
    if kind == "export":
        row = finished_export(admin_user)
        file = row.file
    elif kind == "import":
        row = import_batch(admin_user)
        file = row.file
    elif kind == "replaced certificate":
        row = CertificateFile.objects.create(
            certificate=certificate,
            version=1,
            sha256="0" * 64,
            issued_at=timezone.now(),
            pdf=ContentFile(PDF, name="stara.pdf"),
        )
        file = row.pdf
    else:
        row, file = certificate, certificate.pdf
    name = file.name
    assert private.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        type(row).objects.filter(pk=row.pk).delete()

    assert not private.exists(name)


def test_deleting_the_owner_deletes_their_export_files(django_capture_on_commit_callbacks):
    owner = UserFactory(roles=[Role.ADMINISTRATOR])
    name = finished_export(owner).file.name

    with django_capture_on_commit_callbacks(execute=True):
        owner.delete()

    assert not private.exists(name)


def test_the_daily_sweep_deletes_old_orphans_only(admin_user):
    kept = finished_export(admin_user).file.name
    old_orphan = private.save("exports/1/999-raport.csv", ContentFile(b"Ewa"))
    young_orphan = private.save("imports/1/abc-lista.csv", ContentFile(b"Ewa"))
    two_days_ago = time.time() - 2 * 24 * 3600
    for name in (kept, old_orphan):
        os.utime(private.path(name), (two_days_ago, two_days_ago))

    deleted = tasks.delete_orphans.delay().get()

    assert deleted == 1
    assert not private.exists(old_orphan)
    assert private.exists(young_orphan)
    assert private.exists(kept)


def test_the_sweep_runs_daily():
    from django.conf import settings

    entries = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "lms.files.tasks.delete_orphans"
    ]
    assert len(entries) == 1
    assert entries[0]["schedule"].hour == {3}


def test_files_left_in_public_media_are_moved_and_rows_still_point_at_them(
    admin_user, certificate, media, holder
):
    export = Export.objects.create(owner=admin_user, kind="test", title="Raport", status="done")
    old_name = default_storage.save(
        f"exports/{admin_user.pk}/{export.pk}-raport.csv", ContentFile(b"Ewa;100\r\n")
    )
    Export.objects.filter(pk=export.pk).update(file=old_name)
    old_pdf = default_storage.save("certificates/2025/PCK-2025-000001-v1-x.pdf", ContentFile(PDF))
    Certificate.objects.filter(pk=certificate.pk).update(pdf=old_pdf)
    private.delete(certificate.pdf.name)
    leftover = default_storage.save("exports/7/15-raport-ukonczen.csv", ContentFile(b"Jan"))

    call_command("move_private_files", "--purge")

    export.refresh_from_db()
    certificate.refresh_from_db()
    assert export.file.name == old_name
    assert certificate.pdf.name == old_pdf
    assert private.open(old_name).read() == b"Ewa;100\r\n"
    assert not default_storage.exists(old_name)
    assert not default_storage.exists(old_pdf)
    assert not default_storage.exists(leftover)
    response = client_of(holder).get(reverse("certificates:download", args=[certificate.pk]))
    assert body(response) == PDF
    # A second run changes nothing.
    call_command("move_private_files")
    assert private.exists(old_name)
