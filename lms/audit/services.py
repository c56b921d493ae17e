"""Writing to and pruning the security audit log.

Other apps call one function where something worth auditing happens::

    from lms.audit.services import Event, record

    record(event=Event.EXPORT, actor=request.user, target="Raport ukończeń", details="CSV, 120
           wierszy", request=request)

`target` may be a person (a User: their e-mail is copied, the account linked), any model instance
(its type and name) or a text. `request` gives the client's address (as the rate limiter counts
it, behind the configured proxies); without it the address stays empty.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from lms.audit.models import AuditEntry, Event
from lms.ratelimit import client_address

__all__ = ["Event", "delete_old_entries", "forget_person", "record", "user_label"]


def user_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


def _ip(request) -> str | None:
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def _details(details) -> str:
    if isinstance(details, dict):
        return "; ".join(f"{key}: {value}" for key, value in details.items())
    return str(details or "")


def record(*, event: str, actor=None, target=None, details="", request=None) -> AuditEntry:
    """Write one entry. `actor` defaults to the request's signed-in user."""
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not actor.is_authenticated:
        actor = None
    target_user = None
    if isinstance(target, get_user_model()):
        target_user, target_text = target, user_label(target) or f"#{target.pk}"
    elif isinstance(target, models.Model):
        target_text = f"{target._meta.verbose_name} {target}"
    else:
        target_text = str(target or "")
    return AuditEntry.objects.create(
        event=event,
        actor=actor,
        actor_label=user_label(actor)[:255],
        target_user=target_user,
        target=target_text[:255],
        details=_details(details),
        ip_address=_ip(request),
    )


def forget_person(user) -> None:
    """RODO erasure: the entries keep what happened, but no longer name the erased person."""
    anonymous = f"konto zanonimizowane #{user.pk}"
    AuditEntry.objects.filter(actor=user).update(actor_label=anonymous)
    AuditEntry.objects.filter(target_user=user).update(target=anonymous)


def delete_old_entries() -> int:
    """Entries older than AUDIT_LOG_RETENTION_DAYS."""
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_LOG_RETENTION_DAYS)
    deleted, _ = AuditEntry.objects.filter(created_at__lt=cutoff).delete()
    return deleted
