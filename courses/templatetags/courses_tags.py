from django import template

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    """The catalogue's URL (looked up once per request)."""
    request = context.get("request")
    cached = getattr(request, "_catalogue_url", None) if request else None
    if cached is None:
        index = CourseIndexPage.objects.live().only("id", "url_path", "path", "depth").first()
        cached = index.get_url(request) if index else ""
        if request is not None:
            request._catalogue_url = cached
    return cached
