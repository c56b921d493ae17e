from django import template
from django.conf import settings

from lms.sso import config

register = template.Library()


@register.inclusion_tag("includes/sso_button.html", takes_context=True)
def sso_button(context):
    """'Zaloguj przez …' on the sign-in page, only while a provider is configured."""
    return {
        "enabled": config.enabled(),
        "provider": settings.OIDC_PROVIDER_NAME,
        "next": context.get("next", ""),
    }
