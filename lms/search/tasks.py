"""The nightly rebuild of the search index (CELERY_BEAT_SCHEDULE): whatever a publication missed
(a page changed outside Wagtail's signals) is put right within a day."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from lms.search import services


@shared_task(
    autoretry_for=(OSError, OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=3,
    ignore_result=True,
)
def rebuild_search_index() -> int:
    return services.rebuild_index()
