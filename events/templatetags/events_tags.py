from django import template

from events.models import EventIndexPage
from lms.home.tree_cache import first_live_page_url

register = template.Library()


@register.simple_tag
def calendar_url():
    """The events calendar's URL ("" without a published calendar)."""
    return first_live_page_url(EventIndexPage)
