"""Demo data: one EU-funded project financing the demo courses, with placeholder funding marks
(drawn here with Pillow; the real marks come from the managing authority and replace them in the
project's editor), the demo learner's participant data, and data for the report cohort so the
indicator reports show figures. Idempotent: nothing happens once the project exists."""

import io
import math
import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from funding.models import CHARACTERISTICS, FinancedPage, FundingMark, Participant, Project
from funding.services import NOTICE_VERSION

PROJECT_CODE = "FEPM.05.17-IZ.00-0042/25"
PROJECT_NAME = "Pomorskie Samorządowe Centrum Kompetencji w zakresie Wsparcia Imigrantów"
LEARNER_EMAIL = "kursant@centrum-kompetencji.example"
COHORT_DOMAIN = "demo.centrum-kompetencji.example"
HEIGHT = 120
EU_BLUE, EU_YELLOW, RED, NAVY = (0, 51, 153), (255, 204, 0), (220, 20, 60), (0, 69, 124)


def _font(size: int):
    path = finders.find("fonts/NotoSans-Bold.ttf")
    return ImageFont.truetype(path, size) if path else ImageFont.load_default()


def _canvas(width: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (width, HEIGHT), "white")
    return image, ImageDraw.Draw(image)


def _programme_mark() -> Image.Image:
    image, draw = _canvas(420)
    for number, colour in enumerate((NAVY, EU_YELLOW, RED)):
        draw.rectangle((10 + number * 22, 20, 28 + number * 22, 100), fill=colour)
    draw.text((90, 22), "Fundusze Europejskie", fill=NAVY, font=_font(30))
    draw.text((90, 62), "dla Pomorza", fill=NAVY, font=_font(30))
    return image


def _polish_flag() -> Image.Image:
    image, draw = _canvas(300)
    draw.rectangle((10, 30, 100, 60), outline=(150, 150, 150), fill="white")
    draw.rectangle((10, 60, 100, 90), fill=RED)
    draw.text((115, 28), "Rzeczpospolita", fill=(30, 30, 30), font=_font(24))
    draw.text((115, 60), "Polska", fill=(30, 30, 30), font=_font(24))
    return image


def _eu_emblem() -> Image.Image:
    image, draw = _canvas(520)
    draw.rectangle((10, 15, 145, 105), fill=EU_BLUE)
    for star in range(12):
        angle = 2 * math.pi * star / 12
        x, y = 77 + 30 * math.cos(angle), 60 + 30 * math.sin(angle)
        draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=EU_YELLOW)
    draw.text((160, 25), "Dofinansowane przez", fill=EU_BLUE, font=_font(28))
    draw.text((160, 62), "Unię Europejską", fill=EU_BLUE, font=_font(28))
    return image


def _region_mark() -> Image.Image:
    image, draw = _canvas(300)
    draw.polygon([(15, 100), (60, 20), (105, 100)], fill=NAVY)
    draw.text((120, 40), "Pomorskie", fill=NAVY, font=_font(32))
    return image


MARKS = [
    (_programme_mark, "Znak programu", "Znak Funduszy Europejskich dla Pomorza"),
    (_polish_flag, "Barwy RP", "Barwy Rzeczypospolitej Polskiej"),
    (
        _eu_emblem,
        "Znak UE",
        "Znak Unii Europejskiej z napisem „Dofinansowane przez Unię Europejską”",
    ),
    (_region_mark, "Znak województwa", "Znak Województwa Pomorskiego"),
]


def _image(draw, title: str):
    buffer = io.BytesIO()
    draw().save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"{title} (wzór demonstracyjny)",
        file=ImageFile(buffer, name=f"{slugify(title)}.png"),
    )


def _answers(rng: random.Random) -> dict:
    """Plausible answers for staff of local governments, with a few refusals."""
    picks = {
        "sex": rng.choices(["female", "male", "non_binary", "refused"], [70, 27, 1, 2])[0],
        "age_band": rng.choices(["18_29", "30_54", "55_plus", "refused"], [15, 65, 17, 3])[0],
        "education": rng.choices(["isced_3_4", "isced_5_8", "refused"], [20, 77, 3])[0],
    }
    for field in CHARACTERISTICS[3:]:
        picks[field] = rng.choices(["yes", "no", "refused"], [5, 88, 7])[0]
    return picks


@transaction.atomic
def load_demo_project(*, stdout=None) -> None:
    from courses.models import CoursePage, Enrolment

    if Project.objects.filter(code=PROJECT_CODE).exists():
        return
    courses = list(CoursePage.objects.live().order_by("path"))
    if not courses:
        return
    year = timezone.localdate().year
    project = Project.objects.create(
        code=PROJECT_CODE,
        name=PROJECT_NAME,
        start_date=date(year - 1, 1, 1),
        end_date=date(year + 1, 12, 31),
    )
    for order, course in enumerate(courses):
        FinancedPage.objects.create(project=project, page=course, sort_order=order)
    for order, (draw, title, alt) in enumerate(MARKS):
        FundingMark.objects.create(
            project=project, image=_image(draw, title), alt_text=alt, sort_order=order
        )

    users = get_user_model().objects
    people = list(users.filter(email=LEARNER_EMAIL))
    people += list(
        users.filter(email__endswith="@" + COHORT_DOMAIN, enrolments__course__in=courses).distinct()
    )
    rng = random.Random(2027)  # noqa: S311 - repeatable demo data, not a secret
    now = timezone.now()
    for person in people:
        first = (
            Enrolment.objects.filter(user=person, course__in=courses)
            .order_by("enrolled_at")
            .values_list("enrolled_at", flat=True)
            .first()
        )
        Participant.objects.create(
            project=project,
            user=person,
            unit=person.unit,
            started_at=first or now - timedelta(days=1),
            notice_version=NOTICE_VERSION,
            notice_confirmed_at=first or now,
            **_answers(rng),
        )
    if stdout is not None:
        stdout.write(f"Projekt UE {PROJECT_CODE}: uczestników z danymi: {len(people)}.\n")
