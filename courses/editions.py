"""Editions of a course: a yearly revision that leaves the learners of the old one undisturbed.

A course is revised (a law changed): `create_edition` copies the whole tree (the course, its
modules, lessons and quiz, with their blocks) as a draft next to the old course, with a new slug,
the edition's label and the same trainers. Learning records (enrolments, lesson completions, quiz
attempts, certificates) are never copied: they point to the old pages, which the copy does not
touch, so learners of the old edition keep their progress, results and certificates there.

The data (on `CoursePage`): `edition_of` points every later edition to the lineage's first one
(`lineage_id` is the first edition's id, shared by all), `edition_number` counts 1, 2, 3… within
the lineage, `edition_label` ("2026") is what people read.

The current edition of a lineage is its live edition with the highest number. The catalogue lists
only current editions (`current_only`); an older live edition stays reachable for the people
enrolled on it (course page, lessons, "My training", certificates) but takes no new
self-enrolment (`superseded_by`, read by `courses.services.can_enrol`) and points to the current
one.

Hook for other apps: `courses.signals.edition_copied` is sent inside the copying transaction
with `source` (the old CoursePage), `edition` (the new, draft CoursePage), `page_map`
({old page id: new page id} for every page of the tree, the course included) and `user`. A
receiver copies what belongs to the course outside its pages (question pools, say); an exception
in a receiver rolls the whole copy back, so an edition never exists half-copied. Connect with
`edition_copied.connect(receiver, dispatch_uid=...)` in the app's `ready()`.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from courses.models import CoursePage, edition_title
from courses.signals import edition_copied
from lms.home.tree_cache import generation

LABEL_MAX_LENGTH = CoursePage._meta.get_field("edition_label").max_length
CACHE_SECONDS = 60 * 60 * 24


class EditionError(Exception):
    """A new edition cannot be made; nothing was changed. The message is for the editor."""


@dataclass(frozen=True)
class Edition:
    """A live edition, as the learner's pages need it (cached with the page tree)."""

    pk: int
    number: int
    label: str
    title: str
    url: str

    @property
    def display_title(self) -> str:
        return edition_title(self.title, self.label)


# --- Reads ----------------------------------------------------------------------------------------


def lineage_condition(*, lineage_id: int, prefix: str = "") -> Q:
    """Every edition of the lineage, as a filter on CoursePage (or, with `prefix="course__"`, on
    anything with a `course`)."""
    return Q(**{f"{prefix}pk": lineage_id}) | Q(**{f"{prefix}edition_of_id": lineage_id})


def lineage_key(*, prefix: str = "") -> Coalesce:
    """The lineage's id (its first edition's) as an expression, to group by; on CoursePage, or
    with `prefix="course__"` on anything with a `course`."""
    return Coalesce(f"{prefix}edition_of_id", f"{prefix}pk")


def editions_of(*, course: CoursePage) -> list[CoursePage]:
    """All editions of the course's lineage, live or not, oldest first."""
    return list(
        CoursePage.objects.filter(lineage_condition(lineage_id=course.lineage_id))
        .defer_streamfields()
        .order_by("edition_number")
    )


def current_only(courses: QuerySet) -> QuerySet:
    """`courses` without those that a later live edition of their lineage has replaced (as an
    `id IN (subquery)` filter, which the search backend accepts: `catalogue` searches it)."""
    later_live = CoursePage.objects.live().filter(
        edition_of_id=Coalesce(OuterRef("edition_of_id"), OuterRef("pk")),
        edition_number__gt=OuterRef("edition_number"),
    )
    current = CoursePage.objects.filter(~Exists(later_live)).values("pk")
    return courses.filter(pk__in=current)


def live_editions(*, lineage_id: int) -> list[Edition]:
    """The lineage's live editions, oldest first; cached until the published tree changes."""
    key = f"courses:editions:{generation()}:{lineage_id}"
    found = cache.get(key)
    if found is None:
        pages = (
            CoursePage.objects.live()
            .filter(lineage_condition(lineage_id=lineage_id))
            .defer_streamfields()
            .order_by("edition_number")
        )
        found = [
            Edition(
                pk=page.pk,
                number=page.edition_number,
                label=page.edition_label,
                title=page.title,
                url=page.get_url() or "",
            )
            for page in pages
        ]
        cache.set(key, found, CACHE_SECONDS)
    return found


def superseded_by(*, course: CoursePage) -> Edition | None:
    """The current edition when it is a later one than `course` (which then takes no new
    self-enrolment), else None."""
    editions = live_editions(lineage_id=course.lineage_id)
    current = editions[-1] if editions else None
    if current is not None and current.number > course.edition_number:
        return current
    return None


