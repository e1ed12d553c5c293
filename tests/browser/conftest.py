"""Browser tests: the real application behind a real HTTP server, driven through Debian's chromium.

Every document a test loads is checked with axe-core (WCAG 2.1 A and AA) before the test goes on, and on
phone-sized screens also for horizontal scrolling: navigate with ``page.goto``, ``page.follow`` and
``page.submit`` of the ``page`` fixture, which wait for the new page and check it. A document loaded any
other way fails the test at its end.

These tests are about the interface, not the database: they run on SQLite only, on a template database
of their own (``database_template`` below overrides the suite's per-backend one for this folder).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Response, sync_playwright
from werkzeug.serving import make_server

from tests.browser.axe import assert_accessible
from tests.conftest import PASSWORD, USERS, SQLiteTemplate
from tests.system_deps import program

# Without the background-networking flags chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 667}
# Below this width a page must reflow: nothing may need horizontal scrolling (WCAG 1.4.10).
REFLOW_WIDTH = 640
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """The browser tests' own SQLite template, in place of the suite's one per backend."""
    template = SQLiteTemplate(tmp_path_factory.mktemp("browser-sqlite"))
    template.build()
    yield template
    template.destroy()


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's application served over HTTP on a free port of 127.0.0.1: its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = program("chromium", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class CheckedPage:
    """A Playwright page whose every loaded document is checked before the test goes on.

    ``goto``, ``follow`` and ``submit`` navigate and check; anything else (locators, keyboard, ``url``,
    ``evaluate``) is the Playwright page's own.
    """

    def __init__(self, page: Page):
        self.page = page
        self.loads = 0
        self.checked: list[str] = []
        self.response: Response | None = None
        page.on("load", self._loaded)
        page.on("response", self._responded)

    def __getattr__(self, name):
        return getattr(self.page, name)

    def _loaded(self, _page) -> None:
        self.loads += 1

    def _responded(self, response: Response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.response = response

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    @property
    def query(self) -> str:
        return urlsplit(self.page.url).query

    @property
    def status(self) -> int:
        """The HTTP status of the document on screen."""
        assert self.response is not None, "no page loaded yet"
        return self.response.status

    @property
    def lang(self) -> str | None:
        return self.page.locator("html").get_attribute("lang")

    def goto(self, path: str, status: int = 200) -> CheckedPage:
        self.page.goto(path)
        self._check()
        assert self.status == status, f"{self.page.url} answered {self.status}, not {status}"
        return self

    def follow(self, target: str | Locator) -> CheckedPage:
        """Click a link or button that leads to another page, then check that page."""
        locator = self.page.locator(target) if isinstance(target, str) else target
        with self.page.expect_event("load"):
            locator.click()
        self._check()
        return self

    def submit(self, form: str | Locator = "main form") -> CheckedPage:
        """Send a form with its submit button, then check the page that answers."""
        locator = self.page.locator(form) if isinstance(form, str) else form
        return self.follow(locator.locator("button[type=submit]"))

    def _check(self) -> None:
        self.page.wait_for_load_state("load")
        self.checked.append(self.page.url)
        assert_accessible(self.page)
        if self.page.viewport_size and self.page.viewport_size["width"] < REFLOW_WIDTH:
            assert_no_horizontal_scroll(self.page)

    def log_in(self, user: str) -> CheckedPage:
        """Log in through the form as one of ``USERS``, from wherever the page is."""
        if self.path != "/login":
            self.goto("/login")
        self.page.locator("#email").fill(USERS[user].email)
        self.page.locator("#password").fill(PASSWORD)
        return self.submit()

    def verify_everything_checked(self) -> None:
        assert self.loads == len(self.checked), (
            f"{self.loads} documents were loaded but {len(self.checked)} checked ({self.checked}): "
            "navigate with page.goto, page.follow or page.submit so that every page gets its checks"
        )


def assert_no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, viewport: window.innerWidth})")
    assert widths["scroll"] <= widths["viewport"], f"{page.url} scrolls sideways: {widths}"


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable[..., CheckedPage]]:
    """``open_page(viewport=…)``: a checked page in a new browser context, Swedish unless told otherwise."""
    contexts, pages = [], []

    def new_page(**options) -> CheckedPage:
        context = browser.new_context(**{"locale": "sv-SE", "base_url": live_server, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        pages.append(CheckedPage(context.new_page()))
        return pages[-1]

    yield new_page
    try:
        for page in pages:
            page.verify_everything_checked()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(open_page) -> CheckedPage:
    return open_page()


@pytest.fixture
def phone(open_page) -> CheckedPage:
    return open_page(viewport=PHONE)
