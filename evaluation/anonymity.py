"""The one rule that decides which groups of answers a report may show (surveys and knowledge
gain alike): nobody can be picked out of a group smaller than `MIN_GROUP`.

Groups (units, counties, courses...) with at least `MIN_GROUP` people are shown on their own.
The smaller ones are pooled into one "pozostałe" group. When that pool would itself be smaller
than `MIN_GROUP` but not empty, the smallest shown groups join it until it is large enough: so the
pool is never a small group in disguise, and the total minus the shown groups never gives a
small group's figures either. Only when everything together is below `MIN_GROUP` is nothing
shown at all.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MIN_GROUP = 5
POOLED_LABEL = _("pozostałe (mniejsze grupy razem)")


@dataclass
class Group:
    """A group a report shows: its label, its size and the raw keys whose rows it sums."""

    label: str
    size: int
    keys: list = field(default_factory=list)
    pooled: bool = False


@dataclass
class Grouping:
    groups: list[Group]  # shown, largest first; a pooled group last
    total: int  # people in every group together (shown only when `shown` is true)
    suppressed: bool  # everything together is below MIN_GROUP: nothing is shown

    @property
    def shown(self) -> bool:
        return not self.suppressed

    def group_of(self) -> dict:
        """Raw key -> the Group that shows it (keys of suppressed data are absent)."""
        return {key: group for group in self.groups for key in group.keys}


def pool(sizes: dict[Hashable, int], labels: dict[Hashable, str]) -> Grouping:
    """Apply the rule to groups of `sizes` (raw key -> number of people), named by `labels`."""
    total = sum(sizes.values())
    if total < MIN_GROUP:
        return Grouping(groups=[], total=total, suppressed=True)
    ordered = sorted(sizes.items(), key=lambda item: (-item[1], str(labels.get(item[0], ""))))
    large = [(key, size) for key, size in ordered if size >= MIN_GROUP]
    small = [(key, size) for key, size in ordered if 0 < size < MIN_GROUP]
    pooled = sum(size for _key, size in small)
    while 0 < pooled < MIN_GROUP:
        key, size = large.pop()  # the smallest shown group; total >= MIN_GROUP guarantees one
        small.append((key, size))
        pooled += size
    groups = [Group(label=str(labels.get(key, "")), size=size, keys=[key]) for key, size in large]
    if small:
        groups.append(
            Group(
                label=str(POOLED_LABEL),
                size=pooled,
                keys=[key for key, _size in small],
                pooled=True,
            )
        )
    return Grouping(groups=groups, total=total, suppressed=False)
