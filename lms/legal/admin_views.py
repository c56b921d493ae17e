"""The admin of the legal documents: the privacy notice's versions (drafts are edited, published
versions never change, a new one is made as a copy and published) and the dashboard panel that
warns administrators about the accessibility statements' yearly review."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets

from lms.legal import selectors, services
from lms.legal.models import AccessibilityStatement, PrivacyNotice

CHANGE_NOTICE = "legal.change_privacynotice"
CHANGE_STATEMENT = "legal.change_accessibilitystatement"
NOTICE_URLS = "wagtailsnippets_legal_privacynotice"


def _refuse_published(request, notice: PrivacyNotice):
    messages.warning(
        request,
        _(
            "Wersja %(version)s jest opublikowana: nie można jej zmienić ani usunąć. Aby ją "
            "poprawić, skopiuj ją, popraw kopię i opublikuj ją jako nową wersję."
        )
        % {"version": notice.version},
    )
    return redirect(f"{NOTICE_URLS}:list")


class DraftsOnlyMixin:
    """A published version is the record of what people were told: it never changes."""

    def dispatch(self, request, *args, **kwargs):
        if self.user_has_permission(self.permission_required):
            notice = get_object_or_404(PrivacyNotice, pk=kwargs["pk"])
            if notice.is_published:
                return _refuse_published(request, notice)
        return super().dispatch(request, *args, **kwargs)


class NoChooserMixin:
    """Nothing links to a statement or a notice version: no chooser views to secure."""

    def register_chooser_viewset(self):
        pass


class NoticeEditView(DraftsOnlyMixin, snippets.EditView):
    pass


class NoticeDeleteView(DraftsOnlyMixin, snippets.DeleteView):
    pass


class NoticeIndexView(snippets.IndexView):
    def get_edit_url(self, instance):
        return None if instance.is_published else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        return None if instance.is_published else super().get_delete_url(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_published:
            buttons.append(
                Button(
                    _("Zobacz na stronie"),
                    url=reverse("privacy_version", args=[instance.version]),
                    icon_name="view",
                    priority=5,
                )
            )
        elif self.request.user.has_perm(CHANGE_NOTICE):
            buttons.append(
                Button(
                    _("Opublikuj"),
                    url=reverse(f"{NOTICE_URLS}:publish", args=[quote(instance.pk)]),
                    icon_name="upload",
                    priority=5,
                )
            )
        return buttons


@require_http_methods(["GET", "POST"])
def publish(request, pk):
    """Confirm, then publish a draft: everyone signed in is asked to read it again."""
    if not request.user.has_perm(CHANGE_NOTICE):
        raise PermissionDenied
    notice = get_object_or_404(PrivacyNotice, pk=pk)
    if notice.is_published:
        return _refuse_published(request, notice)
    if request.method == "POST":
        try:
            notice = services.publish_privacy_notice(notice=notice, by=request.user)
        except services.NotDraft:
            return _refuse_published(request, PrivacyNotice.objects.get(pk=pk))
        messages.success(
            request,
            _(
                "Opublikowano wersję %(version)s informacji o przetwarzaniu danych. Każda "
                "zalogowana osoba zobaczy ją przy następnym otwarciu strony."
            )
            % {"version": notice.version},
        )
        return redirect(f"{NOTICE_URLS}:list")
    current = selectors.current_privacy_notice()
    return TemplateResponse(
        request,
        "legal/admin/privacy_publish.html",
        {
            "notice": notice,
            "next_version": (current.version if current else 0) + 1,
            "current": current,
        },
    )


class PrivacyNoticeViewSet(NoChooserMixin, snippets.SnippetViewSet):
    model = PrivacyNotice
    icon = "lock"
    menu_label = gettext_lazy("Informacja RODO")
    menu_order = 610
    add_to_settings_menu = True
    index_view_class = NoticeIndexView
    edit_view_class = NoticeEditView
    delete_view_class = NoticeDeleteView
    list_display = [
        "__str__",
        Column("version", label=gettext_lazy("Wersja"), sort_key="version"),
        DateColumn("published_at", label=gettext_lazy("Opublikowano"), sort_key="published_at"),
        DateColumn("updated_at", label=gettext_lazy("Zmieniono"), sort_key="updated_at"),
    ]
    ordering = [PrivacyNotice._meta.ordering[0]]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", publish, name="publish"),
        ]


class AccessibilityStatementViewSet(NoChooserMixin, snippets.SnippetViewSet):
    model = AccessibilityStatement
    icon = "view"
    menu_label = gettext_lazy("Deklaracje dostępności")
    menu_order = 600
    add_to_settings_menu = True
    list_display = [
        "__str__",
        Column("status", label=gettext_lazy("Stan"), accessor="get_status_display"),
        DateColumn("reviewed_on", label=gettext_lazy("Ostatni przegląd"), sort_key="reviewed_on"),
        DateColumn("updated_at", label=gettext_lazy("Zmieniono"), sort_key="updated_at"),
    ]
    ordering = ["language"]


def today():
    """The local date (a function, so a test can set the day the dashboard is opened)."""
    return timezone.localdate()


class StatementReviewPanel(Component):
    """On the dashboard of administrators from 1 March: the statements still to be reviewed."""

    name = "statement_review"
    template_name = "legal/admin/review_panel.html"
    order = 40

    def __init__(self, due: list, day):
        self.due = due
        self.day = day

    def get_context_data(self, parent_context):
        deadline = selectors.review_deadline(self.day)
        return {
            "due": self.due,
            "deadline": deadline,
            "overdue": self.day > deadline,
            "url": reverse("wagtailsnippets_legal_accessibilitystatement:list"),
        }


def statement_review_panel(request) -> StatementReviewPanel | None:
    if not request.user.has_perm(CHANGE_STATEMENT):
        return None
    day = today()
    due = selectors.statements_due_review(today=day)
    return StatementReviewPanel(due, day) if due else None
