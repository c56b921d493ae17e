from django import template

from lms.users.roles import may_open_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_access(context) -> bool:
    """Whether to offer the signed-in person the admin in the menu (cached: no query a page)."""
    user = getattr(context.get("request"), "user", None)  # none before the auth middleware (429)
    return user is not None and may_open_admin(user)
