from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from lms.users import slowdown
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
        """Every password sign-in (the site's and Wagtail's admin login alike) goes through the
        per-account slow-down (lms.users.slowdown). A refused attempt returns None without
        checking the password and leaves the wait on `request.login_wait_seconds` for the form."""
        email = UserManager.normalize_email(username or kwargs.get("email"))
        if not email or password is None:
            return None
        attempt = slowdown.begin_attempt(email=email)
        if not attempt.allowed:
            if request is not None:
                request.login_wait_seconds = attempt.wait_seconds
            return None
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            slowdown.record_failure(email=email)
        else:
            slowdown.forget_failures(email=email)
        return user

    def get_user(self, user_id):
        """The signed-in user for each request, from the cache for up to a minute.

        Saving or deleting a user forgets the cached copy at once (see lms.users.apps); a bulk
        `update()` must call `forget_users` (as `services.set_active` does for Wagtail's "set
        active state").
        """
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_CACHE_SECONDS)
        elif not self.user_can_authenticate(user):
            return None
        return user


USER_CACHE_SECONDS = 60


def user_cache_key(user_id) -> str:
    return f"users:user:{user_id}"


def forget_user(sender, instance, **kwargs):
    cache.delete(user_cache_key(instance.pk))


def forget_users(user_ids) -> None:
    """Drop the cached copies of these users: their next request reads the database."""
    cache.delete_many([user_cache_key(pk) for pk in user_ids])
