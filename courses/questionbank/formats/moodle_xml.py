"""Moodle XML: reading it as Moodle's importer does (`question/format/xml/format.php`), with
defusedxml (no DTDs, entities or external references), and writing it exactly as Moodle's
exporter does.

Reading: `<quiz>` holds `<question type="...">` elements. `type="category"` puts the following
questions in a category (`<category><text>path</text></category>`, its `<info>` becoming the
description of a pool made from it). multichoice (`<single>` true: single choice, else multiple
choice; answers with a positive `fraction` are correct), truefalse, shortanswer (`<usecase>`:
case sensitive; answers with a positive fraction accepted), matching and ordering (Moodle's
ordering plugin: answers in the correct order) become bank questions; other types are reported
as unsupported. `<generalfeedback>` is the explanation; answer `<feedback>` is kept for choices;
`<tags>` become tags. Embedded files (images) are not kept.

Writing: the file Moodle's "Export questions" writes: each pool as a category
(`$course$/top/<pool>`) followed by its questions, texts in CDATA where they need it, answer
fractions in percent (a multiple-choice question's correct answers share 100%, each wrong one
is -100%, so choosing it scores nothing, as in the bank), `<single>`, `<shuffleanswers>`,
`<answernumbering>`, the combined feedback elements, and the ordering plugin's options
(all items, all or nothing).
"""

from html import escape
from xml.etree.ElementTree import TreeBuilder  # noqa: S405 - only builds the tree defusedxml parses

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.utils.translation import gettext as _

from courses.questionbank.formats import checks
from courses.questionbank.formats.model import (
    MATCHING,
    MULTIPLE_CHOICE,
    ORDERING,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    TRUE_FALSE,
    Choice,
    Pair,
    ParsedFile,
    QuestionData,
    Section,
)
from courses.questionbank.formats.text import (
    HTML,
    MARKDOWN,
    MOODLE,
    PLAIN,
    category_path,
    default_name,
    has_embedded_media,
    normalise,
    percent,
    text_to_html,
    to_rich_text,
    to_text,
)

XML_FORMATS = {
    "html": HTML,
    "moodle_auto_format": MOODLE,
    "plain_text": PLAIN,
    "markdown": MARKDOWN,
    "wiki_like": PLAIN,
}
CHOICE_PENALTY = "0.3333333"


class XMLFileError(Exception):
    """The file as a whole cannot be read; the message is Polish."""


class _LineTreeBuilder(TreeBuilder):
    """Notes the line on which each `<question>` starts (for messages naming it)."""

    def __init__(self):
        super().__init__()
        self.expat = None
        self.question_lines: list[int] = []

    def start(self, tag, attrs):
        if tag == "question" and self.expat is not None:
            self.question_lines.append(self.expat.CurrentLineNumber)
        return super().start(tag, attrs)


