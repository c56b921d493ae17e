"""After `makemessages`: make the Polish catalogue complete (msgid is the Polish text).

Copies each msgid into an empty msgstr and expands two-form plurals into Polish's four forms:
[0] one, [1] few (2-4, 22-24...), [2] many (5-21, 25-31...), [3] fractions (uses "many").
"""

import re
import sys
from pathlib import Path

HEADER = {
    "Project-Id-Version": "Centrum Kompetencji",
    "Language-Team": "Polish",
    "Language": "pl",
    "Last-Translator": "Centrum Kompetencji",
    "PO-Revision-Date": "2026-11-26 00:00+0100",
}


# Polish "few" forms (2-4, 22-24...) that differ from the English-style plural msgid.
FEW = {
    "Znaleziono %(counter)s szkoleń.": "Znaleziono %(counter)s szkolenia.",
    "Zanonimizowano %(count)d użytkowników.": "Zanonimizowano %(count)d użytkowników.",
}


def fix(text: str) -> str:
    for key, value in HEADER.items():
        text = re.sub(rf'"{key}: [^"]*\\n"', f'"{key}: {value}\\\\n"', text, count=1)
    # msgstr is the msgid itself, so "fuzzy" guesses from msgmerge are simply correct now.
    text = re.sub(r"^#, fuzzy\n", "", text, flags=re.M)
    text = re.sub(r"^#, fuzzy, ", "#, ", text, flags=re.M)
    text = re.sub(r"^#\| .*\n", "", text, flags=re.M)

    def plural(match):
        one, many = match.group("one"), match.group("many")
        few = '"' + FEW.get(many.strip('"'), many.strip('"')) + '"'
        forms = [one, few, many, many]
        body = "\n".join(f"msgstr[{i}] {form}" for i, form in enumerate(forms))
        return f"msgid {one}\nmsgid_plural {many}\n{body}\n"

    text = re.sub(
        r"msgid (?P<one>\".*\")\nmsgid_plural (?P<many>\".*\")\n(?:msgstr\[\d\] .*\n)+",
        plural,
        text,
    )
    return text


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "locale/pl/LC_MESSAGES/django.po")
    path.write_text(fix(path.read_text()))
