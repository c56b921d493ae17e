"""Benchmark: a learner's lesson page against the bare home page, served by gunicorn on PostgreSQL.

Run from the project root: `.venv/bin/python bench/pages.py [--requests 50] [--keep]`.
Creates a throw-away database, loads the demo, signs in as the demo learner, measures both pages
with concurrent keep-alive clients and prints a table ending in one machine-readable RESULT line.
"""

import argparse
import html
import http.client
import http.cookiejar
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
LEARNER = ("kursant@centrum-kompetencji.example", "Kursant-Demo-2026!")
REQUEST_TIMEOUT = 10
WARMUP = 20
TARGET_RATIO, TARGET_P99_MS = 1.5, 150.0


@dataclass
class Stats:
    latencies: list = field(default_factory=list)  # seconds, one per completed response
    errors: list = field(default_factory=list)
    elapsed: float = 0.0

    def pct(self, q):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[max(0, min(len(ordered) - 1, round(q * len(ordered)) - 1))]

    @property
    def rps(self):
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


def bench_env(database_url):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}  # no broker: tasks in-process
    env.update(
        CELERY_TASK_ALWAYS_EAGER="1",
        DATABASE_URL=database_url,
        ENV_FILE="/nonexistent",
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATICFILES_MANIFEST="0",
    )
    return env


def server_url(database_url):
    """The same server, maintenance database `postgres`, and the bench database's name."""
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def drop_database(database_url):
    admin_url, name = server_url(database_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def create_database(database_url, env):
    drop_database(database_url)
    admin_url, name = server_url(database_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    for command in (["migrate", "--noinput"], ["load_demo"]):
        print(f"manage.py {' '.join(command)} ...", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=600,
        )


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, log):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "lms.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer /healthz with 200 within 60 s")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def login_and_find_lesson(base, course_slug):
    """Sign in as the demo learner; return (session cookie header, first lesson's path)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{base}/konto/logowanie/"
    page = opener.open(login_url, timeout=REQUEST_TIMEOUT).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": LEARNER[0], "password": LEARNER[1], "csrfmiddlewaretoken": token}
    opener.addheaders = [("Referer", login_url)]  # Django's CSRF check wants a same-site referer
    opener.open(login_url, data=urllib.parse.urlencode(form).encode(), timeout=REQUEST_TIMEOUT)
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if session is None:
        raise RuntimeError("login failed: no sessionid cookie")
    # "My training" links to the course; the course outline's first link is its first lesson.
    dashboard = opener.open(f"{base}/moje-szkolenia/", timeout=REQUEST_TIMEOUT).read().decode()
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', dashboard)]
    course = min((h for h in hrefs if course_slug in h), key=len, default=None)
    if course is None:
        raise RuntimeError(f"no link to course {course_slug!r} on /moje-szkolenia/")
    course_html = opener.open(urllib.parse.urljoin(base, course), timeout=REQUEST_TIMEOUT)
    outline = course_html.read().decode().split('class="course-outline"', 1)[-1]
    first = re.search(r'<a href="([^"]+)"', outline)
    if first is None:
        raise RuntimeError(f"no lesson link in the outline of {course}")
    return f"sessionid={session}", urllib.parse.urlsplit(html.unescape(first.group(1))).path


def client(port, path, cookie, count, stats):
    """One keep-alive connection doing `count` GETs (http.client reconnects if the server closes)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    headers = {"Cookie": cookie} if cookie else {}
    try:
        for _ in range(count):
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                stats.errors.append(f"{path}: {type(exc).__name__}: {exc}")
                conn.close()
                continue
            stats.latencies.append(time.perf_counter() - start)
            if response.status != 200:
                text = body[:2000].decode(errors="replace")
                stats.errors.append(f"{path}: HTTP {response.status}\n{text}")
    finally:
        conn.close()


