import pytest

from certificates.models import Certificate
from tests.factories import completed_certificate


@pytest.fixture(autouse=True)
def _certificate_files(media):
    """Certificate files of every test here go to a throw-away media root."""
    return media


@pytest.fixture
def issue(course, django_capture_on_commit_callbacks):
    """Complete `course` (or `on`) as the given person and let the in-process worker issue it."""

    def issue(user, on=course):
        with django_capture_on_commit_callbacks(execute=True):
            certificate = completed_certificate(user, on)
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.ISSUED, certificate.error
        return certificate

    return issue
