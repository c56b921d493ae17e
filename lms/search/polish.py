"""Polish words as search lexemes: lemmatised by Morfeusz 2 (SGJP dictionary), diacritics folded.

Every word of a page and of a query becomes a set of lexemes: the word itself with its Polish
diacritics folded (ą→a, ł→l, ż→z...) and every lemma Morfeusz gives it, folded the same way. A
page matches a query word when the two sets meet, so "urzędzie", "urzędów", "urzad" and
"Urząd" all meet in "urzad" (the lemma "urząd", folded), and "obslugi" meets "obsługi" (the same
folded form, and both lemmatise to "obsługa").

A word typed without diacritics that Morfeusz does not know as such ("urzedzie", "cudzoziemcow")
is first given its diacritics back: every spelling that puts ą ć ę ł ń ó ś ź ż where the letters
allow it (ć ń ś ź never before a vowel, ą ę never first) is looked up, and the lemmas of those
Morfeusz knows are added. A query word always gets this (a word without diacritics may be a
real word and a folded one: "sady", "sądy"); a page's word only when Morfeusz does not know it
(text typed without diacritics), so correct text is indexed as written.

Morfeusz is loaded once per process (about 0.2 s) and guarded by a lock; results are cached per
word.
"""

import functools
import itertools
import re
import threading

FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
# Letters (and digits) only: punctuation, underscores, quotes, operators are separators.
WORD = re.compile(r"[^\W_]+")
LONGEST_WORD = 40  # longer "words" (hashes, garbage) are kept folded, never analysed

_DIACRITIC_OPTIONS = {
    "a": "aą",
    "c": "cć",
    "e": "eę",
    "l": "lł",
    "n": "nń",
    "o": "oó",
    "s": "sś",
    "z": "zźż",
}
_SOFT = set("ćńśź")  # written ci, ni, si, zi before a vowel
_VOWELS = set("aąeęioóuy")
_MOST_SPELLINGS = 1024

# Words a query can do without (kept when a query has nothing else).
STOPWORDS = frozenset(
    [
        "a",
        "aby",
        "albo",
        "ale",
        "bez",
        "by",
        "byc",
        "czy",
        "dla",
        "do",
        "i",
        "ich",
        "jak",
        "jako",
        "jest",
        "juz",
        "ku",
        "lub",
        "na",
        "nad",
        "nie",
        "o",
        "od",
        "oraz",
        "po",
        "pod",
        "przez",
        "przy",
        "sa",
        "sie",
        "ta",
        "te",
        "to",
        "tu",
        "u",
        "w",
        "we",
        "z",
        "za",
        "ze",
    ]
)

_lock = threading.Lock()
_analyser = None


def _morfeusz():
    global _analyser
    if _analyser is None:
        import morfeusz2

        _analyser = morfeusz2.Morfeusz(
            generate=False,
            expand_tags=False,
            case_handling=morfeusz2.IGNORE_CASE,
            whitespace=morfeusz2.SKIP_WHITESPACES,
        )
    return _analyser


def fold(text: str) -> str:
    """Lowercase, Polish diacritics folded to their base letters."""
    return text.lower().translate(FOLD)


def words(text: str) -> list[str]:
    """The words of a text, lowercased, in order."""
    return WORD.findall(text.lower())


def _lemmas(word: str) -> tuple[bool, set[str]]:
    """(whether Morfeusz knows the word, the lemmas of its readings). Only readings of the whole
    word's first segment count ("zrobiłem" is "zrobić", not also "być")."""
    with _lock:
        readings = _morfeusz().analyse(word)
    known, lemmas = False, set()
    for start, _end, (_form, lemma, tag, *_rest) in readings:
        if start != 0 or tag == "ign":
            continue
        known = True
        lemma = lemma.split(":", 1)[0].lower()
        if WORD.fullmatch(lemma):  # not "księga_abdiasza" (for "Ab"), nor multi-word lemmas
            lemmas.add(lemma)
    return known, lemmas


def spellings(word: str) -> list[str]:
    """The spellings of a word typed without diacritics that put them back where Polish allows
    (the word itself included); [word] when there would be too many to try."""
    choices = []
    for position, letter in enumerate(word):
        following = word[position + 1] if position + 1 < len(word) else ""
        options = []
        for option in _DIACRITIC_OPTIONS.get(letter, letter):
            if option in _SOFT and following in _VOWELS:
                continue
            if option in "ąę" and position == 0:
                continue
            if option in "źż" and position and word[position - 1] in "crs":
                continue
            options.append(option)
        choices.append(options)
    if functools.reduce(lambda total, options: total * len(options), choices, 1) > _MOST_SPELLINGS:
        return [word]
    return ["".join(spelling) for spelling in itertools.product(*choices)]


def _restored_lemmas(word: str) -> set[str]:
    lemmas = set()
    for spelling in spellings(word):
        if spelling != word:
            known, found = _lemmas(spelling)
            if known:
                lemmas |= found
    return lemmas


@functools.lru_cache(maxsize=200_000)
def index_lexemes(word: str) -> frozenset[str]:
    """The lexemes a page's word (lowercase, see `words`) is indexed under."""
    folded = word.translate(FOLD)
    if len(word) > LONGEST_WORD:
        return frozenset([folded])
    known, lemmas = _lemmas(word)
    if not known and folded == word:
        lemmas |= _restored_lemmas(word)
    return frozenset({folded} | {lemma.translate(FOLD) for lemma in lemmas})


@functools.lru_cache(maxsize=20_000)
def query_lexemes(word: str) -> frozenset[str]:
    """The lexemes a query word (lowercase) matches: as `index_lexemes`, and always with the
    lemmas of its spellings with diacritics when it has none."""
    folded = word.translate(FOLD)
    if len(word) > LONGEST_WORD:
        return frozenset([folded])
    _known, lemmas = _lemmas(word)
    if folded == word:
        lemmas |= _restored_lemmas(word)
    return frozenset({folded} | {lemma.translate(FOLD) for lemma in lemmas})
