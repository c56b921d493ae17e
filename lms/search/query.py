"""What a person typed, as a tsquery of our own lexemes, and the words to mark in results.

The text is never given to PostgreSQL's query parsers: it is cut into words (letters and digits
only, so quotes, operators, brackets and NUL are separators), each word becomes the set of its
lexemes (`lms.search.polish.query_lexemes`), and the tsquery is written here: the words joined by
AND (or OR, to broaden), each word an OR of its lexemes, the last word also a prefix (what is
being typed) when it has three letters or more.
"""

from dataclasses import dataclass, field

from lms.search import polish

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
MIN_PREFIX = 3


def clean(text: str) -> str:
    """The query as kept and shown again: no NUL, trimmed, at most MAX_QUERY_CHARS characters."""
    return text.replace("\x00", "").strip()[:MAX_QUERY_CHARS].strip()


@dataclass(frozen=True)
class Term:
    word: str
    lexemes: frozenset[str]
    prefix: str = ""  # the folded word, matched as a prefix (the last word only)

    def matches(self, lexemes: frozenset[str]) -> bool:
        if self.lexemes & lexemes:
            return True
        return bool(self.prefix) and any(lexeme.startswith(self.prefix) for lexeme in lexemes)

    def tsquery(self) -> str:
        alternatives = [f"'{lexeme}'" for lexeme in sorted(self.lexemes)]
        if self.prefix:
            alternatives.append(f"'{self.prefix}':*")
        return "(" + " | ".join(alternatives) + ")"


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[Term, ...] = field(default_factory=tuple)
    truncated: bool = False  # the text was longer than we search

    def __bool__(self) -> bool:
        return bool(self.terms)

    def tsquery(self) -> str:
        """Every word (each in any of its forms)."""
        return " & ".join(term.tsquery() for term in self.terms)

    def broader_tsquery(self) -> str:
        """Any of the words of MIN_PREFIX letters or more ("" when none): what to show when no
        page has every word (a stray "1" or "w" alone finds nothing worth showing)."""
        return " | ".join(term.tsquery() for term in self.terms if len(term.word) >= MIN_PREFIX)

    def matches(self, word: str) -> bool:
        """Whether a word of a result (any case) is one the query looks for."""
        lexemes = polish.index_lexemes(word.lower()[: polish.LONGEST_WORD * 2])
        return any(term.matches(lexemes) for term in self.terms)


def parse(raw: str) -> ParsedQuery:
    text = clean(raw)
    truncated = len(raw.replace("\x00", "").strip()) > MAX_QUERY_CHARS
    found = polish.words(text)
    meaningful = [word for word in found if polish.fold(word) not in polish.STOPWORDS]
    chosen = (meaningful or found)[:MAX_WORDS]
    truncated = truncated or len(meaningful or found) > MAX_WORDS
    terms = []
    for position, word in enumerate(chosen):
        word = word[: polish.LONGEST_WORD * 2]
        last = position == len(chosen) - 1
        folded = polish.fold(word)
        prefix = folded if last and len(folded) >= MIN_PREFIX else ""
        terms.append(Term(word=word, lexemes=polish.query_lexemes(word), prefix=prefix))
    return ParsedQuery(text=text, terms=tuple(terms), truncated=truncated)
