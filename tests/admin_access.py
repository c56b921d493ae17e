"""What Wagtail's admin does with people who may not be somewhere, asserted exactly."""

from http import HTTPStatus

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse


def assert_sent_to_admin_login(response, path):
    """No admin access at all (learners): to the admin's sign-in, coming back to `path`."""
    expected = redirect_to_login(path, login_url=reverse("wagtailadmin_login"))["Location"]
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == expected
