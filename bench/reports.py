"""Benchmark: the completion report on 100,000 enrolments (PostgreSQL).

Run from the project root: `.venv/bin/python bench/reports.py [--learners 20000] [--courses 5]`.

Creates a throw-away database and seeds it: `--learners` learners spread over the municipalities
and institutions of the shipped Pomorskie tree, each enrolled on every one of `--courses` courses
(100,000 enrolments by default) with progress, completions, quiz attempts and certificates. Then,
in the same run and on the same query:

- the floor: PostgreSQL's own `COPY (<the report's query>) TO STDOUT WITH CSV`;
- the full CSV export and the full XLSX export, through the export job's builder (the code a
  Celery worker runs for exports over 10,000 rows), into a temporary file, sampling this
  process's RSS every 10 ms for the peak growth;
- the report page (first 50 rows) with no filter and with each single filter, through Django's
  test client as an administrator (median of 5 requests, the slowest filter reported);
- the import of a 10,000-row CSV file of new employees (preview/validation, then confirm).

Targets: CSV ≤ 4× COPY, XLSX ≤ 20 s, RSS growth ≤ 150 MB, page ≤ 300 ms, import ≤ 60 s.
The last line is machine-readable: `RESULT csv_ratio=… xlsx_s=… rss_mb=… page_ms=… import_s=…`.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import psycopg
from benchdb import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


class PeakRSS:
    """Samples RSS every 10 ms while the block runs; `growth` is peak minus the start."""

    def __enter__(self):
        import gc

        gc.collect()
        self.start = self.peak = rss_bytes()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.01)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss_bytes())
        self.growth = self.peak - self.start


def seed(*, learners: int, course_count: int, rng: random.Random):
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone

    from certificates.models import Certificate
    from courses.models import Assignment, Enrolment, QuizAttempt, QuizPage
    from lms.organisations.models import OrganisationUnit, UnitType
    from lms.users.models import User
    from lms.users.roles import Role
    from tests import factories

    titles = [
        "Cudzoziemiec w urzędzie gminy",
        "Uczeń z doświadczeniem migracji w szkole",
        "Dostęp cudzoziemców do ochrony zdrowia",
        "Zatrudnianie cudzoziemców – PUP",
        "Pomoc społeczna dla cudzoziemców",
        "Komunikacja międzykulturowa",
        "Przeciwdziałanie dyskryminacji",
    ]
    areas = ["edukacja", "zdrowie", "zatrudnienie", "integracja", "bezpieczenstwo"]
    from courses.models import ThematicArea

    known_areas = set(ThematicArea.objects.values_list("slug", flat=True))
    courses = [
        factories.course(
            title=titles[i % len(titles)] + (f" {i}" if i >= len(titles) else ""),
            area=next(a for a in areas[i:] + areas if a in known_areas),
            lessons=2,
            questions=4,
        )
        for i in range(course_count)
    ]
    quizzes = {q.get_parent().pk: q for q in QuizPage.objects.all()}
    units = list(OrganisationUnit.objects.exclude(unit_type__in=[UnitType.REGION, UnitType.COUNTY]))
    first = ["Anna", "Małgorzata", "Łukasz", "Żaneta", "Piotr", "Agnieszka", "Jędrzej", "Ewa"]
    last = [
        "Kowalska",
        "Żółkiewska-Ślęzak",
        "Nowak",
        "Wiśniewski",
        "Łęcka",
        "Dąbrowski",
        "=SUMA(A1)",
        "Źdźbło",
    ]
    unusable = make_password(None)
    User.objects.bulk_create(
        (
            User(
                email=f"pracownik{i:05d}@gmina.example",
                first_name=first[i % len(first)],
                last_name=last[i % len(last)],
                job_title="Podinspektor",
                password=unusable,
                unit=units[i % len(units)],
            )
            for i in range(learners)
        ),
        batch_size=5000,
    )
    learner_group = Group.objects.get(name=Role.LEARNER)
    user_ids = list(User.objects.filter(email__startswith="pracownik").values_list("pk", flat=True))
    User.groups.through.objects.bulk_create(
        (User.groups.through(user_id=pk, group_id=learner_group.pk) for pk in user_ids),
        batch_size=10000,
    )
    now = timezone.now()
    enrolments, assignments = [], []
    for user_id in user_ids:
        for course in courses:
            enrolled = now - timedelta(days=rng.randint(1, 365), minutes=rng.randint(0, 1440))
            state = rng.random()
            progress = 0 if state < 0.15 else (100 if state > 0.55 else rng.randint(10, 90))
            completed = enrolled + timedelta(days=rng.randint(0, 30)) if progress == 100 else None
            enrolments.append(
                Enrolment(
                    user_id=user_id,
                    course_id=course.pk,
                    enrolled_at=enrolled,
                    last_activity_at=completed or enrolled + timedelta(days=rng.randint(0, 20)),
                    progress_percent=progress,
                    completed_at=completed,
                    best_score_percent=rng.choice([60, 75, 80, 90, 100])
                    if progress >= 50
                    else None,
                    source="assigned" if state < 0.3 else "self",
                )
            )
            if state < 0.3:
                deadline = (enrolled + timedelta(days=60)).date()
                assignments.append(
                    Assignment(
                        user_id=user_id,
                        course_id=course.pk,
                        assigned_at=enrolled,
                        deadline=deadline,
                    )
                )
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    del enrolments, assignments

    rows = Enrolment.objects.filter(best_score_percent__isnull=False).values_list(
        "pk", "course_id", "best_score_percent", "completed_at", "last_activity_at", "user_id"
    )
    attempts, certificates, sequence = [], [], 0
    year = now.year
    names = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "last_name"))
    course_titles = {course.pk: course.title for course in courses}
    for pk, course_id, score, completed, activity, user_id in rows.iterator(chunk_size=5000):
        attempts.append(
            QuizAttempt(
                enrolment_id=pk,
                quiz_id=quizzes[course_id].pk,
                number=1,
                started_at=activity,
                submitted_at=activity,
                correct_count=round(score / 25),
                question_count=4,
                score_percent=score,
                passed=score >= 75,
            )
        )
        if completed is not None:
            sequence += 1
            certificates.append(
                Certificate(
                    enrolment_id=pk,
                    user_id=user_id,
                    course_id=course_id,
                    year=year,
                    sequence=sequence,
                    number=f"PCK/{year}/{sequence:06d}",
                    verification_code=f"B{sequence:05d}-XXXX-YYYY-ZZZZ"[:19],
                    status="issued",
                    holder_name=names[user_id],
                    course_title=course_titles[course_id],
                    hours=4,
                    completed_at=completed,
                    issued_at=completed,
                    expires_at=completed + timedelta(days=rng.choice([200, 730])),
                )
            )
    QuizAttempt.objects.bulk_create(attempts, batch_size=5000)
    Certificate.objects.bulk_create(certificates, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return courses, len(attempts), len(certificates)


def copy_floor(queryset) -> tuple[float, int]:
    """PostgreSQL writing the same query as CSV to this client: the floor for our export."""
    from django.db import connection

    query, params = queryset.query.sql_with_params()
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    size = 0
    with raw.cursor() as cursor:
        literal = psycopg.ClientCursor(raw).mogrify(query, params)
        with cursor.copy(f"COPY ({literal}) TO STDOUT WITH CSV") as copy:
            for block in copy:
                size += len(block)
    return time.perf_counter() - started, size


def time_export(owner, fmt: str):
    from lms.exports.models import Export
    from lms.exports.services import Progress
    from lms.reports.exports import build_completion_report

    export = Export.objects.create(
        owner=owner, kind="completion_report", title="bench", params={"format": fmt, "query": ""}
    )
    with tempfile.TemporaryFile() as out, PeakRSS() as memory:
        started = time.perf_counter()
        build_completion_report(export=export, out=out, progress=Progress(export.pk))
        seconds = time.perf_counter() - started
        size = out.tell()
    export.refresh_from_db()
    return seconds, memory.growth, size, export.done


def time_pages(client, courses):
    from django.urls import reverse
    from django.utils import timezone

    from lms.organisations.models import OrganisationUnit

    url = reverse("reports_completion")
    county = OrganisationUnit.objects.get(code="2204")
    gmina = OrganisationUnit.objects.filter(path__startswith=county.path, depth=3).first()
    today = timezone.localdate()
    cases = {
        "no filter": {},
        "course": {"course": courses[0].pk},
        "area": {"area": courses[1].thematic_area_id},
        "unit": {"unit": gmina.pk},
        "county": {"county": county.pk},
        "status=assigned": {"status": "assigned"},
        "status=in_progress": {"status": "in_progress"},
        "status=completed": {"status": "completed"},
        "status=certified": {"status": "certified"},
        "status=expired": {"status": "expired"},
        "overdue": {"overdue": "on"},
        "enrolled range": {
            "enrolled_from": str(today - timedelta(days=30)),
            "enrolled_to": str(today),
        },
        "completed range": {
            "completed_from": str(today - timedelta(days=90)),
            "completed_to": str(today),
        },
        "search": {"q": "łęcka"},
        "sorted by name": {"ordering": "user__last_name"},
    }
    results = {}
    for name, params in cases.items():
        response = client.get(url, params)
        assert response.status_code == 200, (name, response.status_code)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        results[name] = statistics.median(times)
    return results


def import_file(rows: int, course) -> bytes:
    lines = ["e-mail;imię;nazwisko;kod jednostki;stanowisko;kursy"]
    for i in range(rows):
        lines.append(
            f"nowy{i:05d}@gmina.example;Łucja;Żółkiewska-Ślęzak {i};2204;Referentka;{course.slug}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1250")


def time_import(owner, course, rows: int):
    from django.core.files.uploadedfile import SimpleUploadedFile

    try:
        from lms.imports import services as imports
    except ImportError:
        return None, "the import app is not installed"
    upload = SimpleUploadedFile("pracownicy.csv", import_file(rows, course), "text/csv")
    started = time.perf_counter()
    batch = imports.create_batch(owner=owner, uploaded_file=upload)
    previewed = time.perf_counter() - started
    batch = imports.apply_batch(batch=batch)
    total = time.perf_counter() - started
    return total, f"preview {previewed:.2f} s, status {batch.status}"


def setup_django(database_url, work):
    os.environ.update(
        ENV_FILE="/nonexistent",
        DATABASE_URL=database_url,
        REDIS_URL="",
        CELERY_TASK_ALWAYS_EAGER="1",
        MEDIA_ROOT=str(work / "media"),
        EMAIL_URL=f"filemail:///{work / 'mail'}",
        DJANGO_SETTINGS_MODULE="lms.settings",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        SECURE_SSL_REDIRECT="0",
    )
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False


def measure_exports(database_url, work):
    """In a fresh process (so that the seeding's heap does not hide the exports' memory): the
    COPY floor, then the CSV and the XLSX export of the whole report. Prints one JSON line."""
    import json

    setup_django(database_url, work)
    from lms.reports import queries
    from lms.reports.selectors import completion_enrolments
    from lms.users.models import User

    admin = User.objects.get(email="admin@bench.example")
    rows = queries.export_rows(completion_enrolments(user=admin, query=""))
    copy_floor(rows)  # warm: connection, plan, caches
    list(rows[:200])
    copy_s, copy_size = min(copy_floor(rows) for _ in range(3))
    csv_s, csv_rss, csv_size, csv_rows = time_export(admin, "csv")
    xlsx_s, xlsx_rss, xlsx_size, xlsx_rows = time_export(admin, "xlsx")
    print(
        json.dumps(
            {
                "copy_s": copy_s,
                "copy_size": copy_size,
                "csv_s": csv_s,
                "csv_rss": csv_rss,
                "csv_size": csv_size,
                "csv_rows": csv_rows,
                "xlsx_s": xlsx_s,
                "xlsx_rss": xlsx_rss,
                "xlsx_size": xlsx_size,
                "xlsx_rows": xlsx_rows,
                "baseline_rss": rss_bytes(),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--courses", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/lms_bench_reports"
    )
    parser.add_argument("--measure-exports", metavar="WORKDIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_exports:
        measure_exports(args.database_url, Path(args.measure_exports))
        return

    work = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    recreate_database(args.database_url)
    setup_django(args.database_url, work)
    import json
    import subprocess

    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", "--noinput", verbosity=0)

    from courses.models import Enrolment
    from lms.users.models import User
    from lms.users.roles import Role
    from tests.factories import UserFactory

    started = time.perf_counter()
    courses, attempts, certificates = seed(
        learners=args.learners, course_count=args.courses, rng=random.Random(2026)
    )
    seeding = time.perf_counter() - started
    total = Enrolment.objects.count()
    people = User.objects.count()
    admin = UserFactory(email="admin@bench.example", is_superuser=True, roles=[Role.ADMINISTRATOR])

    measured = subprocess.run(
        [
            sys.executable,
            __file__,
            "--database-url",
            args.database_url,
            "--measure-exports",
            str(work),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(measured.stdout.strip().splitlines()[-1])
    copy_s, copy_size = figures["copy_s"], figures["copy_size"]
    csv_s, csv_rss, csv_size, csv_rows = (
        figures[k] for k in ("csv_s", "csv_rss", "csv_size", "csv_rows")
    )
    xlsx_s, xlsx_rss, xlsx_size, xlsx_rows = (
        figures[k] for k in ("xlsx_s", "xlsx_rss", "xlsx_size", "xlsx_rows")
    )

    client = Client()
    client.force_login(admin)
    pages = time_pages(client, courses)
    slowest = max(pages, key=pages.get)

    import_s, import_note = time_import(admin, courses[0], args.import_rows)

    csv_ratio = csv_s / copy_s
    rss_mb = max(csv_rss, xlsx_rss) / 2**20
    print(
        f"seeded                  {people} people, {total} enrolments, "
        f"{attempts} quiz attempts, {certificates} certificates in {seeding:.1f} s"
    )
    print(
        f"COPY … TO STDOUT CSV    {copy_s:.2f} s   {total / copy_s:,.0f} rows/s   {copy_size / 2**20:.1f} MB (floor, best of 3)"
    )
    print(
        f"CSV export              {csv_s:.2f} s   {csv_rows / csv_s:,.0f} rows/s   {csv_size / 2**20:.1f} MB   RSS +{csv_rss / 2**20:.1f} MB"
    )
    print(
        f"XLSX export             {xlsx_s:.2f} s   {xlsx_rows / xlsx_s:,.0f} rows/s   {xlsx_size / 2**20:.1f} MB   RSS +{xlsx_rss / 2**20:.1f} MB"
    )
    print(f"CSV / COPY              {csv_ratio:.2f}   (target ≤ 4)")
    print(f"XLSX of {xlsx_rows} rows    {xlsx_s:.2f} s   (target ≤ 20 s)")
    print(
        f"peak RSS growth         {rss_mb:.1f} MB   (target ≤ 150 MB; a fresh process of "
        f"{figures['baseline_rss'] / 2**20:.0f} MB after Django set-up)"
    )
    print("report page, first 50 rows (median of 5):")
    for name, ms in pages.items():
        print(f"    {name:<22} {ms:7.1f} ms")
    print(f"slowest page            {pages[slowest]:.1f} ms ({slowest})   (target ≤ 300 ms)")
    if import_s is None:
        print(f"import of {args.import_rows} rows    n/a ({import_note})")
    else:
        print(
            f"import of {args.import_rows} rows    {import_s:.2f} s ({import_note})   (target ≤ 60 s)"
        )
        print(
            "                        (Celery runs in-process here, so this includes rendering and "
            "sending every invitation and assignment e-mail: a worker's job in production)"
        )
    print(
        f"RESULT csv_ratio={csv_ratio:.2f} xlsx_s={xlsx_s:.2f} rss_mb={rss_mb:.1f} "
        f"page_ms={pages[slowest]:.1f} import_s={import_s if import_s is None else round(import_s, 2)}"
    )


if __name__ == "__main__":
    main()
