"""Certificates in the Wagtail admin: the list of certificates (detail page, retry, revoke,
reissue, ZIP export), templates with Wagtail's PDF preview, and in-person events with their
attendance lists. Registered in `wagtail_hooks`; the action views are in `admin_views`."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets

from certificates import admin_views, services
from certificates.admin_forms import CertificateTemplateForm, TrainingEventForm
from certificates.admin_views import can_manage_certificates
from certificates.models import Certificate, CertificateTemplate, TrainingEvent
from courses.models import CoursePage
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin
from lms.users.choosers import PersonChooserViewSet, person_label

EVENT_PERMISSIONS = ("certificates.add_trainingevent", "certificates.change_trainingevent")


def _date(moment) -> str:
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "d.m.Y")


# --- Certificates -------------------------------------------------------------------------------


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are created and changed by the services only: nobody adds, edits or deletes
    them in the admin. Viewing needs `view_certificate` (rows are then scoped to the person)."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


def _years():
    years = Certificate.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Certificate.Status.choices,
        empty_label=_("Wszystkie"),
        widget=forms.RadioSelect,
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Kurs"), queryset=CoursePage.objects.order_by("title"), empty_label=_("Wszystkie")
    )
    year = django_filters.ChoiceFilter(label=_("Rok"), choices=_years, empty_label=_("Wszystkie"))

    class Meta:
        model = Certificate
        fields = ["status", "course", "year"]


class CertificateIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return Certificate.objects.visible_to(self.request.user).defer("credential")

    def search_queryset(self, queryset):
        """Number, name or code; a code matches however it was typed (case, dashes, O for 0)."""
        if not self.is_searching:
            return queryset
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": self.search_query})
        if code := services.normalise_code(self.search_query):
            query |= Q(verification_code=code)
        return queryset.filter(query)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only and can_manage_certificates(self.request.user):
            context["failed_count"] = (
                self.get_base_queryset().filter(status=Certificate.Status.FAILED).count()
            )
            context["failed_url"] = f"{self.index_url}?status={Certificate.Status.FAILED}"
        return context


class CertificateInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        certificates = Certificate.objects.visible_to(self.request.user).select_related(
            "user", "course", "template", "revoked_by"
        )
        return get_object_or_404(certificates, pk=unquote(str(self.pk)))

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    def get_user_display_value(self):
        return person_label(self.object.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        context.update(
            {
                "certificate": certificate,
                "files": list(certificate.files.all()),
                "verify_url": reverse("certificates:verify", args=[certificate.verification_code]),
                "pdf_url": (
                    reverse("certificates:download", args=[certificate.pk])
                    if certificate.pdf
                    else ""
                ),
                "can_manage": can_manage_certificates(self.request.user),
                "Status": Certificate.Status,
            }
        )
        return context


class CertificateURLFinder(ModelAdminURLFinder):
    def get_edit_url(self, instance):
        if self.user and not self.user.has_perm("certificates.view_certificate"):
            return None
        return self.construct_edit_url(instance)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates_admin"
    url_prefix = "zaswiadczenia"
    icon = "doc-full"
    menu_label = _("Lista zaświadczeń")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    index_template_name = "certificates/admin/certificate_index.html"
    inspect_template_name = "certificates/admin/certificate_inspect.html"
    filterset_class = CertificateFilterSet
    search_fields = ["number", "holder_name", "verification_code"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "number",
        Column("holder_name", label=_("Imię i nazwisko"), sort_key="holder_name"),
        Column("course_title", label=_("Kurs"), sort_key="course_title"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda certificate: certificate.status == Certificate.Status.ISSUED,
        ),
        Column(
            "issued_at",
            label=_("Wystawiono"),
            sort_key="issued_at",
            accessor=lambda certificate: _date(certificate.issued_at),
        ),
        Column(
            "expires_at",
            label=_("Ważne do"),
            sort_key="expires_at",
            accessor=lambda certificate: _date(certificate.expires_at),
        ),
    ]
    inspect_view_fields = [
        "number",
        "verification_code",
        "status",
        "holder_name",
        "user",
        "course_title",
        "hours",
        "place",
        "completed_at",
        "issued_at",
        "expires_at",
        "version",
        "created_at",
        "attempts",
        "emailed_at",
    ]
    list_export = [
        "number",
        "holder_name",
        "course_title",
        "hours",
        "place",
        "get_status_display",
        "completed_at",
        "issued_at",
        "expires_at",
        "verification_code",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "zaswiadczenia"

    @property
    def url_finder_class(self):
        # "Edit this certificate" links elsewhere in the admin lead to its detail page.
        return type(
            "CertificateURLFinder",
            (CertificateURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        # In the group editor: who may see certificates and who may revoke them; nothing else
        # applies, as nobody edits a certificate by hand.
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["view_certificate", "revoke_certificate"])
        )

    def get_urlpatterns(self):
        # A list and a detail page; no add, edit, delete or copy views.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/ponow/", admin_views.retry, name="retry"),
            path("<int:pk>/uniewaznij/", admin_views.revoke, name="revoke"),
            path("<int:pk>/wystaw-ponownie/", admin_views.reissue, name="reissue"),
            path(
                "<int:pk>/wersja/<int:version>/",
                admin_views.previous_version,
                name="previous_version",
            ),
            path("zip/", admin_views.zip_export, name="zip"),
        ]


# --- Templates ----------------------------------------------------------------------------------


class OneDefaultTemplateMixin:
    """Marking a template as the default unmarks the previous one, in the same transaction as
    the save (the views run `save_instance` atomically), instead of breaking the constraint."""

    def save_instance(self):
        if self.form.instance.is_default:
            CertificateTemplate.objects.filter(is_default=True).exclude(
                pk=self.form.instance.pk
            ).update(is_default=False)
        return super().save_instance()


class TemplateCreateView(OneDefaultTemplateMixin, snippets.CreateView):
    pass


class TemplateCopyView(OneDefaultTemplateMixin, snippets.CopyView):
    pass


class TemplateEditView(OneDefaultTemplateMixin, snippets.EditView):
    pass


class CertificateTemplateViewSet(snippets.SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Szablony zaświadczeń")
    add_view_class = TemplateCreateView
    copy_view_class = TemplateCopyView
    edit_view_class = TemplateEditView
    list_display = [
        "name",
        "heading",
        "orientation",
        BooleanColumn("is_default", label=_("Domyślny"), sort_key="is_default"),
    ]
    search_fields = ["name", "heading"]
    search_backend_name = None
    edit_handler = ObjectList(CertificateTemplate.panels, base_form_class=CertificateTemplateForm)


# --- In-person events ---------------------------------------------------------------------------


person_chooser_viewset = PersonChooserViewSet(
    "event_person_chooser", url_prefix="osoby-wybor", required_permissions=EVENT_PERMISSIONS
)


class EventSaveMixin:
    """After saving, everyone marked present gets a certificate (once the event has passed)."""

    queued = 0

    def save_instance(self):
        instance = super().save_instance()
        self.queued = services.issue_for_event(instance)
        return instance

    def certificates_message(self, event) -> str:
        if self.queued:
            return ngettext(
                "Zlecono wystawienie %(count)d zaświadczenia.",
                "Zlecono wystawienie %(count)d zaświadczeń.",
                self.queued,
            ) % {"count": self.queued}
        if event.date > timezone.localdate():
            return gettext(
                "Zaświadczenia dla obecnych zostaną wystawione automatycznie po dacie szkolenia."
            )
        return gettext("Nie zlecono nowych zaświadczeń.")


class EventCreateView(EventSaveMixin, snippets.CreateView):
    def get_success_message(self, instance):
        return f"{super().get_success_message(instance)} {self.certificates_message(instance)}"


class EventEditView(EventSaveMixin, snippets.EditView):
    def get_success_message(self):
        return f"{super().get_success_message()} {self.certificates_message(self.object)}"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("change"):
            buttons.append(attendance_upload_button(self.object, priority=5))
        return buttons


def attendance_upload_button(event, priority=50):
    return Button(
        _("Wczytaj listę obecności (CSV lub XLSX)"),
        url=reverse(TrainingEventViewSet.upload_url_name, args=[quote(event.pk)]),
        icon_name="upload",
        priority=priority,
    )


class EventDeleteView(snippets.DeleteView):
    """An event whose attendance list gave certificates is kept (they point to it)."""

    def _refuse_if_certificates(self):
        count = Certificate.objects.filter(attendance__event=self.object).count()
        if not count:
            return None
        messages.error(
            self.request,
            gettext(
                "Nie można usunąć szkolenia „%(event)s”: na jego podstawie wystawiono "
                "zaświadczenia (%(count)d). Jeśli szkolenie się nie odbyło, unieważnij je na "
                "liście zaświadczeń."
            )
            % {"event": self.object, "count": count},
        )
        return redirect(self.edit_url_name, quote(self.object.pk))

    def get(self, request, *args, **kwargs):
        return self._refuse_if_certificates() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_certificates() or super().post(request, *args, **kwargs)


class EventIndexView(snippets.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(attendance_upload_button(instance))
        return buttons


class TrainingEventViewSet(snippets.SnippetViewSet):
    model = TrainingEvent
    icon = "calendar"
    menu_label = _("Szkolenia stacjonarne")
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    delete_view_class = EventDeleteView
    copy_view_enabled = False
    upload_url_name = "wagtailsnippets_certificates_trainingevent:attendance_upload"
    list_display = [
        Column("course", label=_("Kurs"), accessor="course.title"),
        Column(
            "date",
            label=_("Data"),
            sort_key="date",
            accessor=lambda event: date_format(event.date, "d.m.Y"),
        ),
        Column("place", label=_("Miejsce"), sort_key="place"),
        Column("present_count", label=_("Obecni"), sort_key="present_count"),
    ]
    list_filter = ["course"]
    search_fields = ["place", "course__title", "trainer_name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldRowPanel([FieldPanel("date"), FieldPanel("place")]),
            MultiFieldPanel(
                [
                    FieldPanel("trainer", widget=person_chooser_viewset.widget_class),
                    FieldPanel("trainer_name"),
                ],
                heading=_("Trener"),
            ),
            InlinePanel(
                "attendances",
                heading=_("Lista obecności"),
                label=_("uczestnik"),
                panels=[
                    FieldRowPanel(
                        [
                            FieldPanel("user", widget=person_chooser_viewset.widget_class),
                            FieldPanel("present"),
                        ]
                    )
                ],
            ),
        ],
        base_form_class=TrainingEventForm,
    )

    def get_queryset(self, request):
        return TrainingEvent.objects.select_related("course").annotate(
            present_count=Count("attendances", filter=Q(attendances__present=True))
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "attendance/<int:pk>/",
                admin_views.upload_attendance,
                name="attendance_upload",
            ),
        ]


class CertificatesMenu(ViewSetGroup):
    menu_label = _("Zaświadczenia")
    menu_icon = "doc-full"
    menu_order = 320
    items = (CertificateViewSet, CertificateTemplateViewSet, TrainingEventViewSet)
    # Further entries (the ZIP export) come from menu items registered under this hook.
    submenu_hook = "register_certificates_menu_item"
