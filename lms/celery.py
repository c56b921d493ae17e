"""The Celery app. Workers: `celery -A lms worker`; schedule: `celery -A lms beat`."""

import logging
import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@task_prerun.connect
def _reuse_healthy_connections(task=None, **kwargs):
    """Before each task, as before each request: drop database connections that are broken or
    older than CONN_MAX_AGE; healthy ones are reused (see CELERY_DB_REUSE_MAX in settings).
    Not for tasks run in-process: they share the caller's connection and transaction."""
    from django.db import close_old_connections

    if task is not None and task.request.is_eager:
        return
    close_old_connections()


_eager_logged = False


def log_mode_once():
    """Say once, at start, when tasks run in-process because no broker is configured."""
    global _eager_logged
    if app.conf.task_always_eager and not _eager_logged:
        _eager_logged = True
        logger.warning(
            "REDIS_URL is not set: Celery tasks run in-process (zero-setup demo mode). "
            "Set REDIS_URL and start a worker for production."
        )
