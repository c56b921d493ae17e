"""Liveness and readiness: is the database reachable, is the Celery broker reachable."""

from http import HTTPStatus

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ok"
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "error: REDIS_URL is not set"
    try:
        with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2}) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
def healthz(request):
    result = {"database": check_database(), "broker": check_broker()}
    healthy = all(value == "ok" for value in result.values())
    return JsonResponse(result, status=HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE)
