"""What a question read from a file must satisfy to become a bank question, in Polish.

The limits are those of `courses.blocks` (answers, pairs, items and their lengths); a question
that passes here also passes the blocks' own validation. Problems that need the database
(names already used in a pool) are checked by `courses.questionbank.importing`.
"""

from django.utils.translation import gettext as _

from courses.questionbank.formats.model import (
    MATCHING,
    MULTIPLE_CHOICE,
    ORDERING,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    QuestionData,
)

NAME_MAX = 200
ANSWER_MAX = 500
ANSWERS_MIN, ANSWERS_MAX = 2, 10
ACCEPTED_MAX, ACCEPTED_LENGTH = 20, 200
PAIRS_MIN, PAIRS_MAX, PAIR_LENGTH = 2, 12, 300
ITEMS_MIN, ITEMS_MAX, ITEM_LENGTH = 2, 12, 300

# Moodle's question types the bank has no block for, with their Polish names.
UNSUPPORTED_NAMES = {
    "description": "opis (tekst bez pytania)",
    "essay": "esej (odpowiedź opisowa)",
    "numerical": "numeryczne",
    "calculated": "obliczeniowe",
    "calculatedsimple": "obliczeniowe proste",
    "calculatedmulti": "obliczeniowe wielokrotnego wyboru",
    "multianswer": "osadzone odpowiedzi (Cloze)",
    "cloze": "osadzone odpowiedzi (Cloze)",
    "randomsamatch": "losowe dopasowanie krótkich odpowiedzi",
    "ddwtos": "przeciągnij i upuść w tekst",
    "ddimageortext": "przeciągnij i upuść na obraz",
    "ddmarker": "przeciągnij i upuść znaczniki",
    "gapselect": "wybierz brakujące słowa",
}


def unsupported(source_type: str) -> str:
    label = UNSUPPORTED_NAMES.get(source_type)
    if label:
        return _(
            "Nieobsługiwany typ pytania: %(label)s (%(type)s). Bank przyjmuje pytania "
            "jednokrotnego i wielokrotnego wyboru, prawda/fałsz, krótkiej odpowiedzi, "
            "dopasowania i kolejności."
        ) % {"label": label, "type": source_type}
    return _(
        "Nieznany typ pytania: „%(type)s”. Bank przyjmuje pytania jednokrotnego i "
        "wielokrotnego wyboru, prawda/fałsz, krótkiej odpowiedzi, dopasowania i kolejności."
    ) % {"type": source_type or "?"}


def validate(question: QuestionData) -> None:
    """Append to `question.errors` whatever stops it from becoming a bank question."""
    errors = question.errors
    if not question.kind:
        return  # unsupported: the parser said so
    if len(question.name) > NAME_MAX:
        errors.append(_("Nazwa pytania ma więcej niż %(max)d znaków.") % {"max": NAME_MAX})
    if not question.text:
        errors.append(_("Brak treści pytania."))
    if question.kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        _choices(question, errors)
    elif question.kind == SHORT_ANSWER:
        _list(
            question.accepted,
            errors,
            least=1,
            most=ACCEPTED_MAX,
            length=ACCEPTED_LENGTH,
            few=_("Pytanie z krótką odpowiedzią nie ma żadnej akceptowanej odpowiedzi."),
            many=_(
                "Pytanie z krótką odpowiedzią może mieć najwyżej %(max)d akceptowanych "
                "odpowiedzi (ma %(count)d)."
            ),
            empty=_("Akceptowana odpowiedź nr %(number)d jest pusta."),
            long=_("Akceptowana odpowiedź nr %(number)d ma więcej niż %(max)d znaków."),
        )
    elif question.kind == MATCHING:
        _pairs(question, errors)
    elif question.kind == ORDERING:
        _list(
            question.items,
            errors,
            least=ITEMS_MIN,
            most=ITEMS_MAX,
            length=ITEM_LENGTH,
            few=_("Pytanie o kolejność musi mieć co najmniej %(min)d elementy (ma %(count)d)."),
            many=_("Pytanie o kolejność może mieć najwyżej %(max)d elementów (ma %(count)d)."),
            empty=_("Element nr %(number)d jest pusty."),
            long=_("Element nr %(number)d ma więcej niż %(max)d znaków."),
        )


