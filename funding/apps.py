from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Projekty UE (EFS+)")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model

        from funding.models import FinancedPage, FundingMark, Project
        from funding.selectors import bump_generation

        # What pages show (the financing index, the marks' HTML) is cached: any change to a
        # project, its pages or marks, or an image (a mark's file replaced) makes it stale.
        for model in (Project, FinancedPage, FundingMark, get_image_model()):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_generation,
                    sender=model,
                    dispatch_uid=f"funding.generation.{model.__name__}.{id(signal)}",
                )
