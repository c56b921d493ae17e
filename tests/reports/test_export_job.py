"""A report too big for the request is built by a real Celery worker on Redis: the admin follows
its progress under "Moje eksporty", gets an e-mail, and downloads the same rows as XLSX."""

import email
import io
from email import policy

import openpyxl
import pytest
from django.urls import reverse

from lms.exports.models import Export
from tests.workers import messages_in, running_worker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(tmp_path, media):
    with running_worker(mail_dir=tmp_path / "mail", media_root=media) as process:
        yield process


def test_big_xlsx_export_is_built_by_the_worker_and_mailed(
    admin_client, admin_user, report_data, worker, monkeypatch, tmp_path
):
    from lms.reports import views

    monkeypatch.setattr(views, "INLINE_EXPORT_LIMIT", 2)

    response = admin_client.get(
        reverse("reports_completion"), {"export": "xlsx", "ordering": "user__last_name"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("exports_index")
    export = Export.objects.get(owner=admin_user)
    wait_until(
        lambda: Export.objects.get(pk=export.pk).status in ("done", "failed"),
        message="the export to be built",
    )
    export.refresh_from_db()
    assert export.status == Export.Status.DONE, export.error
    assert (export.done, export.total) == (6, 6)
    status = admin_client.get(reverse("exports_status")).json()["exports"][0]
    assert status["percent"] == 100
    download = admin_client.get(reverse("exports_download", args=[export.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    emails = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(emails) == sorted(
        p.email
        for p in report_data["people"].values()
        for _ in range(2 if p.first_name == "Celina" else 1)
    )

    def export_mail():
        messages = [
            email.message_from_string(text, policy=policy.default)
            for text in messages_in(tmp_path / "mail")
        ]
        return next(
            (
                m
                for m in messages
                if "Raport ukończeń" in m["Subject"] and admin_user.email in m["To"]
            ),
            None,
        )

    wait_until(export_mail, message="the export-ready e-mail")
