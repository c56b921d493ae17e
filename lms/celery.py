"""The Celery app. Workers: `celery -A lms worker`; schedule: `celery -A lms beat`."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _reuse_healthy_connections(task=None, **kwargs):
    """Before each task, as before each request: drop database connections that are broken or
    older than CONN_MAX_AGE; healthy ones are reused (see CELERY_DB_REUSE_MAX in settings).
    Not for tasks run in-process: they share the caller's connection and transaction."""
    from django.db import close_old_connections

    if task is not None and task.request.is_eager:
        return
    close_old_connections()
