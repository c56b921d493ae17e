"""The worker side of certificates: render, store and e-mail one; reconcile; remind before expiry.

What holds, however often a task runs, is killed or redelivered:

- **Issuing is exactly-once.** A certificate's number and code are fixed when it is created (in
  the completing transaction); the worker renders its document under the row's lock and only
  while it is *pending*, so two deliveries of the same message give one document version.
- **The certificate e-mail is delivered at least once.** The e-mail is sent inside the
  transaction that records `emailed_at`. If the worker dies after the mail server accepted the
  message but before that transaction commits, nothing records the sending, and the
  reconciliation sends it again. No protocol can make that window disappear (SMTP has no
  two-phase commit), so the repeat is made harmless instead: every e-mail of one document version
  carries the same `Message-ID` (see `message_id`), which mail clients and servers use to fold
  duplicates.

Recovery: a task claims its certificate (`queued_at`, committed at once) when it starts, and a
retry moves `queued_at` to when it will run. `reconcile` requeues only certificates nobody has
touched for `CERTIFICATE_RECONCILE_STALE_SECONDS` (a killed worker's message would otherwise wait
for the broker's two-hour visibility timeout), so healthy work is never queued twice in a row.
"""

import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from certificates import rendering, services, signing
from certificates.models import Attendance, Certificate
from lms.mail import email_renderer, queue_emails, render_email
from lms.queueing import TRANSIENT

logger = logging.getLogger(__name__)

MAX_RETRIES = 5
BATCH = 5000
REMINDER_BATCH = 500


class PermanentError(Exception):
    """A failure that retrying will not fix (bad template, missing key): fail at once."""


# --- One certificate -----------------------------------------------------------------------------


def issue_certificate(*, certificate_id: int) -> str:
    """Render, store and e-mail one certificate: the document once, the e-mail at least once
    (see the module's docstring). Returns "issued", "skipped" or "failed"; transient errors
    (`TRANSIENT`) are raised for the task to retry."""
    try:
        claim(certificate_id=certificate_id)
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
            claim(certificate_id=certificate_id)
            with transaction.atomic():
                _relaxed_commit()
                # The UPDATE locks the row: a concurrent duplicate waits here, then updates
                # nothing. A failed send rolls the mark back, so a retry sends again.
                claimed = Certificate.objects.filter(
                    pk=certificate_id, status=Certificate.Status.ISSUED, emailed_at__isnull=True
                ).update(emailed_at=timezone.now())
                if claimed and not certificate.user.is_anonymised:
                    send_issued_email(certificate, pdf)
        return "issued"
    except PermanentError as error:
        mark_failed(certificate_id=certificate_id, error=str(error))
        return "failed"
    except TRANSIENT:
        raise
    except Exception as error:
        # Unexpected (a rendering bug): record it for the administrator and stop.
        logger.exception("Certificate %s could not be issued", certificate_id)
        mark_failed(certificate_id=certificate_id, error=f"{type(error).__name__}: {error}")
        return "failed"


def issue_quietly(*, certificate_id: int) -> str:
    """Issue a pending certificate now, in the caller's transaction, recorded as e-mailed without
    sending anything: for demo data, whose accounts must not get mail. Returns the status."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("user", "course")
            .get(pk=certificate_id)
        )
        if certificate.status == Certificate.Status.PENDING:
            certificate.attempts += 1
            try:
                _render_and_store(certificate)
            except PermanentError as error:
                return mark_failed(certificate_id=certificate_id, error=str(error))
        Certificate.objects.filter(pk=certificate_id, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    return certificate.status


UNFINISHED = Q(status=Certificate.Status.PENDING) | Q(
    status=Certificate.Status.ISSUED, emailed_at__isnull=True
)


def claim(*, certificate_id: int, at=None) -> None:
    """Record (committed at once) that a worker has this certificate in hand, or, with `at`, when
    a retry will take it up: the reconciliation leaves it alone until it is stale."""
    Certificate.objects.filter(UNFINISHED, pk=certificate_id).update(queued_at=at or timezone.now())


def postpone(*, certificate_id: int, seconds: int) -> None:
    """A retry is scheduled in `seconds`: not stale before then. A database that is down cannot
    record it; the reconciliation then simply requeues it once more (harmless)."""
    try:
        claim(certificate_id=certificate_id, at=timezone.now() + timedelta(seconds=seconds))
    except TRANSIENT:
        logger.warning("Could not record the retry of certificate %s", certificate_id)


def retry_delay(retries: int) -> int:
    return min(600, 10 * 2**retries)


def mark_failed(*, certificate_id: int, error: str) -> str:
    """After the last retry or a permanent error: for an administrator to retry."""
    Certificate.objects.filter(pk=certificate_id, status=Certificate.Status.PENDING).update(
        status=Certificate.Status.FAILED, error=error[:2000]
    )
    return "failed"


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
        update_fields=[
            "issued_at",
            "version",
            "pdf",
            "sha256",
            "credential",
            "status",
            "error",
            "attempts",
        ]
    )
    logger.info("Certificate %s rendered in %.1f ms", certificate.number, render_ms)
    return pdf


def message_id(certificate: Certificate) -> str:
    """The e-mail's `Message-ID`: the same for every sending of one document version (a resend
    after a crash is folded by mail clients), a new one for a reissued document."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    number = certificate.number.replace("/", "-").lower()
    return f"<certificate.{number}.v{certificate.version}.{certificate.sha256[:16]}@{domain}>"


