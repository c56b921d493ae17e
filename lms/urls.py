from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses import views as course_views
from lms.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/weryfikacja-dwuetapowa/", include("lms.mfa.urls")),
    path("konto/klucze-dostepu/", include("lms.mfa.passkey_urls")),
    path("konto/sso/", include("lms.sso.urls")),
    path("konto/", include("lms.users.urls")),
    path("moje-szkolenia/", course_views.dashboard, name="dashboard"),
    path("moje-szkolenia/<int:course_id>/kontynuuj/", course_views.resume, name="course_resume"),
    path("szukaj/", include("lms.search.urls")),
    path("ankiety/", include("evaluation.urls")),
    path("", include("certificates.urls")),
    path("", include("lms.legal.urls")),
    path("", include("events.urls")),
    path("", include("funding.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else.
urlpatterns += [path("", include(wagtail_urls))]
