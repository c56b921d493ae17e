from wagtail.users.apps import WagtailUsersAppConfig


class LmsWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our user form (unit, job title, coordinated units)."""

    user_viewset = "lms.users.viewsets.UserViewSet"