def send_issued_email(certificate: Certificate, pdf: bytes | None = None) -> None:
    """The certificate, attached to its e-mail, sent now (the caller records the sending)."""
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
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={"Message-ID": message_id(certificate)},
    )
    message.attach_alternative(html, "text/html")
    message.attach(certificate.pdf_filename(), pdf, "application/pdf")
    message.send()


def _relaxed_commit() -> None:
    """Don't wait for the WAL flush when this transaction commits.

    Half of a worker's time per certificate went into waiting for two fsyncs. What a crash could
    lose here is only the last fraction of a second of *this task's* bookkeeping, which the task
    can redo: a certificate that falls back to pending is rendered again by the reconciliation
    run (same number and code, a new file); numbers are never at stake, they are committed
    durably by the completing transaction.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


# --- Reconciliation ------------------------------------------------------------------------------


def reconcile(*, stale_after_seconds: int | None = None) -> dict:
    """Find what a lost message, a killed worker or a broker outage left behind, and queue it:
    completed enrolments and attendances without a certificate, and unfinished certificates
    (pending, or issued but not e-mailed) that nobody has queued or worked on for
    `stale_after_seconds` (default `CERTIFICATE_RECONCILE_STALE_SECONDS`). One indexed query
    finds the stale ones; queueing them marks them fresh, so a second run right after requeues
    nothing."""
    from courses.models import Enrolment

    if stale_after_seconds is None:
        stale_after_seconds = settings.CERTIFICATE_RECONCILE_STALE_SECONDS
    created = 0
    for enrolment in Enrolment.objects.filter(
        completed_at__isnull=False, certificate__isnull=True
    ).select_related("user", "course")[:BATCH]:
        services.create_pending_certificate(enrolment=enrolment)
        created += 1
    for attendance in Attendance.objects.filter(
        present=True, certificate__isnull=True, event__date__lte=timezone.localdate()
    )[:BATCH]:
        if services.create_attendance_certificate(attendance=attendance) is not None:
            created += 1
    stale = timezone.now() - timedelta(seconds=stale_after_seconds)
    with transaction.atomic():
        ids = list(
            Certificate.objects.filter(UNFINISHED)
            .filter(Q(queued_at__lte=stale) | Q(queued_at__isnull=True))
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        services.queue_documents(ids)
    summary = {"created": created, "requeued": len(ids)}
    if created or ids:
        logger.info("Certificate reconciliation: %s", summary)
    return summary


# --- Expiry reminders ----------------------------------------------------------------------------


def remind_expiring(*, days: int = 30, now=None) -> int:
    """E-mail each holder once, `days` before their certificate expires. Like the notifications
    app: the rows are locked, marked and their e-mails queued in one transaction; the e-mails go
    out from a worker after it commits (no mail server is waited for while rows are locked).
    Returns how many were queued."""
    now = now or timezone.now()
    due = Certificate.objects.filter(
        status=Certificate.Status.ISSUED,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=days),
        expiry_notified_at__isnull=True,
        user__anonymised_at__isnull=True,
    ).exclude(user__email="")
    ids = list(due.order_by("pk").values_list("pk", flat=True))
    render = email_renderer("certificate_expiring")
    list_url = settings.SITE_URL + reverse("certificates:mine")
    sent = 0
    for start in range(0, len(ids), REMINDER_BATCH):
        with transaction.atomic():
            # Rows another run holds are skipped (that run reminds them); the lock re-checks
            # `expiry_notified_at`, so a run that committed in between counts.
            certificates = list(
                due.filter(pk__in=ids[start : start + REMINDER_BATCH])
                .select_for_update(of=("self",), skip_locked=True)
                .select_related("user")
            )
            Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(
                expiry_notified_at=now
            )
            with override("pl"):
                messages = []
                for certificate in certificates:
                    context = {
                        "certificate": certificate,
                        "user": certificate.user,
                        "course_url": list_url,
                    }
                    subject, text, html = render(context)
                    messages.append(
                        {
                            "to": [certificate.user.email],
                            "subject": subject,
                            "text": text,
                            "html": html,
                        }
                    )
            queue_emails(messages)
        sent += len(messages)
    return sent
