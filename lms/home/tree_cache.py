"""A generation number for the published page tree, bumped whenever it changes.

Anything derived from published pages (URL routing, course outlines, the catalogue's URL) is cached
under a key that includes the generation, so one bump makes all of it stale at once.
"""

from django.core.cache import cache

GENERATION_KEY = "pages:tree-generation"


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, None)


def bump(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(bump, dispatch_uid=f"pages.tree-generation.{id(signal)}")
    # Deleting any page type deletes its wagtailcore_page row: one sender covers them all.
    post_delete.connect(bump, sender=Page, dispatch_uid="pages.tree-generation.delete")
    # Sites (hostnames, root pages) are cached the same way.
    post_save.connect(bump, sender=Site, dispatch_uid="pages.tree-generation.site-save")
    post_delete.connect(bump, sender=Site, dispatch_uid="pages.tree-generation.site-delete")


def first_live_page_url(model, *, timeout: int = 60 * 60 * 24) -> str:
    """The URL of the first published page of `model` (a one-per-site index: the catalogue, the
    events calendar), "" when there is none; cached until the page tree changes."""
    key = f"pages:first-url:{generation()}:{model._meta.label_lower}"
    url = cache.get(key)
    if url is None:
        page = model.objects.live().first()
        url = (page.get_url() or "") if page is not None else ""
        cache.set(key, url, timeout)
    return url
