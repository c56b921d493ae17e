"""Which page types the site search covers, and what it reads from them.

An app puts its page types in the search with the Wagtail hook "lms_search_register", a function
returning the page models (in the app's `wagtail_hooks.py`):

    @hooks.register("lms_search_register")
    def search_pages():
        return [StandardPage]

A registered model declares Wagtail `search_fields` (their `SearchField`s other than the title,
related fields' included, are the body text: rich text and StreamField as plain text) and, on the
page:

- `search_kind`: a short Polish label of the type ("Kurs", "Lekcja"), a facet of the results
  (a gettext_lazy string: its Polish form is stored, the label is translated when shown);
- `search_area`: a `courses.ThematicArea` or None, the other facet.

and may declare:

- `search_summary`: a short text ranked above the body (default: the page's search description);
- `search_context`: one line shown under the title and ranked lowest (a lesson: its course);
- `search_visible`: False keeps a live, public page out (a lesson of a replaced edition);
- `search_body_is_public`: False when the body is for some readers only (lessons: for the learners
  of the course): the page is still found by its body, but results quote no body text.

A page is indexed only while it and all its ancestors are live and no view restriction (private,
password, groups) covers it; aliases are left out (their original is found). When a page is
published, unpublished or moved, or its view restrictions change, its whole subtree is indexed
again (a lesson's context follows its course's title).
"""

from wagtail import hooks

HOOK = "lms_search_register"


def page_models() -> list[type]:
    """The registered page models, in registration order."""
    models = []
    for register in hooks.get_hooks(HOOK):
        for model in register():
            if model not in models:
                models.append(model)
    return models


def is_registered(model: type) -> bool:
    return any(issubclass(model, registered) for registered in page_models())