def can_create_edition(*, user, course: CoursePage) -> bool:
    """Who may make a new edition: whoever may publish where the course lies (administrators),
    and the course's own trainers who may edit it. (Trainers may add courses to the catalogue,
    which does not make them editors of anyone else's course.)"""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    parent_path = course.path[: -Page.steplen]
    for grant in page_permission_policy.get_cached_permissions_for_user(user):
        if grant.permission.codename == "publish_page" and parent_path.startswith(grant.page.path):
            return True
    return (
        course.permissions_for_user(user).can_edit()
        and CoursePage.objects.filter(pk=course.pk, trainers=user).exists()
    )


def suggested_label(*, course: CoursePage) -> str:
    """This year, or the first following year no edition of the lineage is labelled with yet."""
    used = {edition.edition_label.casefold() for edition in editions_of(course=course)}
    year = timezone.localdate().year
    while str(year) in used:
        year += 1
    return str(year)


# --- Writes ---------------------------------------------------------------------------------------


def _clean_label(label: str, *, editions: list[CoursePage]) -> str:
    label = " ".join(label.split())
    if not label:
        raise EditionError(_("Podaj oznaczenie nowej edycji, np. „2026”."))
    if len(label) > LABEL_MAX_LENGTH:
        raise EditionError(
            _("Oznaczenie edycji może mieć najwyżej %(max)d znaków.") % {"max": LABEL_MAX_LENGTH}
        )
    if any(edition.edition_label.casefold() == label.casefold() for edition in editions):
        raise EditionError(
            _("Ten kurs ma już edycję „%(label)s”. Podaj inne oznaczenie.") % {"label": label}
        )
    return label


def _free_slug(*, course: CoursePage, label: str) -> str:
    """The old slug without its edition's suffix, plus the new label; numbered if taken."""
    base = course.slug
    old_suffix = slugify(course.edition_label)
    if old_suffix and base.endswith(f"-{old_suffix}"):
        base = base[: -len(old_suffix) - 1]
    suffix = slugify(label) or f"edycja-{course.edition_number + 1}"
    base = f"{base[: 255 - len(suffix) - 5]}-{suffix}"
    taken = set(
        Page.objects.child_of(course.get_parent())
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _page_ids(page: Page) -> list[tuple[int, int]]:
    """(id, content type) of the page and everything below it, in tree order."""
    return list(
        Page.objects.descendant_of(page, inclusive=True)
        .order_by("path")
        .values_list("pk", "content_type_id")
    )


@transaction.atomic
def create_edition(*, course: CoursePage, label: str, user) -> CoursePage:
    """Copy `course` with all its pages as a new draft edition labelled `label`, next to it.

    Numbering is serialised on the lineage's first edition (locked), so two editors clicking at
    once get editions n+1 and n+2, never a clash. Raises EditionError (nothing changed) for a
    missing, too long or already used label. The copy's history starts here: Wagtail logs the
    copy, and the old edition's revisions stay with the old edition.
    """
    from courses import services  # services reads editions (can_enrol): import at call time

    first = CoursePage.objects.select_for_update().get(pk=course.lineage_id)
    editions = list(
        CoursePage.objects.filter(lineage_condition(lineage_id=first.pk)).only(
            "edition_label", "edition_number"
        )
    )
    label = _clean_label(label, editions=editions)
    number = max(edition.edition_number for edition in editions) + 1
    course = CoursePage.objects.get(pk=course.pk)  # fresh, with its trainers
    lineage = {"edition_of": first, "edition_number": number}
    edition = course.copy(
        recursive=True,
        keep_live=False,
        copy_revisions=False,
        user=user,
        update_attrs={"slug": _free_slug(course=course, label=label), "edition_label": label}
        | lineage,
    )
    # Wagtail skips the lineage fields (`exclude_fields_in_copy`) on the row; its draft revision
    # already carries them.
    CoursePage.objects.filter(pk=edition.pk).update(**lineage)
    edition = CoursePage.objects.get(pk=edition.pk)
    services.sync_course_trainers(course=edition)

    old_pages, new_pages = _page_ids(course), _page_ids(edition)
    if [kind for _pk, kind in old_pages] != [kind for _pk, kind in new_pages]:
        raise EditionError(_("Kopiowanie kursu nie powiodło się. Spróbuj ponownie."))
    page_map = {old: new for (old, _a), (new, _b) in zip(old_pages, new_pages, strict=True)}
    edition_copied.send(
        sender=CoursePage, source=course, edition=edition, page_map=page_map, user=user
    )
    return edition
