from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from courses.permissions import forget_page_permissions
from events import reports, selectors, services
from events.models import EventIndexPage, EventPage, Registration
from lms.admin_menu import PermissionMenuItem
from lms.home.models import HOME_SECTIONS_HOOK
from lms.home.tree_cache import first_live_page_url
from lms.reports.views import VIEW_PERMISSION

# --- Authoring: trainers add events to the calendar; an event's trainers edit it ----------------


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sync_trainers(request, page):
    specific = page.specific
    if isinstance(specific, EventPage):
        services.sync_event_trainers(event=specific)
        forget_page_permissions(request.user)
    elif isinstance(specific, EventIndexPage):
        services.open_calendar_to_trainers(index=specific)


@hooks.register("after_copy_page")
def sync_trainers_of_copy(request, page, new_page):
    specific = new_page.specific
    if isinstance(specific, EventPage):
        services.sync_event_trainers(event=specific)
        forget_page_permissions(request.user)


class CheckInButton(PageMenuItem):
    """From the editor to the participants' list and the QR code of the check-in."""

    label = _("Lista obecności")
    icon_name = "tick"
    url_name = "events:check_in"

    def is_shown(self, user):
        return selectors.can_run_check_in(user=user, event=self.page.specific)


class RegistrationsButton(PageMenuItem):
    """From the editor to the registrations report, filtered by this event."""

    label = _("Zapisy")
    icon_name = "calendar-check"

    @property
    def url(self):
        return f"{reverse('events_registration_report')}?{urlencode({'event': self.page.pk})}"

    def is_shown(self, user):
        return user.has_perm(VIEW_PERMISSION)


@hooks.register("register_page_header_buttons")
def check_in_header_button(page, user, view_name, next_url=None):
    if page.specific_class is EventPage:
        yield CheckInButton(page=page, priority=40)
        yield RegistrationsButton(page=page, priority=41)


# --- The registrations report ---------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "raporty/zapisy-na-wydarzenia/",
            reports.RegistrationReportView.as_view(),
            name="events_registration_report",
        ),
        path(
            "raporty/zapisy-na-wydarzenia/wyniki/",
            reports.RegistrationReportView.as_view(results_only=True),
            name="events_registration_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_registration_report_menu_item():
    return PermissionMenuItem(
        _("Zapisy na wydarzenia"),
        reverse("events_registration_report"),
        name="event-registrations-report",
        icon_name="calendar-check",
        order=25,
        permission=VIEW_PERMISSION,
    )


# --- Platform-wide hooks (see lms.users.services and the load_demo command) -------------------


@hooks.register("lms_personal_data")
def event_registrations(user):
    registrations = Registration.objects.filter(user=user).select_related("event")
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.status,
                "registered_at": r.registered_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attended_at": r.attended_at.isoformat() if r.attended_at else None,
            }
            for r in registrations.order_by("registered_at")
        ]
    }


@hooks.register("lms_anonymise_user")
def forget_participant(user):
    services.forget_participant(user=user)


@hooks.register("lms_load_demo")
def load_demo_events(stdout=None):
    from events.demo import load_demo_events as load

    load(stdout=stdout)


@hooks.register("lms_funding_support")
def attended_events(project):
    """EU-fund monitoring: an attended event the project finances is completed support. Its hours
    are the certificate's (the linked course's), else the event's own length."""
    from funding.selectors import SupportRecord, financed_page_q

    rows = Registration.objects.filter(
        financed_page_q(project, "event__"),
        attended_at__date__gte=project.start_date,
        attended_at__date__lte=project.end_date,
    ).values_list(
        "user_id",
        "event__course__duration_hours",
        "event__starts_at",
        "event__ends_at",
        "attended_at",
    )
    return [
        SupportRecord(
            user_id,
            Decimal(course_hours)
            if course_hours is not None
            else Decimal((ends - starts).total_seconds() / 3600).quantize(Decimal("0.1")),
            attended_at,
        )
        for user_id, course_hours, starts, ends, attended_at in rows
    ]


@hooks.register("lms_search_register")
def search_pages():
    """Events are found by the site search (lms.search) too."""
    return [EventPage]


@hooks.register(HOME_SECTIONS_HOOK, order=20)
def home_upcoming_events(request):
    """The front page's "Najbliższe wydarzenia": the next three, and the way to the calendar."""
    calendar = first_live_page_url(EventIndexPage)
    if not calendar:
        return ""
    return render_to_string(
        "events/includes/home_upcoming.html",
        {"events": selectors.upcoming(), "calendar": calendar},
        request=request,
    )
