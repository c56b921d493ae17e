"""The e-mails administrators may reword: their placeholders, default texts and sample values.

Each kind is also a file template in `templates/emails/` (what is sent while no active
`EmailTemplate` exists; see `lms.mail.email_renderer`). `values` turns the context the sender
passes to `lms.mail.render_email` into the placeholders' texts, so senders need not know whether a
file or an administrator's text is used.

The kinds form a registry. The platform's own (invitation, courses, certificates) are registered
below; a training app registers its e-mails with `register_kind` from its `AppConfig.ready()`, so
this package never imports the apps (see `.importlinter`). A new kind also needs a data migration
in its app creating its switched-off template (`create_default_templates`), so administrators
find it on the list ready to edit.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


class EmailKind(models.TextChoices):
    INVITATION = "invitation", _("Zaproszenie na platformę")
    COURSE_ASSIGNED = "course_assigned", _("Przypisanie szkolenia")
    COURSE_REMINDER = "course_reminder", _("Przypomnienie o nieukończonym szkoleniu")
    CERTIFICATE_ISSUED = "certificate_issued", _("Wystawienie zaświadczenia")
    CERTIFICATE_EXPIRING = "certificate_expiring", _("Zaświadczenie wkrótce straci ważność")


def format_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j E Y")


@dataclass(frozen=True)
class Kind:
    """One kind of e-mail: what its placeholders mean and how the sender's context fills them."""

    label: str  # the kind's name on the administrators' list
    placeholders: dict  # name -> description, in the order shown to administrators
    values: Callable[[dict], dict]
    sample: dict
    default_subject: str
    default_body: str
    # Placeholders that may be empty (no deadline...): a line using an empty one is left out.
    optional: frozenset = field(default_factory=frozenset)


NAME = _("imię odbiorcy")
COURSE = _("tytuł szkolenia")


def _invitation(context: dict) -> dict:
    return {
        "name": context.get("name") or "",
        "link": context["url"],
        "days": str(context["days"]),
        "courses": ", ".join(context.get("courses") or []),
    }


def _course_assigned(context: dict) -> dict:
    return {
        "name": context["user"].get_short_name(),
        "course": context["course"].title,
        "deadline": format_date(context.get("deadline")),
        "link": context["course_url"],
    }


def _course_reminder(context: dict) -> dict:
    return {
        **_course_assigned(context),
        "days": str(context["inactive_days"]),
        "progress": str(context["progress"]),
        "overdue": str(OVERDUE) if context.get("overdue") else "",
    }


def _certificate_issued(context: dict) -> dict:
    certificate = context["certificate"]
    return {
        "name": context["user"].get_short_name(),
        "course": certificate.course_title,
        "number": certificate.number,
        "expires": format_date(certificate.expires_at),
        "link": context["list_url"],
        "verify_link": context["verify_url"],
    }


def _certificate_expiring(context: dict) -> dict:
    certificate = context["certificate"]
    return {
        "name": context["user"].get_short_name(),
        "course": certificate.course_title,
        "number": certificate.number,
        "expires": format_date(certificate.expires_at),
        "link": context["course_url"],
    }


OVERDUE = _("Termin już minął – ukończ szkolenie jak najszybciej.")
SAMPLE_COURSE_URL = "/szkolenia/obsluga-cudzoziemcow-w-urzedzie/"

# name -> Kind, in the order registered (the order shown to administrators).
KINDS: dict[str, Kind] = {}


def register_kind(name: str, kind: Kind) -> None:
    """Make an e-mail editable: `name` is what its sender passes to `lms.mail.email_renderer`.
    Registering the same kind again (a second `ready()`) changes nothing; another kind under a
    taken name is a programming error."""
    registered = KINDS.get(name)
    if registered is not None and registered != kind:
        raise ImproperlyConfigured(f"E-mail kind {name!r} is registered twice.")
    KINDS[name] = kind


def choices() -> list[tuple[str, str]]:
    """`EmailTemplate.kind`'s choices: every registered kind (a callable, so an app registering a
    kind needs no migration of the notifications app)."""
    return [(name, kind.label) for name, kind in KINDS.items()]