def read_tree(data: bytes):
    """The root element and the line of each `<question>`; XMLFileError when unreadable."""
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise XMLFileError(
            _(
                "Plik XML zawiera deklarację typu dokumentu (DTD) albo encje. Takich plików nie "
                "wczytujemy ze względów bezpieczeństwa; pliki eksportowane z Moodle ich nie mają."
            )
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise XMLFileError(
            _(
                "Plik XML jest uszkodzony lub niekompletny (wiersz %(line)d, kolumna %(column)d). "
                "Wyeksportuj pytania z Moodle ponownie."
            )
            % {"line": line, "column": column + 1}
        ) from None
    return root, builder.question_lines


def parse(data: bytes) -> ParsedFile:
    """Every question of a Moodle XML file, in order, each with its problems."""
    root, lines = read_tree(data)
    if root.tag != "quiz":
        raise XMLFileError(
            _("To nie jest plik Moodle XML: główny element to <%(tag)s>, a powinien być <quiz>.")
            % {"tag": root.tag}
        )
    parsed = ParsedFile(format="xml")
    category = ""
    for index, element in enumerate(root.findall("question")):
        kind = (element.get("type") or "").strip()
        if kind == "category":
            category = _category(element, parsed)
            continue
        question = QuestionData(
            kind="",
            name="",
            text="",
            category=category,
            source_type=kind,
            number=len(parsed.questions) + 1,
            line=lines[index] if index < len(lines) else None,
        )
        _read_question(element, question)
        checks.validate(question)
        parsed.questions.append(question)
    return parsed


def _text(element, path: str = "text") -> str:
    node = element.find(path) if element is not None else None
    return (node.text or "").strip() if node is not None else ""


def _formatted(element, default: str) -> tuple[str, str]:
    """(format, text) of an element holding `<text>` and a `format` attribute."""
    if element is None:
        return default, ""
    fmt = element.get("format")
    return (XML_FORMATS.get(fmt, HTML) if fmt else default), _text(element)


def _category(element, parsed: ParsedFile) -> str:
    path = _text(element, "category/text") or _text(element, "category")
    fmt, info = _formatted(element.find("info"), MOODLE)
    if path and info:
        parsed.descriptions[path] = to_text(info, fmt)
    return path


def _read_question(element, question: QuestionData) -> None:
    text_element = element.find("questiontext")
    fmt, raw = _formatted(text_element, HTML)
    question.text = to_text(raw, fmt)
    name = " ".join(_text(element, "name/text").split())
    question.name = name or default_name(question.text)
    question.name_generated = not name
    feedback_format, feedback = _formatted(element.find("generalfeedback"), fmt)
    question.explanation = to_rich_text(feedback, feedback_format)
    question.tags = list(
        dict.fromkeys(t for t in (_text(tag) for tag in element.iterfind("tags/tag")) if t)
    )
    if (
        has_embedded_media(raw)
        or element.find("questiontext/file") is not None
        or element.find("image_base64") is not None
    ):
        question.warnings.append(_("Obrazy i pliki osadzone w pytaniu zostaną pominięte."))

    reader = READERS.get(question.source_type)
    if reader is None:
        question.errors.append(checks.unsupported(question.source_type))
        return
    reader(element, question, fmt)


def _fraction(answer, question: QuestionData) -> float:
    try:
        return float(answer.get("fraction", "0")) / 100
    except ValueError:
        question.errors.append(
            _("Nieprawidłowa ocena odpowiedzi: „%(value)s”.") % {"value": answer.get("fraction")}
        )
        return 0.0


def _single(value: str) -> bool:
    """Moodle's `trans_single`: "false", "0" and "" are false, anything else true."""
    return value.strip() not in ("false", "0", "")


def _multichoice(element, question: QuestionData, fmt: str) -> None:
    single = _single(_text(element, "single") if element.find("single") is not None else "true")
    question.kind = SINGLE_CHOICE if single else MULTIPLE_CHOICE
    partial = False
    for answer in element.iterfind("answer"):
        weight = _fraction(answer, question)
        partial = partial or (single and 0 < weight < 1)
        text_format, text = _formatted(answer, fmt)
        feedback_format, feedback = _formatted(answer.find("feedback"), fmt)
        question.choices.append(
            Choice(
                text=to_text(text, text_format),
                correct=weight > 0,
                feedback=to_text(feedback, feedback_format),
            )
        )
    if partial:
        question.warnings.append(
            _("Odpowiedzi z częściową oceną (np. %(example)s) liczą się jako poprawne.")
            % {"example": 'fraction="50"'}
        )


def _truefalse(element, question: QuestionData, fmt: str) -> None:
    question.kind = TRUE_FALSE
    answers = element.findall("answer")
    if not answers:
        question.errors.append(_("Pytanie prawda/fałsz nie ma odpowiedzi."))
        return
    feedback = False
    for position, answer in enumerate(answers):
        value = _text(answer)
        if value not in ("true", "false"):  # old files: true first, then false
            value = "true" if position == 0 else "false"
        full = _fraction(answer, question) == 1
        question.correct = full if value == "true" else not full
        feedback = feedback or bool(_text(answer, "feedback/text"))
    if feedback:
        question.warnings.append(
            _(
                "Informacja zwrotna do odpowiedzi prawda/fałsz zostanie pominięta (zostaje wyjaśnienie)."
            )
        )


def _shortanswer(element, question: QuestionData, fmt: str) -> None:
    question.kind = SHORT_ANSWER
    question.case_sensitive = _single(_text(element, "usecase") or "0")
    lost = set()
    for answer in element.iterfind("answer"):
        weight = _fraction(answer, question)
        checks.accept_short_answer(
            question,
            normalise(_text(answer)),
            weight,
            feedback=bool(_text(answer, "feedback/text")),
            lost=lost,
        )
    checks.report_lost(question, lost)


def _matching(element, question: QuestionData, fmt: str) -> None:
    question.kind = MATCHING
    for subquestion in element.iterfind("subquestion"):
        prompt_format, prompt = _formatted(subquestion, fmt)
        pair = Pair(
            prompt=to_text(prompt, prompt_format),
            match=normalise(_text(subquestion, "answer/text")),
        )
        if not pair.prompt:
            question.warnings.append(
                _("Dodatkowa odpowiedź bez pary („%(match)s”) zostanie pominięta.")
                % {"match": pair.match}
            )
            continue
        question.pairs.append(pair)


def _ordering(element, question: QuestionData, fmt: str) -> None:
    question.kind = ORDERING
    for answer in element.iterfind("answer"):
        item_format, item = _formatted(answer, fmt)
        question.items.append(to_text(item, item_format))


READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "matching": _matching,
    "match": _matching,
    "ordering": _ordering,
}


