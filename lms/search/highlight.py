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


def _passage(text: str, query: ParsedQuery) -> tuple[int, list, int, int]:
    """(score, marked spans, start, end) of the passage of SNIPPET_WORDS words with the most
    distinct query words, earliest first."""
    tokens = list(polish.WORD.finditer(text[:SCAN_CHARS]))
    if not tokens:
        return 0, [], 0, 0
    hits = []
    for position, token in enumerate(tokens):
        lexemes = polish.index_lexemes(token.group().lower()[: polish.LONGEST_WORD * 2])
        found = frozenset(i for i, term in enumerate(query.terms) if term.matches(lexemes))
        if found:
            hits.append((position, found))
    at_positions = [position for position, _found in hits]
    best_score, best_start = 0, 0
    for position in at_positions:
        start = max(0, position - 4)
        low = bisect_left(at_positions, start)
        high = bisect_left(at_positions, start + SNIPPET_WORDS)
        inside = [found for _at, found in hits[low:high]]
        score = len(frozenset().union(*inside)) * 100 + len(inside)
        if score > best_score:
            best_score, best_start = score, start
    last = min(len(tokens), best_start + SNIPPET_WORDS) - 1
    start, end = tokens[best_start].start(), tokens[last].end()
    spans = [
        tokens[at].span()
        for at, _found in hits
        if best_start <= at <= last and tokens[at].end() <= end
    ]
    return best_score, spans, start, end


def snippet(texts: list[str], query: ParsedQuery) -> SafeString:
    """The passage of `texts` (summary, body...) that shows the most of the query, marked; the
    first text's beginning when none shows any of it."""
    texts = [text for text in texts if text and text.strip()]
    if not texts:
        return mark_safe("")
    best = max(((_passage(text, query), text) for text in texts), key=lambda found: found[0][0])
    (score, spans, start, end), text = best
    if not score:
        text = texts[0]
        tokens = list(polish.WORD.finditer(text[:SCAN_CHARS]))
        start, spans = 0, []
        end = tokens[min(len(tokens), SNIPPET_WORDS) - 1].end() if tokens else len(text)
    shifted = [(s - start, e - start) for s, e in spans]
    html = " ".join(
        _marked(text[start:end], shifted).split()
    )  # one line: newlines and runs of spaces as single spaces
    if start > 0:
        html = "… " + html
    if end < len(text.rstrip()):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece went through escape()
