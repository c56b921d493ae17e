"""Exports: built by a worker with progress, listed under "Moje eksporty" for their owner only,
downloadable for seven days, then deleted with their files."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from lms.exports import services
from lms.exports.models import Export
from lms.exports.tasks import build_export, delete_old_exports
from lms.files.storage import private
from lms.users.roles import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def owner(admin_user):
    return admin_user


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def finished(owner, *, content=b"numer;osoba\r\n", name="raport.csv", **fields):
    export = Export.objects.create(owner=owner, kind="test", title="Raport testowy", **fields)
    export.file.save(name, ContentFile(content), save=False)
    export.status, export.size = Export.Status.DONE, len(content)
    export.done = export.total = 3
    export.finished_at = timezone.now()
    export.save()
    return export


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def test_builder():
    """A builder for the kind "test": three rows, reporting progress after each."""

    def build(*, export, out, progress):
        rows = export.params.get("rows", ["a", "b", "c"])
        for done, row in enumerate(rows, start=1):
            out.write(f"{row}\r\n".encode())
            progress(done, len(rows))
        if export.params.get("fail"):
            raise OSError("dysk pełny")
        return "proba.csv"

    def register():
        return {"test": build}

    with hooks.register_temporarily(services.BUILDERS_HOOK, register):
        yield build


def test_a_queued_export_is_built_with_progress_and_its_owner_is_told(
    owner, test_builder, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.start_export(
            owner=owner, kind="test", title="Próba", params={"rows": ["ą", "ę", "ł", "ż"]}
        )

    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert (export.done, export.total, export.percent) == (4, 4, 100)
    assert export.size == len("ą\r\nę\r\nł\r\nż\r\n".encode())
    assert services.download_name(export) == "proba.csv"
    with export.file.open("rb") as file:
        assert file.read().decode() == "ą\r\nę\r\nł\r\nż\r\n"
    assert export.finished_at is not None
    message = mailoutbox[-1]
    assert message.to == [owner.email]
    assert message.subject == "Plik „Próba” jest gotowy do pobrania"
    assert reverse("exports_index") in message.body


def test_a_failing_build_is_marked_failed_with_its_error(owner, test_builder, mailoutbox):
    export = Export.objects.create(owner=owner, kind="test", title="Próba", params={"fail": True})

    assert build_export.delay(export.pk).get() == "failed"

    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert "dysk pełny" in export.error
    assert not export.file
    assert mailoutbox == []


def test_an_export_is_built_once(owner, test_builder):
    export = Export.objects.create(owner=owner, kind="test", title="Próba")

    assert build_export.delay(export.pk).get() == "done"
    assert build_export.delay(export.pk).get() == "skipped"


def test_my_exports_shows_progress_and_downloads_for_the_owner(owner, admin_client):
    running = Export.objects.create(
        owner=owner,
        kind="test",
        title="Duży ZIP",
        status=Export.Status.RUNNING,
        done=30,
        total=120,
    )
    done = finished(owner)

    response = admin_client.get(reverse("exports_index"))
    status = admin_client.get(reverse("exports_status")).json()
    download = admin_client.get(reverse("exports_download", args=[done.pk]))

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Duży ZIP" in page
    assert "Raport testowy" in page
    assert f'id="export-progress-{running.pk}" max="100" value="25"' in page
    assert "25%" in page
    assert "(30/120)" in page
    assert "w toku" in page
    assert reverse("exports_download", args=[done.pk]) in page
    assert reverse("exports_download", args=[running.pk]) not in page
    assert "exports/progress.js" in page  # refreshes itself while something runs
    assert {item["id"]: item["percent"] for item in status["exports"]} == {
        running.pk: 25,
        done.pk: 100,
    }
    assert download.status_code == HTTPStatus.OK
    assert read(download) == b"numer;osoba\r\n"
    assert 'filename="raport.csv"' in download["Content-Disposition"]


def test_nobody_else_sees_or_downloads_an_export(owner):
    export = finished(owner)
    other_admin = client_of(UserFactory(roles=[Role.ADMINISTRATOR], is_superuser=True))

    download = other_admin.get(reverse("exports_download", args=[export.pk]))
    listing = other_admin.get(reverse("exports_index")).content.decode()
    status = other_admin.get(reverse("exports_status")).json()

    assert download.status_code == HTTPStatus.NOT_FOUND
    assert "Raport testowy" not in listing
    assert "exports/progress.js" not in listing
    assert status == {"exports": []}


def test_unfinished_and_expired_exports_cannot_be_downloaded(owner, admin_client):
    running = Export.objects.create(owner=owner, kind="test", title="W toku")
    expired = finished(owner)
    Export.objects.filter(pk=expired.pk).update(created_at=timezone.now() - timedelta(days=8))

    for export in (running, expired):
        response = admin_client.get(reverse("exports_download", args=[export.pk]))
        assert response.status_code == HTTPStatus.NOT_FOUND


def test_old_exports_are_deleted_with_their_files(owner):
    old, recent = finished(owner, name="stary.csv"), finished(owner, name="nowy.csv")
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))

    deleted = delete_old_exports.delay().get()

    assert deleted == 1
    assert list(Export.objects.all()) == [recent]
    assert not private.exists(old.file.name)
    assert private.exists(recent.file.name)


def test_my_exports_is_in_the_menu_of_those_who_can_export():
    from django.contrib.auth.models import Permission

    administrator = client_of(UserFactory(roles=[Role.ADMINISTRATOR]))
    trainer = client_of(UserFactory(roles=[Role.TRAINER]))  # exports their learners' report
    editor = UserFactory()  # admin access only: nothing to export
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    url = reverse("exports_index")

    def menu(client):
        return client.get(reverse("wagtailadmin_home")).content.decode("unicode_escape")

    assert url in menu(administrator)
    assert url in menu(trainer)
    assert url not in menu(client_of(editor))


def test_learners_have_no_exports_page(learner_client):
    response = learner_client.get(reverse("exports_index"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_an_export_that_cannot_be_queued_fails_at_once(
    owner, test_builder, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis niedostępny")

    monkeypatch.setattr(build_export, "apply_async", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        export = services.start_export(owner=owner, kind="test", title="Próba", params={})

    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert "kolejka zadań niedostępna" in export.error
