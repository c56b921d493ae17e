"""Certificates: creating them (numbers, codes), queueing their documents, and their life cycle
(retry, revoke, reissue). Rendering is in `rendering`, the worker side in `issuing` (called by
`tasks`); the documents are queued through `signals.documents_requested` (see `handlers`), so this
module never imports the tasks."""

import hashlib
import logging
import re
import secrets
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from certificates.models import (
    Attendance,
    Certificate,
    CertificateFile,
    CertificateNumberSequence,
    TrainingEvent,
)
from certificates.signals import documents_requested
from lms.dates import add_months

logger = logging.getLogger(__name__)

# Crockford's base32 without I, L, O and U: easy to read aloud and to type.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 4, 4  # 16 symbols × 5 bits = 80 bits
CODE_LENGTH = CODE_GROUPS * CODE_GROUP_LENGTH
NUMBER_PREFIX = "PCK"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def format_code(symbols: str) -> str:
    return "-".join(
        symbols[i : i + CODE_GROUP_LENGTH] for i in range(0, len(symbols), CODE_GROUP_LENGTH)
    )


def new_verification_code() -> str:
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def normalise_code(raw: str | None) -> str | None:
    """The canonical `XXXX-XXXX-XXXX-XXXX` form of what a person typed (any case, spaces or
    dashes anywhere, O for 0 and I/L for 1), or None when it cannot be a code."""
    if not raw or len(raw) > 64:
        return None
    symbols = re.sub(r"[\s\-–—]", "", raw).upper().translate(_CONFUSABLE)
    if len(symbols) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in symbols):
        return None
    return format_code(symbols)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def next_number(*, year: int) -> tuple[int, str]:
    """Take the next number of `year` inside the caller's transaction, in one statement.

    The upsert locks the year's row until the transaction ends, so concurrent completions take
    numbers one after another, and a transaction that rolls back gives its number back: numbers
    are unique and gap-free (PostgreSQL and SQLite both support INSERT … ON CONFLICT … RETURNING).
    """
    table = connection.ops.quote_name(CertificateNumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_value) VALUES (%s, 1) "  # noqa: S608 - our table
            f"ON CONFLICT (year) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [year],
        )
        value = cursor.fetchone()[0]
    return value, f"{NUMBER_PREFIX}/{year}/{value:06d}"


def _create(*, user, course, completed_at, **source) -> Certificate:
    year = timezone.localtime(completed_at).year
    sequence, number = next_number(year=year)
    months = course.certificate_validity_months
    certificate = Certificate.objects.create(
        user=user,
        course=course,
        template_id=course.certificate_template_id,
        year=year,
        sequence=sequence,
        number=number,
        verification_code=new_verification_code(),
        holder_name=user.get_full_name() or user.email,
        course_title=course.title,
        hours=course.duration_hours,
        completed_at=completed_at,
        expires_at=add_months(completed_at, months) if months else None,
        queued_at=timezone.now(),
        **source,
    )
    transaction.on_commit(
        lambda: documents_requested.send(
            sender=Certificate, certificates=[(certificate.pk, certificate.number)]
        )
    )
    return certificate


