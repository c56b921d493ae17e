"""Polish word forms meet in the same lexemes, typed with or without diacritics."""

import pytest

from lms.search import polish
from lms.search.query import parse

# Each group: forms of one word (or phrase) a page may contain and a person may type.
INFLECTIONS = [
    ["gmina", "gminy", "gminie", "gminą", "gmin", "gminach"],
    ["urząd", "urzędzie", "urzędu", "urzędy", "urzędów", "urzędach"],
    ["cudzoziemiec", "cudzoziemcy", "cudzoziemców", "cudzoziemcem", "cudzoziemca"],
    ["standard", "standardy", "standardów", "standardach"],
    ["obsługa", "obsługi", "obsługę", "obsłudze"],
    ["szkoła", "szkole", "szkoły", "szkół"],
    ["pomoc", "pomocy"],
    ["społeczna", "społecznej", "społecznych"],
    ["uczeń", "ucznia", "uczniowie", "uczniów"],
    ["mieszkaniec", "mieszkańcy", "mieszkańców"],
    ["samorząd", "samorządu", "samorządy"],
    ["tłumacz", "tłumacza", "tłumacze"],
]


def folded(word: str) -> str:
    return polish.fold(word)


@pytest.mark.parametrize("forms", INFLECTIONS, ids=lambda forms: forms[0])
def test_every_form_typed_with_or_without_diacritics_meets_every_form_on_a_page(forms):
    typed = forms + [folded(form) for form in forms]
    misses = [
        (query, page)
        for query in typed
        for page in forms
        if not polish.query_lexemes(query) & polish.index_lexemes(page)
    ]

    assert misses == []


def test_text_written_without_diacritics_is_found_by_correct_spelling():
    assert polish.query_lexemes("urzędzie") & polish.index_lexemes("urzedzie")
    assert polish.query_lexemes("cudzoziemców") & polish.index_lexemes("cudzoziemcow")


def test_unrelated_words_do_not_meet():
    assert not polish.query_lexemes("gmina") & polish.index_lexemes("szkoła")
    assert not polish.query_lexemes("urzad") & polish.index_lexemes("standard")


@pytest.mark.parametrize(
    "raw",
    ["'", '"', "a\x00b", "&|!:*", "a & b | !c <-> d:*", "((szkolenie", "x" * 10_000, "🙂"],
)
def test_the_tsquery_holds_only_quoted_lexemes_and_our_operators(raw):
    query = parse(raw)
    text = query.tsquery()
    for term in query.terms:
        for lexeme in term.lexemes:
            assert lexeme.isalnum()
    # What is left once the quoted lexemes are gone: operators, brackets, prefix marks.
    rest = text
    for term in query.terms:
        for lexeme in sorted(term.lexemes | {term.prefix}, key=len, reverse=True):
            if lexeme:
                rest = rest.replace(f"'{lexeme}'", "")
    assert set(rest) <= set(" ()|&:*")


def test_a_long_query_is_cut_and_says_so():
    query = parse("cudzoziemiec " + "słowo " * 100)

    assert query.truncated
    assert len(query.text) <= 200
    assert len(query.terms) <= 12


def test_stopwords_are_dropped_unless_nothing_else_is_typed():
    assert [term.word for term in parse("obsługa w urzędzie").terms] == ["obsługa", "urzędzie"]
    assert [term.word for term in parse("w").terms] == ["w"]
