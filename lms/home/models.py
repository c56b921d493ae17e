from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from lms.home.tree_cache import generation

# Apps add sections to the front page (the programme's areas, the next events...): each function
# registered on this Wagtail hook (with an `order`) gets the request and returns HTML or "".
HOME_SECTIONS_HOOK = "lms_home_sections"


class HomePage(Page):
    """The Competence Centre's front page: who it is for and where to start."""

    lead = models.CharField(_("wprowadzenie"), max_length=400, blank=True)
    body = RichTextField(
        _("treść"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("strona główna")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parts = [hook(request=request) for hook in hooks.get_hooks(HOME_SECTIONS_HOOK)]
        context["sections"] = format_html_join("", "{}", ((part,) for part in parts if part))
        return context

    def route(self, request, path_components):
        """Resolve any published page below the home page in one query instead of two per level.

        The URL → page mapping is cached with the page tree's generation; paths that are not a
        published page (routable sub-paths, 404s) go through Wagtail's usual routing.
        """
        if path_components:
            page = published_page_at(self, self.url_path + "/".join(path_components) + "/")
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)


def published_page_at(root, url_path):
    """The live page at `url_path` below `root`, from the cache when the tree has not changed."""
    key = f"pages:route:{generation()}:{url_path}"
    page = cache.get(key)
    if page is None:
        row = (
            Page.objects.filter(path__startswith=root.path, url_path=url_path, live=True)
            .values_list("pk", "content_type_id")
            .first()
        )
        if row is None:
            return None
        pk, content_type_id = row
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=pk, live=True).first()
        if page is None:
            return None
        cache.set(key, page, 60 * 60 * 24)
    return page
