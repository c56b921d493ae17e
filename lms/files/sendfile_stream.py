"""The django-sendfile2 backend of the project (`SENDFILE_BACKEND`), which Wagtail's document
view reads too.

A file inside the private storage (`SENDFILE_ROOT`) goes the way `PRIVATE_SENDFILE_BACKEND`
says: streamed from this process (`stream`, the default; the library's own `simple` backend
reads the whole file into memory first: too much for a ZIP of a few thousand certificates), or
handed to the proxy (`nginx`: X-Accel-Redirect to the internal location; `xsendfile`). Any other
file (Wagtail's public documents) is streamed: the proxy's internal location maps the private
root only."""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.http import FileResponse

HANDOFFS = {
    "nginx": "django_sendfile.backends.nginx",
    "xsendfile": "django_sendfile.backends.xsendfile",
    "simple": "django_sendfile.backends.simple",
}


def sendfile(request, filename, **kwargs):
    path = Path(filename).resolve()
    root = Path(settings.SENDFILE_ROOT).resolve()
    handoff = HANDOFFS.get(settings.PRIVATE_SENDFILE_BACKEND)
    if handoff and path.is_relative_to(root):
        return import_module(handoff).sendfile(request, str(path), **kwargs)
    return FileResponse(path.open("rb"))
