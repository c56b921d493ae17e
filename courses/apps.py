from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursy")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from courses.outline import invalidate

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(invalidate, dispatch_uid=f"courses.outline.{signal!r}")
        # Deleting any page type deletes its wagtailcore_page row: one sender covers them all.
        post_delete.connect(invalidate, sender=Page, dispatch_uid="courses.outline.delete")
