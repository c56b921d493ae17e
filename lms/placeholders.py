"""Texts administrators write with {placeholders}: certificate templates and e-mail templates.

One engine for both: `validate` refuses placeholders the renderer does not know (they would be
printed as typed) and, where the text needs one, a missing required placeholder; `fill` replaces
placeholders by values, leaving unknown ones as typed and dropping a line whose optional
placeholder has no value.
"""

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{(\w*)\}")
_BLANK_LINES = re.compile(r"\n{3,}")


def names(text: str) -> list[str]:
    """The placeholders used in `text`, in order (repeats included)."""
    return PLACEHOLDER.findall(text or "")


def listing(allowed: Iterable[str]) -> str:
    """How the allowed placeholders are shown to administrators: "{name}, {course}"."""
    return ", ".join(f"{{{name}}}" for name in allowed)


def unknown(text: str, allowed: Iterable[str]) -> list[str]:
    allowed = set(allowed)
    return sorted({name for name in names(text) if name not in allowed})


def validate(text: str, *, allowed: Iterable[str], required: Mapping[str, str] | None = None):
    """Raise a ValidationError (in Polish) for unknown placeholders, else for a missing required
    one (`required` maps a placeholder to the message shown when it is missing)."""
    allowed = list(allowed)
    found = unknown(text, allowed)
    if found:
        raise ValidationError(
            _("Nieznane pola: %(unknown)s. Dozwolone pola to: %(allowed)s."),
            code="unknown_placeholder",
            params={"unknown": listing(found), "allowed": listing(allowed)},
        )
    used = set(names(text))
    for name, message in (required or {}).items():
        if name not in used:
            raise ValidationError(message, code=f"missing_{name}")


def fill_line(line: str, values: Mapping[str, object]) -> str:
    """One line with its placeholders replaced; an unknown placeholder stays as typed."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), line)


def fill(text: str, values: Mapping[str, object], *, optional: Iterable[str] = ()) -> str:
    """The text with placeholders replaced. A line using an optional placeholder without a value
    is left out, so "Termin ukończenia: {deadline}." disappears for a course without a deadline."""
    optional = frozenset(optional)
    lines = [
        fill_line(line, values).rstrip()
        for line in (text or "").splitlines()
        if not any(name in optional and not values.get(name) for name in names(line))
    ]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
