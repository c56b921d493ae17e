"""`make run`: the web server plus, when Redis is configured, a Celery worker and beat.

One foreground process supervises the others; Ctrl-C (or any child exiting) stops all of them.
"""

import argparse
import os
import signal
import subprocess
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    args = parser.parse_args()

    python = sys.executable
    commands = {"web": [python, "manage.py", "runserver", f"{args.host}:{args.port}", "--noreload"]}
    if os.environ.get("REDIS_URL"):
        commands["worker"] = [
            python,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
        ]
        commands["beat"] = [
            python,
            "-m",
            "celery",
            "-A",
            "lms",
            "beat",
            "--loglevel=INFO",
            "--schedule=var/celerybeat-schedule",
        ]

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
