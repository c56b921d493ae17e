"""The worker side of certificates: render, store, e-mail; reconcile; remind before expiry.

`issue_certificate` is idempotent: it locks the certificate's row, so two deliveries of the same
message (a redelivery after a killed worker, a reconciliation that overlapped the original) give
one file and one e-mail. Transient failures (storage, database, SMTP) are retried with backoff;
after the last retry the certificate is marked *failed* with the error, for an administrator to
retry. Nothing is lost when a message is: the reconciliation task finds what is not issued yet.
"""

import logging
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from certificates import rendering, services, signing
from certificates.models import Certificate
from lms.mail import render_email

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
# Worth retrying: storage and network errors, a database that went away or a deadlock.
TRANSIENT = (OSError, OperationalError, InterfaceError)


class PermanentError(Exception):
    """A failure that retrying will not fix (bad template, missing key): fail at once."""


def _render_and_store(certificate: Certificate) -> bytes:
    """Render the document and record it; the caller holds the row lock. Returns the PDF."""
    certificate.issued_at = timezone.now()
    try:
        credential = signing.credential_for(certificate)
        template = rendering.template_of(certificate)
        if template is None:
            raise PermanentError("Brak szablonu zaświadczenia: dodaj szablon domyślny.")
        started = time.perf_counter()
        pdf = rendering.render_pdf(template, rendering.Document.of(certificate), credential)
        render_ms = (time.perf_counter() - started) * 1000
    except (ImproperlyConfigured, PermanentError) as error:
        raise PermanentError(str(error)) from error
    certificate.version += 1
    name = Certificate.new_file_name(certificate.number, certificate.version)
    certificate.pdf.save(name, ContentFile(pdf), save=False)
    certificate.sha256 = services.sha256_of(pdf)
    certificate.credential = credential
    certificate.status = Certificate.Status.ISSUED
    certificate.error = ""
    certificate.save(
        update_fields=["issued_at", "version", "pdf", "sha256", "credential", "status", "error",
                       "attempts"]
    )  # fmt: skip
    logger.info("Certificate %s rendered in %.1f ms", certificate.number, render_ms)
    return pdf


def _send_issued_email(certificate: Certificate, pdf: bytes | None = None) -> None:
    user = certificate.user
    with override("pl"):
        subject, text, html = render_email(
            template="certificate_issued",
            context={
                "certificate": certificate,
                "user": user,
                "verify_url": rendering.verification_url(certificate.verification_code),
                "list_url": settings.SITE_URL + reverse("certificates:mine"),
            },
        )
    if pdf is None:
        with certificate.pdf.open("rb") as file:
            pdf = file.read()
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.attach(certificate.pdf_filename(), pdf, "application/pdf")
    message.send()


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, ignore_result=True)
def issue_certificate(self, certificate_id: int) -> str:
    """Render, store and e-mail one certificate (at most once each, however often it runs)."""
    try:
        pdf = None
        with transaction.atomic():
            _relaxed_commit()
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("user", "course")
                .filter(pk=certificate_id)
                .first()
            )
            if certificate is None or certificate.status in (
                Certificate.Status.REVOKED,
                Certificate.Status.FAILED,
            ):
                return "skipped"
            if certificate.status == Certificate.Status.PENDING:
                certificate.attempts += 1
                pdf = _render_and_store(certificate)
        if certificate.emailed_at is None:
            with transaction.atomic():
                _relaxed_commit()
                # The UPDATE locks the row: a concurrent duplicate waits here, then updates
                # nothing. A failed send rolls the mark back, so a retry sends again.
                claimed = Certificate.objects.filter(
                    pk=certificate_id, status=Certificate.Status.ISSUED, emailed_at__isnull=True
                ).update(emailed_at=timezone.now())
                if claimed and not certificate.user.is_anonymised:
                    _send_issued_email(certificate, pdf)
        return "issued"
    except PermanentError as error:
        _mark_failed(certificate_id, str(error))
        return "failed"
    except TRANSIENT as error:
        if self.request.retries >= self.max_retries or self.request.is_eager:
            _mark_failed(certificate_id, f"{type(error).__name__}: {error}")
            return "failed"
        raise self.retry(exc=error, countdown=min(600, 10 * 2**self.request.retries)) from error
    except Exception as error:
        # Unexpected (a rendering bug): record it for the administrator and stop.
        logger.exception("Certificate %s could not be issued", certificate_id)
        _mark_failed(certificate_id, f"{type(error).__name__}: {error}")
        return "failed"


