"""The ZIP of certificate PDFs an administrator or coordinator orders in the admin (built by
`lms.exports`: see its services for the builder contract)."""

import re
import shutil
import zipfile
from datetime import date
from typing import BinaryIO

from django.db.models import QuerySet
from django.utils import timezone

from certificates.models import Certificate
from lms.organisations.models import OrganisationUnit

CERTIFICATES_ZIP = "certificates_zip"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def selected_certificates(*, user, params: dict) -> QuerySet:
    """Issued certificates with a document, as `user` may see them (checked again in the worker:
    a coordinator who lost a unit in between gets nothing from it), filtered by `params`."""
    certificates = (
        Certificate.objects.visible_to(user)
        .filter(status=Certificate.Status.ISSUED)
        .exclude(pdf="")
    )
    if params.get("course"):
        certificates = certificates.filter(course_id=params["course"])
    if params.get("unit"):
        units = OrganisationUnit.objects.filter(pk=params["unit"])
        certificates = certificates.filter(user__unit__in=OrganisationUnit.objects.within(units))
    if params.get("issued_from"):
        certificates = certificates.filter(
            issued_at__date__gte=date.fromisoformat(params["issued_from"])
        )
    if params.get("issued_to"):
        certificates = certificates.filter(
            issued_at__date__lte=date.fromisoformat(params["issued_to"])
        )
    return certificates.order_by("year", "sequence")


def member_name(certificate: Certificate) -> str:
    """`PCK-2026-000001_Małgorzata Żółkiewska-Ślęzak.pdf`: sortable by number, readable."""
    holder = " ".join(_UNSAFE.sub(" ", certificate.holder_name).split()) or "zaswiadczenie"
    return f"{certificate.number.replace('/', '-')}_{holder}.pdf"


def build_certificates_zip(*, export, out: BinaryIO, progress) -> str:
    """Write the selected PDFs into `out` one by one, streamed from storage. PDFs are already
    compressed, so they are stored as they are (ZIP_STORED): fast and no bigger."""
    certificates = selected_certificates(user=export.owner, params=export.params)
    total = certificates.count()
    progress(0, total)
    rows = certificates.only("pk", "number", "holder_name", "pdf", "issued_at")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for done, certificate in enumerate(rows.iterator(chunk_size=200), start=1):
            issued = timezone.localtime(certificate.issued_at or timezone.now())
            info = zipfile.ZipInfo(member_name(certificate), date_time=issued.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            with certificate.pdf.open("rb") as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            progress(done, total)
    return f"zaswiadczenia-{timezone.localdate():%Y-%m-%d}.zip"
