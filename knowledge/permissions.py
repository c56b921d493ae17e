"""Who authors the knowledge base in the admin: administrators (page permissions on the root),
and trainers (Wagtail's "add" page permission on the knowledge index, see
`services.open_knowledge_base_to_trainers`)."""

from wagtail.models import Page
from wagtail.permissions import policy_registry

from knowledge.selectors import index_location

AUTHORING_CODENAMES = ("add_page", "publish_page")
_CACHE = "_knowledge_may_review_standards"


def may_review_standards(user) -> bool:
    """May see the "Standardy do przeglądu" report: whoever may write or publish standards.
    Read from the page permissions Wagtail caches for the request (and cached on the user
    object likewise): the admin menu asks on every page."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, _may_review(user))
    return getattr(user, _CACHE)


def _may_review(user) -> bool:
    location = index_location()
    if location is None:
        return False
    permissions = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
    return any(
        permission.permission.codename in AUTHORING_CODENAMES
        and location.path.startswith(permission.page.path)
        for permission in permissions
    )
