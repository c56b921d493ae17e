r"""GIFT, Moodle's plain-text question format: reading it as Moodle's importer does
(`question/format/gift/format.php`), and writing files Moodle imports back.

Reading:
- Questions are separated by blank lines; lines starting with `//` are comments, and
  `// [tag:name]` in them gives the question's tags (Moodle 3.6+).
- `$CATEGORY: path` puts the following questions in that category (see `text.category_segments`
  for how a path becomes a pool name).
- `::name::` names a question; without it the name is made from the text.
- `[html]`, `[moodle]`, `[plain]`, `[markdown]` before a text give its format (default
  "moodle": HTML whose line breaks count).
- `\\`, `\:`, `\#`, `\=`, `\{`, `\}`, `\~` are literal characters and `\n` a line break.
- In `{...}`: `~` marks choices (with `=` for the right one, a single-choice question; without
  `=`, a multiple-choice one where `%50%`-style positive weights mark the correct choices and
  negative or no weights the wrong ones); `=a -> b` pairs (matching); `T`/`TRUE`/`F`/`FALSE`
  (true/false); `=answer` alone (short answer: answers with a positive weight are accepted);
  `#` starts an answer's feedback and `####` the general feedback (the bank's explanation).
  `{>N ...}` followed by one item per line is the ordering question of Moodle's ordering
  plugin (qtype_ordering, part of Moodle since 4.4). A text around `{}` becomes "_____" in the
  question, as in Moodle's "missing word" questions. Essay (`{}`), numerical (`{#...}`) and
  description (no braces) questions are not supported and are reported as such.

Writing: everything Moodle's GIFT exporter writes for these types, texts in `[html]`
(escaped, so a question shows exactly its plain text). GIFT cannot say that a short answer is
case sensitive or ignores diacritics, and Moodle's ordering plugin reads no general feedback
from GIFT: those are lost in a GIFT file (Moodle XML keeps the first; see `moodle_xml`).
"""

import re
from html import escape

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
    normalise,
    percent,
    text_to_html,
    to_rich_text,
    to_text,
)

# Escaped characters are replaced by private-use placeholders while the structure is read.
ESCAPABLE = "\\:#={}~n"
PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(ESCAPABLE)}
RESTORED = {
    placeholder: ("\n" if char == "n" else char) for char, placeholder in PLACEHOLDERS.items()
}
ESCAPE_RE = re.compile(r"\\([\\:#={}~n])")
FORMAT_NAMES = {"moodle": MOODLE, "html": HTML, "plain": PLAIN, "markdown": MARKDOWN}
WEIGHT_RE = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
ORDERING_RE = re.compile(r"^>\s*\d+")
TAG_RE = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f])+)\]")
TRUE_VALUES, FALSE_VALUES = ("T", "TRUE"), ("F", "FALSE")
MISSING_WORD = "_____"


def parse(text: str) -> ParsedFile:
    """Every question of a GIFT file, in order, each with its problems."""
    parsed = ParsedFile(format="gift")
    category = ""
    for first_line, lines, comments in _blocks(text):
        body = _protect("\n".join(lines))
        if body.startswith("$CATEGORY:"):
            category = _restore(body[len("$CATEGORY:") :]).strip()
            continue
        question = QuestionData(
            kind="",
            name="",
            text="",
            category=category,
            number=len(parsed.questions) + 1,
            line=first_line,
            tags=_tags(comments),
        )
        _read_question(body, question)
        checks.validate(question)
        parsed.questions.append(question)
    return parsed


def _blocks(text: str):
    """(line number of the first line, lines, comment lines) of each blank-line-separated block
    that has something besides comments."""
    lines, comments, first = [], [], None
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.strip()
        if not line:
            if lines:
                yield first, lines, comments
            lines, comments, first = [], [], None
        elif line.startswith("//"):
            comments.append(line)
        else:
            first = first or number
            lines.append(line)
    if lines:
        yield first, lines, comments


def _protect(text: str) -> str:
    return ESCAPE_RE.sub(lambda match: PLACEHOLDERS[match.group(1)], text)


def _restore(text: str) -> str:
    for placeholder, char in RESTORED.items():
        text = text.replace(placeholder, char)
    return text


def _tags(comments: list[str]) -> list[str]:
    tags = []
    for comment in comments:
        for raw in TAG_RE.findall(comment):
            tag = raw.replace("\\]", "]").strip()
            if tag and tag not in tags:
                tags.append(tag)
    return tags


