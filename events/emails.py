"""The e-mails of events that administrators may reword (Settings → Szablony e-maili).

One editable kind per notice: a confirmed place, the waiting list, a place from the waiting list,
a cancellation, the reminder the day before. `services._notify` renders the kind it sends; while
no active template of that kind exists, the shared file templates `templates/emails/event_notice_*`
are sent (they tell the notices apart by `kind` in the context). Registered from
`EventsConfig.ready()`: `lms.notifications` knows no training app.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lms.notifications.kinds import Kind, register_kind

FILES = "event_notice"

# The notices `services._notify` sends, and the kind an administrator words for each.
REGISTERED = "registered"
WAITING = "waiting"
PROMOTED = "promoted"
CANCELLED = "cancelled"
REMINDER = "reminder"

# Notices to people with a place: they get the online link, the cancellation deadline and the
# `.ics` invitation.
WITH_PLACE = frozenset({REGISTERED, PROMOTED, REMINDER})


def template_name(notice: str) -> str:
    """The name `lms.mail.email_renderer` looks an administrator's wording up by."""
    return f"event_{notice}"


def when(event) -> str:
    """ "środa, 17 czerwca 2026, 10:00 – 14:00"; the end's day too when it is another day."""
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    end_format = "H:i" if ends.date() == starts.date() else "l, j E Y, H:i"
    return f"{date_format(starts, 'l, j E Y, H:i')} – {date_format(ends, end_format)}"


def _values(context: dict) -> dict:
    """The placeholders' texts from `services._notify`'s context."""
    event = context["event"]
    with_place = context["kind"] in WITH_PLACE
    closes = event.cancellation_closes_at
    can_cancel = with_place and closes is not None and timezone.now() < closes
    return {
        "name": context["user"].get_short_name(),
        "event": event.title,
        "date": when(event),
        "place": event.place,
        "online_link": event.online_url if with_place else "",
        "cancel_until": date_format(timezone.localtime(closes), "j E Y, H:i") if can_cancel else "",
        "position": str(context.get("position") or ""),
        "link": context["event_url"],
        "my_events": context["mine_url"],
    }


NAME = _("imię odbiorcy")
EVENT = _("tytuł wydarzenia")
DATE = _("dzień i godziny wydarzenia, np. „środa, 17 czerwca 2026, 10:00 – 14:00”")
PLACE = _("miejsce (nazwa i adres albo „online”)")
ONLINE_LINK = _("link do spotkania online (puste, gdy wydarzenie go nie ma)")
CANCEL_UNTIL = _("do kiedy można zrezygnować (puste, gdy termin rezygnacji minął)")
POSITION = _("pozycja odbiorcy na liście rezerwowej")
LINK = _("odnośnik do strony wydarzenia")
MY_EVENTS = _("odnośnik do listy „Moje wydarzenia” odbiorcy")


def _placeholders(notice: str) -> dict:
    placeholders = {"name": NAME, "event": EVENT, "date": DATE, "place": PLACE}
    if notice in WITH_PLACE:
        placeholders |= {"online_link": ONLINE_LINK, "cancel_until": CANCEL_UNTIL}
    if notice == WAITING:
        placeholders["position"] = POSITION
    return placeholders | {"link": LINK, "my_events": MY_EVENTS}


SAMPLE = {
    "name": "Anna",
    "event": "Warsztaty: legalizacja pobytu w praktyce",
    "date": "środa, 17 czerwca 2026, 10:00 – 14:00",
    "place": "Starostwo Powiatowe w Kartuzach, ul. Dworcowa 1, sala 12",
    "online_link": "https://spotkania.example/warsztaty-legalizacja",
    "cancel_until": "16 czerwca 2026, 10:00",
    "position": "3",
    "link": "/wydarzenia/warsztaty-legalizacja-pobytu/",
    "my_events": "/moje-wydarzenia/",
}

# The parts of the default texts the notices share (from the file templates).
GREETING = _("Dzień dobry, {name}!")
DETAILS = _("Termin: {date}\nMiejsce: {place}")
DETAILS_WITH_PLACE = _(
    "Termin: {date}\n"
    "Miejsce: {place}\n"
    "Link do spotkania: {online_link}\n\n"
    "Jeśli nie możesz przyjść, zrezygnuj do {cancel_until} – zwolnisz miejsce dla osoby z listy "
    "rezerwowej.\n"
    "W załączniku jest zaproszenie do kalendarza (plik .ics)."
)
LINKS = _("Strona wydarzenia:\n{link}\n\nTwoje wydarzenia:\n{my_events}")

NOTICES = {
    REGISTERED: (
        _("Wydarzenie: potwierdzenie zapisu"),
        _("Potwierdzenie zapisu: {event}"),
        _("Zapisaliśmy Cię na wydarzenie „{event}”."),
    ),
    WAITING: (
        _("Wydarzenie: lista rezerwowa"),
        _("Lista rezerwowa: {event}"),
        _(
            "Wszystkie miejsca na wydarzenie „{event}” są zajęte. Jesteś na liście rezerwowej "
            "(pozycja {position}). Gdy zwolni się miejsce, zapiszemy Cię automatycznie i napiszemy "
            "do Ciebie."
        ),
    ),
    PROMOTED: (
        _("Wydarzenie: miejsce z listy rezerwowej"),
        _("Zwolniło się miejsce – jesteś zapisany(-a): {event}"),
        _("Zwolniło się miejsce: zapisaliśmy Cię z listy rezerwowej na wydarzenie „{event}”."),
    ),
    CANCELLED: (
        _("Wydarzenie: rezygnacja przyjęta"),
        _("Rezygnacja przyjęta: {event}"),
        _("Anulowaliśmy Twoje zgłoszenie na wydarzenie „{event}”."),
    ),
    REMINDER: (
        _("Wydarzenie: przypomnienie dzień przed"),
        _("Jutro: {event}"),
        _("Przypominamy: jutro wydarzenie „{event}”."),
    ),
}


def _kind(notice: str) -> Kind:
    label, subject, opening = NOTICES[notice]
    details = DETAILS_WITH_PLACE if notice in WITH_PLACE else DETAILS
    placeholders = _placeholders(notice)
    return Kind(
        label=label,
        placeholders=placeholders,
        values=_values,
        sample={name: value for name, value in SAMPLE.items() if name in placeholders},
        default_subject=subject,
        default_body=format_lazy("{}\n\n{}\n\n{}\n\n{}", GREETING, opening, details, LINKS),
        optional=frozenset({"online_link", "cancel_until"} & placeholders.keys()),
    )


def register_kinds() -> None:
    for notice in NOTICES:
        register_kind(template_name(notice), _kind(notice))
