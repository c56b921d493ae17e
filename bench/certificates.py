"""Benchmark: N certificates through the real pipeline (PostgreSQL, Redis, Celery workers).

Run from the project root: `.venv/bin/python bench/certificates.py [--n 1000] [--workers 2]`.

Creates a throw-away database, N learners enrolled on a one-lesson course, and starts one Celery
worker with `--workers` pool processes on a private Redis queue (warmed up with a few
certificates). Timed in two phases on the 2 cores: (1) each learner completes the lesson (one
transaction: completion, certificate number and code; the task queued on commit) while the
worker's consumer is paused, then (2) the worker drains the queue until every certificate is
issued (PDF rendered, stored, SHA-256 and credential recorded, e-mail with the PDF written). In
the same run, the baseline: a bare in-process render of the same template and document. Prints a
table and, last, a machine-readable RESULT line.

certificates_per_s = N / drain time; ratio = pipeline cost per certificate in worker-seconds
(drain time × workers / N) ÷ bare render.
Targets: ≥ 40 certificates/s on 2 cores, ratio ≤ 2.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchdb import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_RATE, TARGET_RATIO = 40.0, 2.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", type=int, default=100, help="bare renders for the baseline")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/lms_bench_certificates"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-certificates-"))
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    recreate_database(args.database_url)
    os.environ.update(
        ENV_FILE="/nonexistent",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        MEDIA_ROOT=str(work / "media"),
        EMAIL_URL=f"filemail:///{work / 'mail'}",
        CELERY_TASK_DEFAULT_QUEUE=queue,
        DJANGO_SETTINGS_MODULE="lms.settings",
        LOG_LEVEL="INFO",
        CERTIFICATE_SIGNING_KEY_FILE=str(work / "signing.key"),
    )
    import django

    django.setup()
    from django.core.management import call_command

    from certificates import signing

    os.environ["CERTIFICATE_SIGNING_KEY"] = signing.generate_key()
    from django.conf import settings

    settings.CERTIFICATE_SIGNING_KEY = os.environ["CERTIFICATE_SIGNING_KEY"]
    call_command("migrate", "--noinput", verbosity=0)

    from certificates import rendering
    from certificates.models import Certificate, CertificateTemplate
    from courses import services
    from courses.models import Enrolment, LessonPage
    from lms.users.models import User
    from tests import factories

    course = factories.course(
        title="Standardy obsługi cudzoziemców w urzędzie",
        lessons=1,
        quiz=False,
        completion_rule="lessons_only",
        certificate_validity_months=24,
    )
    lesson = LessonPage.objects.child_of(course).get()
    total = args.n + 2 * args.workers  # the first few warm the workers up, untimed
    User.objects.bulk_create(
        User(
            email=f"kursant{i:05d}@gmina.example",
            first_name="Małgorzata",
            last_name=f"Żółkiewska-Ślęzak {i}",
        )
        for i in range(total)
    )
    for user in User.objects.all():
        services.enrol(user=user, course=course)
    enrolments = list(Enrolment.objects.select_related("user", "course").order_by("pk"))
    warmup, timed = enrolments[: total - args.n], enrolments[total - args.n :]

    # Baseline: the same template and document, rendered in this process, nothing else.
    # As a worker holds it (logos and signatures prefetched once), so that the baseline is the
    # render alone, not the render plus two queries.
    template = (
        CertificateTemplate.objects.select_related("background")
        .prefetch_related("logos__image", "signatures__image")
        .get(pk=CertificateTemplate.default().pk)
    )
    sample = Certificate(
        holder_name="Małgorzata Żółkiewska-Ślęzak 1",
        course_title=course.title,
        hours=course.duration_hours,
        number="PCK/2026/000001",
        verification_code="AAAA-BBBB-CCCC-DDDD",
        completed_at=django.utils.timezone.now(),
        issued_at=django.utils.timezone.now(),
    )
    document = rendering.Document.of(sample)
    credential = {"example": "credential", "name": sample.holder_name}
    rendering.render_pdf(template, document, credential)
    bare = []
    for _ in range(args.baseline):
        started = time.perf_counter()
        rendering.render_pdf(template, document, credential)
        bare.append(time.perf_counter() - started)
    bare_ms = statistics.median(bare) * 1000

    log_path = work / "worker.log"
    env = {**os.environ}
    with open(log_path, "w") as log:
        worker = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "lms",
                "worker",
                "--pool=prefork",
                f"--concurrency={args.workers}",
                "-Q",
                queue,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{queue}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    from lms.celery import app

    node = f"{queue}@{socket.gethostname()}"
    try:
        issued = Certificate.objects.filter(status=Certificate.Status.ISSUED)
        for enrolment in warmup:
            services.complete_lesson(enrolment=enrolment, lesson=lesson)
        wait_for(lambda: issued.count() == len(warmup), 120, "warm-up certificates")

        # Phase 1: the learners complete the course while the worker does not consume, so the
        # completions' own cost (the web side) is measured alone.
        app.control.cancel_consumer(queue, destination=[node], reply=True, timeout=10)
        started = time.perf_counter()
        for enrolment in timed:
            services.complete_lesson(enrolment=enrolment, lesson=lesson)
        completing = time.perf_counter() - started
        # Phase 2: the worker drains the queue: rendered, stored, signed, e-mailed.
        drain_started = time.perf_counter()
        app.control.add_consumer(queue, destination=[node], reply=True, timeout=10)
        wait_for(lambda: issued.count() == total, 600, "all certificates")
        draining = time.perf_counter() - drain_started
    finally:
        worker.terminate()
        worker.wait(timeout=60)

    numbers = sorted(Certificate.objects.values_list("sequence", flat=True))
    mails = sum(path.read_text().count("Message-ID:") for path in (work / "mail").iterdir())
    log = log_path.read_text()
    renders = [float(ms) for ms in re.findall(r"rendered in ([\d.]+) ms", log)][len(warmup) :]
    tasks = [
        float(s) * 1000
        for s in re.findall(r"issue_certificate\[[^]]+\] succeeded in ([\d.]+)s", log)
    ]
    tasks = tasks[len(warmup) :]
    rate = args.n / draining
    end_to_end = args.n / (completing + draining)
    per_certificate_ms = draining * args.workers / args.n * 1000
    ratio = per_certificate_ms / bare_ms
    render_p50 = statistics.median(renders) if renders else float("nan")
    task_p50 = statistics.median(tasks) if tasks else float("nan")

    print(
        f"certificates            {args.n} (+{len(warmup)} warm-up), {args.workers} worker processes"
    )
    print(f"completions (web side)  {completing:.2f} s, {args.n / completing:.1f}/s, one process")
    print(f"queue drained in        {draining:.2f} s")
    print(f"certificates/s          {rate:.1f}   (target ≥ {TARGET_RATE:.0f}): completed → issued")
    print(
        f"end to end/s            {end_to_end:.1f}   (completions then issuing, one after the other)"
    )
    print(f"task in worker p50      {task_p50:.1f} ms   (render {render_p50:.1f} ms)")
    print(f"bare render p50         {bare_ms:.1f} ms   (same template, in this process)")
    print(f"pipeline per cert       {per_certificate_ms:.1f} worker-ms (drain time × workers / N)")
    print(f"ratio                   {ratio:.2f}   (target ≤ {TARGET_RATIO:.0f})")
    print(f"numbers gap-free        {numbers == list(range(1, total + 1))}")
    print(f"e-mails written         {mails}")
    print(
        f"RESULT certificates_per_s={rate:.1f} render_ms_p50={render_p50:.1f} "
        f"ratio={ratio:.2f} bare_render_ms={bare_ms:.1f} end_to_end_per_s={end_to_end:.1f} "
        f"total_s={completing + draining:.2f} n={args.n}"
    )
    ok = numbers == list(range(1, total + 1)) and mails == total
    return 0 if ok else 1


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise SystemExit(f"Timed out waiting for {what}")


if __name__ == "__main__":
    sys.exit(main())
