from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from funding import reports, selectors
from funding.models import CHARACTERISTICS, Participant, Project
from funding.views import ask_for_participant_data
from funding.viewsets import AdministratorsOnlyPolicy, FundingMenu
from lms.registration import REGISTRATION_GATE_HOOK

# Administrators only, whatever model permissions a group holds (before any view asks).
register_permission_policy(Project, AdministratorsOnlyPolicy(Project))
register_permission_policy(Participant, AdministratorsOnlyPolicy(Participant, refused={"add"}))

# "Projekty UE": projects, participants and (through `register_funding_menu_item`) the reports.
register_snippet(FundingMenu)

hooks.register(REGISTRATION_GATE_HOOK, ask_for_participant_data)


@hooks.register("lms_funding_marks")
def funding_marks_for_documents(page, on=None):
    """For certificates: the marks of the project financing `page` (on the completion date) as
    {"project": "name (code)", "marks": [{"file": storage name, "alt": text}]}, or None."""
    found = selectors.marks_for(page, on=on)
    if found is None:
        return None
    return {
        "project": str(found["project"]),
        "marks": [{"file": mark.image.file.name, "alt": mark.alt_text} for mark in found["marks"]],
    }


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = []
    for route, view, name in (
        ("wskazniki", reports.IndicatorReportView, "funding_indicators"),
        ("podmioty", reports.AdministrationReportView, "funding_administrations"),
        ("eksport-uczestnikow", reports.ParticipantExportView, "funding_participant_export"),
    ):
        urls.append(path(f"projekty-ue/raporty/{route}/", view.as_view(), name=name))
        urls.append(
            path(
                f"projekty-ue/raporty/{route}/wyniki/",
                view.as_view(results_only=True),
                name=f"{name}_results",
            )
        )
    return urls


@hooks.register("register_funding_menu_item")
def indicators_menu_item():
    return reports.MenuItemForAdministrators(
        _("Wskaźniki uczestników"), reverse("funding_indicators"), icon_name="table", order=300
    )


@hooks.register("register_funding_menu_item")
def administrations_menu_item():
    return reports.MenuItemForAdministrators(
        _("Podmioty objęte wsparciem"),
        reverse("funding_administrations"),
        icon_name="site",
        order=310,
    )


@hooks.register("register_funding_menu_item")
def participant_export_menu_item():
    return reports.MenuItemForAdministrators(
        _("Eksport do SM EFS"),
        reverse("funding_participant_export"),
        icon_name="download",
        order=320,
    )


@hooks.register("lms_personal_data")
def participant_data_of(user):
    """The person's own declarations (RODO art. 15): in their own data download only."""
    return {
        "eu_project_participation": [
            {
                "project": p.project.code,
                "started_at": p.started_at.isoformat(),
                **{field: getattr(p, field) for field in CHARACTERISTICS},
            }
            for p in Participant.objects.filter(user=user).select_related("project")
        ]
    }


@hooks.register("lms_load_demo")
def load_demo_project(stdout=None):
    from funding.demo import load_demo_project as load

    load(stdout=stdout)
