"""Views of events: the event page, registration, the personal calendar and the check-in at the
venue. Thin: the rules live in `services` (writes) and `selectors` (reads)."""

import time
from http import HTTPStatus

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import calendar, check_in, selectors, services
from events.models import CalendarFeed, EventPage, Registration
from lms.ratelimit import rate_limit
from lms.registration import registration_gate

CHECK_IN_SESSION_KEY = "events_check_in"
# Calendar applications poll a feed every few minutes at most.
FEED_REQUESTS_PER_MINUTE = 60


def _live_event(page_id) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=page_id)


def event_page(request, event):
    status = selectors.event_status(event=event, user=request.user)
    context = {
        "page": event,
        "self": event,
        "status": status,
        "show_link": selectors.may_see_link(event=event, user=request.user, status=status),
    }
    return TemplateResponse(request, "events/event_page.html", context)


# --- Registration -----------------------------------------------------------------------------------


@require_POST
@login_required
def register(request, page_id):
    event = _live_event(page_id)
    gate = registration_gate(request, event)
    if gate is not None:
        return gate
    try:
        registration = services.register(event=event, user=request.user)
    except services.RegistrationError as error:
        messages.error(request, str(error))
        return redirect(event.url)
    if registration.is_confirmed:
        messages.success(
            request,
            _(
                "Zapisano Cię na wydarzenie. Potwierdzenie z zaproszeniem do kalendarza wysłaliśmy e-mailem."
            ),
        )
    else:
        messages.info(
            request,
            _(
                "Wszystkie miejsca są zajęte: jesteś na liście rezerwowej (pozycja %(position)d). "
                "Gdy zwolni się miejsce, zapiszemy Cię automatycznie i powiadomimy e-mailem."
            )
            % {"position": services.waiting_position(registration)},
        )
    return redirect(event.url)


