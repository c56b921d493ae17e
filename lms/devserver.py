"""`make run`: the web server, a Celery worker and beat (Redis from REDIS_URL or lms.devservices).

One foreground process supervises the others; Ctrl-C (or any child exiting) stops all of them.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    args = parser.parse_args()

    python = sys.executable
    schedule = Path(os.environ.get("LMS_VAR_DIR") or "var") / "celerybeat-schedule"
    celery = [python, "-m", "celery", "-A", "lms"]
    commands = {
        "web": [python, "manage.py", "runserver", f"{args.host}:{args.port}", "--noreload"],
        "worker": [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
        "beat": [*celery, "beat", "--loglevel=INFO", f"--schedule={schedule}"],
    }

    processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
    print(
        f"Centrum Kompetencji: http://{args.host}:{args.port}/  (Ctrl-C stops: "
        f"{', '.join(processes)})",
        flush=True,
    )

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(p.poll() is None for p in processes.values()):
            time.sleep(0.5)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process in processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
