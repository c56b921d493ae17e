"""Keep the search index in step with the page tree (see `lms.search.services`).

A registered page created live (`add_child` in code: imports, tests) is indexed from its row.
Publishing, unpublishing and moving any page, and changing a view restriction, index its whole
subtree again, from the rows, never from an instance in memory (saving a draft revision keeps the
editor's unpublished text in memory, the live text in the row). A live page changed in code
without publishing is put right by the nightly rebuild. A deleted page's entry goes with it (the
foreign key cascades).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms.search import registry, services


def _page_created(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page):
        return
    if registry.is_registered(type(instance)):
        services.index_page(page_id=instance.pk)


def _dependants(page) -> list[Page]:
    """Pages whose entries follow this one's (`search_dependants`, e.g. a course's editions)."""
    specific = page.specific_deferred if isinstance(page, Page) else page
    found = getattr(specific, "search_dependants", None)
    return list(found()) if found is not None else []


def _subtree_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.pk).first()  # the row as saved, current path
    if page is not None:
        services.index_subtree(page=page)
        for dependant in _dependants(instance):
            services.index_subtree(page=dependant)


def _unpublished(sender, instance, **kwargs):
    # Also sent (without saving) just before a live page is deleted: the row still says live.
    services.forget_subtree(page=instance)
    for dependant in _dependants(instance):
        services.index_subtree(page=dependant)


def _restriction_changed(sender, instance, origin=None, **kwargs):
    if origin is not None and getattr(origin, "model", type(origin)) is not PageViewRestriction:
        return  # deleted with its page (which takes its entries along)
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        services.index_subtree(page=page)


def connect() -> None:
    post_save.connect(_page_created, dispatch_uid="lms_search.page_created")
    for signal in (page_published, post_page_move):
        signal.connect(_subtree_changed, dispatch_uid=f"lms_search.subtree.{id(signal)}")
    page_unpublished.connect(_unpublished, dispatch_uid="lms_search.unpublished")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"lms_search.restriction.{id(signal)}",
        )
