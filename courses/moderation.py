"""Wagtail's own moderation e-mails (submitted, approved, rejected with the reviewer's comment),
in Polish unless the recipient chose another admin language.

Wagtail renders each e-mail in the recipient's preferred admin language; a person who never chose
one gets the language of the request that triggered it, so an administrator working in English
would send a trainer an English rejection. These notifiers render with the platform's language
(`LANGUAGE_CODE`) as that fallback. They replace Wagtail's under the same `dispatch_uid`s.
"""

from django.conf import settings
from django.utils import translation
from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted


class PlatformLanguageByDefault:
    def __call__(self, instance=None, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().__call__(instance=instance, **kwargs)


class TaskSubmitted(PlatformLanguageByDefault, mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmitted(PlatformLanguageByDefault, mail.WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApproved(PlatformLanguageByDefault, mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(PlatformLanguageByDefault, mail.WorkflowStateRejectionEmailNotifier):
    pass


# (signal, sender, Wagtail's dispatch_uid, our notifier)
NOTIFIERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", TaskSubmitted),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmitted,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        WorkflowRejected,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        WorkflowApproved,
    ),
]


def connect_notifiers() -> None:
    """Put our notifiers in place of Wagtail's (whichever app's `ready` runs first)."""
    for signal, sender, uid, notifier_class in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier_class(), sender=sender, dispatch_uid=uid, weak=False)
