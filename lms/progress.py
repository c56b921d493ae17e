"""Progress of long jobs (staff imports, exports) for the admin's progress bars: one recorder that
writes `done`/`total` on the job's row every few items, and one percent computation.

A job working inside a transaction (an import being applied) cannot show its progress through the
row (the page polling it would see nothing until commit): it passes a `cache_key`, and the counts
go to the cache too, where `current` finds them.
"""

from django.core.cache import cache
from django.db import connection

CACHE_TIMEOUT = 60 * 60


def percent(done: int, total: int, *, finished: bool = False) -> int:
    """0–100 for a progress bar; 100 once the job has finished, whatever the counts say."""
    if finished:
        return 100
    return min(100, int(done * 100 / total)) if total else 0


class ProgressRecorder:
    """`recorder(done, total)`: the counts on row `pk` of `model` (its `done` and `total` fields),
    written for the first call, the last one and then every `every` items; with `cache_key`, kept
    in the cache on every call and written to the row only outside a transaction."""

    def __init__(self, model, pk: int, *, every: int = 1, cache_key: str | None = None):
        self.model, self.pk, self.every, self.cache_key = model, pk, every, cache_key
        self.written = None

    def __call__(self, done: int, total: int) -> None:
        if self.cache_key is not None:
            cache.set(self.cache_key, (done, total), timeout=CACHE_TIMEOUT)
            if connection.in_atomic_block:
                return
        if self.written is None or done >= total or done - self.written >= self.every:
            self.model.objects.filter(pk=self.pk).update(done=done, total=total)
            self.written = done


def current(job, *, cache_key: str, working: bool) -> tuple[int, int]:
    """(done, total) of `job`: from the cache while it is working, else from its row."""
    if working:
        cached = cache.get(cache_key)
        if cached:
            return tuple(cached)
    return job.done, job.total


def forget(cache_key: str) -> None:
    cache.delete(cache_key)
