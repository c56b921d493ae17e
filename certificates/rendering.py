"""Certificate PDFs with WeasyPrint, in warm workers.

Per process, once: the font configuration, the stylesheet (with its embedded Noto Sans faces,
which cover every Polish letter and typographic punctuation) and the template. Per certificate: a
small HTML page, a QR code drawn as inline SVG, and the signed credential attached as JSON.

The URL fetcher loads only the platform's own files: `static:<path>` (fonts, the stylesheet's
images) and `media:<name>` (logos, signatures, backgrounds from the default storage). Anything else
(http, file, ftp…) is refused, so a template can never make the server fetch an arbitrary URL.
"""

import html
import json
import threading
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import override
from wagtail import hooks
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lms import placeholders

PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
# `f(page, on=date) -> {"project": str, "marks": [{"file": storage name, "alt": str}]} | None`:
# the funding marks (an EU-funded project's, from `funding`) a certificate of `page` carries.
FUNDING_MARKS_HOOK = "lms_funding_marks"
STYLESHEET = "certificates/certificate.css"


class BlockedURL(ValueError):
    pass


@lru_cache(maxsize=64)
def _static_bytes(name: str) -> bytes:
    path = finders.find(name) or staticfiles_storage.path(name)
    with open(path, "rb") as file:
        return file.read()


class PlatformURLFetcher(URLFetcher):
    """Only `static:` and `media:` (and inline `data:`) URLs; every other URL is refused."""

    def fetch(self, url, headers=None):
        scheme, _, name = url.partition(":")
        if scheme == "data":
            return super().fetch(url, headers)
        if ".." in name.split("/"):
            raise BlockedURL(url)
        if scheme == "static":
            return URLFetcherResponse(url, _static_bytes(name))
        if scheme == "media":
            with default_storage.open(name, "rb") as file:
                return URLFetcherResponse(url, file.read())
        raise BlockedURL(f"Certificates may load only the platform's own files, not {url!r}.")


# The user-agent stylesheet for certificates: the few rules our document needs instead of
# WeasyPrint's full HTML5 one (hundreds of rules matched against every element of every render).
UA_STYLESHEET = """
html, body, header, footer, main, section, div, p, h1 { display: block }
head, style, title, meta, script { display: none }
b, strong { font-weight: bold }
h1 { font-weight: bold }
br::before { content: "\\A"; white-space: pre-line }
"""


class CertificateHTML(HTML):
    def _ua_stylesheets(self, forms=False):
        return [_resources().ua]


_warm = threading.local()


def _resources():
    """Font configuration and parsed stylesheet, built once per process (and thread)."""
    if not hasattr(_warm, "css"):
        font_config = FontConfiguration()
        fetcher = PlatformURLFetcher()
        css = CSS(
            string=_static_bytes(STYLESHEET).decode(),
            font_config=font_config,
            url_fetcher=fetcher,
        )
        _warm.font_config, _warm.css, _warm.fetcher = font_config, css, fetcher
        _warm.ua = CSS(string=UA_STYLESHEET)
        _warm.template = get_template("certificates/document.html")
    return _warm


def _date(moment) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date()
    return date_format(moment, "j E Y")


def _hours(hours: Decimal) -> str:
    return f"{Decimal(hours).normalize():f}".replace(".", ",")


def fill(body: str, values: dict) -> list[dict]:
    """The template's body as escaped paragraphs with placeholders filled (unknown ones stay as
    typed). A line holding only `{name}` or `{course}` is set large."""
    paragraphs = []
    for line in body.splitlines():
        if not line.strip():
            continue
        text = html.escape(placeholders.fill_line(line, values))
        emphasis = line.strip() in ("{name}", "{course}")
        paragraphs.append(
            {"html": mark_safe(text), "emphasis": emphasis}  # noqa: S308 - escaped
        )
    return paragraphs


@dataclass
class Document:
    """What the template needs; built from a Certificate or, for previews, from sample data."""

    holder_name: str
    course_title: str
    hours: Decimal
    number: str
    verification_code: str
    completed_at: datetime
    issued_at: datetime
    expires_at: datetime | None = None
    place: str = ""
    sample: bool = False
    funding: dict | None = None

    @classmethod
    def of(cls, certificate):
        return cls(
            holder_name=certificate.holder_name,
            course_title=certificate.course_title,
            hours=certificate.hours,
            number=certificate.number,
            verification_code=certificate.verification_code,
            completed_at=certificate.completed_at,
            issued_at=certificate.issued_at or timezone.now(),
            expires_at=certificate.expires_at,
            place=certificate.place,
            funding=(
                funding_marks(_event_page(certificate), on=certificate.completed_at)
                or funding_marks(certificate.course, on=certificate.completed_at)
            ),
        )


