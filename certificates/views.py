"""Certificates for the people who hold them and for anyone who checks them.

Learners: "Moje zaświadczenia" and the permission-checked PDF download. Everyone else (an
employer, another office's system): verification by code, the signed credential, the public key,
"check a document" and a JSON API. The public side never tells an unknown code from a malformed
one: both get the same neutral page, byte for byte, so it cannot be used to probe the code format
or to enumerate certificates; it is also rate limited per client.
"""

import json
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from certificates import rendering, services, signing
from certificates.forms import (
    DigestUploadHandler,
    DocumentCheckForm,
    VerificationCodeForm,
)
from certificates.models import Certificate
from lms.audit.services import Event, record
from lms.files.services import serve
from lms.ratelimit import rate_limit, too_many_requests_json

RATE_GROUP = "certificate-verification"


def _verify_rate():
    return settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE


def verification_headers(*, hide_referrer: bool):
    """Headers for verification answers: not indexed, and never cached, since a certificate can
    be revoked any time. `hide_referrer` sends no Referer on from pages whose URL holds a code;
    pages with a POST form must not use it: browsers then send `Origin: null`, which fails
    Django's CSRF check (those pages hold no code anyway)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Cache-Control"] = "no-store"
            if hide_referrer:
                response["Referrer-Policy"] = "no-referrer"
            return response

        return wrapper

    return decorator


def _allow_any_origin(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _issued(certificate) -> bool:
    return certificate.status == Certificate.Status.ISSUED


def _find(code: str) -> Certificate | None:
    """The certificate with this code as typed (any case, with or without dashes), or None."""
    canonical = services.normalise_code(code)
    if canonical is None:
        return None
    return Certificate.objects.filter(verification_code=canonical).first()


def not_found(request):
    """The one answer for unknown and malformed codes alike: it depends on nothing typed (its
    page has no POST form, so it can hide the referrer wherever it is served from)."""
    response = render(
        request,
        "certificates/not_found.html",
        {"code_form": VerificationCodeForm()},
        status=HTTPStatus.NOT_FOUND,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- Learners ---------------------------------------------------------------------------------


@login_required
def my_certificates(request):
    # One query; the signed credential (a few kB each) is not shown here.
    certificates = list(Certificate.objects.filter(user=request.user).defer("credential"))
    return render(
        request,
        "certificates/my_certificates.html",
        {
            "certificates": certificates,
            "has_pending": any(c.public_status == "pending" for c in certificates),
        },
    )


def download(request, pk):
    """The current PDF, for whoever may see the certificate; a plain 404 for everyone else, so
    that nobody learns whether a number exists."""
    certificate = Certificate.objects.visible_to(request.user).filter(pk=pk).exclude(pdf="").first()
    if certificate is None:
        raise Http404
    if certificate.user_id != request.user.pk:
        record(event=Event.CERTIFICATE_DOWNLOAD, target=certificate, request=request)
    return serve(
        request,
        certificate.pdf,
        filename=certificate.pdf_filename(),
        content_type="application/pdf",
    )


# --- Verification -----------------------------------------------------------------------------


@rate_limit(RATE_GROUP, per_minute=_verify_rate, when=lambda request: "kod" in request.GET)
@verification_headers(hide_referrer=False)  # the page holds the "check a document" form
@require_safe
def verify_form(request):
    typed = request.GET.get("kod")
    if typed is not None and typed.strip():
        canonical = services.normalise_code(typed)
        if canonical is None:
            return not_found(request)
        response = redirect("certificates:verify", code=canonical)
        response["Referrer-Policy"] = "no-referrer"  # this URL holds the code
        return response
    code_form = VerificationCodeForm(request.GET if typed is not None else None)
    return render(
        request,
        "certificates/verify_form.html",
        {"code_form": code_form, "document_form": DocumentCheckForm()},
        status=HTTPStatus.BAD_REQUEST if code_form.is_bound else HTTPStatus.OK,
    )


@rate_limit(RATE_GROUP, per_minute=_verify_rate)
@verification_headers(hide_referrer=True)
@require_safe
def verify(request, code):
    # Lower case, no dashes, O for 0…: normalised silently and shown at once. Redirecting to the
    # canonical URL only for existing codes would tell which ones exist.
    certificate = _find(code)
    if certificate is None:
        return not_found(request)
    return render(request, "certificates/verify.html", {"certificate": certificate})


@rate_limit(RATE_GROUP, per_minute=_verify_rate)
@verification_headers(hide_referrer=True)
@require_safe
def credential(request, code):
    """The signed Open Badges credential, as stored when the document was issued."""
    certificate = _find(code)
    if certificate is None or not _issued(certificate) or not certificate.credential:
        return not_found(request)
    response = HttpResponse(
        json.dumps(certificate.credential, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    number = certificate.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="poswiadczenie-{number}.json"'
    return _allow_any_origin(response)


@require_safe
def public_key(request):
    """The key that signs the credentials, for anyone to check them without asking us."""
    response = JsonResponse(
        signing.public_key_document(), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Cache-Control"] = "public, max-age=3600"
    return _allow_any_origin(response)


@csrf_exempt  # checked below, once the upload handler is in place
@rate_limit(RATE_GROUP, per_minute=_verify_rate, when=lambda request: request.method == "POST")
@verification_headers(hide_referrer=False)  # a POST form: see verification_headers
@require_http_methods(["GET", "POST"])
def check_document(request):
    # The document is hashed as it is read and never kept: this must happen before anything
    # (the CSRF check included) reads the body.
    handler = DigestUploadHandler(request)
    if request.method == "POST":
        request.upload_handlers = [handler]
    return _check_document(request, handler)


@csrf_protect
def _check_document(request, handler):
    if request.method != "POST":
        return render(request, "certificates/check_document.html", {"form": DocumentCheckForm()})
    form = DocumentCheckForm(request.POST, request.FILES, too_large=handler.too_large)
    if not form.is_valid():
        return render(
            request,
            "certificates/check_document.html",
            {"form": form},
            status=HTTPStatus.BAD_REQUEST,
        )
    certificate, is_current = services.find_document(form.cleaned_data["dokument"].sha256)
    return render(
        request,
        "certificates/check_document.html",
        {
            "form": DocumentCheckForm(),
            "checked": True,
            "certificate": certificate,
            "is_current": is_current,
        },
    )


# --- API --------------------------------------------------------------------------------------


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _api_headers(response):
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return _allow_any_origin(response)


def _api_limited(request, retry_after):
    return _api_headers(too_many_requests_json(request, retry_after))


@rate_limit(RATE_GROUP, per_minute=_verify_rate, limited=_api_limited)
@require_GET
def api_certificate(request, code):
    """Verification for other systems: the verification page's facts as JSON."""
    certificate = _find(code)
    if certificate is None:
        return _api_headers(JsonResponse({"detail": "not_found"}, status=HTTPStatus.NOT_FOUND))
    site = settings.SITE_URL.rstrip("/")
    status = certificate.public_status
    revoked = status == "revoked"
    data = {
        "number": certificate.number,
        "status": status,
        "holder_name": certificate.holder_name,
        "course": certificate.course_title,
        "hours": f"{certificate.hours.normalize():f}",
        "completed_at": _iso(certificate.completed_at),
        "issued_at": _iso(certificate.issued_at) if status != "pending" else None,
        "expires_at": _iso(certificate.expires_at),
        "revoked_at": _iso(certificate.revoked_at) if revoked else None,
        "revoked_reason": certificate.revoked_reason if revoked else None,
        "verification_url": rendering.verification_url(certificate.verification_code),
        "credential_url": (
            site + reverse("certificates:credential", args=[certificate.verification_code])
            if _issued(certificate) and certificate.credential
            else None
        ),
    }
    return _api_headers(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))
