from django.contrib.auth.backends import ModelBackend

from lms.users.models import UserManager


def axes_username(request, credentials):
    """Lock on the normalised e-mail, so 'Jan@Gmina.pl' and 'jan@gmina.pl' count as one account."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return UserManager.normalize_email(value)


class EmailBackend(ModelBackend):
    """Sign in with an e-mail address, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get("email")
        return super().authenticate(
            request, username=UserManager.normalize_email(username), password=password, **kwargs
        )
