"""Settings for Centrum Kompetencji.

One module, driven by environment variables (12-factor). Production differs from development only
through the environment: see `.env.example` and the table in README.md.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab

from lms.devservices import celery_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)
# Local state of a development checkout: embedded servers' data, the demo's keys, uploads.
VAR_DIR = Path(env.str("LMS_VAR_DIR", default=str(BASE_DIR / "var")))
# Unset DATABASE_URL / REDIS_URL: the servers `python -m lms.devservices` started for `make run`
# (see lms/devservices.py), so `manage.py` in a second terminal reaches the same ones.
environ.Env.read_env(str(VAR_DIR / "services.env"), overwrite=False)

# --- Core -------------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
# Only for a local demo with DEBUG=1 (`make run`); `check --deploy` flags it too (W009).
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-local-demo-only")  # noqa: S105
# A key anyone can read (the demo default above, the `change-me` of .env.example) would let anyone
# forge sessions and password-reset links: production (DEBUG=0) refuses to start with one.
if not DEBUG and (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure")
    or SECRET_KEY.startswith("change-me")
):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SECRET_KEY is unsafe for production (DEBUG=0): it is empty, the public demo key, a "
        "placeholder such as 'change-me', or shorter than 50 characters. Set SECRET_KEY in the "
        "environment (or .env) to a long random value, e.g. the output of "
        'python -c "import secrets; print(secrets.token_urlsafe(50))". '
        "For local development only, set DEBUG=1 instead."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "Centrum Kompetencji"

INSTALLED_APPS = [
    # Project apps first so their templates override Wagtail's and Django's.
    "lms.users",
    "lms.organisations",
    "lms.home",
    "courses",
    "courses.questionbank",
    "knowledge",
    "certificates",
    "events",
    "lms.exports",
    "lms.imports",
    "lms.reports",
    "lms.notifications",
    "evaluation",
    "lms.mfa",
    "lms.sso",
    "lms.audit",
    "lms.files",
    "lms.legal",
    "funding",
    "lms.search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.users.wagtail_config.LmsWagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
    "storages",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.locale.PolishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lms.mfa.middleware.TwoFactorMiddleware",
    # A signed-in person reads the current privacy notice (once per version) before going on.
    "lms.legal.middleware.PrivacyNoticeMiddleware",
    # Other trainers' course drafts answer 404 at every admin URL that names them.
    "courses.permissions.HiddenCoursePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.security.ContentSecurityPolicyMiddleware",
    "lms.home.middleware.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes last: it turns a lockout signalled by the backend into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------------

VAR_DIR.mkdir(parents=True, exist_ok=True)
# PostgreSQL only (one SQL dialect everywhere). Unset: `lms.home.checks` says how to get one.
DATABASE_URL = env.str("DATABASE_URL", default="")
DATABASES = {"default": env.db_url_config(DATABASE_URL)} if DATABASE_URL else {}
if DATABASES:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Broker and cache. `redis://host:port/db`, `rediss://…` or `unix:///path/redis.sock?db=0`.
REDIS_URL = env.str("REDIS_URL", default="")
# Every cache key (cached signed-in users, sessions, rate limits) starts with this: deployments
# sharing one Redis never read each other's entries. By default it names the database, so only
# processes of the same deployment (same database) share cached data.
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="") or "lms:{HOST}:{PORT}:{NAME}".format(
    **{key: DATABASES.get("default", {}).get(key) or "" for key in ("HOST", "PORT", "NAME")}
)
CACHES = {
    "default": {
        # Redis, but a Redis outage degrades to "no cache" instead of errors on every page.
        "BACKEND": "lms.cache.TolerantRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }
}

# --- People -----------------------------------------------------------------------------------

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.users.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = "/konto/logowanie/"
LOGIN_REDIRECT_URL = "start"  # lms.users.views.start: the admin or "Moje szkolenia"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 24)
INVITATION_MAX_AGE = env.int("INVITATION_MAX_AGE", default=60 * 60 * 24 * 14)
PASSWORD_RESET_PER_MINUTE = 5  # reset requests per client address
PASSWORD_RESET_PER_EMAIL_PER_HOUR = 3  # reset requests per target e-mail, from any address

# django-axes: lock the pair (e-mail, IP), never the IP alone: a whole municipal office shares one.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.users.backends.axes_username"
AXES_LOCKOUT_CALLABLE = "lms.users.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# The client address behind PROXY_COUNT proxies, read the same way as for rate limits (without
# it axes would see every client as the proxy and lock out a whole office at once).
AXES_CLIENT_IP_CALLABLE = "lms.ratelimit.counted_address"  # IPv6 counted per /64
AXES_VERBOSE = False
# Per account, whatever the address (lms.users.slowdown): after LOGIN_SLOWDOWN_AFTER failures each
# further attempt waits 30 s, 60 s, 120 s... up to 5 minutes; failures forgotten after an hour.
LOGIN_SLOWDOWN_AFTER = 10
LOGIN_SLOWDOWN_BASE_SECONDS = 30
LOGIN_SLOWDOWN_MAX_SECONDS = 5 * 60
LOGIN_SLOWDOWN_WINDOW_SECONDS = 60 * 60

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Files holding personal data (exports, certificate PDFs, import uploads): outside MEDIA_ROOT, no
# URL maps to them; views that check the viewer hand them out (lms/files/services.py `serve`).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
for _directory in (STATIC_ROOT, MEDIA_ROOT, PRIVATE_MEDIA_ROOT):
    Path(_directory).mkdir(parents=True, exist_ok=True)
# How a checked download leaves: streamed by Django ("stream"), or handed to the proxy with
# X-Accel-Redirect ("nginx": an `internal` location at SENDFILE_URL aliased to PRIVATE_MEDIA_ROOT,
# see docs/nginx.conf.example) or X-Sendfile ("xsendfile"). The django-sendfile2 backend itself is
# always lms.files.sendfile_stream (Wagtail's public documents go through it too, streamed).
PRIVATE_SENDFILE_BACKEND = env.str("SENDFILE_BACKEND", default="stream")
SENDFILE_BACKEND = "lms.files.sendfile_stream"
SENDFILE_ROOT = str(PRIVATE_MEDIA_ROOT)
SENDFILE_URL = env.str("SENDFILE_URL", default="/protected/")

# S3-compatible storage (AWS, MinIO, Ceph...) when a bucket is configured, so several web and
# worker machines share uploaded documents and certificate files.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Private files: their own bucket (recommended) or the "private/" prefix of the same one,
    # never public, handed out as signed URLs valid for PRIVATE_URL_EXPIRE seconds.
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("PRIVATE_URL_EXPIRE", default=60),
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    PRIVATE_STORAGE = {"BACKEND": "lms.files.storage.PrivateFileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        # Hashed, compressed files need `collectstatic` (the docker image runs it).
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATICFILES_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Uploads: refuse anything large before it reaches a view.
MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_UPLOAD_MB * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "ppt",
    "pptx",
    "odp",
    "zip",
    "mp3",
    "mp4",
]
# Only PDF and plain text open in the browser; everything else (HTML, SVG can't be uploaded at all)
# is served as an attachment with a sandboxing CSP.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.home.forms.SafeDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# No avatars from gravatar.com (an outside request per admin page, blocked by our CSP and a leak
# of hashed e-mail addresses): Wagtail shows its default avatar or an uploaded one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- E-mail -----------------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Centrum Kompetencji <no-reply@centrum-kompetencji.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds before a mail server that does not answer fails the send (a worker never hangs on it).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# --- Celery -----------------------------------------------------------------------------------


# Always a real broker: a worker and beat run beside the web server (`make run` starts them).
CELERY_BROKER_URL = celery_url(REDIS_URL)
CELERY_RESULT_BACKEND = celery_url(REDIS_URL)
# Only for benchmarks that measure a request with its tasks done in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=10 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
# Redis re-delivers an unacknowledged message after the visibility timeout: keep it well above the
# longest task (hard limit 15 min) and above any countdown/ETA we use (retries back off <= 10 min).
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
# Publishing fails fast (instead of blocking a request for seconds) when Redis is down: work that
# could not be queued is found again by the reconciliation tasks. Workers reconnect on their own.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60, "max_retries": 0}
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400_000)
CELERY_WORKER_MAX_TASKS_PER_CHILD = 1000
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="default")
CELERY_TIMEZONE = TIME_ZONE
# Keep a worker's database connection between tasks (Celery's Django fixup otherwise closes it
# after every task: a new PostgreSQL connection per certificate cost ~15 ms). lms/celery.py closes
# broken or CONN_MAX_AGE-expired connections before each task, as Django does per request.
CELERY_DB_REUSE_MAX = 10_000
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "lms.users.tasks.clear_expired_sessions",
        "schedule": timedelta(hours=6),
    },
    "reconcile-certificates": {
        "task": "certificates.tasks.reconcile_certificates",
        "schedule": timedelta(minutes=1),
    },
    "notify-expiring-certificates": {
        "task": "certificates.tasks.notify_expiring_certificates",
        "schedule": timedelta(hours=12),
    },
    "delete-old-exports": {
        "task": "lms.exports.tasks.delete_old_exports",
        "schedule": timedelta(hours=12),
    },
    "delete-old-audit-entries": {
        "task": "lms.audit.tasks.delete_old_audit_entries",
        "schedule": crontab(hour=3, minute=15),
    },
    "delete-orphaned-private-files": {
        "task": "lms.files.tasks.delete_orphans",
        "schedule": crontab(hour=3, minute=30),
    },
    "rebuild-search-index": {
        "task": "lms.search.tasks.rebuild_search_index",
        "schedule": crontab(hour=3, minute=45),
    },
    "delete-old-imports": {
        "task": "lms.imports.tasks.delete_old_batches",
        "schedule": timedelta(hours=12),
    },
    "email-survey-invitations": {
        "task": "evaluation.tasks.email_survey_invitations",
        "schedule": timedelta(minutes=15),
    },
    "send-missed-assignment-emails": {
        "task": "lms.notifications.tasks.send_missed_assignment_emails",
        "schedule": timedelta(minutes=15),
    },
    # From 1 March, once a year: administrators review the accessibility statements by 31 March.
    "remind-to-review-accessibility-statements": {
        "task": "lms.legal.tasks.remind_to_review_statements",
        "schedule": crontab(hour=8, minute=30),
    },
    # EU-funded projects: participants' data past the project's archive period is deleted.
    "delete-expired-participant-data": {
        "task": "funding.tasks.delete_expired_participant_data",
        "schedule": crontab(hour=3, minute=45),
    },
    # Daily, in the morning (Celery's timezone is TIME_ZONE): people read it at work.
    "send-inactivity-reminders": {
        "task": "lms.notifications.tasks.send_inactivity_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # Every hour in the daytime: tomorrow's participants, each reminded once (a person who got a
    # place late in the day is reminded within the hour).
    "send-event-reminders": {
        "task": "events.tasks.send_event_reminders",
        "schedule": crontab(hour="8-20", minute=5),
    },
    # Daily, before the working day: owners of knowledge-base standards whose review is due.
    "notify-due-standard-reviews": {
        "task": "knowledge.tasks.notify_due_reviews",
        "schedule": crontab(hour=8, minute=30),
    },
}

# --- Certificates -----------------------------------------------------------------------------

# Ed25519 key that signs the certificates' Open Badges credentials: the base64 of the 32-byte
# seed (or a PEM). `manage.py create_certificate_key` makes one; without the setting the key is
# read from CERTIFICATE_SIGNING_KEY_FILE (what `make run` creates for the demo).
CERTIFICATE_SIGNING_KEY = env.str("CERTIFICATE_SIGNING_KEY", default="")
CERTIFICATE_SIGNING_KEY_FILE = env.str(
    "CERTIFICATE_SIGNING_KEY_FILE", default=str(VAR_DIR / "certificate-signing.key")
)
# Public keys (multibase, `z6Mk…`, comma-separated) of signing keys replaced by a rotation: still
# published at /weryfikacja/klucz-publiczny.json, so credentials they signed keep verifying.
CERTIFICATE_RETIRED_PUBLIC_KEYS = env.list("CERTIFICATE_RETIRED_PUBLIC_KEYS", default=[])
# Unfinished certificates (pending, or not e-mailed) that no worker has queued or touched for this
# long are queued again by the reconciliation task (beat runs it every minute): a killed worker's
# certificate is recovered within two minutes. Rendering and sending one take about a second.
CERTIFICATE_RECONCILE_STALE_SECONDS = env.int("CERTIFICATE_RECONCILE_STALE_SECONDS", default=60)
# Public verification: requests per minute per client address.
CERTIFICATE_VERIFY_RATE_PER_MINUTE = env.int("CERTIFICATE_VERIFY_RATE_PER_MINUTE", default=30)

# --- EU-funded projects (funding) ---------------------------------------------------------------

# The layout of the participant-level export for the national monitoring system (SM EFS): a
# TOML file of columns and codes (docs/funding.md), changed without touching the code.
FUNDING_EXPORT_MAPPING = env.str(
    "FUNDING_EXPORT_MAPPING", default=str(BASE_DIR / "funding" / "mappings" / "sm_efs.toml")
)

# --- Security ---------------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the cache (Redis in production), written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 12
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# django-csp 4. The public site needs no inline script; Wagtail's admin gets a looser policy in
# lms.security (its editors rely on inline styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Two-factor and single sign-on -----------------------------------------------------------

# Accounts that can reach other people's data (lms.users.roles.has_privileged_role) must confirm a
# second factor after the password: an authenticator app (TOTP, with one-time recovery codes) or a
# passkey (WebAuthn). Learners may opt in from their profile. Only tests switch this off.
TWO_FACTOR_ENFORCED = env.bool("TWO_FACTOR_ENFORCED", default=True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# django-otp's throttling: after n failed codes the next try waits 2^(n-1) seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# Passkeys are bound to the site's domain over HTTPS; a plain-HTTP demo works on localhost only.
_site = urlsplit(SITE_URL)
_https = _site.scheme == "https"
OTP_WEBAUTHN_RP_ID = env.str(
    "OTP_WEBAUTHN_RP_ID", default=_site.hostname if _https else "localhost"
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "OTP_WEBAUTHN_ALLOWED_ORIGINS",
    default=[SITE_URL if _https else f"http://localhost:{_site.port or 80}"],
)
# Passkeys are a second factor after the password, never a way in on their own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# OpenID Connect sign-in for local governments with their own identity provider (Entra ID,
# Keycloak...): on when a client id and either a discovery URL or the endpoints are set.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_DISCOVERY_URL = env.str("OIDC_OP_DISCOVERY_URL", default="")
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="konto urzędu")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
# The claim that names the person's unit, and claim value -> organisation unit code
# ("Wydzial Spraw Obywatelskich=2204011,UG Pruszcz=2204022").
OIDC_UNIT_CLAIM = env.str("OIDC_UNIT_CLAIM", default="")
OIDC_UNIT_MAPPING = env.dict("OIDC_UNIT_MAPPING", default={})
# Only these e-mail domains may sign in through the provider (empty: any verified e-mail).
OIDC_ALLOWED_EMAIL_DOMAINS = env.list("OIDC_ALLOWED_EMAIL_DOMAINS", default=[])
# Administrators and superusers sign in with password and local 2FA unless this is set.
OIDC_ALLOW_ADMINISTRATORS = env.bool("OIDC_ALLOW_ADMINISTRATORS", default=False)
# `amr` values (RFC 8176) that count as a second factor done at the provider; empty: always ask
# privileged roles for the local second factor after SSO.
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa", "otp", "hwk", "sc"])
AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "lms.sso.backends.OIDCBackend"]

# Security audit log (lms.audit): entries older than this are deleted every night.
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=365)

# --- Logging ----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
