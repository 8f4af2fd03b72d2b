"""A real headless Chromium for the browser tests (Debian's chromium driven by Playwright), axe for
accessibility, and signing in. Imported by the browser test modules; the `page` fixture comes with it."""

import os
import shutil

import pytest

from .factories import PASSWORD

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_marks() -> list:
    """Skip without chromium locally; in CI (REQUIRE_BROWSER) its absence is an error."""
    marks = [pytest.mark.browser]
    if CHROMIUM is None:
        if os.environ.get("REQUIRE_BROWSER"):
            raise RuntimeError("REQUIRE_BROWSER is set but Debian's chromium is not installed")
        marks.append(pytest.mark.skip(reason="Debian's chromium is not installed (apt-get install chromium)"))
    return marks


@pytest.fixture
def page(live_server, tmp_path):
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls in the test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            locale="fi-FI",
        )
        opened = browser.new_page()
        refused = []  # whatever the content security policy blocked: every page must work within it
        opened.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        yield opened
        browser.close()
    assert refused == []
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def assert_accessible(page, what):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


def sign_in(page, live_server, employee):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Sähköpostiosoite").fill(employee.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_url("**/o/**")


def sign_out(page):
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.wait_for_load_state()


def plan_meeting(page, moment, minutes):
    """From a mentorship's page: plan one meeting at `moment` (local time) of `minutes`."""
    page.get_by_role("link", name="Suunnittele tapaamisia").first.click()
    page.locator("#id_day").fill(moment.strftime("%Y-%m-%d"))
    page.locator("#id_time").fill(moment.strftime("%H:%M"))
    page.get_by_label("Kesto minuutteina").fill(str(minutes))
    page.get_by_role("button", name="Suunnittele", exact=True).click()
    page.wait_for_load_state()
