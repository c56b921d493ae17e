import io
from datetime import date, timedelta

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage

from funding.models import CHARACTERISTICS, FinancedPage, FundingMark, Participant, Project
from funding.services import NOTICE_VERSION
from tests import factories

EU_TEXT = "Znak Unii Europejskiej z napisem „Dofinansowane przez Unię Europejską”"
MARKS = [
    ("Znak Funduszy Europejskich dla Pomorza", (210, 60)),
    ("Barwy Rzeczypospolitej Polskiej", (120, 60)),
    (EU_TEXT, (260, 60)),
    ("Znak Województwa Pomorskiego", (150, 60)),
]


def png(width, height, colour="navy") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_project(*pages, code="FEPM.05.17-IZ.00-0001/25", marks=(), **fields) -> Project:
    today = timezone.localdate()
    values = {
        "name": "Kompetentny samorząd",
        "start_date": today - timedelta(days=200),
        "end_date": today + timedelta(days=200),
        **fields,
    }
    project = Project.objects.create(code=code, **values)
    for order, page in enumerate(pages):
        FinancedPage.objects.create(project=project, page=page, sort_order=order)
    from wagtail.images import get_image_model

    for order, (alt, size) in enumerate(marks):
        image = get_image_model().objects.create(
            title=alt[:40], file=ImageFile(io.BytesIO(png(*size)), name=f"znak-{order}.png")
        )
        FundingMark.objects.create(project=project, image=image, alt_text=alt, sort_order=order)
    return project


def declare(user, project, **answers) -> Participant:
    """A participant's row as the form records it (every answer "no"/refused unless given)."""
    values = dict.fromkeys(CHARACTERISTICS, "no")
    values.update(sex="female", age_band="30_54", education="isced_5_8")
    values.update(answers)
    return Participant.objects.create(
        project=project,
        user=user,
        unit=user.unit,
        notice_version=NOTICE_VERSION,
        notice_confirmed_at=timezone.now(),
        **values,
    )


@pytest.fixture
def course(db):
    return factories.course(
        title="Cudzoziemiec w urzędzie", lessons=2, quiz=False, completion_rule="lessons_only"
    )


@pytest.fixture
def project(course, media):
    return make_project(course, marks=MARKS)


@pytest.fixture
def past_dates():
    """A project that ran in 2019–2020 and closed in 2021."""
    return {
        "start_date": date(2019, 1, 1),
        "end_date": date(2020, 12, 31),
        "closure_date": date(2021, 6, 30),
    }
