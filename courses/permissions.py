"""Who may author which course in Wagtail's admin.

The Trainer group holds Wagtail's "add" page permission on the catalogue: a trainer may create a
course there (a draft: publishing stays with administrators, through the moderation workflow).
Each course's own group (`services.sync_course_trainers`) gives its trainers "add" and "change"
on that course's subtree. So, inside a course, a user whose only permission there is the
catalogue's "add" is not one of its trainers, and here that means:

- `CourseTreePermissionTester`: they may not edit, add to, delete, move or copy any page of that
  course (Wagtail would otherwise let "add" edit one's own pages and add below any page);
- `hidden_pages`: they do not see its unpublished pages, nor anything of an unpublished course;
  the page permission policy below takes them out of every explorer listing, page search, the
  sidebar explorer and page history reports; the page chooser and `HiddenCoursePagesMiddleware`
  (every admin URL naming such a page answers 404) use the same condition.

Published courses of other trainers stay visible read-only, as Wagtail shows them.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.http import Http404
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.users.roles import is_administrator

MANAGING_CODENAMES = ("change_page", "publish_page")
_HIDDEN_CACHE = "_course_pages_hidden_condition"


class CourseTreePermissionTester(PagePermissionTester):
    """Wagtail's tester, less the catalogue's "add" where the user is not one of the course's
    trainers (no "change" or "publish" on it)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        managing = {"change", "publish"}
        if user.is_active and not user.is_superuser and not self.permissions & managing:
            self.permissions.discard("add")


def _managed_paths(user) -> list[str]:
    """Paths of the pages whose subtree the user may change or publish."""
    from wagtail.permissions import policy_registry

    permissions = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
    return [
        permission.page.path
        for permission in permissions
        if permission.permission.codename in MANAGING_CODENAMES
    ]


def hidden_pages(user) -> Q | None:
    """A condition on Page matching the course pages `user` must not see in the admin: those of
    courses they do not train (no change/publish permission) that are unpublished, or belong to
    an unpublished course. None when nothing is hidden (administrators, no catalogue yet).

    Cached on the user object for the request, as Wagtail caches page permissions.
    """
    if hasattr(user, _HIDDEN_CACHE):
        return getattr(user, _HIDDEN_CACHE)
    condition = _hidden_pages(user)
    setattr(user, _HIDDEN_CACHE, condition)
    return condition


def _hidden_pages(user) -> Q | None:
    from courses.models import CourseIndexPage

    if not user.is_authenticated or not user.is_active or is_administrator(user):
        return None  # administrators review every draft (the workflow's approvers)
    catalogue = CourseIndexPage.objects.values("path", "depth").first()
    if catalogue is None:
        return None
    course_depth = catalogue["depth"] + 1
    in_courses = Q(path__startswith=catalogue["path"], depth__gte=course_depth)
    managed = Q(pk__in=[])
    for path in _managed_paths(user):
        managed |= Q(path__startswith=path)
    # The course of a page is its ancestor at the course depth: the start of its path.
    course_is_draft = Exists(
        Page.objects.filter(
            live=False, path=Substr(OuterRef("path"), 1, course_depth * Page.steplen)
        )
    )
    return in_courses & ~managed & (Q(live=False) | course_is_draft)


def forget_page_permissions(user) -> None:
    """Drop the permissions Wagtail and this module cached on the user object for the request
    (after the user joined a course's group)."""
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Page)
    for name in (
        policy.permission_cache_name,
        policy._explorable_root_instance_cache_name,
        _HIDDEN_CACHE,
    ):
        if hasattr(user, name):
            delattr(user, name)


def without_hidden(pages, user):
    """`pages` (a Page queryset) less what `hidden_pages` hides from `user` (as a primary-key
    subquery, which search backends accept in front of a search)."""
    condition = hidden_pages(user)
    if condition is None:
        return pages
    return pages.exclude(pk__in=Page.objects.filter(condition).values("pk"))


def is_hidden(page_id, user) -> bool:
    condition = hidden_pages(user)
    return condition is not None and Page.objects.filter(condition, pk=page_id).exists()


class CoursePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy; what is explorable excludes other trainers' unpublished course pages
    (Wagtail's explorer, page search, admin API and page history all start from this)."""

    def explorable_instances(self, user):
        return without_hidden(super().explorable_instances(user), user)


# Admin URL parameters that name a page (Wagtail's page views, choosers, form submissions).
PAGE_URL_PARAMETERS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


class HiddenCoursePagesMiddleware:
    """An admin URL naming a page the user must not see answers 404, whatever the view (edit,
    preview, revisions, history, explorer, chooser...): for them the draft does not exist."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        names = [name for name in PAGE_URL_PARAMETERS if name in view_kwargs]
        if not names or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or not any(
            name.startswith("wagtail") for name in (match.url_name or "", *match.namespaces)
        ):
            return None
        if any(is_hidden(view_kwargs[name], request.user) for name in names):
            raise Http404
        return None
