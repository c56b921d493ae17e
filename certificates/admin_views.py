"""Admin actions on certificates (retry, revoke, reissue), the ZIP export form and the attendance
upload. Each action is a POST with a CSRF token and ends with a message; the work itself is done
by `services`, `attendance` and `lms.exports`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin.ui.components import Component

from certificates import services
from certificates.admin_forms import AttendanceUploadForm, CertificateZipForm, RevokeForm
from certificates.attendance import AttendanceFileError, import_attendance
from certificates.exports import CERTIFICATES_ZIP, selected_certificates
from certificates.models import Certificate, TrainingEvent
from lms.audit.services import Event, record
from lms.exports.services import start_export
from lms.files.services import serve
from lms.users.roles import coordinated_units

REVOKE_PERMISSION = "certificates.revoke_certificate"
VIEW_PERMISSION = "certificates.view_certificate"
INSPECT_URL = "certificates_admin:inspect"


def can_manage_certificates(user) -> bool:
    """Retry, revoke and reissue: administrators (the role holds every permission)."""
    return user.has_perm(REVOKE_PERMISSION)


def _managed_certificate(request, pk) -> Certificate:
    """A certificate the administrator may act on; coordinators and others are refused."""
    if not can_manage_certificates(request.user):
        raise PermissionDenied
    return get_object_or_404(Certificate.objects.visible_to(request.user), pk=pk)


def _back(certificate):
    return redirect(INSPECT_URL, certificate.pk)


@require_POST
def retry(request, pk):
    certificate = _managed_certificate(request, pk)
    if certificate.status not in (Certificate.Status.FAILED, Certificate.Status.PENDING):
        messages.warning(
            request,
            _("Zaświadczenie %(number)s nie czeka na wystawienie – nie ma czego ponawiać.")
            % {"number": certificate.number},
        )
        return _back(certificate)
    services.retry(certificate)
    messages.success(
        request,
        _("Ponowiono wystawianie zaświadczenia %(number)s. Dokument powstanie w ciągu kilku minut.")
        % {"number": certificate.number},
    )
    return _back(certificate)


@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    certificate = _managed_certificate(request, pk)
    if certificate.status == Certificate.Status.REVOKED:
        messages.warning(
            request,
            _("Zaświadczenie %(number)s jest już unieważnione.") % {"number": certificate.number},
        )
        return _back(certificate)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.revoke(certificate, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _(
                "Unieważniono zaświadczenie %(number)s. Strona weryfikacji pokazuje to od teraz "
                "razem z podanym powodem."
            )
            % {"number": certificate.number},
        )
        return _back(certificate)
    return TemplateResponse(
        request,
        "certificates/admin/certificate_revoke.html",
        {"certificate": certificate, "form": form},
    )


@require_http_methods(["GET", "POST"])
def reissue(request, pk):
    certificate = _managed_certificate(request, pk)
    if certificate.status not in (Certificate.Status.ISSUED, Certificate.Status.REVOKED):
        messages.warning(
            request,
            _(
                "Zaświadczenie %(number)s nie ma jeszcze dokumentu – użyj „Ponów”, "
                "jeśli wystawianie się nie powiodło."
            )
            % {"number": certificate.number},
        )
        return _back(certificate)
    if request.method == "POST":
        services.reissue(certificate, by=request.user)
        messages.success(
            request,
            _(
                "Zlecono ponowne wystawienie zaświadczenia %(number)s (ten sam numer i kod). "
                "Poprzednia wersja dokumentu pozostaje rozpoznawalna jako zastąpiona."
            )
            % {"number": certificate.number},
        )
        return _back(certificate)
    return TemplateResponse(
        request, "certificates/admin/certificate_reissue.html", {"certificate": certificate}
    )


@require_GET
def previous_version(request, pk, version):
    """A document replaced by a reissue, for those who may see the certificate."""
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate.objects.visible_to(request.user), pk=pk)
    replaced = get_object_or_404(certificate.files, version=version)
    if certificate.user_id != request.user.pk:
        record(
            event=Event.CERTIFICATE_DOWNLOAD,
            target=certificate,
            request=request,
            details={_("wersja"): version},
        )
    number = certificate.number.replace("/", "-")
    return serve(
        request,
        replaced.pdf,
        filename=f"zaswiadczenie-{number}-wersja-{version}.pdf",
        content_type="application/pdf",
    )


@require_http_methods(["GET", "POST"])
def zip_export(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = CertificateZipForm(data, scope_units=coordinated_units(request.user))
    if request.method == "POST" and form.is_valid():
        count = selected_certificates(user=request.user, params=form.params()).count()
        if not count:
            form.add_error(None, _("Żadne wystawione zaświadczenie nie spełnia tych warunków."))
        else:
            start_export(
                owner=request.user, kind=CERTIFICATES_ZIP, title=form.title(), params=form.params()
            )
            record(event=Event.EXPORT, target=form.title(), details={"ZIP": count}, request=request)
            messages.success(
                request,
                _(
                    "Przygotowujemy plik ZIP (zaświadczeń: %(count)d). Gdy będzie gotowy, "
                    "wyślemy Ci e-mail; postęp widać tutaj."
                )
                % {"count": count},
            )
            return redirect("exports_index")
    return TemplateResponse(request, "certificates/admin/certificate_zip.html", {"form": form})


@require_http_methods(["GET", "POST"])
def upload_attendance(request, pk):
    if not request.user.has_perm("certificates.change_trainingevent"):
        raise PermissionDenied
    event = get_object_or_404(TrainingEvent.objects.select_related("course"), pk=pk)
    posted = request.method == "POST"
    form = AttendanceUploadForm(request.POST if posted else None, request.FILES if posted else None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            result = import_attendance(event=event, name=upload.name, data=upload.read())
        except AttendanceFileError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                _(
                    "Wczytano listę obecności. Nowi uczestnicy: %(added)d, oznaczeni jako "
                    "obecni: %(present)d, bez zmian: %(unchanged)d. Zlecone zaświadczenia: "
                    "%(certificates)d."
                )
                % {
                    "added": result.added,
                    "present": result.marked_present,
                    "unchanged": result.unchanged,
                    "certificates": result.certificates,
                },
            )
            return redirect("wagtailsnippets_certificates_trainingevent:edit", event.pk)
    return TemplateResponse(
        request,
        "certificates/admin/attendance_upload.html",
        {"event": event, "form": form, "errors": errors},
    )


class FailedCertificatesPanel(Component):
    """On the admin dashboard of administrators: certificates whose rendering failed."""

    name = "failed_certificates"
    template_name = "certificates/admin/failed_panel.html"
    order = 50

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context):
        return {
            "count": self.count,
            "url": reverse("certificates_admin:index") + f"?status={Certificate.Status.FAILED}",
        }
