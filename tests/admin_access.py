"""What Wagtail's admin does with people who may not be somewhere, asserted exactly."""

from http import HTTPStatus
from urllib.parse import urlencode

from django.urls import reverse


def assert_sent_to_admin_login(response, path):
    """No admin access at all (learners): to the admin's sign-in, coming back to `path`."""
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?{urlencode({'next': path})}"
