import pytest
from django.urls import reverse

from courses import services as course_services
from lms.notifications.models import EmailTemplate
from tests import factories


@pytest.fixture
def course(db):
    """An invitation-only course whose title needs escaping in HTML."""
    return factories.course(
        title="Prawo <pobytowe> & praktyka",
        lessons=2,
        quiz=False,
        mode="assigned",
        completion_rule="lessons_only",
    )


@pytest.fixture
def assign(django_capture_on_commit_callbacks):
    """Assign `course` as an administrator would; on-commit work (the task, the e-mails) runs."""

    def assign(users, course, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return course_services.assign(users=users, course=course, **kwargs)

    return assign


# --- The e-mail templates in the admin (used by the events' and the evaluation's tests too) -------


def edit_url(template):
    return reverse("wagtailsnippets_notifications_emailtemplate:edit", args=[template.pk])


def preview_url(template):
    return reverse(
        "wagtailsnippets_notifications_emailtemplate:preview_on_edit", args=[template.pk]
    )


def shipped(kind):
    """The template of `kind` the data migrations create (switched off)."""
    return EmailTemplate.objects.get(kind=kind)


def activate(kind, *, subject, body) -> EmailTemplate:
    """An administrator's wording of `kind`, in use."""
    template = shipped(kind)
    template.subject, template.body, template.is_active = subject, body, True
    template.full_clean()
    template.save()
    return template


def post(client, template, **fields):
    """Save the edit form of `template` with `fields` changed."""
    data = {
        "kind": template.kind,
        "subject": template.subject,
        "body": template.body,
        "is_active": "on" if template.is_active else "",
    }
    data.update(fields)
    return client.post(edit_url(template), {k: v for k, v in data.items() if v != ""})


def preview(client, template, **fields):
    """The admin's preview of the edit form with `fields` changed (nothing is saved)."""
    data = {"kind": template.kind, "subject": template.subject, "body": template.body, **fields}
    assert client.post(preview_url(template), data).json()["is_valid"] is True
    return client.get(preview_url(template))