def _formatted(text: str, default: str) -> tuple[str, str]:
    """(format, text) of a protected text that may start with `[format]`, restored."""
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMAT_NAMES:
            return FORMAT_NAMES[text[1:end]], _restore(text[end + 1 :]).strip()
    return default, _restore(text).strip()


def _read_question(body: str, question: QuestionData) -> None:
    text, name = body, None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name = " ".join(_restore(text[2:end]).split())
            text = text[end + 2 :].strip()
        else:
            text = text[2:]

    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        _set_text(question, text, name)
        _unsupported(question, "description")
        return
    if start == -1 or finish == -1 or finish < start:
        _set_text(question, text.replace("{", " ").replace("}", " "), name)
        question.errors.append(
            _(
                "Brakuje nawiasu klamrowego „{” albo „}” wokół odpowiedzi (znaki { i } w treści "
                "zapisz jako \\{ i \\})."
            )
        )
        return
    answer = text[start + 1 : finish].strip()
    blank = "" if text.endswith("}") else MISSING_WORD
    rest = text[:start] + blank + text[finish + 1 :]
    fmt = _set_text(question, rest, name)
    if "{" in rest or "}" in rest:
        question.errors.append(
            _(
                "Pytanie ma więcej niż jedną sekcję odpowiedzi w nawiasach klamrowych (znaki "
                "{ i } w treści zapisz jako \\{ i \\})."
            )
        )
        return

    separator = answer.rfind("####")
    if separator != -1:
        feedback_format, feedback = _formatted(answer[separator + 4 :].strip(), fmt)
        question.explanation = to_rich_text(feedback, feedback_format)
        answer = answer[:separator].strip()

    if answer.startswith(">") and ORDERING_RE.match(answer):
        _ordering(question, answer, fmt)
    elif not answer:
        _unsupported(question, "essay")
    elif answer.startswith("#"):
        _unsupported(question, "numerical")
    elif "~" in answer:
        _choices(question, answer, fmt)
    elif "=" in answer and "->" in answer:
        _matching(question, answer, fmt)
    elif answer.split("#", 1)[0].strip() in TRUE_VALUES + FALSE_VALUES:
        _true_false(question, answer)
    else:
        _short_answer(question, answer)


def _set_text(question: QuestionData, text: str, name: str | None) -> str:
    fmt, raw = _formatted(text.strip(), MOODLE)
    question.text = to_text(raw, fmt)
    if name:
        question.name = name
    else:
        question.name = default_name(question.text) or _("Pytanie %(number)d") % {
            "number": question.number
        }
        question.name_generated = True
    return fmt


def _unsupported(question: QuestionData, source_type: str) -> None:
    question.kind, question.source_type = "", source_type
    question.errors.append(checks.unsupported(source_type))


def _split_feedback(part: str, fmt: str) -> tuple[str, str]:
    text, _sep, feedback = part.partition("#")
    text_format, text = _formatted(text.strip(), fmt)
    feedback_format, feedback = _formatted(feedback.strip(), fmt)
    return to_text(text, text_format), to_text(feedback, feedback_format)


def _weight(part: str) -> tuple[float | None, str]:
    match = WEIGHT_RE.match(part)
    if match is None:
        return None, part
    return float(match.group(1)) / 100, part[match.end() :]


def _choices(question: QuestionData, answer: str, fmt: str) -> None:
    single = "=" in answer
    question.kind = SINGLE_CHOICE if single else MULTIPLE_CHOICE
    question.source_type = "multichoice"
    parts = answer.replace("=", "~=").split("~")
    if not parts[0].strip():
        parts = parts[1:]
    partial = False
    for part in parts:
        part = part.strip()
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        else:
            weight, part = _weight(part)
            weight = weight or 0.0
            partial = partial or (single and 0 < weight < 1)
        text, feedback = _split_feedback(part, fmt)
        question.choices.append(Choice(text=text, correct=weight > 0, feedback=feedback))
    if partial:
        question.warnings.append(
            _("Odpowiedzi z częściową oceną (np. %(example)s) liczą się jako poprawne.")
            % {"example": "%50%"}
        )


def _matching(question: QuestionData, answer: str, fmt: str) -> None:
    question.kind, question.source_type = MATCHING, "match"
    parts = answer.split("=")
    if not parts[0].strip():
        parts = parts[1:]
    for part in parts:
        if "->" not in part:
            question.errors.append(
                _("Każda para w pytaniu o dopasowanie musi mieć postać „=element -> odpowiedź”.")
            )
            return
        prompt, _arrow, match = part.partition("->")
        prompt_format, prompt = _formatted(prompt.strip(), fmt)
        pair = Pair(prompt=to_text(prompt, prompt_format), match=normalise(_restore(match)))
        if not pair.prompt:
            question.warnings.append(
                _("Dodatkowa odpowiedź bez pary („%(match)s”) zostanie pominięta.")
                % {"match": pair.match}
            )
            continue
        question.pairs.append(pair)