def measure(port, path, cookie, clients, requests):
    warm = Stats()
    client(port, path, cookie, WARMUP, warm)
    stats = Stats(errors=warm.errors)
    threads = [
        threading.Thread(target=client, args=(port, path, cookie, requests, stats), daemon=True)
        for _ in range(clients)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats.elapsed = time.perf_counter() - start
    return stats


def report(bare, lesson):
    print(f"\n{'page':<8}{'requests':>10}{'p50 ms':>10}{'p99 ms':>10}{'req/s':>10}{'errors':>8}")
    for name, s in (("bare", bare), ("lesson", lesson)):
        print(
            f"{name:<8}{len(s.latencies):>10}{s.pct(0.5):>10.1f}{s.pct(0.99):>10.1f}"
            f"{s.rps:>10.1f}{len(s.errors):>8}"
        )
    # The ratio compares the typical (median) latency of the two pages under the same load; the
    # tail is held by its own target (lesson p99). p99 and throughput ratios are printed too.
    ratio = lesson.pct(0.5) / bare.pct(0.5)
    p99_ratio = lesson.pct(0.99) / bare.pct(0.99)
    print(
        f"\nratio (p50 lesson/bare) = {ratio:.2f}   p99 ratio = {p99_ratio:.2f}   "
        f"throughput ratio (bare/lesson req/s) = {bare.rps / lesson.rps:.2f}"
    )
    verdict = {True: "PASS", False: "FAIL"}
    print(f"target ratio <= {TARGET_RATIO}: {verdict[ratio <= TARGET_RATIO]}")
    print(
        f"target lesson p99 <= {TARGET_P99_MS:.0f} ms: {verdict[lesson.pct(0.99) <= TARGET_P99_MS]}"
    )
    print(
        f"RESULT lesson_p50_ms={lesson.pct(0.5):.1f} lesson_p99_ms={lesson.pct(0.99):.1f} "
        f"bare_p99_ms={bare.pct(0.99):.1f} ratio={ratio:.2f}"
    )


def print_log(log):
    log.flush()
    log.seek(0)
    tail = log.read().strip()[-4000:]
    if tail:
        print(f"--- gunicorn log (tail) ---\n{tail}\n---", flush=True)


def on_timeout(signum, frame):
    raise TimeoutError("the whole run exceeded --timeout")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/lms_bench")
    parser.add_argument("--requests", type=int, default=100, help="requests per client")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--course-slug", default="standardy-obslugi-cudzoziemcow")
    parser.add_argument("--timeout", type=int, default=900, help="guard for the whole run (s)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    return parser.parse_args()


def run(args, log):
    """Set up, measure, report, and always tear down. Returns the exit code."""
    env, port, proc = bench_env(args.database_url), free_port(), None
    errors, finished = [], False
    try:
        create_database(args.database_url, env)
        proc = start_gunicorn(env, port, log)
        cookie, lesson_path = login_and_find_lesson(f"http://{HOST}:{port}", args.course_slug)
        print(f"bare page: /   lesson page: {lesson_path}", flush=True)
        results = {}
        for round_no in (1, 2):  # alternate; the second round is the one reported
            for name, path, cookie_header in (("bare", "/", None), ("lesson", lesson_path, cookie)):
                stats = measure(port, path, cookie_header, args.clients, args.requests)
                errors += stats.errors
                results[name] = stats
                print(
                    f"round {round_no} {name:<6} p50 {stats.pct(0.5):7.1f} ms  "
                    f"p99 {stats.pct(0.99):7.1f} ms  errors {len(stats.errors)}",
                    flush=True,
                )
        if errors:
            print(f"\n{len(errors)} failed request(s); first:\n{errors[0]}", flush=True)
            print_log(log)
        report(results["bare"], results["lesson"])
        finished = True
    finally:
        signal.alarm(0)
        if proc is not None:
            stop(proc)
        if not finished:
            print_log(log)
        if not args.keep:
            drop_database(args.database_url)
    return 1 if errors else 0


def main():
    args = parse_args()
    signal.signal(signal.SIGALRM, on_timeout)
    signal.alarm(args.timeout)
    with tempfile.TemporaryFile(mode="w+") as log:
        return run(args, log)


if __name__ == "__main__":
    sys.exit(main())
