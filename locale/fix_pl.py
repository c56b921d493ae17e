"""After `makemessages`: make the Polish catalogue complete and exact.

The source strings are Polish, so every msgstr is its msgid. msgmerge's fuzzy guesses (another
string's text) are thrown away, and plurals get Polish's four forms: [0] one, [1] few (2-4, 22-24…),
[2] many (5-21, 25-31…), [3] fractions (written like "many").
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

# Polish "few" forms that differ from the plural msgid ("many").
FEW = {
    "Importuj %(counter)s pytań": "Importuj %(counter)s pytania",
    "Zaimportowano %(count)d pytań (%(target)s).": "Zaimportowano %(count)d pytania (%(target)s).",
    "…i %(counter)s innych pytań z błędami.": "…i %(counter)s inne pytania z błędami.",
    "Nic nie zostało zaimportowane: %(count)s pytań ma błędy. Popraw je w pliku i wczytaj go ponownie.": "Nic nie zostało zaimportowane: %(count)s pytania mają błędy. Popraw je w pliku i wczytaj go ponownie.",
    "Znaleziono %(counter)s szkoleń.": "Znaleziono %(counter)s szkolenia.",
    "Raport ma %(count)d wierszy: plik przygotowujemy w tle. Znajdziesz go w „Moich eksportach”, a gdy będzie gotowy, wyślemy e-mail.": "Raport ma %(count)d wiersze: plik przygotowujemy w tle. Znajdziesz go w „Moich eksportach”, a gdy będzie gotowy, wyślemy e-mail.",
    "Oraz %(counter)s innych grup – zobacz pełne podsumowanie.": "Oraz %(counter)s inne grupy – zobacz pełne podsumowanie.",
    "Utworzono %(count)d kont (zaproszenia wyślemy e-mailem).": "Utworzono %(count)d konta (zaproszenia wyślemy e-mailem).",
    "Znaleziono %(counter)s wydarzeń.": "Znaleziono %(counter)s wydarzenia.",
    "%(counter)s szkoleń": "%(counter)s szkolenia",
    "Znaleziono %(counter)s dokumentów.": "Znaleziono %(counter)s dokumenty.",
    "Znaleziono %(counter)s wyników dla „%(query)s”.": "Znaleziono %(counter)s wyniki dla „%(query)s”.",
}

FIELD = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)(?:^".*"\n?)*)', re.M)


def _text(quoted: str) -> str:
    return "".join(re.findall(r'"(.*)"', quoted))


def fix_entry(block: str) -> str:
    lines = [line for line in block.splitlines() if not line.startswith("#|")]
    lines = [
        re.sub(r"^#, fuzzy(, )?", lambda m: "#, " if m.group(1) else "", line) for line in lines
    ]
    lines = [line for line in lines if line != "#, "]
    block = "\n".join(lines) + "\n"
    fields = {m.group(1): m.group(2) for m in FIELD.finditer(block)}
    if "msgid" not in fields or _text(fields["msgid"]) == "":
        return block  # the header
    comments = [line for line in lines if line.startswith("#")]
    out = comments + [f"msgid {fields['msgid'].rstrip()}"]
    if "msgid_plural" in fields:
        many = _text(fields["msgid_plural"])
        few = FEW.get(many, many)
        out.append(f"msgid_plural {fields['msgid_plural'].rstrip()}")
        for index, text in enumerate([_text(fields["msgid"]), few, many, many]):
            out.append(f'msgstr[{index}] "{text}"')
    else:
        out.append(f"msgstr {fields['msgid'].rstrip()}")
    return "\n".join(out) + "\n"


def fix(text: str) -> str:
    for key, value in HEADER.items():
        text = re.sub(rf'"{key}: [^"]*\\n"', f'"{key}: {value}\\\\n"', text, count=1)
    blocks = re.split(r"\n\n+", text.strip("\n"))
    return "\n".join(fix_entry(block) for block in blocks)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "locale/pl/LC_MESSAGES/django.po")
    path.write_text(fix(path.read_text()))
