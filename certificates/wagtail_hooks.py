from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from certificates import services
from certificates.admin_views import FailedCertificatesPanel, can_manage_certificates
from certificates.models import Certificate
from certificates.viewsets import (
    CertificatePermissionPolicy,
    CertificatesMenu,
    person_chooser_viewset,
)
from lms.admin_menu import PermissionMenuItem

# Before any view asks for it (Wagtail would otherwise create the default policy).
register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


@hooks.register("lms_course_completed")
def create_pending_certificate(enrolment):
    """In the transaction that records the completion: the certificate row, number and code."""
    services.create_pending_certificate(enrolment=enrolment)


@hooks.register("lms_personal_data")
def certificates_of(user):
    return {
        "certificates": [
            {
                "number": c.number,
                "course": c.course_title,
                "hours": str(c.hours),
                "status": c.status,
                "completed_at": c.completed_at.isoformat(),
                "expires_at": c.expires_at.isoformat() if c.expires_at else None,
            }
            for c in Certificate.objects.filter(user=user).order_by("year", "sequence")
        ]
    }


# --- Admin ----------------------------------------------------------------------------------------

# "Zaświadczenia": the list, templates (snippets with a PDF preview) and in-person events.
register_snippet(CertificatesMenu)


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset


@hooks.register("register_certificates_menu_item")
def register_zip_menu_item():
    return PermissionMenuItem(
        _("Pobierz zaświadczenia (ZIP)"),
        reverse("certificates_admin:zip"),
        icon_name="download",
        order=4,
        permission="certificates.view_certificate",
    )


@hooks.register("construct_homepage_panels")
def failed_certificates_panel(request, panels):
    if not can_manage_certificates(request.user):
        return
    count = Certificate.objects.filter(status=Certificate.Status.FAILED).count()
    if count:
        panels.append(FailedCertificatesPanel(count))


@hooks.register("lms_export_builders")
def certificate_export_builders():
    from certificates.exports import CERTIFICATES_ZIP, build_certificates_zip

    return {CERTIFICATES_ZIP: build_certificates_zip}


@hooks.register("lms_export_permissions")
def certificate_export_permissions():
    return {"certificates.view_certificate"}


@hooks.register("lms_anonymise_user")
def anonymise_certificate_holder(user):
    """Erasure: certificates lose the name and the stored files, keep the register entry."""
    services.anonymise_holder(user)


@hooks.register("lms_load_demo")
def load_demo_events(stdout=None):
    from certificates.demo import load_demo_events as load

    load(stdout=stdout)


@hooks.register("lms_load_demo", order=100)
def issue_demo_certificates(stdout=None):
    """After the other demo loaders (the report cohort records completions directly)."""
    from certificates.demo import issue_demo_certificates as issue

    issue(stdout=stdout)