def _event_page(certificate):
    """The page of the event an attendance certificate is for, when the events app links one
    (`events.CertificateLink`, reached by its reverse name: certificates import no events)."""
    if certificate.attendance_id is None:
        return None
    link = getattr(certificate.attendance.event, "event_link", None)
    return link.event if link is not None else None


def funding_marks(page, *, on=None) -> dict | None:
    """The funding marks of the project financing `page` on the date `on`, or None."""
    if page is None:
        return None
    if isinstance(on, datetime):
        on = timezone.localtime(on).date()
    for lookup in hooks.get_hooks(FUNDING_MARKS_HOOK):
        found = lookup(page, on=on)
        if found:
            return found
    return None


def verification_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify", args=[code])


def _image_url(image) -> str:
    return f"media:{image.file.name}" if image is not None else ""


def render_html(template, document: Document) -> str:
    values = {
        "name": document.holder_name,
        "course": document.course_title,
        "hours": _hours(document.hours),
        "date": _date(document.completed_at),
        "number": document.number,
        "issued": _date(document.issued_at),
        "expires": _date(document.expires_at) if document.expires_at else "",
        "place": document.place,
    }
    url = verification_url(document.verification_code)
    # One pixel per module, scaled up without smoothing (image-rendering: pixelated): a tiny PNG is
    # far cheaper for WeasyPrint than an SVG of hundreds of squares. A fixed mask skips segno's
    # scoring of all eight (4 ms → 1 ms); every mask gives a valid, readable code.
    qr = segno.make(url, error="m", mask=0).png_data_uri(scale=1, border=0)
    context = {
        "template": template,
        "document": document,
        "paragraphs": fill(template.body, values),
        "values": values,
        "verification_url": url,
        "qr_data_uri": qr,
        "background_url": _image_url(template.background),
        "logos": [_image_url(logo.image) for logo in template.logos.all()],
        "funding": document.funding
        and {
            "project": document.funding["project"],
            "marks": [
                {"url": f"media:{mark['file']}", "alt": mark["alt"]}
                for mark in document.funding["marks"]
            ],
        },
        "signatures": [
            {"name": s.name, "role": s.role, "image_url": _image_url(s.image)}
            for s in template.signatures.all()
        ],
    }
    with override("pl"):
        return _resources().template.render(context)


def render_pdf(template, document: Document, credential: dict | None = None) -> bytes:
    warm = _resources()
    attachments = []
    if credential is not None:
        attachments.append(
            Attachment(
                string=json.dumps(credential, ensure_ascii=False, indent=2),
                name="credential.json",
                description="Open Badges 3.0 credential (signed, eddsa-jcs-2022)",
                relationship="Data",
                url_fetcher=warm.fetcher,
            )
        )
    page = CertificateHTML(string=render_html(template, document), url_fetcher=warm.fetcher)
    return page.write_pdf(
        stylesheets=[warm.css],
        font_config=warm.font_config,
        attachments=attachments,
        pdf_identifier=document.number.encode(),
        **PDF_OPTIONS,
    )


_templates: dict = {}


def template_of(certificate):
    """The certificate's template with its logos, signatures and images. A worker renders many
    certificates with the same template, so each process keeps it while the template's `version`
    (raised on any change of it, its parts or their images: `certificates.handlers`) holds: one
    small query per render instead of three, and a replaced logo is used at once."""
    from certificates.models import CertificateTemplate

    template_id = certificate.template_id or certificate.course.certificate_template_id
    current = CertificateTemplate.objects.all()
    if template_id:
        current = current.filter(pk=template_id)
    found = current.order_by("-is_default", "name").values_list("pk", "version").first()
    if found is None:
        return None
    pk, version = found
    cached = _templates.get(pk)
    if cached is not None and cached.version == version:
        return cached
    template = (
        CertificateTemplate.objects.select_related("background")
        .prefetch_related("logos__image", "signatures__image")
        .filter(pk=pk)
        .first()
    )
    if template is not None:
        _templates[pk] = template
    return template


def render_sample(template) -> bytes:
    """The preview administrators see: a sample holder with every Polish letter."""
    now = timezone.now()
    document = Document(
        holder_name="Małgorzata Żółkiewska-Ślęzak",
        course_title="Standardy obsługi cudzoziemców w urzędzie – „dobre praktyki”",
        hours=Decimal("8"),
        number=f"PCK/{now.year}/000000",
        verification_code="WZOR-0000-0000-0000",
        completed_at=now,
        issued_at=now,
        expires_at=now.replace(year=now.year + 2),
        place="Gdańsk, Urząd Marszałkowski Województwa Pomorskiego",
        sample=True,
    )
    return render_pdf(template, document)
