"""An administrator's e-mail text, filled in: the subject, the plain-text part and the HTML part.

The body is plain text with {placeholders}. In the HTML part everything (the administrator's text
and the values) is escaped, blank lines separate paragraphs and addresses become links; the
result is set in the platform's e-mail layout (`templates/emails/base_body.html`).
"""

import re

from django.template.loader import render_to_string
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from lms.notifications.kinds import KINDS
from lms.placeholders import fill


def paragraphs(text: str) -> list[str]:
    """The text as escaped HTML paragraphs: lines joined by <br>, addresses made clickable."""
    return [
        mark_safe(  # noqa: S308 - urlize(autoescape=True) escapes the text and the values
            "<br>\n".join(urlize(line, autoescape=True) for line in block.splitlines())
        )
        for block in re.split(r"\n\s*\n", text)
        if block.strip()
    ]


def render(
    *,
    kind: str,
    subject: str,
    body: str,
    values: dict,
    context: dict,
    html_template: str = "notifications/email_body.html",
):
    """(subject, text, html) of one e-mail. `context` holds `site_name` and `site_url`."""
    optional = KINDS[kind].optional
    subject = " ".join(fill(subject, values).split())  # a subject line is never left out
    message = fill(body, values, optional=optional)
    text = f"{message}\n\n-- \n{context['site_name']}\n{context['site_url']}\n"
    html = render_to_string(
        html_template,
        {**context, "subject": subject, "text": text, "paragraphs": paragraphs(message)},
    )
    return subject, text, html
