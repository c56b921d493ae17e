from django import template

from knowledge.selectors import index_location

register = template.Library()


@register.simple_tag
def knowledge_base_url():
    """The published knowledge base's URL for the site menu ("" without one); cached until the
    page tree changes."""
    location = index_location()
    return location.url if location else ""
