"""Benchmark: the site search (/szukaj/) on about 2,000 indexed pages (PostgreSQL).

Run from the project root: `.venv/bin/python bench/search.py [--courses 100] [--lessons 19]`.

Creates a throw-away database and seeds `--courses` published courses with `--lessons` lessons
each (2,000 pages by default), titled and written with the demo catalogue's Polish text (titles,
summaries and lesson paragraphs mixed), so the vocabulary is the real one. Seeding indexes every
page as it is created (as publishing does); then the whole index is rebuilt once more, timed.

Then, on the same database: the floors, PostgreSQL's `SELECT 1` round trip and a request for a
static page (the privacy notice: the same base template and middleware) through Django's test
client; and each query of the relevance set
(tests/search/relevance.py) through the test client (the whole page: parse, facets, hits,
snippets, template), median and 95th percentile of `--repeat` requests after one warm-up.

Targets: search page p50 ≤ 150 ms and p95 ≤ 300 ms; indexing ≤ 25 ms a page.
The last line is machine-readable: `RESULT pages=… index_ms_per_page=… select1_ms=…
static_page_ms=… p50_ms=… p95_ms=… worst_query=… ok=…`.
"""

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchdb import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_P50_MS, TARGET_P95_MS, TARGET_INDEX_MS = 150.0, 300.0, 25.0


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
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False


def demo_text():
    """Titles, summaries and paragraphs of the demo catalogue (courses/fixtures/demo)."""
    from django.utils.html import strip_tags

    titles, summaries, paragraphs = [], [], []
    for path in sorted((ROOT / "courses" / "fixtures" / "demo").glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if "lessons" not in spec:
            continue
        titles.append(spec["title"])
        summaries.append(spec["summary"])
        for lesson in spec["lessons"]:
            titles.append(lesson["title"])
            for block in lesson["body"]:
                text = strip_tags(json.dumps(block["value"], ensure_ascii=False))
                paragraphs.extend(part for part in text.split("\\n") if len(part) > 80)
    paragraphs = [paragraph[:1200] for paragraph in paragraphs]  # about a paragraph each
    return titles, summaries, paragraphs


def seed(*, courses: int, lessons: int, rng: random.Random) -> int:
    from courses.models import CoursePage, LessonPage, ThematicArea
    from tests import factories

    titles, summaries, paragraphs = demo_text()
    areas = list(ThematicArea.objects.all())
    index = factories.catalogue()
    pages = 0
    for number in range(courses):
        course = index.add_child(
            instance=CoursePage(
                title=f"{rng.choice(titles)} ({number + 1})",
                summary=rng.choice(summaries)[:600],
                thematic_area=areas[number % len(areas)],
                duration_hours=4,
            )
        )
        pages += 1
        for lesson_number in range(lessons):
            body = "".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, k=6))
            course.add_child(
                instance=LessonPage(
                    title=f"{rng.choice(titles)} – lekcja {lesson_number + 1}",
                    body=[("rich_text", body)],
                )
            )
            pages += 1
    return pages


def timed(function, repeat: int) -> list[float]:
    function()  # warm-up: per-process caches (lexemes, sites, content types)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=100)
    parser.add_argument("--lessons", type=int, default=19)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/lms_bench_search"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    recreate_database(args.database_url)
    setup_django(args.database_url, work)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from lms.search import selectors, services
    from lms.search.models import SearchEntry
    from tests.search.relevance import RELEVANCE

    call_command("migrate", "--noinput", verbosity=0)

    started = time.perf_counter()
    pages = seed(courses=args.courses, lessons=args.lessons, rng=random.Random(2026))
    seeding = time.perf_counter() - started
    started = time.perf_counter()
    indexed = services.rebuild_index()
    rebuild = time.perf_counter() - started
    assert indexed == pages == SearchEntry.objects.count(), (indexed, pages)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE lms_search_searchentry")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('lms_search_searchentry'))")
        size = cursor.fetchone()[0]
    index_ms = rebuild * 1000 / pages

    def select_one():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    client = Client()
    select1 = statistics.median(timed(select_one, args.repeat * 4))
    plain = statistics.median(timed(lambda: client.get(reverse("privacy")), args.repeat))

    print(f"{pages} pages, seeded (created and indexed) in {seeding:.1f} s; index {size}")
    print(f"rebuild_index: {rebuild:.1f} s ({index_ms:.1f} ms a page)")
    print(f"floors: SELECT 1 {select1:.2f} ms, a static page {plain:.2f} ms (medians)")
    print(f"{'query':<40} {'results':>7} {'p50 ms':>8} {'p95 ms':>8}")
    url = reverse("search")
    rows = []
    for query in dict.fromkeys(query for query, _expected in RELEVANCE):
        total = selectors.search(text=query).total
        times = timed(lambda query=query: client.get(url, {"q": query}), args.repeat)
        rows.append((query, total, statistics.median(times), p95(times)))
        print(f"{query:<40} {total:>7} {rows[-1][2]:>8.1f} {rows[-1][3]:>8.1f}")
    p50_all = statistics.median(row[2] for row in rows)
    p95_all = p95([row[3] for row in rows])
    worst = max(rows, key=lambda row: row[3])
    ok = p50_all <= TARGET_P50_MS and p95_all <= TARGET_P95_MS and index_ms <= TARGET_INDEX_MS
    print(
        f"search page: p50 {p50_all:.1f} ms (target ≤ {TARGET_P50_MS:.0f}), "
        f"p95 {p95_all:.1f} ms (target ≤ {TARGET_P95_MS:.0f}); "
        f"slowest: {worst[0]!r} {worst[3]:.1f} ms"
    )
    print(
        f"RESULT pages={pages} index_ms_per_page={index_ms:.1f} select1_ms={select1:.2f} "
        f"static_page_ms={plain:.2f} p50_ms={p50_all:.1f} p95_ms={p95_all:.1f} "
        f"worst_query={worst[0].replace(' ', '_')} ok={int(ok)}"
    )


if __name__ == "__main__":
    main()
