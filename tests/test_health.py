import json
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker_ok(client):
    assert django_settings.CELERY_BROKER_URL  # the real broker of this run (make test sets one)

    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    assert json.loads(response.content) == {"database": "ok", "broker": "ok"}


def test_healthz_names_the_broker_when_redis_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    body = json.loads(response.content)
    assert body["database"] == "ok"
    assert body["broker"].startswith("error")
