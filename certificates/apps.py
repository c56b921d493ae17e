from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Zaświadczenia")

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from certificates import handlers  # noqa: F401 - connects the receivers
        from certificates.permissions import CertificateAssetsPermissionPolicy

        # exact_class: takes precedence over the policy wagtail.images registers for the model.
        image = get_image_model()
        register_permission_policy(
            image,
            CertificateAssetsPermissionPolicy(
                image, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
            ),
            exact_class=True,
        )