@require_POST
@login_required
def cancel(request, page_id):
    event = _live_event(page_id)
    registration = Registration.objects.active().filter(event=event, user=request.user).first()
    if registration is None:
        messages.info(request, _("Nie jesteś zapisany(-a) na to wydarzenie."))
        return redirect(event.url)
    try:
        services.cancel(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Twoje zgłoszenie zostało anulowane."))
    return redirect(reverse("events:mine") if request.POST.get("next") == "mine" else event.url)


@require_http_methods(["GET", "POST"])
@login_required
def register_staff(request, page_id):
    """A coordinator registers people of their units, or cancels their registrations."""
    event = _live_event(page_id)
    if not selectors.can_register_staff(user=request.user):
        raise PermissionDenied
    query = request.GET.get("q", "")
    if request.method == "POST":
        people = selectors.chosen_staff(
            coordinator=request.user, ids=request.POST.getlist("people")
        )
        try:
            if request.POST.get("action") == "cancel":
                _cancel_staff(request, event, people)
            else:
                _register_staff(request, event, people)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        return redirect(request.get_full_path())
    status = selectors.event_status(event=event, user=request.user)
    context = {
        "page": event,
        "event": event,
        "status": status,
        "people": selectors.staff(coordinator=request.user, event=event, query=query),
        "query": query,
        "limit": selectors.MAX_STAFF_LISTED,
    }
    return TemplateResponse(request, "events/register_staff.html", context)


def _register_staff(request, event, people):
    if not people:
        messages.error(request, _("Zaznacz co najmniej jedną osobę."))
        return
    counts = services.register_staff(event=event, people=people, by=request.user)
    messages.success(
        request,
        _(
            "Zapisano: %(confirmed)d, na liście rezerwowej: %(waiting)d, "
            "już zgłoszonych wcześniej: %(unchanged)d."
        )
        % counts,
    )


def _cancel_staff(request, event, people):
    registrations = list(Registration.objects.active().filter(event=event, user__in=people))
    if not registrations:
        messages.error(request, _("Zaznacz co najmniej jedną zgłoszoną osobę."))
        return
    for registration in registrations:
        services.cancel(registration=registration)
    messages.success(request, _("Anulowano zgłoszenia: %(count)d.") % {"count": len(registrations)})


# --- Calendars --------------------------------------------------------------------------------------


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def event_ics(request, page_id):
    """The event for a person with a place on it (the online link included)."""
    event = _live_event(page_id)
    if not Registration.objects.confirmed().filter(event=event, user=request.user).exists():
        raise Http404
    return _ics_response(calendar.invitation(event).encode(), f"wydarzenie-{event.pk}.ics")


@require_http_methods(["GET", "POST"])
@login_required
def my_events(request):
    """The person's registrations and their secret calendar address (renewable)."""
    if request.method == "POST":
        services.renew_calendar_feed(user=request.user)
        messages.success(
            request,
            _("Utworzono nowy adres kalendarza. Poprzedni adres przestał działać."),
        )
        return redirect("events:mine")
    feed = services.calendar_feed(user=request.user)
    context = {
        **selectors.my_registrations(user=request.user),
        "feed_url": request.build_absolute_uri(
            reverse("events:feed", kwargs={"token": feed.token})
        ),
    }
    return TemplateResponse(request, "events/my_events.html", context)


@require_GET
@rate_limit("events-feed", per_minute=lambda: FEED_REQUESTS_PER_MINUTE)
def feed(request, token):
    """A person's registrations as an iCalendar feed, for calendar applications (no session:
    the secret address is the key)."""
    found = CalendarFeed.objects.select_related("user").filter(token=token[:64]).first()
    if found is None or not found.user.is_active:
        raise Http404
    data = calendar.feed(
        selectors.feed_events(user=found.user), name=_("Centrum Kompetencji – moje wydarzenia")
    )
    response = HttpResponse(data, content_type=calendar.CONTENT_TYPE)
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- Check-in at the venue --------------------------------------------------------------------------


def _trainer_event(request, page_id) -> EventPage:
    event = get_object_or_404(EventPage, pk=page_id)
    if not selectors.can_run_check_in(user=request.user, event=event):
        raise PermissionDenied
    return event


def _qr(event: EventPage, request) -> dict:
    token = check_in.make_token(event_id=event.pk)
    url = request.build_absolute_uri(
        reverse("events:scan", kwargs={"page_id": event.pk, "token": token})
    )
    svg = segno.make(url, error="m").svg_inline(
        scale=6, border=2, title=_("Kod QR do potwierdzenia obecności")
    )
    return {"svg": svg, "url": url, "rotate_seconds": check_in.ROTATE_SECONDS}


@never_cache
@require_GET
@login_required
def check_in_screen(request, page_id):
    """The trainer's phone at the venue: the rotating QR code and the list of participants."""
    event = _trainer_event(request, page_id)
    context = {
        "page": event,
        "event": event,
        "open": services.check_in_is_open(event),
        "participants": selectors.participants(event=event),
    }
    if context["open"]:
        context["qr"] = _qr(event, request)
    return TemplateResponse(request, "events/check_in.html", context)


@never_cache
@require_GET
@login_required
def check_in_code(request, page_id):
    """A fresh QR code for the trainer's screen (its script asks every `ROTATE_SECONDS`)."""
    event = _trainer_event(request, page_id)
    if not services.check_in_is_open(event):
        return JsonResponse({"open": False})
    qr = _qr(event, request)
    return JsonResponse({"open": True, "svg": qr["svg"], "rotate_seconds": qr["rotate_seconds"]})


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@never_cache
@require_POST
@login_required
def mark(request, page_id):
    """The trainer ticks (or unticks) a participant. Answers JSON to the screen's script (which
    retries a request that failed), or goes back to the list without it."""
    event = _trainer_event(request, page_id)
    registration_id = request.POST.get("registration", "")
    registration = (
        Registration.objects.confirmed()
        .filter(event=event, pk=int(registration_id) if registration_id.isdigit() else None)
        .select_related("user")
        .first()
    )
    if registration is None:
        error = _("Tej osoby nie ma na liście uczestników.")
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": error}, status=HTTPStatus.BAD_REQUEST)
        messages.error(request, error)
        return redirect("events:check_in", page_id=event.pk)
    present = request.POST.get("present") == "1"
    try:
        if present:
            services.confirm_attendance(
                event=event,
                user=registration.user,
                method=Registration.CheckIn.LIST,
                by=request.user,
            )
        else:
            services.withdraw_attendance(registration=registration)
    except services.RegistrationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": str(error)}, status=HTTPStatus.CONFLICT)
        messages.error(request, str(error))
        return redirect("events:check_in", page_id=event.pk)
    if _wants_json(request):
        return JsonResponse({"ok": True, "present": present})
    messages.success(
        request,
        (_("Potwierdzono obecność: %(name)s.") if present else _("Cofnięto obecność: %(name)s."))
        % {"name": registration.user},
    )
    return redirect("events:check_in", page_id=event.pk)


REFUSALS = {
    "expired": _(
        "Ten kod QR wygasł. Kod na ekranie prowadzącego zmienia się co 30 sekund – zeskanuj "
        "go jeszcze raz."
    ),
    "invalid": _(
        "Ten kod QR jest nieprawidłowy. Zeskanuj kod z ekranu osoby prowadzącej wydarzenie."
    ),
    "closed": _("Potwierdzanie obecności na tym wydarzeniu jest teraz zamknięte."),
}


@never_cache
@require_GET
def scan(request, page_id, token):
    """What the participant's phone opens from the QR code: a valid code lets this browser
    confirm presence for a few minutes (the time to sign in), see `check_in`."""
    event = get_object_or_404(EventPage.objects.live(), pk=page_id)
    try:
        check_in.read_token(event_id=event.pk, token=token)
    except check_in.TokenRefused as refused:
        return _refused(request, event, refused.reason)
    if not services.check_in_is_open(event):
        return _refused(request, event, "closed")
    request.session[CHECK_IN_SESSION_KEY] = {
        "event": event.pk,
        "until": time.time() + check_in.GRANT_SECONDS,
    }
    return redirect("events:confirm", page_id=event.pk)


def _refused(request, event, reason: str):
    context = {"page": event, "event": event, "reason": str(REFUSALS[reason])}
    return TemplateResponse(
        request, "events/check_in_refused.html", context, status=HTTPStatus.BAD_REQUEST
    )


def _granted(request, event) -> bool:
    grant = request.session.get(CHECK_IN_SESSION_KEY) or {}
    return grant.get("event") == event.pk and grant.get("until", 0) >= time.time()


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def confirm(request, page_id):
    """The participant confirms their own presence after scanning the code."""
    event = get_object_or_404(EventPage.objects.live(), pk=page_id)
    granted = _granted(request, event)
    if request.method == "POST":
        if not granted:
            return _refused(request, event, "expired")
        try:
            services.confirm_attendance(
                event=event, user=request.user, method=Registration.CheckIn.QR
            )
        except services.RegistrationError as error:
            messages.error(request, str(error))
        else:
            request.session.pop(CHECK_IN_SESSION_KEY, None)
            messages.success(request, _("Dziękujemy! Twoja obecność została potwierdzona."))
        return redirect(event.url)
    context = {
        "page": event,
        "event": event,
        "granted": granted,
        "registration": Registration.objects.active()
        .filter(event=event, user=request.user)
        .first(),
    }
    return TemplateResponse(request, "events/check_in_confirm.html", context)
