"""The survey invitation as an e-mail administrators may reword (Settings → Szablony e-maili).

While no active template exists, `templates/emails/survey_invitation_*` is sent. Registered from
`EvaluationConfig.ready()`: `lms.notifications` knows no training app.
"""

from django.utils.translation import gettext_lazy as _

from lms.notifications.kinds import Kind, register_kind

TEMPLATE = "survey_invitation"


def _values(context: dict) -> dict:
    """The placeholders' texts from `services.email_invitation`'s context."""
    return {
        "name": context["user"].get_short_name(),
        "title": context["title"],
        "link": context["survey_url"],
    }


SURVEY_INVITATION = Kind(
    label=_("Zaproszenie do oceny szkolenia"),
    placeholders={
        "name": _("imię odbiorcy"),
        "title": _("tytuł ocenianego szkolenia lub wydarzenia"),
        "link": _("odnośnik do ankiety"),
    },
    values=_values,
    sample={
        "name": "Anna",
        "title": "Obsługa cudzoziemców w urzędzie",
        "link": "/ankiety/42/",
    },
    default_subject=_("Oceń szkolenie „{title}”"),
    default_body=_(
        "Dzień dobry, {name}!\n\n"
        "Dziękujemy za udział w szkoleniu „{title}”. Prosimy o krótką, anonimową ocenę "
        "(ok. 3 minut): odpowiedzi nie są powiązane z Twoim kontem, a wyniki pokazujemy wyłącznie "
        "zbiorczo.\n\n"
        "Ankieta:\n{link}"
    ),
)


def register_kinds() -> None:
    register_kind(TEMPLATE, SURVEY_INVITATION)
