"""The Celery app. Workers: `celery -A lms worker`; schedule: `celery -A lms beat`."""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)
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
