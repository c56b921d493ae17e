"""Creating certificates. The PDF pipeline (rendering, storage, e-mail) builds on these rows."""

import calendar
import secrets
from datetime import datetime

from django.db import transaction

from certificates.models import Certificate, CertificateNumberSequence

# Crockford's base32 without I, L, O and U: easy to read aloud and to type.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 4, 4  # 16 symbols × 5 bits = 80 bits
NUMBER_PREFIX = "PCK"


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` plus whole calendar months (31 January + 1 month = 28/29 February)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def new_verification_code() -> str:
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(
        symbols[i : i + CODE_GROUP_LENGTH] for i in range(0, len(symbols), CODE_GROUP_LENGTH)
    )


def next_number(*, year: int) -> tuple[int, str]:
    """Take the next number of `year` inside the caller's transaction (gap-free, serialised)."""
    CertificateNumberSequence.objects.get_or_create(year=year)
    sequence = CertificateNumberSequence.objects.select_for_update().get(year=year)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value, f"{NUMBER_PREFIX}/{year}/{sequence.last_value:06d}"


@transaction.atomic
def create_pending_certificate(*, enrolment) -> Certificate:
    """The certificate of a completed enrolment, created once (in the completing transaction)."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    course = enrolment.course
    completed_at = enrolment.completed_at
    year = completed_at.year
    sequence, number = next_number(year=year)
    months = course.certificate_validity_months
    return Certificate.objects.create(
        enrolment=enrolment,
        user=enrolment.user,
        course=course,
        year=year,
        sequence=sequence,
        number=number,
        verification_code=new_verification_code(),
        holder_name=enrolment.user.get_full_name() or enrolment.user.email,
        course_title=course.title,
        hours=course.duration_hours,
        completed_at=completed_at,
        expires_at=add_months(completed_at, months) if months else None,
    )
