import os
import uuid
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from lms.celery import app as celery_app
from lms.users.roles import Role
from tests import factories
from tests.factories import PASSWORD, UserFactory

# What a transactional test's flush leaves alone: rebuilt identically by post_migrate anyway.
FLUSH_KEEPS = {
    "django_content_type": "contenttypes.contenttype",
    "auth_permission": "auth.permission",
}


@pytest.fixture(autouse=True, scope="session")
def _quick_flush():
    """Transactional tests end with a flush of every table. PostgreSQL's TRUNCATE of ~200 tables
    replaces ~600 relation files each time; DELETE of what the test left costs almost nothing on
    the (mostly empty) tables. Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so the
    order does not matter inside the flush's transaction."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        tables = [table for table in tables if table not in FLUSH_KEEPS]
        if reset_sequences:
            return original(self, style, tables, reset_sequences=True, allow_cascade=allow_cascade)
        return [
            f"DELETE FROM {self.quote_name(table)};"  # noqa: S608 (table names from Django)
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original


@pytest.fixture(scope="session")
def _one_migration(django_db_blocker, django_db_keepdb, django_db_modify_db_settings):
    """In a pytest-xdist process, one migration serves every process (see tests/databases.py)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or django_db_keepdb:
        yield None
        return
    from tests.databases import SharedMigration

    with django_db_blocker.unblock():
        share = SharedMigration.start()
    yield share
    with django_db_blocker.unblock():
        share.finish()


