from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from funding import selectors

register = template.Library()


@register.simple_tag
def funding_marks(page):
    """The funding marks of the project financing `page` (or the course it belongs to), in
    order, with their text alternatives; nothing for a page no project finances. Cached: a page
    that is not financed costs no query."""
    project_id = selectors.project_id_for(page)
    if project_id is None:
        return ""
    return selectors.cached_fragment(
        f"marks-html-{project_id}-{get_language()}",
        lambda: render_to_string("funding/marks.html", selectors.marks_of(project_id) or {}),
    )
