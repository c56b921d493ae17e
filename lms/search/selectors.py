"""Reads of the search index: the site search (results, snippets, facets) and ranked page ids.

Matching and ranking happen in PostgreSQL on `SearchEntry.vector` (GIN index): the query is a
tsquery written by `lms.search.query`, ranked with ts_rank weighted by where a word was found
(title, summary, body, context). ts_rank counts a word's first, best-weighted occurrences most and
the rest less and less, so a word in a title outweighs the same word many times in a long lesson
(ts_rank_cd, which adds every occurrence up, put long lessons above the courses named after the
word: see tests/search/test_relevance.py). A results page is two queries whatever its size: one for the
facet counts (which also gives the total), one for the page of hits.
"""

import math
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Count, F, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from lms.search import highlight
from lms.search.models import SearchEntry
from lms.search.query import ParsedQuery, parse

PER_PAGE = 10
MAX_PAGE = 100
MAX_RANKED = 500
# ts_rank weights of D (context), C (body), B (summary), A (title).
WEIGHTS = [0.05, 0.2, 0.5, 1.0]


class LexemeQuery(SearchQuery):
    """A tsquery written by `lms.search.query` (quoted lexemes, our operators): cast, not parsed."""

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = compiler.compile(self.source_expressions[0])  # the Value: no config
        return f"({sql})::tsquery", params


def _matching(tsquery: str) -> tuple[QuerySet, LexemeQuery]:
    lexeme_query = LexemeQuery(tsquery)
    entries = SearchEntry.objects.filter(vector=lexeme_query, page__live=True)
    return entries, lexeme_query


def _ranked(entries: QuerySet, lexeme_query: LexemeQuery) -> QuerySet:
    rank = SearchRank(F("vector"), lexeme_query, weights=WEIGHTS)
    return entries.annotate(rank=rank).order_by("-rank", "title", "pk")


def ranked_page_ids(*, text: str, models: list[type] | None = None) -> list[int]:
    """Ids of the pages (of `models`, when given) that have every word of `text`, best first."""
    query = parse(text)
    if not query:
        return []
    entries, lexeme_query = _matching(query.tsquery())
    if models:
        types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
        entries = entries.filter(page__content_type__in=list(types.values()))
    ranked = _ranked(entries, lexeme_query)
    return list(ranked.values_list("page_id", flat=True)[:MAX_RANKED])


@dataclass
class Facet:
    value: str  # the URL parameter's value
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    url: str
    title: SafeString
    kind: str
    area: str
    context: str
    snippet: SafeString


@dataclass
class Results:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    areas: list[Facet] = field(default_factory=list)
    kinds: list[Facet] = field(default_factory=list)
    broadened: bool = False  # no page had every word: pages with some of them are shown

    @property
    def first(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * PER_PAGE)


def _facets(entries: QuerySet, *, area: str, kind: str) -> tuple[list[Facet], list[Facet], int]:
    """Area and type facets, each counted with the other one's choice applied, and the total."""
    rows = list(
        entries.values("area__slug", "area__name", "area__sort_order", "kind_slug", "kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    areas: dict[str, Facet] = {}
    kinds: dict[str, Facet] = {}
    order: dict[str, tuple] = {}
    total = 0
    for row in rows:
        area_slug = row["area__slug"] or ""
        in_area = not area or area_slug == area
        in_kind = not kind or row["kind_slug"] == kind
        if area_slug and in_kind:
            facet = areas.setdefault(area_slug, Facet(area_slug, row["area__name"], 0))
            facet.count += row["count"]
            order[area_slug] = (row["area__sort_order"], row["area__name"])
        if in_area:
            facet = kinds.setdefault(row["kind_slug"], Facet(row["kind_slug"], row["kind"], 0))
            facet.count += row["count"]
        if in_area and in_kind:
            total += row["count"]
    for facet in areas.values():
        facet.selected = facet.value == area
    for facet in kinds.values():
        facet.label = gettext(facet.label)  # stored in Polish, the msgid
        facet.selected = facet.value == kind
    area_list = sorted(areas.values(), key=lambda facet: order[facet.value])
    kind_list = sorted(kinds.values(), key=lambda facet: (-facet.count, facet.label))
    return area_list, kind_list, total


def search(*, text: str, area: str = "", kind: str = "", page: int = 1, request=None) -> Results:
    """One page of the site search: every word must be found (else any of them), ranked, with
    snippets and facets (area, type)."""
    query = parse(text)
    results = Results(query=query)
    if not query:
        return results
    entries, lexeme_query = _matching(query.tsquery())
    areas, kinds, total = _facets(entries, area=area, kind=kind)
    broader = query.broader_tsquery() if len(query.terms) > 1 else ""
    if not areas and not kinds and broader:
        entries, lexeme_query = _matching(broader)
        areas, kinds, total = _facets(entries, area=area, kind=kind)
        results.broadened = bool(areas or kinds)
    results.areas, results.kinds, results.total = areas, kinds, total
    results.pages = min(MAX_PAGE, math.ceil(total / PER_PAGE))
    results.page = max(1, min(page, results.pages or 1))
    if area:
        entries = entries.filter(area__slug=area)
    if kind:
        entries = entries.filter(kind_slug=kind)
    start = (results.page - 1) * PER_PAGE
    found = _ranked(entries, lexeme_query).select_related("page", "area")[start : start + PER_PAGE]
    for entry in found:
        texts = [entry.summary, entry.body] if entry.body_is_public else [entry.summary]
        results.hits.append(
            Hit(
                url=entry.page.get_url(request=request) or "",
                title=highlight.mark(entry.title, query),
                kind=gettext(entry.kind),
                area=entry.area.name if entry.area else "",
                context=entry.context,
                snippet=highlight.snippet(texts, query),
            )
        )
    return results
