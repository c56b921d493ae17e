"""A django-sendfile2 backend that streams the file from this process (FileResponse), for
deployments without a proxy handoff. The library's own `simple` backend reads the whole file into
memory first: too much for a ZIP of a few thousand certificates."""

from django.http import FileResponse


def sendfile(request, filename, **kwargs):
    return FileResponse(filename.open("rb"))