_BUILT_IN: dict[str, Kind] = {
    EmailKind.INVITATION: Kind(
        label=EmailKind.INVITATION.label,
        placeholders={
            "name": _("imię osoby zapraszanej (może być puste)"),
            "link": _("odnośnik do ustawienia hasła"),
            "days": _("przez ile dni odnośnik jest ważny"),
            "courses": _("szkolenia przypisane razem z zaproszeniem (puste, gdy brak)"),
        },
        values=_invitation,
        sample={
            "name": "Anna",
            "link": "/konto/zaproszenie/przyklad/",
            "days": "14",
            "courses": "Obsługa cudzoziemców w urzędzie",
        },
        default_subject=_("Zaproszenie na platformę szkoleniową Centrum Kompetencji"),
        default_body=_(
            "Dzień dobry, {name}!\n\n"
            "Zapraszamy na platformę szkoleniową Pomorskiego Samorządowego Centrum Kompetencji "
            "w zakresie Wsparcia Imigrantów.\n"
            "Przypisano Ci szkolenia: {courses}.\n\n"
            "Aby ustawić hasło i zalogować się, otwórz link:\n{link}\n\n"
            "Link działa jeden raz i jest ważny przez {days} dni."
        ),
        optional=frozenset({"name", "courses"}),
    ),
    EmailKind.COURSE_ASSIGNED: Kind(
        label=EmailKind.COURSE_ASSIGNED.label,
        placeholders={
            "name": NAME,
            "course": COURSE,
            "deadline": _("termin ukończenia (puste, gdy szkolenie nie ma terminu)"),
            "link": _("odnośnik do strony szkolenia"),
        },
        values=_course_assigned,
        sample={
            "name": "Anna",
            "course": "Obsługa cudzoziemców w urzędzie",
            "deadline": "30 czerwca 2026",
            "link": SAMPLE_COURSE_URL,
        },
        default_subject=_("Przypisano Ci szkolenie „{course}”"),
        default_body=_(
            "Dzień dobry, {name}!\n\n"
            "Przypisano Ci szkolenie „{course}” na platformie Centrum Kompetencji.\n"
            "Termin ukończenia: {deadline}.\n\n"
            "Szkolenie rozpoczniesz tutaj:\n{link}"
        ),
        optional=frozenset({"deadline"}),
    ),
    EmailKind.COURSE_REMINDER: Kind(
        label=EmailKind.COURSE_REMINDER.label,
        placeholders={
            "name": NAME,
            "course": COURSE,
            "days": _("liczba dni od ostatniej aktywności w szkoleniu"),
            "progress": _("postęp w procentach (sama liczba)"),
            "deadline": _("termin ukończenia (puste, gdy szkolenie nie ma terminu)"),
            "overdue": _("zdanie o przekroczonym terminie (puste, gdy termin nie minął)"),
            "link": _("odnośnik do strony szkolenia"),
        },
        values=_course_reminder,
        sample={
            "name": "Anna",
            "course": "Obsługa cudzoziemców w urzędzie",
            "days": "9",
            "progress": "40",
            "deadline": "30 czerwca 2026",
            "overdue": str(OVERDUE),
            "link": SAMPLE_COURSE_URL,
        },
        default_subject=_("Przypomnienie: szkolenie „{course}” czeka na Ciebie"),
        default_body=_(
            "Dzień dobry, {name}!\n\n"
            "Od {days} dni nie zaglądasz do przypisanego Ci szkolenia „{course}”. "
            "Twój postęp: {progress}%.\n"
            "Termin ukończenia: {deadline}.\n"
            "{overdue}\n\n"
            "Wróć do szkolenia:\n{link}"
        ),
        optional=frozenset({"deadline", "overdue"}),
    ),
    EmailKind.CERTIFICATE_ISSUED: Kind(
        label=EmailKind.CERTIFICATE_ISSUED.label,
        placeholders={
            "name": NAME,
            "course": COURSE,
            "number": _("numer zaświadczenia"),
            "expires": _("data ważności (puste, gdy zaświadczenie jest bezterminowe)"),
            "link": _("odnośnik do listy zaświadczeń odbiorcy"),
            "verify_link": _("publiczny odnośnik do sprawdzenia autentyczności"),
        },
        values=_certificate_issued,
        sample={
            "name": "Anna",
            "course": "Obsługa cudzoziemców w urzędzie",
            "number": "CK/2026/000123",
            "expires": "30 czerwca 2027",
            "link": "/zaswiadczenia/",
            "verify_link": "/weryfikacja/ABCD-EFGH-JKLM/",
        },
        default_subject=_("Zaświadczenie {number} jest gotowe"),
        default_body=_(
            "Dzień dobry, {name}!\n\n"
            "Gratulujemy ukończenia szkolenia „{course}”. W załączniku przesyłamy zaświadczenie "
            "nr {number} (PDF).\n\n"
            "Wszystkie swoje zaświadczenia pobierzesz tutaj:\n{link}\n\n"
            "Każdy – np. pracodawca – może sprawdzić autentyczność zaświadczenia pod adresem:\n"
            "{verify_link}\n\n"
            "Zaświadczenie jest ważne do {expires}."
        ),
        optional=frozenset({"expires"}),
    ),
    EmailKind.CERTIFICATE_EXPIRING: Kind(
        label=EmailKind.CERTIFICATE_EXPIRING.label,
        placeholders={
            "name": NAME,
            "course": COURSE,
            "number": _("numer zaświadczenia"),
            "expires": _("data ważności"),
            "link": _("odnośnik do listy zaświadczeń odbiorcy"),
        },
        values=_certificate_expiring,
        sample={
            "name": "Anna",
            "course": "Obsługa cudzoziemców w urzędzie",
            "number": "CK/2025/000042",
            "expires": "30 czerwca 2026",
            "link": "/zaswiadczenia/",
        },
        default_subject=_("Twoje zaświadczenie ze szkolenia „{course}” wkrótce straci ważność"),
        default_body=_(
            "Dzień dobry, {name}!\n\n"
            "Zaświadczenie nr {number} ze szkolenia „{course}” jest ważne do {expires}. Aby "
            "zachować aktualne uprawnienia, ukończ szkolenie ponownie przed tym dniem.\n\n"
            "Twoje zaświadczenia i szkolenia:\n{link}"
        ),
    ),
}


for _name, _kind in _BUILT_IN.items():
    register_kind(str(_name), _kind)


def sample_values(kind: str, site_url: str) -> dict:
    """Sample placeholder values for the preview; a sample that is a path on the platform
    ("/zaswiadczenia/") becomes an absolute link, as in a real e-mail."""
    return {
        name: site_url + value if isinstance(value, str) and value.startswith("/") else value
        for name, value in KINDS[kind].sample.items()
    }


def create_default_templates(apps, names) -> None:
    """For a data migration: the built-in wording of the kinds `names` as switched-off templates
    (the file templates are still sent until an administrator turns one on). Kinds that already
    have a template are left alone."""
    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    with override("pl"):
        for name in names:
            kind = KINDS[name]
            EmailTemplate.objects.get_or_create(
                kind=name,
                defaults={
                    "subject": str(kind.default_subject),
                    "body": str(kind.default_body),
                    "is_active": False,
                },
            )
