"""The whole pipeline on the real stack: PostgreSQL, Redis and real Celery workers.

Completing a course queues the certificate; a worker renders it (PDF/A-3b, fonts embedded, QR code,
signed credential attached), stores it, marks it issued and e-mails it once. Faults (a killed
worker, Redis going away) delay certificates but never lose them.
"""

import email
import hashlib
import io
import json
import re
import subprocess
import uuid
from email import policy

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from pypdf import PdfReader

from certificates import signing
from certificates.models import Certificate
from certificates.tasks import issue_certificate, reconcile_certificates
from courses import services as course_services
from courses.models import Enrolment, LessonPage
from lms.files.storage import private
from tests import factories
from tests.concurrency import run_concurrently
from tests.factories import UserFactory
from tests.factories import complete_course as complete
from tests.workers import (
    RedisServer,
    SmtpSink,
    Worker,
    drained,
    killed_transactions_gone,
    producer,
    running_worker,
    wait_until,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def queue():
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def worker(tmp_path, media, queue):
    with running_worker(queue=queue, mail_dir=tmp_path / "mail", media_root=media) as process:
        yield process


@pytest.fixture
def course(db):
    return factories.course(
        title="Standardy obsługi cudzoziemców – „dobre praktyki”",
        lessons=2,
        quiz=False,
        completion_rule="lessons_only",
        certificate_validity_months=24,
    )


MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # Django's file backend, between messages


def mails(mail_dir):
    """Every message the workers wrote to the end (one file can hold several; what follows the
    last separator is still being written)."""
    if not mail_dir.exists():
        return []
    return [
        email.message_from_bytes(chunk, policy=policy.default)
        for path in sorted(mail_dir.iterdir())
        for chunk in path.read_bytes().split(MAIL_SEPARATOR)[:-1]
        if chunk.strip()
    ]


def issued_count(**filters):
    return Certificate.objects.filter(status=Certificate.Status.ISSUED, **filters).count()


def test_completing_a_course_yields_one_issued_certificate_mailed_once(
    worker, course, tmp_path, queue
):
    user = UserFactory(
        first_name="Małgorzata", last_name="Żółkiewska-Ślęzak", email="m.zolkiewska@gmina.example"
    )

    enrolment = complete(user, course)

    certificate = wait_until(
        lambda: Certificate.objects.filter(enrolment=enrolment, status="issued").first(),
        message="the certificate to be issued",
    )
    wait_until(lambda: len(mails(tmp_path / "mail")) == 1, message="the e-mail")
    # Running the task again (a redelivered message) changes nothing: one file, one e-mail.
    issue_certificate.apply_async(args=[certificate.pk], queue=queue).get(
        timeout=60, disable_sync_subtasks=False
    )

    certificate.refresh_from_db()
    assert certificate.version == 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    data = private.open(certificate.pdf.name).read()
    assert len(list((tmp_path / "private" / "certificates").rglob("*.pdf"))) == 1
    assert hashlib.sha256(data).hexdigest() == certificate.sha256

    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Małgorzata Żółkiewska-Ślęzak" in text
    assert "Standardy obsługi cudzoziemców – „dobre praktyki”" in text
    assert certificate.number in text
    verify_url = settings.SITE_URL + reverse(
        "certificates:verify", args=[certificate.verification_code]
    )
    assert verify_url in text.replace(" ", "")
    assert len(reader.pages) == 1

    # Archival and machine-readable: PDF/A-3b claimed, tagged, credential attached and signed.
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    assert re.search(r"pdfaid:conformance(>|=\")B", xmp)
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "pl"
    attached = reader.attachments["credential.json"][0]
    credential = json.loads(attached)
    assert credential["credentialSubject"]["name"] == "Małgorzata Żółkiewska-Ślęzak"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signing.verify(credential)
    credential["credentialSubject"]["name"] = "Ktoś Inny"
    assert not signing.verify(credential)

    check = subprocess.run(
        ["qpdf", "--check", str(tmp_path / "private" / certificate.pdf.name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    messages = mails(tmp_path / "mail")
    assert len(messages) == 1
    message = messages[0]
    assert message["To"] == "m.zolkiewska@gmina.example"
    assert certificate.number in message["Subject"]
    attachments = list(message.iter_attachments())
    assert [part.get_content_type() for part in attachments] == ["application/pdf"]
    assert attachments[0].get_content() == data
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert verify_url in body


def test_twenty_concurrent_completions_of_one_enrolment_give_one_certificate(
    worker, course, tmp_path, queue
):
    user = UserFactory(first_name="Jan", last_name="Kowalski")
    enrolment = course_services.enrol(user=user, course=course)
    first, last = LessonPage.objects.child_of(course)
    course_services.complete_lesson(enrolment=enrolment, lesson=first)

    def finish():
        course_services.complete_lesson(
            enrolment=Enrolment.objects.get(pk=enrolment.pk), lesson=last
        )

    _results, errors = run_concurrently(finish, 20)

    assert errors == []
    wait_until(lambda: issued_count(user=user) == 1, message="the certificate")
    wait_until(lambda: len(mails(tmp_path / "mail")) >= 1, message="the e-mail")
    drained(queue)  # whatever the 20 completions queued has run
    assert Certificate.objects.filter(user=user).count() == 1
    assert len(mails(tmp_path / "mail")) == 1


def test_a_worker_killed_mid_batch_loses_nothing(tmp_path, media, queue, course):
    """SIGKILL in the middle of 100 certificates; after a restart and one reconciliation run there
    are exactly 100 issued certificates with unique, gap-free numbers, and everyone has their
    e-mail. The kill is certain to land mid-batch: the mail server holds the workers from the
    tenth message on."""
    sink = SmtpSink().start()
    sink.hold_from(10)
    options = {"mail_dir": tmp_path / "mail", "media_root": media, "email_url": sink.url}
    first = Worker(queue=queue, concurrency=2, **options).start()
    users = UserFactory.create_batch(100)
    try:
        with producer(queue):
            try:
                for user in users:
                    complete(user, course)
                wait_until(lambda: len(sink.messages) >= 10, timeout=120, message="ten e-mails")
                first.kill()
            finally:
                first.stop()
            assert issued_count() < 100
            sink.release()
            wait_until(killed_transactions_gone, message="the killed worker's transactions")

            second = Worker(queue=queue, concurrency=2, **options).start()
            try:
                reconcile_certificates(stale_after_seconds=0)
                wait_until(
                    lambda: issued_count() == 100, timeout=180, message="all 100 certificates"
                )
                # Certificates rendered before the kill but not yet e-mailed get their e-mail too.
                everyone = {user.email for user in users}
                wait_until(
                    lambda: {m["To"] for m in sink.messages} == everyone, message="every e-mail"
                )
            finally:
                second.stop()
    finally:
        sink.stop()

    certificates = list(Certificate.objects.order_by("sequence"))
    assert len(certificates) == 100
    assert all(c.status == "issued" and private.exists(c.pdf.name) for c in certificates)
    assert [c.sequence for c in certificates] == list(range(1, 101))
    assert len({c.number for c in certificates}) == 100
    # At least once: a message the server took just before the kill may come twice, folded by
    # its Message-ID; anyone else gets exactly one.
    by_id = {}
    for message in sink.messages:
        by_id.setdefault(message["Message-ID"], set()).add(message["To"])
    assert all(len(recipients) == 1 for recipients in by_id.values())
    assert len(by_id) == 100


def test_a_worker_killed_after_the_mail_server_took_the_email_resends_the_same_message_id(
    tmp_path, media, queue, course
):
    """The mail server has accepted the certificate's e-mail, but the worker dies before it
    records the sending: reconciliation sends it again (at least once), under the same
    Message-ID, so the holder's mail client shows one message."""
    sink = SmtpSink().start()
    sink.hold_from(1)
    options = {"mail_dir": tmp_path / "mail", "media_root": media, "email_url": sink.url}
    first = Worker(queue=queue, **options).start()
    user = UserFactory(email="dwukrotnie@gmina.example")
    try:
        with producer(queue):
            try:
                enrolment = complete(user, course)
                wait_until(lambda: len(sink.messages) == 1, message="the mail server to take it")
                first.kill()
            finally:
                first.stop()
            sink.release()
            wait_until(killed_transactions_gone, message="the killed worker's transaction")
            certificate = Certificate.objects.get(enrolment=enrolment)
            assert certificate.status == Certificate.Status.ISSUED
            assert certificate.emailed_at is None

            second = Worker(queue=queue, **options).start()
            try:
                assert reconcile_certificates(stale_after_seconds=0)["requeued"] == 1
                wait_until(
                    lambda: Certificate.objects.filter(
                        pk=certificate.pk, emailed_at__isnull=False
                    ).exists(),
                    message="the sending to be recorded",
                )
                drained(queue)
            finally:
                second.stop()
    finally:
        sink.stop()

    first_copy, second_copy = sink.messages
    assert first_copy["To"] == second_copy["To"] == "dwukrotnie@gmina.example"
    assert first_copy["Message-ID"] == second_copy["Message-ID"]
    assert certificate.number.replace("/", "-").lower() in first_copy["Message-ID"]
    certificate.refresh_from_db()
    assert certificate.version == 1  # issued once


def png(width, height, colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def embedded_image_sizes(certificate):
    with certificate.pdf.open("rb") as document:
        reader = PdfReader(io.BytesIO(document.read()))
    return {image.image.size for page in reader.pages for image in page.images}


def test_a_replaced_logo_reaches_a_warm_worker_at_once(worker, course, media):
    """The worker keeps the template between certificates; replacing the logo's file (as
    Wagtail's image edit view does: a new file, the old one deleted) must show on the next one."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from wagtail.images import get_image_model

    from certificates.models import CertificateTemplate, CertificateTemplateLogo

    image = get_image_model().objects.create(
        title="Logo", file=ContentFile(png(123, 45, "navy"), name="logo-stare.png")
    )
    CertificateTemplateLogo.objects.create(template=CertificateTemplate.default(), image=image)
    first = _issued(complete(UserFactory(), course))
    assert (123, 45) in embedded_image_sizes(first)

    old_name = image.file.name
    image.file = ContentFile(png(67, 89, "darkred"), name="logo-nowe.png")
    image.save()
    default_storage.delete(old_name)

    second = _issued(complete(UserFactory(), course))
    sizes = embedded_image_sizes(second)
    assert (67, 89) in sizes
    assert (123, 45) not in sizes


def _issued(enrolment):
    return wait_until(
        lambda: Certificate.objects.filter(enrolment=enrolment, status="issued").first(),
        message="the certificate to be issued",
    )


def test_redis_outage_delays_certificates_but_loses_none(tmp_path, media, queue, course, settings):
    """Redis (broker and cache) stops while 10 learners complete their course: the completions
    are saved, pages keep working and show the certificate as pending; once Redis is back one
    reconciliation run issues all 10."""
    redis = RedisServer(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.cache.TolerantRedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from django.core.cache import caches

    caches._settings = None  # noqa: SLF001 - pick up the overridden CACHES
    users = UserFactory.create_batch(10)
    learners = []
    for user in users:
        client = Client()
        client.force_login(user)
        learners.append(client)
    worker = Worker(
        queue=queue, mail_dir=tmp_path / "mail", media_root=media, redis_url=redis.url
    ).start()
    try:
        with producer(queue, redis.url):
            redis.stop()
            lessons = list(LessonPage.objects.child_of(course))
            for client in learners:
                assert client.post(course.url).status_code == 302
                for lesson in lessons:
                    response = client.post(lesson.url)
                    assert response.status_code == 302
                page = client.get(reverse("certificates:mine"))
                assert page.status_code == 200
                assert "w przygotowaniu" in page.content.decode()
                assert client.get(course.url).status_code == 200

            assert Enrolment.objects.filter(completed_at__isnull=False).count() == 10
            assert Certificate.objects.filter(status="pending").count() == 10

            redis.start()
            reconcile_certificates(stale_after_seconds=0)
            wait_until(lambda: issued_count() == 10, timeout=120, message="all 10 certificates")
    finally:
        worker.stop()
        redis.stop()
