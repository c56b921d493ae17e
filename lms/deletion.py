"""The one check for "what keeps these rows from being deleted", for every delete in the admin.

Django's own deletion collector walks every relation (cascades included, through any depth) and
notes the rows a PROTECT or RESTRICT foreign key keeps; `NestedObjects` (what Django's admin uses
for its delete confirmation) collects them all instead of stopping at the first. So a relation
added later is covered without touching the guards that call this.
"""

from collections import Counter

from django.contrib.admin.utils import NestedObjects
from django.db import router


def protected_records(objects) -> list[str]:
    """What blocks deleting `objects` (one model instance, or an iterable or queryset of them):
    the kinds of kept rows with their counts, e.g. ["podejścia do testów (2)"]; empty when the
    deletion can go ahead."""
    if hasattr(objects, "_meta"):
        objects = [objects]
    objects = list(objects)
    if not objects:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    counts = Counter(str(row._meta.verbose_name_plural) for row in collector.protected)
    return [f"{name} ({count})" for name, count in sorted(counts.items())]
