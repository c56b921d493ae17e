"""One migration for all test processes.

Each pytest-xdist process has its own test database (`test_<name>_gw0`, `_gw1`, …). Migrating
one costs ~19 s of CPU (Django renders the model states of ~240 migrations), and every process
did it. Now the first process to get there migrates its database and copies it into a template
(`test_<name>_template`); the others create theirs from the template (a file copy, ~0.2 s) and
let `migrate` confirm there is nothing to apply. A PostgreSQL advisory lock orders them; the
template carries a fingerprint of the migration files in its comment, so a template left by an
interrupted run on other migrations is rebuilt, not used.
"""

import hashlib
import re
from pathlib import Path

import psycopg
from django.apps import apps
from django.db import connection
from django.db.backends.postgresql.creation import DatabaseCreation


def migrations_fingerprint() -> str:
    digest = hashlib.sha256()
    for app_config in apps.get_app_configs():
        for path in sorted((Path(app_config.path) / "migrations").glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _maintenance_connection():
    """A connection to the server's `postgres` database, outside Django (it outlives the
    connections Django opens and closes while it creates the test database)."""
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    for key in ("cursor_factory", "context", "prepare_threshold", "server_side_binding"):
        params.pop(key, None)
    return psycopg.connect(**params, autocommit=True)


class SharedMigration:
    """`start()` before pytest-django's `setup_databases`, `ready()` after it, `finish()` at the
    end of the session."""

    def __init__(self, maintenance):
        self.maintenance = maintenance
        self.fingerprint = migrations_fingerprint()
        self.test_name = connection.creation._get_test_db_name()  # noqa: SLF001
        self.template = re.sub(r"_gw\d+$", "", self.test_name) + "_template"
        self.cloned = False
        self.published = False

    def _execute(self, statement, params=None):
        return self.maintenance.execute(statement, params)

    def _quote(self, name):
        return connection.ops.quote_name(name)

    def template_is_current(self) -> bool:
        row = self._execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [self.template],
        ).fetchone()
        return row is not None and row[0] == self.fingerprint

    def clone(self):
        self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.test_name)} WITH (FORCE)")
        self._execute(
            f"CREATE DATABASE {self._quote(self.test_name)} TEMPLATE {self._quote(self.template)}"
        )
        self.cloned = True

    def publish(self):
        """After this process migrated its test database: copy it into the template."""
        if self.cloned:
            return
        connection.close()  # CREATE DATABASE … TEMPLATE needs the source free of sessions
        self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.template)} WITH (FORCE)")
        self._execute(
            f"CREATE DATABASE {self._quote(self.template)} TEMPLATE {self._quote(self.test_name)}"
        )
        # A fingerprint is hexadecimal: nothing to escape.
        self._execute(f"COMMENT ON DATABASE {self._quote(self.template)} IS '{self.fingerprint}'")
        self.published = True

    @classmethod
    def start(cls):
        """Wait for the lock, and have Django clone the template instead of creating an empty
        database, while it is current."""
        share = cls(_maintenance_connection())
        share._execute("SELECT pg_advisory_lock(hashtext(%s))", [share.template])
        share.original = original = DatabaseCreation._create_test_db

        def _create_test_db(creation, verbosity, autoclobber, keepdb=False):
            if creation.connection.alias == connection.alias and share.template_is_current():
                share.clone()
                return share.test_name
            return original(creation, verbosity, autoclobber, keepdb)

        DatabaseCreation._create_test_db = _create_test_db
        return share

    def ready(self):
        """This process's test database is migrated: publish it (unless it is a copy) and let the
        next process in."""
        DatabaseCreation._create_test_db = self.original
        try:
            self.publish()
        finally:
            self._execute("SELECT pg_advisory_unlock_all()")

    def finish(self):
        """The process that made the template removes it (the others copied it long ago)."""
        if self.published:
            self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.template)} WITH (FORCE)")
        self.maintenance.close()
