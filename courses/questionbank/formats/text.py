"""Texts between Moodle's formats and the bank: HTML to plain text and back, rich text cleaned
with Wagtail's own whitelist, category paths, and names made from question texts.

Moodle stores texts in one of four formats: "html", "moodle" (HTML whose line breaks are kept),
"plain" and "markdown" (both shown as written). Question texts, answers, feedback and pairs are
plain text in the bank (`TextBlock`/`CharBlock`, shown escaped), so HTML becomes text here.
Explanations are rich text: HTML is reduced to what the bank's rich text editor allows, and
scripts, styles and embedded objects are dropped with their content.
"""

import re
from html import escape
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape as django_escape

HTML, MOODLE, PLAIN, MARKDOWN = "html", "moodle", "plain", "markdown"

# Elements whose content is never text for a learner.
DROPPED = {"script", "style", "head", "title", "noscript", "template", "iframe", "object", "embed"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
}  # fmt: skip
LINES = {"br", "li", "tr"}
PARAGRAPH = "\n\n"


class _TextExtractor(HTMLParser):
    """What a browser would show of an HTML fragment, as plain text with line breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0  # depth inside DROPPED elements

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropped += 1
        elif tag in BLOCKS:
            self.parts.append(PARAGRAPH)
        elif tag in LINES:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt.strip():
                self.parts.append(f" {alt.strip()} ")

    def handle_startendtag(self, tag, attrs):
        if tag not in DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif tag in BLOCKS:
            self.parts.append(PARAGRAPH)

    def handle_data(self, data):
        if not self.dropped:
            self.parts.append(re.sub(r"[ \t\r\n\f\v]+", " ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment: paragraphs separated by a blank line, `<br>` and list
    items on their own lines, entities decoded, scripts and styles dropped."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return normalise("".join(extractor.parts))


def normalise(text: str) -> str:
    """Plain text in one canonical shape: no-break and other spaces as single spaces, lines
    trimmed, at most one blank line between paragraphs, nothing around."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", PARAGRAPH, "\n".join(lines)).strip()


def text_to_html(text: str) -> str:
    """HTML showing `text` exactly: paragraphs in `<p>`, line breaks as `<br>`, all escaped."""
    text = normalise(text)
    if not text:
        return ""
    paragraphs = text.split(PARAGRAPH)
    return "".join(
        "<p>" + "<br>".join(escape(line, quote=False) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )


def to_text(text: str, fmt: str) -> str:
    """A text in Moodle format `fmt` as plain text."""
    if fmt == HTML:
        return html_to_text(text)
    if fmt == MOODLE:
        return html_to_text(text.replace("\n", "<br>"))
    return normalise(text)


def to_rich_text(text: str, fmt: str) -> str:
    """A text in Moodle format `fmt` as rich text for the bank (cleaned, see `sanitise_rich_text`)."""
    if not text.strip():
        return ""
    if fmt in (PLAIN, MARKDOWN):
        text = text_to_html(text)
    elif fmt == MOODLE:
        text = text.replace("\n", "<br>")
    return sanitise_rich_text(text)


def _converter():
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    from courses.blocks import RICH_TEXT_FEATURES

    return EditorHTMLConverter(features=RICH_TEXT_FEATURES)


RICH_TEXT = SimpleLazyObject(_converter)


def sanitise_rich_text(html: str) -> str:
    """HTML reduced to what the explanations' rich text editor allows (Wagtail's whitelist for
    `courses.blocks.RICH_TEXT_FEATURES`): other elements are unwrapped, attributes dropped,
    links to `javascript:` removed; scripts, styles and embedded objects go with their content.
    Bare text is put in a paragraph. Cleaning the result again changes nothing."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED):
        element.decompose()
    cleaned = RICH_TEXT.to_database_format(str(soup)).strip()
    if not html_to_text(cleaned):
        return ""
    top = BeautifulSoup(cleaned, "html.parser")
    blocks = {"p", "h3", "h4", "ol", "ul"}
    if any(getattr(node, "name", None) not in blocks for node in top.contents):
        cleaned = _in_paragraphs(top, blocks)
    return cleaned


def _in_paragraphs(top, blocks) -> str:
    """Inline content at the top level wrapped in `<p>`, block elements left as they are
    (serialised as Wagtail's whitelister does, so the result is stable)."""
    out, inline = [], []

    def flush():
        chunk = "".join(inline).strip()
        if chunk and html_to_text(chunk):
            out.append(f"<p>{chunk}</p>")
        inline.clear()

    for node in top.contents:
        name = getattr(node, "name", None)
        serialised = node.decode(formatter=django_escape) if name else django_escape(str(node))
        if name in blocks:
            flush()
            out.append(serialised)
        else:
            inline.append(serialised)
    flush()
    return "".join(out)


def has_embedded_media(html: str) -> bool:
    """Whether the HTML shows images or other media the bank cannot keep."""
    return bool(re.search(r"<\s*(img|video|audio|object|embed|iframe)\b", html, re.IGNORECASE))


# --- Category paths -------------------------------------------------------------------------------

# Moodle's contexts at the start of a path, and its hidden root category.
CONTEXTS = {"$course$", "$cat$", "$system$", "$module$", "$coursecategory$"}
TOP = "top"


def category_segments(path: str) -> list[str]:
    """The category names of a Moodle category path, without the context and the "top" root
    ("$course$/top/Prawo/Cudzoziemcy" -> ["Prawo", "Cudzoziemcy"]). A "/" inside a name is
    written "//" (Moodle's escaping)."""
    placeholder = "\ue000"
    names = [
        name.replace(placeholder, "/").strip()
        for name in path.strip().replace("//", placeholder).split("/")
    ]
    names = [name for name in names if name]
    if names and names[0].lower() in CONTEXTS:
        names = names[1:]
    if names and names[0] == TOP:
        names = names[1:]
    return names


def category_path(name: str) -> str:
    """The path the writers give a pool (`$course$/top/<name>`, "/" written "//")."""
    return "$course$/top/" + name.replace("/", "//")


def default_name(text: str, *, limit: int = 60) -> str:
    """A question name made from its text, as Moodle does when a file gives none."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,.;:") + "…"


def percent(weight: float) -> str:
    """A weight as Moodle writes it: 100, 50, 33.33333, -100."""
    value = round(weight * 100, 5)
    return str(int(value)) if value == int(value) else f"{value:.5f}".rstrip("0")
