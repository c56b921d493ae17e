"""Admin: e-mail templates (snippets with a preview) in the Settings menu, next to the
reminder settings (`NotificationSettings`, registered in models.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.notifications.models import EmailTemplate


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = _("Szablony e-maili")
    add_to_settings_menu = True
    list_display = [
        "__str__",
        "subject",
        BooleanColumn("is_active", label=_("W użyciu"), sort_key="is_active"),
        DateColumn("updated_at", label=_("Zmieniono"), sort_key="updated_at"),
    ]
    list_filter = ["is_active"]
    ordering = ["kind"]


register_snippet(EmailTemplateViewSet)


@hooks.register("lms_anonymise_user")
def forget_emails_sent_to_the_person(user):
    """Erasure: the record of reminders and assignment e-mails sent to the person goes."""
    from lms.notifications.services import forget_recipient

    forget_recipient(user=user)
