from django import template
from django.utils.html import format_html_join
from wagtail import hooks

from courses import outline

register = template.Library()

LEARNER_PROMPTS_HOOK = "lms_learner_prompts"


@register.simple_tag
def catalogue_url():
    """The catalogue's URL (cached until the page tree changes)."""
    return outline.catalogue_url()


@register.simple_tag(takes_context=True)
def learner_prompts(context, page=None):
    """What other apps ask the learner to do, on the dashboard (no `page`) and on a course or
    event page: each function registered on the "lms_learner_prompts" Wagtail hook is called with
    `request` and `page` and returns HTML (or ""), e.g. the evaluation's "Oceń szkolenie"."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    parts = [hook(request=request, page=page) for hook in hooks.get_hooks(LEARNER_PROMPTS_HOOK)]
    return format_html_join("", "{}", ((part,) for part in parts if part))
