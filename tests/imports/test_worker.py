"""A file of more than a thousand rows is checked and imported by a real Celery worker."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from courses.models import Assignment
from lms.imports.models import ImportBatch
from lms.users.models import Invitation, User
from tests.imports.conftest import csv_file, upload
from tests.workers import running_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROWS = 1050


@pytest.fixture
def worker(tmp_path, media):
    with running_worker(mail_dir=tmp_path / "mail", media_root=media) as process:
        yield process


def status_of(batch):
    batch.refresh_from_db()
    return batch.status


def test_large_file_is_checked_and_applied_in_the_background_with_progress(
    worker, admin_client, coded_units, courses
):
    service, _ = courses
    rows = [
        [f"osoba{n}@gmina-a.example", "Jan", f"Nowak {n}", "2204011", "", service.slug]
        for n in range(ROWS)
    ]

    page = upload(admin_client, csv_file(rows))

    batch = ImportBatch.objects.get()
    assert page.status_code == HTTPStatus.OK
    assert "data-import-status-url" in page.content.decode()
    assert "imports/progress.js" in page.content.decode()
    wait_until(
        lambda: status_of(batch) == ImportBatch.Status.READY,
        timeout=60,
        message="the worker to check the file",
    )
    status = admin_client.get(reverse("imports_status", args=[batch.pk])).json()
    assert (status["done"], status["total"], status["working"]) == (ROWS, ROWS, False)
    assert batch.new_count == ROWS
    assert not User.objects.filter(email__startswith="osoba").exists()

    confirmed = admin_client.post(reverse("imports_confirm", args=[batch.pk]), follow=True)

    assert "data-import-status-url" in confirmed.content.decode()
    wait_until(
        lambda: status_of(batch) == ImportBatch.Status.APPLIED,
        timeout=60,
        message="the worker to apply the file",
    )
    assert batch.done == batch.total > 0
    assert User.objects.filter(email__endswith="@gmina-a.example").count() == ROWS
    assert Invitation.objects.filter(user__email__endswith="@gmina-a.example").count() == ROWS
    assert Assignment.objects.filter(course=service).count() == ROWS
    result = admin_client.get(reverse("imports_detail", args=[batch.pk])).content.decode()
    assert f"Utworzono kont: {ROWS}" in result

    # The invitations are rendered and sent by the worker, 500 per task, not in the request.
    def invitations_sent():
        done = re.findall(
            r"send_invitations\[[^\]]+\] succeeded in [\d.]+s: (\d+)", worker.output()
        )
        return sum(map(int, done)) == ROWS

    wait_until(invitations_sent, timeout=60, message="the invitation tasks")


def test_a_large_upload_is_read_by_the_worker_in_a_memory_limited_child(
    worker, admin_client, coded_units
):
    rows = [
        [f"osoba{n}@gmina-a.example", "Jan", f"Nowak {n}", "2204011", "", ""] for n in range(6000)
    ]
    bad = csv_file([["x"] * 6] * 40_000, header=["kolumna"] * 6)  # large, and no header

    upload(admin_client, csv_file(rows))
    upload(admin_client, bad, name="bez-naglowka.csv")

    good_batch, bad_batch = ImportBatch.objects.order_by("pk")
    wait_until(
        lambda: status_of(good_batch) == ImportBatch.Status.READY,
        timeout=90,
        message="the worker to read and check the file",
    )
    assert (good_batch.row_count, good_batch.new_count) == (6000, 6000)
    wait_until(
        lambda: status_of(bad_batch) == ImportBatch.Status.FAILED,
        timeout=90,
        message="the worker to refuse the file",
    )
    assert "Nie rozpoznano wiersza nagłówka" in bad_batch.error
    assert "succeeded" in worker.output()  # the worker itself lived on
