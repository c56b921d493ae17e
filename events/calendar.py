"""iCalendar (RFC 5545) for events, written with the `icalendar` library: the invitation attached
to e-mails, the `.ics` of one event, and a person's calendar feed.

Every event has one UID, so a calendar application updates (or, with a cancellation, removes) the
entry it already has instead of adding a second one. Times are written in Europe/Warsaw with
the VTIMEZONE the library derives from the zone database.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from events.models import EventPage

PRODID = "-//Centrum Kompetencji//Wydarzenia//PL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def absolute_url(page) -> str:
    """The page's public address (the site root when the page is not routable)."""
    parts = page.get_url_parts()
    return settings.SITE_URL + (parts[2] if parts else "/")


def event_uid(event: EventPage) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.pk}@{domain}"


def _component(event: EventPage, *, with_link: bool, cancelled: bool = False) -> Event:
    zone = timezone.get_default_timezone()
    url = absolute_url(event)
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", event.title)
    component.add("sequence", event.live_revision_id or 0)
    component.add("url", url)
    description = [event.summary, "", url]
    if event.is_online and with_link and event.online_url:
        component.add("location", event.online_url)
        description += ["", _("Link do spotkania: %(link)s") % {"link": event.online_url}]
    elif event.venue:
        component.add("location", event.venue)
    component.add("description", "\n".join(description))
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    component.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if not cancelled:
        alarm = Alarm()  # the day before, as the reminder e-mail
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.title)
        alarm.add("trigger", timedelta(days=-1))
        component.add_component(alarm)
    return component


def _calendar(components, *, method: str | None = None, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation(event: EventPage, *, cancelled: bool = False) -> str:
    """The event for one registered person (with the online link): METHOD:PUBLISH, or
    METHOD:CANCEL when their registration was cancelled."""
    component = _component(event, with_link=not cancelled, cancelled=cancelled)
    return _calendar([component], method="CANCEL" if cancelled else "PUBLISH").decode()


def feed(events, *, name: str) -> bytes:
    """A calendar of `events` (the person's registrations), links included."""
    return _calendar([_component(event, with_link=True) for event in events], name=name)