# --- Writing --------------------------------------------------------------------------------------


def xml_escape(text: str) -> str:
    """Moodle's `xml_escape`: text that HTML escaping would change goes in CDATA."""
    if text and escape(text) != text:
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return text


def _writetext(text: str, indent: int = 0) -> str:
    return "  " * indent + f"<text>{xml_escape(text)}</text>\n"


def _html(text: str) -> str:
    return escape(text, quote=False)


def write(sections: list[Section]) -> str:
    """A Moodle XML file with each section as a category followed by its questions."""
    out, number = [], 0
    for section in sections:
        out.append(
            "<!-- question: 0  -->\n"
            '  <question type="category">\n'
            "    <category>\n"
            f"      {_writetext(category_path(section.name))}"
            "    </category>\n"
            '    <info format="plain_text">\n'
            f"      {_writetext(section.description)}"
            "    </info>\n"
            "    <idnumber></idnumber>\n"
            "  </question>\n\n"
        )
        for question in section.questions:
            number += 1
            out.append(_write_question(question, number) + "\n")
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "".join(out) + "</quiz>\n"


MOODLE_TYPES = {
    SINGLE_CHOICE: "multichoice",
    MULTIPLE_CHOICE: "multichoice",
    TRUE_FALSE: "truefalse",
    SHORT_ANSWER: "shortanswer",
    MATCHING: "matching",
    ORDERING: "ordering",
}


def _write_question(question: QuestionData, number: int) -> str:
    penalty = "1.0000000" if question.kind == TRUE_FALSE else CHOICE_PENALTY
    out = (
        f"<!-- question: {number}  -->\n"
        f'  <question type="{MOODLE_TYPES[question.kind]}">\n'
        "    <name>\n"
        f"{_writetext(question.name, 3)}"
        "    </name>\n"
        '    <questiontext format="html">\n'
        f"{_writetext(text_to_html(question.text), 3)}"
        "    </questiontext>\n"
        '    <generalfeedback format="html">\n'
        f"{_writetext(question.explanation, 3)}"
        "    </generalfeedback>\n"
        "    <defaultgrade>1.0000000</defaultgrade>\n"
        f"    <penalty>{penalty}</penalty>\n"
        "    <hidden>0</hidden>\n"
        "    <idnumber></idnumber>\n"
    )
    out += WRITERS[question.kind](question)
    if question.tags:
        out += "    <tags>\n"
        out += "".join(f"      <tag>{_writetext(tag)}</tag>\n" for tag in question.tags)
        out += "    </tags>\n"
    return out + "  </question>\n"