def _relaxed_commit() -> None:
    """Don't wait for the WAL flush when this transaction commits (PostgreSQL).

    Half of a worker's time per certificate went into waiting for two fsyncs. What a crash could
    lose here is only the last fraction of a second of *this task's* bookkeeping, which the task
    can redo: a certificate that falls back to pending is rendered again by the reconciliation
    run (same number and code, a new file); numbers are never at stake, they are committed
    durably by the completing transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _mark_failed(certificate_id: int, error: str) -> None:
    Certificate.objects.filter(pk=certificate_id, status=Certificate.Status.PENDING).update(
        status=Certificate.Status.FAILED, error=error[:2000]
    )


@shared_task(ignore_result=True)
def reconcile_certificates(stale_after_seconds: int | None = None) -> dict:
    """Find what a lost message, a killed worker or a broker outage left behind, and queue it:
    completed enrolments and attendances without a certificate, certificates still pending, and
    issued ones whose e-mail was not sent."""
    from certificates.models import Attendance
    from courses.models import Enrolment

    if stale_after_seconds is None:
        stale_after_seconds = settings.CERTIFICATE_RECONCILE_STALE_SECONDS
    created = 0
    for enrolment in Enrolment.objects.filter(
        completed_at__isnull=False, certificate__isnull=True
    ).select_related("user", "course")[:5000]:
        services.create_pending_certificate(enrolment=enrolment)
        created += 1
    for attendance in Attendance.objects.filter(
        present=True, certificate__isnull=True, event__date__lte=timezone.localdate()
    )[:5000]:
        if services.create_attendance_certificate(attendance=attendance) is not None:
            created += 1
    stale = timezone.now() - timedelta(seconds=stale_after_seconds)
    unfinished = Certificate.objects.filter(
        status=Certificate.Status.PENDING, created_at__lte=stale
    ) | Certificate.objects.filter(
        status=Certificate.Status.ISSUED, emailed_at__isnull=True, issued_at__lte=stale
    )
    ids = list(
        unfinished.exclude(queued_at__gt=stale).values_list("pk", flat=True).order_by("pk")[:5000]
    )
    with transaction.atomic():
        services.queue_documents(ids)
    summary = {"created": created, "requeued": len(ids)}
    if created or ids:
        logger.info("Certificate reconciliation: %s", summary)
    return summary


@shared_task(ignore_result=True)
def notify_expiring_certificates(days: int = 30) -> int:
    """E-mail each holder once, `days` before their certificate expires."""
    now = timezone.now()
    due = Certificate.objects.filter(
        status=Certificate.Status.ISSUED,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=days),
        expiry_notified_at__isnull=True,
        user__anonymised_at__isnull=True,
    ).select_related("user")
    sent = 0
    for certificate_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("user")
                .get(pk=certificate_id)
            )
            if certificate.expiry_notified_at is not None:
                continue
            with override("pl"):
                subject, text, html = render_email(
                    template="certificate_expiring",
                    context={
                        "certificate": certificate,
                        "user": certificate.user,
                        "course_url": settings.SITE_URL + reverse("certificates:mine"),
                    },
                )
            message = EmailMultiAlternatives(
                subject, text, settings.DEFAULT_FROM_EMAIL, [certificate.user.email]
            )
            message.attach_alternative(html, "text/html")
            message.send()
            certificate.expiry_notified_at = timezone.now()
            certificate.save(update_fields=["expiry_notified_at"])
            sent += 1
    return sent