@pytest.fixture(scope="session")
def django_db_setup(_one_migration, django_db_setup, django_db_blocker):
    """The test database, migrated once for all processes (`_one_migration`).

    The snapshot of the migrated database that transactional tests with `serialized_rollback`
    restore after a flush, without the rows the flush keeps (four fifths of it: restoring them
    was an UPDATE each, ~0.2 s per test).

    It is also kept on the connection's class: once Playwright's driver runs (tests/browser),
    Django's connections in this thread live in another context, as new objects that would not
    have it."""
    import json

    from django.db import connections

    if _one_migration is not None:
        with django_db_blocker.unblock():
            _one_migration.ready()
    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is None:
            continue
        restored = [row for row in json.loads(contents) if row["model"] not in FLUSH_KEEPS.values()]
        connection._test_serialized_contents = json.dumps(restored)
        type(connection)._test_serialized_contents = connection._test_serialized_contents
    yield
    # Connections this process left open in other contexts (Playwright's, the live server's
    # threads) would keep the test database from being dropped: PostgreSQL waits 5 s, then
    # refuses, and the database stays behind.
    with django_db_blocker.unblock():
        for connection in connections.all():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """The test client and the live server speak plain HTTP on localhost."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with an empty cache (cached outlines, sessions), whatever ran before."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(autouse=True, scope="session")
def _certificate_signing_key():
    """One Ed25519 key for the run, for this process and the workers the tests start."""
    from certificates.signing import generate_key

    key = generate_key()
    os.environ["CERTIFICATE_SIGNING_KEY"] = key
    django_settings.CERTIFICATE_SIGNING_KEY = key
    return key


@pytest.fixture(autouse=True)
def _two_factor_not_enforced(settings):
    """Tests sign privileged people in with `force_login`: the second factor is tested (and
    switched on) in tests/mfa."""
    settings.TWO_FACTOR_ENFORCED = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process unless a test starts a real worker (see tests/test_worker.py)."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Private files (exports, certificate PDFs, import uploads) of each test go to a throw-away
    private root, outside the media root."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.SENDFILE_ROOT = settings.PRIVATE_MEDIA_ROOT
    return tmp_path / "private"


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and generated files go to a throw-away media root."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def units(db):
    """Two municipalities of the Gdańsk county (from the data migration), a school under the
    first: (gmina A, school in A, gmina B)."""
    from lms.organisations.models import OrganisationUnit
    from tests.factories import OrganisationUnitFactory

    county = OrganisationUnit.objects.get(code="2204")
    gmina_a = OrganisationUnitFactory(parent=county, name="Gmina A")
    school_a = OrganisationUnitFactory(parent=gmina_a, name="Szkoła w A", unit_type="school")
    gmina_b = OrganisationUnitFactory(parent=county, name="Gmina B")
    return gmina_a, school_a, gmina_b


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(roles=[Role.LEARNER])


@pytest.fixture
def learner_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def admin_user(db):
    return UserFactory(
        email="administrator@pomorskie.example",
        is_superuser=True,
        roles=[Role.ADMINISTRATOR],
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


# --- Reports ---------------------------------------------------------------------------------------


@pytest.fixture
def report_data(units, admin_user):
    """Two courses, five learners in gmina A, its school and gmina B, in every state:

    - Anna (gmina A): course 1 assigned, not started, deadline passed (overdue);
    - Bartosz (school in A): course 1 in progress 50 %, best score 40 %;
    - Celina (gmina B): course 1 completed with a certificate; course 2 in progress;
    - Dawid (gmina B): course 2 completed, certificate expired;
    - Ewa (gmina A): course 2 completed, no certificate yet (pending).
    """
    from certificates.models import Certificate
    from courses.models import Assignment, Enrolment

    gmina_a, school_a, gmina_b = units
    course1 = factories.course(
        title="Cudzoziemiec w urzędzie",
        area="zdrowie",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
    )
    course2 = factories.course(
        title="Uczeń z doświadczeniem migracji",
        area="edukacja",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
    )
    people = {
        "anna": UserFactory(
            first_name="Anna",
            last_name="Nowak",
            email="anna@a.example",
            unit=gmina_a,
            roles=[Role.LEARNER],
        ),
        "bartosz": UserFactory(
            first_name="Bartosz",
            last_name="Żółtowski",
            email="bartosz@a.example",
            unit=school_a,
            roles=[Role.LEARNER],
        ),
        "celina": UserFactory(
            first_name="Celina",
            last_name="Ślęzak",
            email="celina@b.example",
            unit=gmina_b,
            roles=[Role.LEARNER],
        ),
        "dawid": UserFactory(
            first_name="Dawid",
            last_name='=HYPERLINK("http://x")',
            email="dawid@b.example",
            unit=gmina_b,
            roles=[Role.LEARNER],
        ),
        "ewa": UserFactory(
            first_name="Ewa",
            last_name="Kowalska",
            email="ewa@a.example",
            unit=gmina_a,
            roles=[Role.LEARNER],
        ),
    }
    now = timezone.now()
    from courses import services

    services.assign(
        users=[people["anna"]],
        course=course1,
        assigned_by=admin_user,
        deadline=timezone.localdate() - timedelta(days=3),
    )
    Enrolment.objects.filter(user=people["anna"]).update(
        enrolled_at=now - timedelta(days=40), last_activity_at=now - timedelta(days=40)
    )
    Enrolment.objects.create(
        user=people["bartosz"],
        course=course1,
        progress_percent=50,
        best_score_percent=40,
        enrolled_at=now - timedelta(days=20),
    )
    celina1 = factories.completed_certificate(people["celina"], course1)
    Certificate.objects.filter(pk=celina1.pk).update(
        status=Certificate.Status.ISSUED, issued_at=now
    )
    Enrolment.objects.create(
        user=people["celina"],
        course=course2,
        progress_percent=30,
        enrolled_at=now - timedelta(days=2),
    )
    dawid2 = factories.completed_certificate(people["dawid"], course2)
    Certificate.objects.filter(pk=dawid2.pk).update(
        status=Certificate.Status.ISSUED,
        issued_at=now - timedelta(days=400),
        expires_at=now - timedelta(days=1),
    )
    Enrolment.objects.filter(user=people["dawid"]).update(
        completed_at=now - timedelta(days=400), enrolled_at=now - timedelta(days=410)
    )
    ewa2 = factories.complete_course(people["ewa"], course2)
    assert Assignment.objects.count() == 1
    return {"courses": (course1, course2), "people": people, "units": units, "ewa2": ewa2}


@pytest.fixture
def coordinator_a(units):
    gmina_a = units[0]
    coordinator = UserFactory(
        email="koordynator.a@gmina.example", unit=gmina_a, roles=[Role.COORDINATOR]
    )
    coordinator.coordinated_units.add(gmina_a)
    return coordinator
