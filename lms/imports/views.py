"""Employee import in the admin: upload, preview, confirm. Each person sees only their own imports."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage
from courses.wagtail_hooks import ASSIGN_PERMISSION
from lms import progress
from lms.imports import services
from lms.imports.forms import UploadForm
from lms.imports.models import ImportBatch, RowStatus
from lms.organisations.models import OrganisationUnit
from lms.users.roles import coordinated_units

ROWS_PER_PAGE = 100
FILTERS = {"error": RowStatus.ERROR, "new": RowStatus.NEW, "existing": RowStatus.EXISTING}


def _mine(request):
    if not request.user.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied
    return ImportBatch.objects.filter(owner=request.user)


def index(request):
    batches = _mine(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.start_batch(
                owner=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except services.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("imports_detail", batch.pk)
    recent = batches.defer("rows")[:10]
    return TemplateResponse(request, "imports/admin/index.html", {"form": form, "batches": recent})


@require_GET
def sample(request):
    """A template to fill in: the columns, and two example rows with real codes and courses."""
    scope = coordinated_units(request.user)
    units = (
        OrganisationUnit.objects.within(scope) if scope is not None else OrganisationUnit.objects
    )
    code = units.exclude(code="").values_list("code", flat=True).first() or "2204"
    slugs = list(CoursePage.objects.live().order_by("title").values_list("slug", flat=True)[:2])
    courses = slugs or ["identyfikator-kursu"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["E-mail", "Imię", "Nazwisko", "Kod jednostki", "Stanowisko", "Kursy"])
    writer.writerow(
        ["anna.nowak@gmina.example", "Anna", "Nowak", code, "Inspektorka", " | ".join(courses)]
    )
    writer.writerow(["jan.kowalski@gmina.example", "Jan", "Kowalski", code, "Referent", courses[0]])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wzor-importu-pracownikow.csv"'
    return response


@require_GET
def detail(request, pk: int):
    batch = get_object_or_404(_mine(request), pk=pk)
    shown = request.GET.get("status", "")
    rows = batch.rows if batch.validated_at else []
    if shown in FILTERS:
        rows = [row for row in rows if row["status"] == FILTERS[shown]]
    else:
        shown = ""
        # Errors first, then the rest in file order.
        rows = sorted(rows, key=lambda row: row["status"] != RowStatus.ERROR)
    paginator = Paginator(rows, ROWS_PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    done, total = services.current_progress(batch)
    return TemplateResponse(
        request,
        "imports/admin/detail.html",
        {
            "batch": batch,
            "page_obj": page,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "shown": shown,
            "filters": [
                ("", _("Wszystkie (najpierw błędy)"), batch.row_count),
                ("error", _("Błędy"), batch.error_count),
                ("new", _("Nowi użytkownicy"), batch.new_count),
                ("existing", _("Istniejący użytkownicy"), batch.existing_count),
            ],
            "rejection": services.rejection_message(batch) if batch.error_count else "",
            "done": done,
            "total": total,
        },
    )


@require_GET
def status(request, pk: int):
    """What the progress bar polls while a worker checks or applies the file."""
    batch = get_object_or_404(
        _mine(request).only("pk", "owner", "status", "done", "total", "error"), pk=pk
    )
    done, total = services.current_progress(batch)
    percent = progress.percent(done, total, finished=batch.status == ImportBatch.Status.APPLIED)
    return JsonResponse(
        {
            "id": batch.pk,
            "status": batch.status,
            "status_label": batch.get_status_display(),
            "working": batch.is_working,
            "done": done,
            "total": total,
            "percent": percent,
        }
    )


@require_POST
def confirm(request, pk: int):
    batch = get_object_or_404(_mine(request), pk=pk)
    if batch.status == ImportBatch.Status.APPLIED:
        messages.info(request, _("Ten plik został już zaimportowany."))
        return redirect("imports_detail", batch.pk)
    batch = services.confirm_batch(batch=batch)
    if batch.status == ImportBatch.Status.APPLIED:
        messages.success(request, applied_message(batch))
    elif batch.status == ImportBatch.Status.APPLYING:
        messages.info(request, _("Import trwa – postęp widać poniżej."))
    elif batch.error_count:
        messages.error(request, services.rejection_message(batch))
    elif batch.error:
        messages.error(request, batch.error)
    return redirect("imports_detail", batch.pk)


def applied_message(batch: ImportBatch) -> str:
    people = ngettext(
        "Utworzono %(count)d konto (zaproszenie wyślemy e-mailem).",
        "Utworzono %(count)d kont (zaproszenia wyślemy e-mailem).",
        batch.users_created,
    ) % {"count": batch.users_created}
    assignments = ngettext(
        "Przypisano %(count)d kurs.",
        "Przypisano kursy: %(count)d.",
        batch.assignments_created,
    ) % {"count": batch.assignments_created}
    return f"{_('Zaimportowano plik.')} {people} {assignments}"
