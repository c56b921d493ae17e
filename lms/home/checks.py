"""Start-up checks: the two services every process needs, named with what to do when missing."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def services_configured(app_configs=None, **kwargs):
    """`make run` / `make test` set both (embedded servers); production sets them itself."""
    errors = []
    if not settings.DATABASE_URL:
        errors.append(
            Error(
                "DATABASE_URL is not set.",
                hint="Use `make run` (starts an embedded PostgreSQL), run "
                "`python -m lms.devservices up`, or set DATABASE_URL=postgres://user@host:5432/lms.",
                id="lms.E001",
            )
        )
    if not settings.REDIS_URL:
        errors.append(
            Error(
                "REDIS_URL is not set: the Celery broker and the cache need Redis.",
                hint="Use `make run` (starts an embedded Redis), run "
                "`python -m lms.devservices up`, or set REDIS_URL=redis://host:6379/0.",
                id="lms.E002",
            )
        )
    return errors
