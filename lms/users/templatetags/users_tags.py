from django import template

from lms.users.roles import may_open_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_access(context) -> bool:
    """Whether to offer the signed-in person the admin in the menu (cached: no query a page)."""
    request = context.get("request")
    return request is not None and may_open_admin(request.user)
