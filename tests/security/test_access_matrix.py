"""The access matrix: every URL pattern the project resolves, requested by every kind of viewer
with the ids of someone else's objects, must answer as `tests/security/matrix.py` declares and
must never show a marker (name, e-mail) of a person outside the viewer's scope.

The rows live in `matrix.py` (read its docstring to add a URL); the fixture world in `world.py`.
"""

import io
import zipfile
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.shortcuts import resolve_url
from django.test import Client

from tests.security import matrix
from tests.security.walk import all_patterns
from tests.security.world import ANON, VIEWERS, forbidden_markers

PATTERNS = all_patterns()
DUPLICATE_NAMES = {p.key for p in PATTERNS if sum(other.key == p.key for other in PATTERNS) > 1}


def _cases():
    for pattern in PATTERNS:
        rule = matrix.rule_for(pattern)
        for viewer in VIEWERS:
            marks = []
            if rule is not None and viewer in rule.xfail:
                marks.append(pytest.mark.xfail(strict=True, reason=rule.xfail[viewer]))
            name = pattern.route if pattern.key in DUPLICATE_NAMES else pattern.key
            yield pytest.param(pattern, viewer, id=f"{name}-{viewer}", marks=marks)


def test_every_url_pattern_is_classified():
    """A new view must declare who may see it: add its row to `matrix.py`."""
    unclassified = [str(p) for p in PATTERNS if matrix.rule_for(p) is None]
    assert unclassified == [], "URL patterns missing from tests/security/matrix.py:\n" + "\n".join(
        unclassified
    )


def test_matrix_has_no_stale_rows():
    """A row whose URL is gone is removed with it, so the table stays the truth."""
    keys = {p.key for p in PATTERNS} | {p.route for p in PATTERNS}
    assert sorted(set(matrix.ROWS) - keys) == []
    names = [p.name for p in PATTERNS if p.name]
    unused = [prefix for prefix in matrix.PREFIXES if not any(n.startswith(prefix) for n in names)]
    assert unused == []


def client_for(world, viewer) -> Client:
    client = Client(raise_request_exception=False)
    if viewer != ANON:
        client.force_login(world.users[viewer])
    return client


def body_text(response) -> str:
    """Everything a viewer can read in the response: HTML/JSON/CSV, PDF text, files in a ZIP/XLSX."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.streaming:
        # What the test client does for other responses: finish the request without letting
        # Django close the connection that holds the module's fixture world.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(body_text_of_bytes(archive.read(name)) for name in archive.namelist())
    return data.decode("utf-8", errors="replace")


def body_text_of_bytes(data: bytes) -> str:
    class _Raw:
        streaming = False
        content = data

    return body_text(_Raw())


def check_outcome(response, expected: matrix.Outcome, path: str, world):
    actual = HTTPStatus(response.status_code)
    assert actual == expected.status, (
        f"{path}: expected {expected}, got {actual.value} {response.get('Location', '')}"
    )
    if expected.location is None:
        return
    location = urlsplit(response["Location"])
    if expected.location in (matrix.SITE_LOGIN, matrix.ADMIN_LOGIN_URL):
        login = resolve_url(
            settings.LOGIN_URL if expected.location == matrix.SITE_LOGIN else "wagtailadmin_login"
        )
        assert location.path == login, f"{path}: redirected to {response['Location']}"
        assert parse_qs(location.query).get("next") == [path], response["Location"]
    else:
        target = expected.location
        if callable(target):
            target = target(world)
        assert location.path == target, f"{path}: redirected to {response['Location']}"


@pytest.mark.parametrize(("pattern", "viewer"), list(_cases()))
def test_access(world, clients, db, pattern, viewer):
    rule = matrix.rule_for(pattern)
    if rule is None:
        pytest.fail(f"{pattern} is not classified in tests/security/matrix.py")
    path = matrix.url_for(pattern, rule, world)
    response = clients(viewer).get(path)
    text = body_text(response)
    check_outcome(response, rule.expect[viewer], path, world)
    markers = forbidden_markers(viewer)
    if rule.public_record:
        markers = [marker for marker in markers if "@" in marker]  # names allowed, e-mails never
    leaked = [marker for marker in markers if marker in text]
    assert leaked == [], f"{path} shows {viewer} someone outside their scope: {leaked}"
