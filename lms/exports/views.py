""" "My exports" in the admin: each person sees, follows and downloads only their own exports."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from lms.audit.services import Event, record
from lms.exports.models import Export
from lms.exports.services import download_name
from lms.files.services import serve

UNFINISHED = (Export.Status.QUEUED, Export.Status.RUNNING)


def _mine(request):
    return Export.objects.current().filter(owner=request.user)


@require_GET
def index(request):
    exports = list(_mine(request))
    return TemplateResponse(
        request,
        "exports/admin/index.html",
        {
            "exports": exports,
            "unfinished": any(export.status in UNFINISHED for export in exports),
        },
    )


@require_GET
def status(request):
    """What the page's script polls while something is being built."""
    rows = _mine(request).only("pk", "status", "done", "total")
    return JsonResponse(
        {
            "exports": [
                {
                    "id": export.pk,
                    "status": export.status,
                    "status_label": export.get_status_display(),
                    "done": export.done,
                    "total": export.total,
                    "percent": export.percent,
                }
                for export in rows
            ]
        }
    )


@require_GET
def download(request, pk: int):
    # Someone else's export, an unfinished or an expired one: all simply do not exist here.
    export = get_object_or_404(_mine(request), pk=pk, status=Export.Status.DONE)
    if not export.file:
        raise Http404
    record(event=Event.EXPORT, target=export.title, details=download_name(export), request=request)
    return serve(request, export.file, filename=download_name(export))
