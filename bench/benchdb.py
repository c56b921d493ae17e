"""What the benchmarks share: a throw-away PostgreSQL database of their own."""

import urllib.parse

import psycopg
from psycopg import sql


def recreate_database(database_url):
    """Drop (even with open connections) and create the database named in `database_url`."""
    parts = urllib.parse.urlsplit(database_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
