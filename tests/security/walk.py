"""Every URL pattern the project resolves, from the resolver itself (Django, Wagtail admin with
its hook-registered URLs and viewsets, Wagtail's own front-end views)."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route, prefixes joined: "admin/users/edit/<int:pk>/"
    name: str | None  # "namespace:name", "page:<PageType>" for Wagtail's page routes, or None
    view: str  # dotted path of the view, for the failure message
    parameters: tuple = ()  # the URL's named parameters (route converters or regex groups)

    @property
    def key(self) -> str:
        """How the matrix names it: the URL name, or the route when it has no name."""
        return self.name or self.route

    def __str__(self):
        return f"{self.key} [{self.route}]" if self.name else self.route


def _parameters(entry) -> tuple:
    if isinstance(entry.pattern, RoutePattern):
        return tuple(entry.pattern.converters)
    return tuple(entry.pattern.regex.groupindex)


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            params = _parameters(entry)
            if entry.lookup_str == "wagtail.views.serve":
                # Wagtail's page tree: one pattern per page type (its `serve`), via a real page.
                yield from _page_types(prefix + str(entry.pattern))
                continue
            yield Pattern(prefix + str(entry.pattern), name, entry.lookup_str, params)


def _page_types(route):
    from wagtail.models import get_page_models

    for model in get_page_models():
        if model._meta.label != "wagtailcore.Page":
            yield Pattern(route, f"page:{model.__name__}", model._meta.label)


def all_patterns() -> list[Pattern]:
    seen, out = set(), []
    for pattern in _walk(get_resolver().url_patterns):
        if (pattern.route, pattern.name) not in seen:
            seen.add((pattern.route, pattern.name))
            out.append(pattern)
    return out
