"""Template tags of the legal pages: the link to the statement of the current language (footer,
meta tag of every page) and dates in the `<time datetime>` the statement's template requires."""

from datetime import datetime

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context, absolute=False) -> str:
    """The statement of the language the page is shown in (absolute for the meta tag)."""
    url = reverse("accessibility_statement", args=[translation.get_language()])
    if not absolute:
        return url
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else settings.SITE_URL + url


@register.simple_tag
def legal_time(value, element_id=""):
    """`<time datetime="YYYY-MM-DD">5 lutego 2027</time>`, with the id the template names."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    text = date_format(value, "j E Y")
    if element_id:
        return format_html(
            '<time id="{}" datetime="{}">{}</time>', element_id, value.isoformat(), text
        )
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), text)
