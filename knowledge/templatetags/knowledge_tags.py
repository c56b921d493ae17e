from django import template
from django.core.cache import cache

from lms.home.tree_cache import generation

register = template.Library()
TIMEOUT = 60 * 60 * 24


@register.simple_tag
def knowledge_base_url():
    """The knowledge base's URL for the site menu (cached until the page tree changes)."""
    from knowledge.models import KnowledgeIndexPage

    key = f"knowledge:index-url:{generation()}"
    url = cache.get(key)
    if url is None:
        index = KnowledgeIndexPage.objects.live().public().first()
        url = index.get_url() if index else ""
        cache.set(key, url, TIMEOUT)
    return url
