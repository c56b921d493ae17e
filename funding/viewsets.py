"""Projects and their participants in the Wagtail admin: administrators only (the participants'
data is never shown to coordinators or trainers, whatever permissions a group is given)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from funding.models import CHARACTERISTICS, Participant, Project
from lms.deletion import protected_records
from lms.users.roles import Role, is_administrator


def _is_administrator(user) -> bool:
    """`is_administrator`, cheaply: the admin menu asks on every page. Whoever lacks the models'
    permissions (Django caches them per request) is no administrator, without a query; the rest
    are checked once per request."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("funding.view_participant"):
        return False
    cached = getattr(user, "_funding_administrator", None)
    if cached is None:
        cached = user._funding_administrator = is_administrator(user)
    return cached


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Administrators (the role, and superusers) only; `refused` actions for nobody."""

    def __init__(self, model, *, refused=()):
        super().__init__(model)
        self.refused = set(refused)

    def user_has_permission(self, user, action):
        return action not in self.refused and _is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not set(actions) - self.refused:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR), is_active=True
            )
            .distinct()
        )


def _date(value) -> str:
    return date_format(value, "d.m.Y") if value else "—"


class ProjectDeleteView(generic.DeleteView):
    """A project with participants' data is kept until the data is deleted at the end of its
    archive period (or the participants are deleted one by one)."""

    def get(self, request, *args, **kwargs):
        if protected_records(self.object):
            return self.refuse()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            return self.refuse()

    def refuse(self):
        messages.error(
            self.request,
            gettext(
                "Nie można usunąć projektu „%(name)s”: są w nim dane uczestników. Zostają do "
                "końca okresu archiwizacji i wtedy są usuwane automatycznie."
            )
            % {"name": self.object.name},
        )
        return redirect(self.index_url_name)


class ProjectViewSet(ModelViewSet):
    model = Project
    icon = "folder-open-inverse"
    menu_label = _("Projekty")
    url_prefix = "projekty-ue/projekty"
    name = "funding_projects"
    delete_view_class = ProjectDeleteView
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "name",
        "code",
        Column("start_date", label=_("Początek"), accessor=lambda p: _date(p.start_date)),
        Column("end_date", label=_("Koniec"), accessor=lambda p: _date(p.end_date)),
        Column("participant_count", label=_("Uczestnicy"), sort_key="participant_count"),
        Column(
            "retain_until",
            label=_("Dane przechowywane do"),
            accessor=lambda p: _date(p.retain_until),
        ),
    ]
    search_fields = ["name", "code"]
    search_backend_name = None

    def get_queryset(self, request):
        return Project.objects.annotate(participant_count=Count("participants"))


class ParticipantViewSet(ModelViewSet):
    """The declarations, for corrections on the person's request (RODO art. 16) or a deletion;
    nobody adds them here and there is no list export: the fund's export is the report
    "Uczestnicy projektu (eksport do SM EFS)"."""

    model = Participant
    icon = "group"
    menu_label = _("Uczestnicy")
    url_prefix = "projekty-ue/uczestnicy"
    name = "funding_participants"
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    list_display = [
        Column("user", label=_("Osoba"), accessor="user"),
        Column("project", label=_("Projekt"), accessor=lambda p: p.project.code),
        Column("unit", label=_("Jednostka"), accessor=lambda p: p.unit or "—"),
        Column(
            "started_at",
            label=_("Rozpoczęcie udziału"),
            accessor=lambda p: _date(p.started_at.date()),
            sort_key="started_at",
        ),
    ]
    list_filter = ["project"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    search_backend_name = None
    inspect_view_fields = [
        "project",
        "user",
        "unit",
        "started_at",
        *CHARACTERISTICS,
        "notice_version",
        "notice_confirmed_at",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel(name) for name in CHARACTERISTICS],
                heading=_("Dane na dzień rozpoczęcia udziału"),
            ),
            FieldPanel("unit"),
        ]
    )

    def get_queryset(self, request):
        return Participant.objects.select_related("user", "project", "unit")


class FundingMenu(ViewSetGroup):
    menu_label = _("Projekty UE")
    menu_icon = "folder-open-inverse"
    menu_order = 330
    items = (ProjectViewSet, ParticipantViewSet)
    # The reports (indicators, administrations, the participants' export) come from this hook.
    submenu_hook = "register_funding_menu_item"
