"""Question files trainers already have: Moodle XML and GIFT, read into `QuestionData` rows and
written back from them. `read` takes an upload's name and bytes; `write` the sections (pools)
to put in a file. See `gift` and `moodle_xml` for what each format keeps.
"""

import codecs
from pathlib import PurePath

from django.utils.translation import gettext as _

from courses.questionbank.formats import gift, moodle_xml
from courses.questionbank.formats.model import ParsedFile, QuestionData, Section

__all__ = ["FORMATS", "FormatError", "ParsedFile", "QuestionData", "Section", "read", "write"]

GIFT, XML = "gift", "xml"
# format -> (file extension, content type, label)
FORMATS = {
    XML: (".xml", "application/xml", "Moodle XML"),
    GIFT: (".txt", "text/plain; charset=utf-8", "GIFT"),
}
GIFT_EXTENSIONS = {".gift", ".txt"}
XML_EXTENSIONS = {".xml"}


class FormatError(Exception):
    """The file as a whole cannot be read; the message is for the person who uploaded it."""


def read(*, name: str, data: bytes) -> ParsedFile:
    """The questions of an uploaded file (Moodle XML or GIFT, told by the name and the content).
    Raises FormatError with a Polish message when the file cannot be read at all; problems of
    single questions are in the result."""
    if not data.strip():
        raise FormatError(_("Plik jest pusty."))
    extension = PurePath(name or "").suffix.lower()
    if extension not in GIFT_EXTENSIONS | XML_EXTENSIONS:
        raise FormatError(
            _(
                "Nieobsługiwany rodzaj pliku. Wczytaj plik Moodle XML (.xml) albo GIFT "
                "(.gift lub .txt)."
            )
        )
    if _looks_binary(data):
        raise FormatError(
            _(
                "To nie jest plik tekstowy (wygląda na plik binarny, np. dokument Worda albo "
                "archiwum). Wczytaj plik Moodle XML (.xml) albo GIFT (.gift lub .txt)."
            )
        )
    head = data.lstrip(codecs.BOM_UTF8)[:200].lstrip()
    if extension in XML_EXTENSIONS or head.startswith((b"<?xml", b"<quiz")):
        try:
            parsed = moodle_xml.parse(data)
        except moodle_xml.XMLFileError as error:
            raise FormatError(str(error)) from None
    else:
        text, warning = _decode(data)
        parsed = gift.parse(text)
        if warning:
            parsed.warnings.append(warning)
    if not parsed.questions:
        raise FormatError(_("Plik nie zawiera żadnych pytań."))
    return parsed


def write(*, sections: list[Section], fmt: str) -> str:
    """A file in `fmt` ("xml" or "gift") with each section as a category."""
    return moodle_xml.write(sections) if fmt == XML else gift.write(sections)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters near the start: not a text file."""
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) // 100


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a GIFT file, and a warning when it was not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        # Polish text in Windows-1250 is (practically) never valid UTF-8.
        return data.decode("cp1250", errors="replace"), _(
            "Plik nie był zapisany w UTF-8; odczytano go jako Windows-1250. Sprawdź polskie "
            "znaki w podglądzie."
        )
