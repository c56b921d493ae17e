"""Receivers of the certificates app: the bridge from services (which never import tasks) to the
worker (`tasks`, which calls `issuing`, which calls services), and the template versions."""

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.images import get_image_model

from certificates import tasks
from certificates.models import CertificateSignature, CertificateTemplate, CertificateTemplateLogo
from certificates.signals import documents_requested
from lms.queueing import enqueue


@receiver(documents_requested, dispatch_uid="certificates_queue_documents")
def queue_documents(sender, certificates, **kwargs):
    """One task per certificate. A broker that is down logs one line per certificate; the
    reconciliation task queues them again (they are committed as pending)."""
    for certificate_id, number in certificates:
        enqueue(
            tasks.issue_certificate,
            certificate_id,
            log_context=f"certificate {number} (reconciliation will queue it again)",
        )


# --- Template versions: what makes warm workers reload a template ---------------------------------


def _bump(templates) -> None:
    templates.update(version=F("version") + 1)


@receiver([post_save, post_delete], sender=CertificateTemplate, dispatch_uid="cert_tpl_changed")
def template_changed(sender, instance, **kwargs):
    _bump(CertificateTemplate.objects.filter(pk=instance.pk))


@receiver([post_save, post_delete], sender=CertificateTemplateLogo, dispatch_uid="cert_logo")
@receiver([post_save, post_delete], sender=CertificateSignature, dispatch_uid="cert_signature")
def template_part_changed(sender, instance, **kwargs):
    _bump(CertificateTemplate.objects.filter(pk=instance.template_id))


def image_changed(sender, instance, **kwargs):
    """An image replaced (a new file, the old one deleted) or about to be deleted: every template
    that shows it is a new version."""
    _bump(
        CertificateTemplate.objects.filter(
            Q(background=instance) | Q(logos__image=instance) | Q(signatures__image=instance)
        )
    )


post_save.connect(image_changed, sender=get_image_model(), dispatch_uid="cert_image_saved")
pre_delete.connect(image_changed, sender=get_image_model(), dispatch_uid="cert_image_deleted")
