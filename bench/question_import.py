"""Benchmark: importing a large question file (Moodle XML and GIFT) into a course's pool.

Run from the project root: `.venv/bin/python bench/question_import.py [--n 5000]`.

Creates a throw-away database, a course and its trainer, writes a file of N questions of every
type (`tests.factories.question_file`) and times what the admin screens do: the preview (read
and check, nothing written), the import (checked again, then bulk inserts in one transaction)
and the export of the pool back to a file. Prints a table and, last, a machine-readable RESULT
line. Target: 5,000 questions imported in under 60 s on 2 cores (the preview under 20 s).
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from benchdb import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_IMPORT_S, TARGET_PREVIEW_S = 60.0, 20.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/lms_bench_questions"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-questions-"))
    recreate_database(args.database_url)
    os.environ.update(
        ENV_FILE="/nonexistent",
        DATABASE_URL=args.database_url,
        MEDIA_ROOT=str(work / "media"),
        PRIVATE_MEDIA_ROOT=str(work / "private"),
        DJANGO_SETTINGS_MODULE="lms.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)

    from courses.questionbank import exporting, importing
    from courses.questionbank.models import Question, QuestionPool
    from lms.users.roles import Role
    from tests import factories

    trainer = factories.UserFactory(email="trener@gmina.example", roles=[Role.TRAINER])
    course = factories.course(title="Cudzoziemiec w urzędzie", quiz=False, lessons=1)
    course.trainers.set([trainer])
    course.save()
    rows = []
    for fmt in ("xml", "gift"):
        data = factories.question_file(args.n, fmt=fmt, pool=f"Pula {fmt}")
        options = importing.Options(
            file_name=f"pytania.{fmt}", target=importing.Target(course=course)
        )
        started = time.perf_counter()
        plan = importing.preview_import(data=data, options=options)
        preview_s = time.perf_counter() - started
        assert plan.is_valid, plan.invalid_questions[:3]
        started = time.perf_counter()
        importing.import_questions(data=data, options=options, user=trainer)
        import_s = time.perf_counter() - started
        pool = QuestionPool.objects.get(course=course, name=f"Pula {fmt}")
        assert Question.objects.filter(pool=pool).count() == args.n
        started = time.perf_counter()
        exporting.export_file(pools=[pool], fmt=fmt, name=pool.name)
        export_s = time.perf_counter() - started
        rows.append((fmt, len(data), preview_s, import_s, export_s))

    print(f"{'format':<6} {'MB':>6} {'preview s':>10} {'import s':>9} {'export s':>9}")
    for fmt, size, preview_s, import_s, export_s in rows:
        print(f"{fmt:<6} {size / 2**20:>6.1f} {preview_s:>10.1f} {import_s:>9.1f} {export_s:>9.1f}")
    worst_import = max(row[3] for row in rows)
    worst_preview = max(row[2] for row in rows)
    ok = worst_import <= TARGET_IMPORT_S and worst_preview <= TARGET_PREVIEW_S
    print(
        f"RESULT questions={args.n} import_s={worst_import:.1f} preview_s={worst_preview:.1f} "
        f"target_import_s={TARGET_IMPORT_S:.0f} {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
