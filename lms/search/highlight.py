"""Snippets with the words a query found marked: <mark>, everything else escaped."""

from bisect import bisect_left

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lms.search import polish
from lms.search.query import ParsedQuery

SNIPPET_WORDS = 32
SCAN_CHARS = 20_000  # a long body is looked through this far for the best passage


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in spans:
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def mark(text: str, query: ParsedQuery) -> SafeString:
    """The whole text, escaped, with the query's words marked (for titles)."""
    spans = [m.span() for m in polish.WORD.finditer(text) if query.matches(m.group())]
    return mark_safe(_marked(text, spans))  # noqa: S308 - every piece went through escape()


def _window(text: str, tokens: list, first: int) -> tuple[int, int]:
    """Character bounds of SNIPPET_WORDS words from token `first`: from the text's very start
    or end (punctuation included) when the window reaches them."""
    last = min(len(tokens), first + SNIPPET_WORDS) - 1
    start = 0 if first == 0 else tokens[first].start()
    at_end = last == len(tokens) - 1 and len(text) <= SCAN_CHARS
    return start, len(text) if at_end else tokens[last].end()


def _passage(text: str, query: ParsedQuery) -> tuple[int, list, int, int]:
    """(score, marked spans, start, end) of the passage of SNIPPET_WORDS words with the most
    distinct query words, earliest first (score 0 and the text's beginning when none is in it)."""
    tokens = list(polish.WORD.finditer(text[:SCAN_CHARS]))
    if not tokens:
        return 0, [], 0, len(text)
    hits = []
    for position, token in enumerate(tokens):
        lexemes = polish.index_lexemes(token.group().lower()[: polish.LONGEST_WORD * 2])
        found = frozenset(i for i, term in enumerate(query.terms) if term.matches(lexemes))
        if found:
            hits.append((position, found))
    at_positions = [position for position, _found in hits]
    best_score, best_first = 0, 0
    for position in at_positions:
        first = max(0, min(position - 4, len(tokens) - SNIPPET_WORDS))
        low = bisect_left(at_positions, first)
        high = bisect_left(at_positions, first + SNIPPET_WORDS)
        inside = [found for _at, found in hits[low:high]]
        score = len(frozenset().union(*inside)) * 100 + len(inside)
        if score > best_score:
            best_score, best_first = score, first
    start, end = _window(text, tokens, best_first)
    spans = [tokens[at].span() for at in at_positions if start <= tokens[at].start() < end]
    return best_score, spans, start, end


def snippet(texts: list[str], query: ParsedQuery) -> SafeString:
    """The passage of `texts` (summary, body...) that shows the most of the query, marked; the
    first text's beginning when none shows any of it."""
    texts = [text for text in texts if text and text.strip()]
    if not texts:
        return mark_safe("")
    passages = [(_passage(text, query), text) for text in texts]
    (score, spans, start, end), text = max(passages, key=lambda found: found[0][0])
    if not score:
        (score, spans, start, end), text = passages[0]
    shifted = [(s - start, e - start) for s, e in spans]
    # One line: newlines and runs of spaces become single spaces.
    html = " ".join(_marked(text[start:end], shifted).split())
    if start > 0:
        html = "… " + html
    if text[end:].strip():
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece went through escape()