def _true_false(question: QuestionData, answer: str) -> None:
    question.kind, question.source_type = TRUE_FALSE, "truefalse"
    value, *feedback = answer.split("#", 2)
    question.correct = value.strip() in TRUE_VALUES
    if any(_restore(part).strip() for part in feedback):
        question.warnings.append(
            _(
                "Informacja zwrotna do odpowiedzi prawda/fałsz zostanie pominięta (zostaje wyjaśnienie)."
            )
        )


def _short_answer(question: QuestionData, answer: str) -> None:
    question.kind, question.source_type = SHORT_ANSWER, "shortanswer"
    parts = answer.split("=")
    if not parts[0].strip():
        parts = parts[1:]
    lost = set()
    for part in parts:
        weight, part = _weight(part.strip())
        weight = 1.0 if weight is None else weight
        text, _sep, feedback = part.partition("#")
        text = normalise(_formatted(text.strip(), PLAIN)[1])
        checks.accept_short_answer(
            question, text, weight, feedback=bool(_restore(feedback).strip()), lost=lost
        )
    checks.report_lost(question, lost)


def _ordering(question: QuestionData, answer: str, fmt: str) -> None:
    question.kind, question.source_type = ORDERING, "ordering"
    lines = answer.split("\n")[1:]  # the first line holds the plugin's options
    question.items = [to_text(_restore(line), MOODLE) for line in lines if line.strip()]


# --- Writing --------------------------------------------------------------------------------------


def write(sections: list[Section]) -> str:
    """A GIFT file with each section as a category followed by its questions."""
    out, number = [], 0
    for section in sections:
        path = category_path(section.name)
        out.append(f"// question: 0  name: switch category to {path}\n$CATEGORY: {path}\n\n")
        for question in section.questions:
            number += 1
            out.append(_write_question(question, number))
    return "".join(out)


def escape_text(text: str) -> str:
    """GIFT's escaping of its control characters (Moodle's `repchar`)."""
    text = text.replace("\\", "\\\\")
    for char in "#=~{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _html(text: str) -> str:
    return escape_text(escape(text, quote=False))


def _write_question(question: QuestionData, number: int) -> str:
    out = f"// question: {number}  name: {question.name}\n"
    if question.tags:
        tags = (tag.replace("]", "\\]") for tag in question.tags)
        out += "// " + " ".join(f"[tag:{tag}]" for tag in tags) + "\n"
    out += f"::{escape_text(question.name)}::[html]{escape_text(text_to_html(question.text))}"
    explanation = f"####{escape_text(question.explanation)}" if question.explanation else ""
    if question.kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
        correct = sum(1 for choice in question.choices if choice.correct)
        out += "{\n"
        for choice in question.choices:
            if question.kind == SINGLE_CHOICE:
                marker = "=" if choice.correct else "~"
            else:
                marker = f"~%{percent(1 / correct if choice.correct else -1)}%"
            out += f"\t{marker}{_html(choice.text)}"
            out += f"#{_html(choice.feedback)}\n" if choice.feedback else "\n"
        out += f"\t{explanation}\n}}\n" if explanation else "}\n"
    elif question.kind == TRUE_FALSE:
        out += "{" + ("TRUE" if question.correct else "FALSE") + explanation + "}\n"
    elif question.kind == SHORT_ANSWER:
        out += "{\n" + "".join(f"\t=%100%{escape_text(a)}#\n" for a in question.accepted)
        out += f"\t{explanation}\n}}\n" if explanation else "}\n"
    elif question.kind == MATCHING:
        out += "{\n" + "".join(
            f"\t={_html(pair.prompt)} -> {escape_text(pair.match)}\n" for pair in question.pairs
        )
        out += f"\t{explanation}\n}}\n" if explanation else "}\n"
    elif question.kind == ORDERING:
        # Moodle's ordering plugin reads the items raw, one per line, and no general feedback.
        items = "".join(escape(item, quote=False) + "\n" for item in question.items)
        out += f"{{>{len(question.items)} ALL VERTICAL ALL_OR_NOTHING SHOW\n{items}}}\n"
    return out + "\n"
