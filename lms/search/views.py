"""The site search page: anyone, signed in or not (it finds only live, public pages)."""

import re

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from lms.search import selectors
from lms.search.query import MAX_QUERY_CHARS, MAX_WORDS

SLUG = re.compile(r"[-a-z0-9_]{1,120}")


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 6 else 1


def _slug(value: str) -> str:
    """A facet's value as it can be (a slug), else none: nothing else reaches the database."""
    return value if SLUG.fullmatch(value) else ""


@require_GET
def search(request):
    params = request.GET
    results = selectors.search(
        text=params.get("q", ""),
        area=_slug(params.get("obszar", "")),
        kind=_slug(params.get("rodzaj", "")),
        page=_page_number(params.get("strona", "")),
        request=request,
    )
    return TemplateResponse(
        request,
        "search/results.html",
        {
            "results": results,
            "query": results.query.text,
            "asked": bool(params.get("q", "").strip()),
            "max_chars": MAX_QUERY_CHARS,
            "max_words": MAX_WORDS,
        },
    )