def _choices(question: QuestionData, errors: list[str]) -> None:
    count = len(question.choices)
    if count < ANSWERS_MIN:
        errors.append(
            _("Pytanie wyboru musi mieć co najmniej %(min)d odpowiedzi (ma %(count)d).")
            % {"min": ANSWERS_MIN, "count": count}
        )
    elif count > ANSWERS_MAX:
        errors.append(
            _("Pytanie wyboru może mieć najwyżej %(max)d odpowiedzi (ma %(count)d).")
            % {"max": ANSWERS_MAX, "count": count}
        )
    for number, choice in enumerate(question.choices, start=1):
        if not choice.text:
            errors.append(_("Odpowiedź nr %(number)d jest pusta.") % {"number": number})
        elif len(choice.text) > ANSWER_MAX:
            errors.append(
                _("Odpowiedź nr %(number)d ma więcej niż %(max)d znaków.")
                % {"number": number, "max": ANSWER_MAX}
            )
        if len(choice.feedback) > ANSWER_MAX:
            errors.append(
                _("Informacja zwrotna do odpowiedzi nr %(number)d ma więcej niż %(max)d znaków.")
                % {"number": number, "max": ANSWER_MAX}
            )
    correct = sum(1 for choice in question.choices if choice.correct)
    if question.kind == SINGLE_CHOICE and correct != 1:
        errors.append(
            _(
                "Pytanie jednokrotnego wyboru musi mieć dokładnie jedną poprawną odpowiedź "
                "(ma %(count)d; odpowiedzi z dodatnią oceną, np. %%50%%, liczą się jako poprawne)."
            )
            % {"count": correct}
        )
    elif question.kind == MULTIPLE_CHOICE and not correct:
        errors.append(
            _("Pytanie wielokrotnego wyboru musi mieć co najmniej jedną poprawną odpowiedź.")
        )


def _pairs(question: QuestionData, errors: list[str]) -> None:
    count = len(question.pairs)
    if count < PAIRS_MIN:
        errors.append(
            _("Pytanie o dopasowanie musi mieć co najmniej %(min)d pary (ma %(count)d).")
            % {"min": PAIRS_MIN, "count": count}
        )
    elif count > PAIRS_MAX:
        errors.append(
            _("Pytanie o dopasowanie może mieć najwyżej %(max)d par (ma %(count)d).")
            % {"max": PAIRS_MAX, "count": count}
        )
    for number, pair in enumerate(question.pairs, start=1):
        if not pair.prompt or not pair.match:
            errors.append(_("Para nr %(number)d jest niepełna.") % {"number": number})
        elif max(len(pair.prompt), len(pair.match)) > PAIR_LENGTH:
            errors.append(
                _("Para nr %(number)d ma więcej niż %(max)d znaków w jednej z części.")
                % {"number": number, "max": PAIR_LENGTH}
            )


def _list(values, errors, *, least, most, length, few, many, empty, long) -> None:
    count = len(values)
    if count < least:
        errors.append(few % {"min": least, "count": count})
    elif count > most:
        errors.append(many % {"max": most, "count": count})
    for number, value in enumerate(values, start=1):
        if not value:
            errors.append(empty % {"number": number})
        elif len(value) > length:
            errors.append(long % {"number": number, "max": length})


def accept_short_answer(
    question: QuestionData, text: str, weight: float, *, feedback: bool, lost: set
) -> None:
    """A short answer read from a file: accepted when its weight is positive; what the bank
    cannot keep is noted in `lost` (see `report_lost`)."""
    if weight <= 0:
        lost.add("zero")
        return
    if weight < 1:
        lost.add("partial")
    if feedback:
        lost.add("feedback")
    if "*" in text:
        lost.add("wildcard")
    question.accepted.append(text)


def report_lost(question: QuestionData, lost: set) -> None:
    messages = {
        "zero": _("Odpowiedzi z zerową lub ujemną oceną zostaną pominięte."),
        "partial": _("Odpowiedzi z częściową oceną będą uznawane za w pełni poprawne."),
        "feedback": _("Informacja zwrotna do akceptowanych odpowiedzi zostanie pominięta."),
        "wildcard": _(
            "Gwiazdka „*” w odpowiedzi będzie traktowana dosłownie, nie jako symbol wieloznaczny."
        ),
    }
    question.warnings.extend(message for key, message in messages.items() if key in lost)
