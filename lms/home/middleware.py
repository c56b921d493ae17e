from django.core.cache import cache
from wagtail.models import Site

from lms.home.tree_cache import generation


class CachedSiteMiddleware:
    """Resolve the Wagtail site (and its specific root page) from the cache, not two queries.

    Wagtail looks for `request._wagtail_site` before querying; the cached copy is keyed by the page
    tree's generation, which is bumped when a page is published or a site is saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = f"pages:site:{generation()}:{request._get_raw_host()}"
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                site.root_page = site.root_page.specific
                cache.set(key, site, 60 * 60)
        request._wagtail_site = site
        return self.get_response(request)
