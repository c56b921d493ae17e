from django import template

from courses import outline

register = template.Library()


@register.simple_tag
def catalogue_url():
    """The catalogue's URL (cached until the page tree changes)."""
    return outline.catalogue_url()
