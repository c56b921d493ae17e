"""Import and export screens of the question bank in the Wagtail admin.

Import: upload and options -> a preview (nothing written; the upload kept in the private
storage, named in a signed token) -> confirm (everything or nothing). Export: the pools a
person may take out, as Moodle XML or GIFT downloads. Business logic is in `importing` and
`exporting`; the views check who asks and render.
"""

from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from courses.questionbank import exporting, formats, importing
from courses.questionbank.transfer_forms import ImportForm

TEMPLATE = "questionbank/admin/import.html"


def _importer(request):
    if not importing.may_import(user=request.user):
        raise PermissionDenied


def import_view(request):
    """GET: the form. POST: the file read and checked, shown as a preview with its errors."""
    _importer(request)
    initial = {}
    if request.GET.get("kurs", "").isdigit():
        initial["target"] = f"course-{request.GET['kurs']}"
    form = ImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        options = form.options()
        upload = form.cleaned_data["file"]
        upload.seek(0)
        data = upload.read()
        try:
            plan = importing.preview_import(data=data, options=options)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            token = ""
            if plan.is_valid:
                stored = importing.store_upload(
                    user=request.user, file_name=options.file_name, data=data
                )
                token = importing.make_token(user=request.user, stored=stored, options=options)
            return _preview(request, plan, token)
    return TemplateResponse(request, TEMPLATE, {"form": form, "limits": _limits()})


def _preview(request, plan, token, status=HTTPStatus.OK):
    return TemplateResponse(
        request,
        "questionbank/admin/import_preview.html",
        {
            "plan": plan,
            "token": token,
            "rejection": "" if plan.is_valid else importing.rejection_message(plan),
        },
        status=status,
    )


def _limits() -> dict:
    return {"questions": importing.MAX_QUESTIONS, "mb": importing.MAX_BYTES // (1024 * 1024)}


@require_POST
def confirm_view(request):
    """Import the previewed file: everything, or nothing with the reasons shown again. The
    upload is deleted either way (a refused file is fixed and uploaded again)."""
    _importer(request)
    try:
        stored, options = importing.read_token(
            user=request.user, token=request.POST.get("token", "")
        )
        data = importing.load_upload(user=request.user, stored=stored)
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("questionbank_import")
    try:
        plan = importing.import_questions(data=data, options=options, user=request.user)
    except importing.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("questionbank_import")
    except importing.ImportRefused as refused:
        messages.error(request, str(refused))
        return _preview(request, refused.plan, "", status=HTTPStatus.CONFLICT)
    finally:
        importing.discard_upload(stored=stored)
    messages.success(request, _imported_message(plan))
    return redirect("questionbank_import")


def _imported_message(plan) -> str:
    questions = ngettext(
        "Zaimportowano %(count)d pytanie (%(target)s).",
        "Zaimportowano %(count)d pytań (%(target)s).",
        len(plan.questions),
    ) % {"count": len(plan.questions), "target": plan.options.target}
    pools = _("Nowe pule: %(new)d, uzupełnione pule: %(old)d.") % {
        "new": len(plan.new_pools),
        "old": len(plan.pools) - len(plan.new_pools),
    }
    return f"{questions} {pools}"


# --- Export ---------------------------------------------------------------------------------------


@require_GET
def export_view(request):
    """The pools one may export, grouped by course (thematic-area pools last)."""
    _importer(request)
    pools = exporting.exportable_pools(user=request.user).annotate(
        question_count=Count("questions")
    )
    courses = {}
    shared = []
    for pool in pools.order_by("course__title", "name"):
        if pool.course_id:
            courses.setdefault(pool.course_id, (pool.course, []))[1].append(pool)
        else:
            shared.append(pool)
    return TemplateResponse(
        request,
        "questionbank/admin/export.html",
        {"courses": list(courses.values()), "shared": shared, "formats": _formats()},
    )


def _formats():
    return [(key, label) for key, (_ext, _type, label) in formats.FORMATS.items()]


def _check_format(fmt: str) -> None:
    if fmt not in formats.FORMATS:
        raise Http404


@require_GET
def export_pool(request, pk: int, fmt: str):
    _importer(request)
    _check_format(fmt)
    pool = get_object_or_404(exporting.exportable_pools(user=request.user), pk=pk)
    return _download(*exporting.export_file(pools=[pool], fmt=fmt, name=pool.name))


@require_GET
def export_course(request, course_id: int, fmt: str):
    _importer(request)
    _check_format(fmt)
    course = get_object_or_404(importing.managed_courses(user=request.user), pk=course_id)
    pools = list(exporting.exportable_pools(user=request.user).filter(course=course))
    return _download(*exporting.export_file(pools=pools, fmt=fmt, name=course.title))


def _download(file_name: str, content_type: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
