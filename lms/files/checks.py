from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def private_root_outside_public_roots(app_configs=None, **kwargs):
    """Files under MEDIA_ROOT or STATIC_ROOT may be served by the proxy: private ones never are."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, name)).resolve()
        if private == public or public in private.parents or private in public.parents:
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) must lie outside {name} ({public}).",
                    hint="Point PRIVATE_MEDIA_ROOT at a directory no URL serves.",
                    id="files.E001",
                )
            )
    return errors
