"""One harness for tests that race real PostgreSQL transactions from several threads."""

import threading

from django.db import connection


def run_concurrently(function, times=8, *, arguments=None):
    """Call `function` from `times` threads (or once per tuple in `arguments`, with it) released
    at the same moment by a barrier; return (results, errors) in completion order. Each thread
    closes its own database connection; a thread still running after 60 s is an error."""
    calls = list(arguments) if arguments is not None else [()] * times
    barrier = threading.Barrier(len(calls))
    results, errors = [], []
    lock = threading.Lock()

    def worker(args):
        try:
            barrier.wait()
            value = function(*args)
            with lock:
                results.append(value)
        except Exception as error:  # noqa: BLE001 - collected and asserted on by the caller
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(args,)) for args in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    errors.extend(TimeoutError(f"{t.name} still running") for t in threads if t.is_alive())
    return results, errors
