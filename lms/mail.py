"""E-mail for the whole platform: rendered from templates, sent by a Celery worker after commit."""

from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from lms.queueing import enqueue_on_commit

# Where an administrator's version of an e-mail is looked up: a function taking the template
# name and returning an object with `render(context) -> (subject, text, html)`, or None. The
# notifications app registers its `EmailTemplate.active` when it is ready; lms.mail itself
# knows no app's models.
_template_lookups: list[Callable[[str], object | None]] = []


def register_template_lookup(lookup: Callable[[str], object | None]) -> None:
    if lookup not in _template_lookups:
        _template_lookups.append(lookup)


def _editable(template: str):
    for lookup in _template_lookups:
        found = lookup(template)
        if found is not None:
            return found
    return None


def render_email(*, template: str, context: dict, files: str = "") -> tuple[str, str, str]:
    """Subject, plain text and HTML of one e-mail: the administrator's active version of it (from
    a registered template lookup, see `register_template_lookup`) when there is one, else
    `templates/emails/<files>_subject.txt`, `_body.txt` and `_body.html` (`files` defaults to
    `template`)."""
    return email_renderer(template, files=files)(context)


def email_renderer(template: str, *, files: str = "") -> Callable[[dict], tuple[str, str, str]]:
    """`render_email` for many e-mails of one kind: the administrator's version is looked up once
    (a course assigned to thousands of people costs one query, not thousands).

    `files` names the file templates when they are not `template`'s own: several kinds an
    administrator words separately may share one set of files that tells them apart by the
    context (the events' "event_registered", "event_waiting"... share `event_notice_*`)."""
    editable = _editable(template)
    files = files or template

    def render(context: dict) -> tuple[str, str, str]:
        context = {
            "site_url": settings.SITE_URL,
            "site_name": settings.WAGTAIL_SITE_NAME,
            **context,
        }
        if editable is not None:
            return editable.render(context)
        subject = render_to_string(f"emails/{files}_subject.txt", context)
        text = render_to_string(f"emails/{files}_body.txt", context)
        html = render_to_string(f"emails/{files}_body.html", context)
        return " ".join(subject.split()), text, html

    return render


def send_templated_email(*, to: list[str], template: str, context: dict) -> None:
    """Render now (in the request's language), send from a worker once the transaction commits.
    If the broker is down the page still succeeds (its data is committed); the e-mail is logged
    as not sent, for an operator to see."""
    subject, text, html = render_email(template=template, context=context)
    queue_emails([{"to": list(to), "subject": subject, "text": text, "html": html}])


def queue_emails(messages: list[dict]) -> None:
    """Queue rendered e-mails (`to`, `subject`, `text`, `html`, optionally `attachments`) once the
    transaction commits, one task each (each retried on its own). A broker failure is logged (one
    line each), never raised."""
    for message in messages:
        enqueue_on_commit(
            send_email,
            log_context=f"e-mail {message['subject']!r} ({len(message['to'])} recipients)",
            **message,
        )


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
)
def send_email(
    *, to: list[str], subject: str, text: str, html: str = "", attachments: list | None = None
) -> int:
    """Send one rendered e-mail. `attachments`: [filename, text content, MIME type] triples (text
    only: the task's arguments travel as JSON), e.g. an `.ics` invitation."""
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()
