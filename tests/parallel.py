"""Running the suite on several processes (pytest-xdist, `make test`) without breaking tests that
need the data the migrations put in the database (counties, thematic areas, Wagtail's page tree).

A transactional test (a real worker, a browser against the live server, threads) ends by
flushing its database, which removes that data; in one process pytest-django therefore runs them
after every other database test. Here each process works file by file, and the transactional
tests of each file are taken out into a unit of their own, handed out after all the database
files: a process never runs an ordinary database test after a flush, and the slow end of the run
(browsers, workers) is still shared out file by file. Files without database tests go first.

The controller does not collect tests, so the first process writes which tests are
transactional to a file the controller's scheduler reads. Loaded with `-p tests.parallel`
(pyproject's addopts), in the controller and in each process.
"""

import json
import os
import tempfile

import pytest
from xdist.scheduler import LoadFileScheduling

LIST_VARIABLE = "LMS_TEST_GROUPS_FILE"


def _is_transactional(item) -> bool:
    """pytest-django's own test (see its `get_order_number`)."""
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


def pytest_configure(config):
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        # Set before the processes start, so they inherit it.
        handle, path = tempfile.mkstemp(prefix="lms-test-groups-", suffix=".json")
        os.close(handle)
        os.environ[LIST_VARIABLE] = path


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput") and LIST_VARIABLE in os.environ:
        path = os.environ.pop(LIST_VARIABLE)
        if os.path.exists(path):
            os.unlink(path)


def _uses_database(item) -> bool:
    """pytest-django's own test (see its `get_order_number`)."""
    names = getattr(item, "fixturenames", ())
    return bool(item.get_closest_marker("django_db")) or any(
        name in names for name in ("db", "transactional_db", "live_server")
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Files whose tests use no database first (pytest-django put them last). They need neither a
    # migrated nor a flushed database: a process works on them while another one migrates the
    # database they share (tests/databases.py), and the longest of them (`make run` on a fresh
    # machine) is not the tail of the run, one process working while the other waits.
    with_database = {item.path for item in items if _uses_database(item)}
    items.sort(key=lambda item: item.path in with_database)
    workerinput = getattr(config, "workerinput", None)
    if (
        workerinput is None
        or workerinput.get("workerid") != "gw0"
        or LIST_VARIABLE not in os.environ
    ):
        return
    groups = {
        item.nodeid: "transactional:" + item.nodeid.split("::", 1)[0]
        for item in items
        if _is_transactional(item)
    }
    with open(os.environ[LIST_VARIABLE], "w") as file:
        json.dump(groups, file)


class TransactionalLastScheduling(LoadFileScheduling):
    """Work units are files, and the transactional units above. pytest-django orders the collection
    (database tests, then transactional ones, then the rest), units are handed out in the
    order they first appear, so each process gets a group only after its last database file.
    (xdist would hand out the biggest units first: that order is switched off.)"""

    def __init__(self, config, log=None):
        config.option.loadscopereorder = False
        super().__init__(config, log)
        self._groups = None

    def _split_scope(self, nodeid: str) -> str:
        if self._groups is None:  # called once collection is complete
            with open(os.environ[LIST_VARIABLE]) as file:
                self._groups = json.load(file)
        return self._groups.get(nodeid) or super()._split_scope(nodeid)


def pytest_xdist_make_scheduler(config, log):
    return TransactionalLastScheduling(config, log)
