"""The one progress helper behind staff imports and exports."""

import pytest
from django.core.cache import cache

from lms import progress
from lms.exports.models import Export
from lms.imports.models import ImportBatch

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("done", "total", "finished", "expected"),
    [
        (0, 0, False, 0),
        (1, 3, False, 33),
        (3, 3, False, 100),
        (7, 5, False, 100),
        (0, 0, True, 100),
    ],
)
def test_percent(done, total, finished, expected):
    assert progress.percent(done, total, finished=finished) == expected


def test_the_row_is_written_first_every_few_items_and_last(admin_user):
    export = Export.objects.create(owner=admin_user, kind="test", title="Raport")
    recorder = progress.ProgressRecorder(Export, export.pk, every=10)
    seen = []

    for done in range(26):
        recorder(done, 25)
        export.refresh_from_db()
        seen.append(export.done)

    assert sorted(set(seen)) == [0, 10, 20, 25]
    assert (export.done, export.total, export.percent) == (25, 25, 100)


def test_inside_a_transaction_the_counts_go_to_the_cache(admin_user):
    batch = ImportBatch.objects.create(owner=admin_user, file_name="lista.csv")
    key = f"test-progress:{batch.pk}"
    recorder = progress.ProgressRecorder(ImportBatch, batch.pk, cache_key=key)

    recorder(40, 100)  # a test runs inside a transaction, as `apply_batch` does

    batch.refresh_from_db()
    assert (batch.done, batch.total) == (0, 0)
    assert progress.current(batch, cache_key=key, working=True) == (40, 100)
    assert progress.current(batch, cache_key=key, working=False) == (0, 0)
    progress.forget(key)
    assert cache.get(key) is None
