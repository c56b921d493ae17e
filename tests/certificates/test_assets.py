"""Certificate artwork lives in the "Zaświadczenia" image collection: administrators change it,
trainers (whose image permissions are granted on the root collection) cannot."""

import io
from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from certificates.permissions import ASSETS_COLLECTION
from lms.users.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def image_in(collection, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "navy").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, collection=collection, file=ContentFile(buffer.getvalue(), name="logo.png")
    )


@pytest.fixture
def images(media):
    return {
        "asset": image_in(Collection.objects.get(name=ASSETS_COLLECTION), "Logo województwa"),
        "lesson": image_in(Collection.get_first_root_node(), "Ilustracja lekcji"),
    }


def test_trainers_cannot_change_certificate_artwork_but_keep_their_own_images(client, images):
    client.force_login(UserFactory(roles=[Role.TRAINER]))

    asset = client.get(reverse("wagtailimages:edit", args=[images["asset"].pk]))
    lesson = client.get(reverse("wagtailimages:edit", args=[images["lesson"].pk]))
    listing = client.get(reverse("wagtailimages:index")).content.decode()
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]

    assert asset.status_code == HTTPStatus.FOUND
    assert asset["Location"] == reverse("wagtailadmin_home")
    assert lesson.status_code == HTTPStatus.OK
    assert "Logo województwa" not in listing
    assert "Ilustracja lekcji" in listing
    assert "Logo województwa" not in chooser


def test_administrators_change_certificate_artwork_and_choose_it_for_templates(client, images):
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))  # not a superuser

    asset = client.get(reverse("wagtailimages:edit", args=[images["asset"].pk]))
    chooser = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]

    assert asset.status_code == HTTPStatus.OK
    assert "Logo województwa" in chooser
