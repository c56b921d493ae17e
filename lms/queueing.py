"""Queue a Celery task once the caller's transaction commits, and survive a broker that is down.

Every app queues its background work the same way: never before the data the task reads is
committed (`transaction.on_commit`), and never failing the request or task that asked for it when
Redis is unreachable. The committed data is the source of truth: what could not be queued is
found again by a periodic sweep (certificates, assignment e-mails) or shown to its owner as
failed (`on_failure`: exports, imports).

A failed enqueue logs one line naming what was not queued (``log_context``), not a traceback:
during an outage there is one such line per item, and a traceback says nothing more.
"""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

# What a task retries (`autoretry_for`): storage and network errors, a database that went away
# or a deadlock.
TRANSIENT = (OSError, OperationalError, InterfaceError)


def enqueue(
    task,
    *args,
    log_context: str,
    on_failure: Callable[[], None] | None = None,
    **kwargs,
) -> bool:
    """Send `task(*args, **kwargs)` to the broker now. Returns whether it was queued.

    Publishing is not retried (the broker transport's `max_retries` is 0): a dead broker costs a
    refused connection, not seconds of a request. `on_failure` records the failure where its
    owner sees it (e.g. an export marked failed).
    """
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
    except Exception as error:  # noqa: BLE001 - any broker failure: the caller's data is committed
        reason = " ".join(str(error).split()) or "no details"
        logger.warning(
            "Could not queue %s for %s: %s: %s",
            task.name,
            log_context,
            type(error).__name__,
            reason,
        )
        if on_failure is not None:
            on_failure()
        return False
    return True


def enqueue_on_commit(
    task,
    *args,
    log_context: str,
    on_failure: Callable[[], None] | None = None,
    **kwargs,
) -> None:
    """`enqueue` once the current transaction commits (at once outside a transaction); nothing
    is sent if it rolls back."""
    transaction.on_commit(
        lambda: enqueue(task, *args, log_context=log_context, on_failure=on_failure, **kwargs)
    )
