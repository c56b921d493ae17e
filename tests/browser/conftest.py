"""Real Chromium (Debian's) driven by Playwright against Django's live server."""

import asyncio
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _chromium():
    """One Playwright driver and one Chromium per test process (starting them costs ~0.8 s),
    started by the first browser test (see `browser`) and closed at the end of the session."""
    running = {}
    yield running
    if running:
        _driver_loop_running(running, True)
        running["browser"].close()
        running["driver"].__exit__(None, None, None)


def _driver_loop_running(running, on):
    """Playwright's sync API marks its event loop as running in this thread while it is in use.
    Between browser tests it is not: the other tests run as they would without a driver (Django
    and asgiref treat a running loop as an async context)."""
    asyncio._set_running_loop(running["driver"]._loop if on else None)


@pytest.fixture
def browser(transactional_db, _chromium):
    # Started inside a test, after its database fixture: Playwright's sync API switches
    # greenlets, and Django's per-context connection state must be set up before that.
    if _chromium:
        _driver_loop_running(_chromium, True)
    else:
        driver = sync_playwright()
        playwright = driver.__enter__()
        _chromium["driver"] = driver
        _chromium["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    yield _chromium["browser"]
    _driver_loop_running(_chromium, False)


@pytest.fixture(scope="session")
def _plain_http_server():
    """Before the live server builds its middleware (once per session): no HTTPS redirect/HSTS."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        LANGUAGE_COOKIE_SECURE=False,
    ):
        yield


@pytest.fixture
def page(_plain_http_server, browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    def _sign_in(email, password):
        page.goto("/konto/logowanie/")
        page.get_by_label("Adres e-mail").fill(email)
        page.get_by_label("Hasło").fill(password)
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_load_state()

    return _sign_in


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Fail with axe-core's own report on any WCAG 2.1 A/AA violation."""

    def _check(page):
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_21_AA},
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return _check


@pytest.fixture
def log_in_as(page, live_server):
    """Sign a person in without the login form: Django's `force_login` session, handed to the
    browser as its cookie (replacing whoever was signed in before)."""
    from django.conf import settings
    from django.test import Client

    def _log_in_as(user):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )

    return _log_in_as
