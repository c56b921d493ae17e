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


def fix(text: str) -> str:
    for key, value in HEADER.items():
        text = re.sub(rf'"{key}: [^"]*\\n"', f'"{key}: {value}\\\\n"', text, count=1)
    text = text.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)

    def plural(match):
        one, many = match.group("one"), match.group("many")
        forms = [one, many, many, many]
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