def _answer(fraction: str, text: str, feedback: str, fmt: str = "html") -> str:
    return (
        f'    <answer fraction="{fraction}" format="{fmt}">\n'
        f"{_writetext(text, 3)}"
        '      <feedback format="html">\n'
        f"{_writetext(feedback, 4)}"
        "      </feedback>\n"
        "    </answer>\n"
    )


def _combined_feedback(shownumcorrect: bool) -> str:
    out = "".join(
        f'    <{field} format="html">\n{_writetext("", 3)}    </{field}>\n'
        for field in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
    )
    return out + ("    <shownumcorrect/>\n" if shownumcorrect else "")


def _write_choices(question: QuestionData) -> str:
    single = question.kind == SINGLE_CHOICE
    correct = sum(1 for choice in question.choices if choice.correct)
    out = (
        f"    <single>{'true' if single else 'false'}</single>\n"
        "    <shuffleanswers>true</shuffleanswers>\n"
        "    <answernumbering>abc</answernumbering>\n"
        "    <showstandardinstruction>0</showstandardinstruction>\n"
    )
    out += _combined_feedback(shownumcorrect=not single)
    for choice in question.choices:
        if single:
            fraction = "100" if choice.correct else "0"
        else:
            fraction = percent(1 / correct if choice.correct else -1)
        out += _answer(fraction, _html(choice.text), _html(choice.feedback))
    return out


def _write_true_false(question: QuestionData) -> str:
    return _answer("100" if question.correct else "0", "true", "", "moodle_auto_format") + _answer(
        "0" if question.correct else "100", "false", "", "moodle_auto_format"
    )


def _write_short_answer(question: QuestionData) -> str:
    out = f"    <usecase>{1 if question.case_sensitive else 0}</usecase>\n"
    return out + "".join(
        _answer("100", accepted, "", "moodle_auto_format") for accepted in question.accepted
    )


def _write_matching(question: QuestionData) -> str:
    out = "    <shuffleanswers>true</shuffleanswers>\n" + _combined_feedback(shownumcorrect=True)
    for pair in question.pairs:
        out += (
            '    <subquestion format="html">\n'
            f"{_writetext(_html(pair.prompt), 3)}"
            "      <answer>\n"
            f"{_writetext(pair.match, 4)}"
            "      </answer>\n"
            "    </subquestion>\n"
        )
    return out


def _write_ordering(question: QuestionData) -> str:
    out = (
        "    <layouttype>VERTICAL</layouttype>\n"
        "    <selecttype>ALL</selecttype>\n"
        f"    <selectcount>{len(question.items)}</selectcount>\n"
        "    <gradingtype>ALL_OR_NOTHING</gradingtype>\n"
        "    <showgrading>SHOW</showgrading>\n"
        "    <numberingstyle>none</numberingstyle>\n"
    )
    out += _combined_feedback(shownumcorrect=True)
    for position, item in enumerate(question.items, start=1):
        out += (
            f'    <answer fraction="{position}.0000000" format="html">\n'
            f"{_writetext(_html(item), 3)}"
            "    </answer>\n"
        )
    return out


WRITERS = {
    SINGLE_CHOICE: _write_choices,
    MULTIPLE_CHOICE: _write_choices,
    TRUE_FALSE: _write_true_false,
    SHORT_ANSWER: _write_short_answer,
    MATCHING: _write_matching,
    ORDERING: _write_ordering,
}