@transaction.atomic
def create_pending_certificate(*, enrolment) -> Certificate:
    """The certificate of a completed enrolment, created once (in the completing transaction);
    its document is queued when that transaction commits."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    return _create(
        user=enrolment.user,
        course=enrolment.course,
        completed_at=enrolment.completed_at,
        enrolment=enrolment,
    )


@transaction.atomic
def create_attendance_certificate(*, attendance: Attendance) -> Certificate | None:
    """The certificate of someone present at an in-person event that has taken place."""
    attendance = (
        Attendance.objects.select_for_update()
        .select_related("event__course", "user")
        .get(pk=attendance.pk)
    )
    existing = Certificate.objects.filter(attendance=attendance).first()
    if existing is not None or not attendance.present:
        return existing
    event = attendance.event
    if event.date > timezone.localdate():
        return None
    completed_at = timezone.make_aware(datetime.combine(event.date, datetime.min.time()))
    return _create(
        user=attendance.user,
        course=event.course,
        completed_at=completed_at,
        attendance=attendance,
        place=event.place,
    )


def issue_for_event(event: TrainingEvent) -> int:
    """Certificates for everyone marked present (once the event has taken place). Returns how
    many were created now."""
    created = 0
    pending = event.attendances.filter(present=True, certificate__isnull=True)
    for attendance in pending:
        if create_attendance_certificate(attendance=attendance) is not None:
            created += 1
    return created


def queue_documents(certificate_ids: list[int], *, mark_queued: bool = True) -> None:
    """After the transaction commits, ask a worker to render and send these certificates
    (`signals.documents_requested`, queued by `handlers`). A broker that is down only delays
    them: the reconciliation task queues them again."""
    if not certificate_ids:
        return
    if mark_queued:
        Certificate.objects.filter(pk__in=certificate_ids).update(queued_at=timezone.now())
    certificates = list(
        Certificate.objects.filter(pk__in=certificate_ids)
        .order_by("pk")
        .values_list("pk", "number")
    )
    transaction.on_commit(
        lambda: documents_requested.send(sender=Certificate, certificates=certificates)
    )


@transaction.atomic
def retry(certificate: Certificate) -> Certificate:
    """An administrator asks again for a certificate whose rendering failed."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == Certificate.Status.FAILED:
        certificate.status = Certificate.Status.PENDING
        certificate.error = ""
        certificate.attempts = 0
        certificate.save(update_fields=["status", "error", "attempts"])
    if certificate.status == Certificate.Status.PENDING:
        queue_documents([certificate.pk])
    return certificate


@transaction.atomic
def revoke(certificate: Certificate, *, by, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.revoked_by = by
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "revoked_by"])
    return certificate


@transaction.atomic
def reissue(certificate: Certificate, *, by=None) -> Certificate:
    """A new document with the same number and code (e.g. after a correction of the template or
    of a misspelt name); the previous file is kept and still verifies as a former version."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.pdf:
        CertificateFile.objects.create(
            certificate=certificate,
            version=certificate.version,
            pdf=certificate.pdf.name,
            sha256=certificate.sha256,
            issued_at=certificate.issued_at or timezone.now(),
        )
    certificate.status = Certificate.Status.PENDING
    certificate.pdf = ""
    certificate.sha256 = ""
    certificate.error = ""
    certificate.attempts = 0
    certificate.emailed_at = None
    certificate.revoked_at = None
    certificate.revoked_reason = ""
    certificate.revoked_by = None
    if certificate.user.get_full_name() and not certificate.user.is_anonymised:
        certificate.holder_name = certificate.user.get_full_name()
    certificate.save()
    queue_documents([certificate.pk])
    return certificate


def find_document(digest: str) -> tuple[Certificate | None, bool]:
    """The certificate whose document has this SHA-256, and whether it is the current version."""
    digest = digest.lower()
    current = Certificate.objects.filter(sha256=digest).exclude(sha256="").first()
    if current is not None:
        return current, True
    replaced = CertificateFile.objects.filter(sha256=digest).select_related("certificate").first()
    if replaced is not None:
        return replaced.certificate, False
    return None, False


def anonymise_holder(user) -> int:
    """Erasure of a person (GDPR): their certificates keep number, course and dates (statistics,
    the register of issued documents), but lose the name, the stored PDFs and the credential.
    The SHA-256 stays: a copy the person kept still verifies as authentic."""
    from certificates.models import CertificateFile

    certificates = list(Certificate.objects.select_for_update().filter(user=user))
    for certificate in certificates:
        if certificate.pdf:
            certificate.pdf.delete(save=False)
        certificate.holder_name = "(dane usunięte)"
        certificate.credential = None
        certificate.save(update_fields=["holder_name", "credential", "pdf"])
    for replaced in CertificateFile.objects.filter(certificate__user=user):
        replaced.pdf.delete(save=False)
        replaced.save(update_fields=["pdf"])
    return len(certificates)
