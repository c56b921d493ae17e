"""Writes to the search index: a page's entry, a subtree, the whole site.

Indexing runs inside the transaction that published (or unpublished, moved, restricted) the
pages, as Wagtail's own search backend does: it costs a few milliseconds a page (see
`bench/search.py`), the index never shows what a rolled-back publication would have shown, and no
broker outage leaves it behind. `rebuild_index` (the `rebuild_search_index` command, nightly in
beat) redoes everything from the live pages.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Manager, Q, Value
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.search import index

from lms.search import polish, registry
from lms.search.models import SearchEntry

MAX_POSITION = 16383  # PostgreSQL keeps positions 1..16383
MAX_POSITIONS_PER_LEXEME = 8  # ts_rank weighs a word's first occurrences; the rest only cost
MAX_BODY_CHARS = 100_000
MAX_LEXEME_CHARS = 100
BATCH = 200


# --- A page's text --------------------------------------------------------------------------------


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return "\n".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_plain(item) for item in value.values())
    return force_str(value)


def _field_texts(obj, fields) -> Iterable[str]:
    for field in fields:
        if isinstance(field, index.SearchField) and field.field_name != "title":
            yield _plain(field.get_value(obj))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = list(related.all())
            elif callable(related):
                related = related()
            for item in related if isinstance(related, list) else [related]:
                yield from _field_texts(item, field.fields)


def vector_literal(sections: list[tuple[str, str]]) -> str:
    """A tsvector literal of the texts' lexemes (`lms.search.polish`), each text's words at their
    positions with its weight ("A".."D"); every lexeme of a word shares the word's position."""
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in sections:
        for word in polish.words(text):
            if position >= MAX_POSITION:
                break
            position += 1
            for lexeme in polish.index_lexemes(word[:MAX_LEXEME_CHARS]):
                found = positions.setdefault(lexeme, [])
                if len(found) < MAX_POSITIONS_PER_LEXEME:
                    found.append(f"{position}{weight}")
    # Lexemes are letters and digits only (polish.WORD): quoting is for form's sake.
    return " ".join(
        "'{}':{}".format(lexeme.replace("'", "''"), ",".join(found))
        for lexeme, found in positions.items()
    )


def build_entry(page, *, languages: dict[int, str] | None = None) -> SearchEntry:
    """The (unsaved) entry of a specific page of a registered type, in the site's language
    (whoever published it)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = page.title
        summary = _plain(getattr(page, "search_summary", None) or page.search_description).strip()
        context = _plain(getattr(page, "search_context", "")).strip()[:255]
        texts = [text.strip() for text in _field_texts(page, page.get_search_fields())]
        kind = force_str(page.search_kind)
    body = "\n\n".join(text for text in texts if text and text != summary)[:MAX_BODY_CHARS]
    literal = vector_literal([(title, "A"), (context, "D"), (summary, "B"), (body, "C")])
    return SearchEntry(
        page_id=page.pk,
        kind=kind[:60],
        kind_slug=slugify(kind)[:60] or "strona",
        area=page.search_area,
        locale=(languages or _languages()).get(page.locale_id, settings.LANGUAGE_CODE),
        title=title,
        context=context,
        summary=summary,
        body=body,
        body_is_public=getattr(page, "search_body_is_public", True),
        vector=Cast(Value(literal), output_field=SearchVectorField()),
    )


def _languages() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


# --- Who may be found -----------------------------------------------------------------------------


def _ancestor_paths(path: str) -> list[str]:
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _blocked_paths(pages: list[Page]) -> list[str]:
    """Paths of the pages' ancestors (themselves included) that hide what lies below them: not
    live, or under a view restriction."""
    paths = {path for page in pages for path in _ancestor_paths(page.path)[1:]}  # not the root
    if not paths:
        return []
    return list(
        Page.objects.filter(path__in=paths)
        .filter(Q(live=False) | Q(view_restrictions__isnull=False))
        .values_list("path", flat=True)
        .distinct()
    )


def _findable(pages: list[Page]) -> list[Page]:
    blocked = _blocked_paths(pages)
    return [
        page
        for page in pages
        if page.live
        and page.alias_of_id is None
        and getattr(page, "search_visible", True)
        and not any(page.path.startswith(path) for path in blocked)
    ]


# --- Writes ---------------------------------------------------------------------------------------


def _write(pages: list[Page]) -> int:
    """Index the findable ones of `pages` (specific, registered) and drop the others' entries."""
    findable = _findable(pages)
    SearchEntry.objects.filter(page_id__in=[page.pk for page in pages]).delete()
    languages = _languages()
    SearchEntry.objects.bulk_create([build_entry(page, languages=languages) for page in findable])
    return len(findable)


def _registered_pages(queryset) -> Iterable[list[Page]]:
    """The registered-type pages of a Page queryset, specific, in batches, by path."""
    models = registry.page_models()
    if not models:
        return
    ids = list(queryset.type(*models).order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        yield list(Page.objects.filter(pk__in=batch).order_by("path").specific())


def index_page(*, page_id: int) -> None:
    """Index one page (or drop its entry) as it now is in the database."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None:
        SearchEntry.objects.filter(page_id=page_id).delete()
    elif registry.is_registered(type(page)):
        _write([page])


def index_subtree(*, page: Page) -> int:
    """Index the page and every page below it again; returns how many are findable."""
    subtree = Page.objects.filter(path__startswith=page.path)
    indexed = 0
    seen = []
    for batch in _registered_pages(subtree):
        indexed += _write(batch)
        seen.extend(p.pk for p in batch)
    # Entries of pages that are no longer of a registered type (or gone from the tree).
    SearchEntry.objects.filter(page__path__startswith=page.path).exclude(page_id__in=seen).delete()
    return indexed


def forget_subtree(*, page: Page) -> None:
    """Drop the entries of the page and every page below it (it is no longer live)."""
    SearchEntry.objects.filter(page__path__startswith=page.path).delete()


def rebuild_index() -> int:
    """Index every page of the site again; returns how many are findable."""
    return index_subtree(page=Page.get_first_root_node())
