"""The funding marks: on the pages of a financed course and on its certificates (PDF/A, tagged,
each mark an embedded image with its text alternative)."""

import io
import re
import subprocess
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from certificates.models import Certificate
from courses import services as course_services
from tests import factories
from tests.courses.test_queries import MAX_QUERIES
from tests.funding.conftest import EU_TEXT, MARKS, declare

pytestmark = pytest.mark.django_db


def test_the_course_page_shows_the_marks_in_order_with_their_text(client, course, project):
    html = client.get(course.url).content.decode()

    alts = re.findall(r'<img src="[^"]+" width="\d+" height="\d+" alt="([^"]+)"', html)
    assert alts == [alt for alt, _size in MARKS]
    assert 'aria-label="Finansowanie ze środków Unii Europejskiej"' in html
    assert project.code in html


def test_other_courses_show_no_marks_and_cost_no_query_more(learner_client, user, project):
    other = factories.course(title="Kurs bez dofinansowania", lessons=2, quiz=False)
    course_services.enrol(user=user, course=other)
    learner_client.get(other.url)  # warm the per-process caches

    with CaptureQueriesContext(connection) as queries:
        response = learner_client.get(other.url)

    assert response.status_code == HTTPStatus.OK
    assert "funding-marks" not in response.content.decode()
    assert len(queries) <= MAX_QUERIES["course"]


def test_a_changed_mark_shows_at_once(client, course, project):
    client.get(course.url)
    mark = project.marks.get(sort_order=2)
    mark.alt_text = "Znak UE (nowy opis)"
    mark.save()

    assert "Znak UE (nowy opis)" in client.get(course.url).content.decode()


def _alt_texts(node, found):
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K")
        if kids is not None:
            _alt_texts(kids, found)
    elif isinstance(node, list):
        for kid in node:
            _alt_texts(kid, found)
    return found


def test_the_certificate_of_a_financed_course_carries_the_marks(
    user, course, project, django_capture_on_commit_callbacks, tmp_path
):
    declare(user, project)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = factories.completed_certificate(user, course)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED, certificate.error
    data = certificate.pdf.open("rb").read()

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    sizes = {image.image.size for page in reader.pages for image in page.images}
    assert {size for _alt, size in MARKS} <= sizes
    catalog = reader.trailer["/Root"]
    alts = _alt_texts(catalog["/StructTreeRoot"], [])
    assert [alt for alt in alts if alt in {a for a, _s in MARKS}] == [a for a, _s in MARKS]
    assert EU_TEXT in alts
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")3", xmp)
    path = tmp_path / "zaswiadczenie.pdf"
    path.write_bytes(data)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_certificates_of_other_courses_have_no_marks(
    user, project, django_capture_on_commit_callbacks
):
    other = factories.course(title="Kurs bez dofinansowania", lessons=1, quiz=False)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = factories.completed_certificate(user, other)
    certificate.refresh_from_db()

    reader = PdfReader(io.BytesIO(certificate.pdf.open("rb").read()))
    alts = _alt_texts(reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert EU_TEXT not in alts
    assert not {size for _alt, size in MARKS} & {
        image.image.size for page in reader.pages for image in page.images
    }


def test_a_financed_event_shows_the_marks_and_its_certificate_carries_them(
    client, user, media, django_capture_on_commit_callbacks
):
    """The project finances the event, not the course its certificate names: the event's
    page and the attendance certificate carry the marks."""
    from events import services as event_services
    from tests.funding.conftest import make_project

    course = factories.course(title="Kurs na zaświadczeniu", lessons=1, quiz=False)
    event = factories.event(title="Panel finansowany", course=course, starts_in=-timedelta(hours=1))
    make_project(event, marks=MARKS)

    html = client.get(event.url).content.decode()
    alts = re.findall(r'<img src="[^"]+" width="\d+" height="\d+" alt="([^"]+)"', html)
    assert alts == [alt for alt, _size in MARKS]

    event_services.register(
        event=event, user=user, notify=False, now=event.starts_at - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        event_services.confirm_attendance(event=event, user=user, method="list")
    certificate = Certificate.objects.get(attendance__user=user)
    assert certificate.status == Certificate.Status.ISSUED, certificate.error
    reader = PdfReader(io.BytesIO(certificate.pdf.open("rb").read()))
    alts = _alt_texts(reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert [alt for alt in alts if alt in {a for a, _s in MARKS}] == [a for a, _s in MARKS]
    assert "Kurs na zaświadczeniu" in reader.pages[0].extract_text()
