"""A real browser (the system's Chromium, driven by Playwright) on the built site.

Every request the browser makes is recorded; any that leaves 127.0.0.1 is blocked, so a
page that needs the network breaks here as it would on a plane.
"""
import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from clinic.pages import DOCS, site_pages, translation
from clinic.run import STORE_VARIABLE
from clinic.serve import serve_in_background

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# No sign-in, sync, updates or other calls home: only the page's own requests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]


def page_path(source: Path) -> str:
    """URL path of a page, relative to the site root ('' for the home page)."""
    parts = list(source.relative_to(DOCS).with_suffix("").parts)
    if parts[-1] == "index":
        parts.pop()
    return "".join(part + "/" for part in parts)


ENGLISH = {page_path(source): source for source in site_pages()}
# The Chinese edition, at zh/<path>: every browser check runs on both languages.
CHINESE = {f"zh/{path}": translation(source) for path, source in ENGLISH.items()
           if translation(source).exists()}
PAGES = {**ENGLISH, **CHINESE}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Checks that read what the per-page loads recorded go last (and so, with xdist's
    work stealing, near the end of the run)."""
    last = [item for item in items if item.get_closest_marker("after_every_page")]
    items[:] = [item for item in items if item not in last] + last


@pytest.fixture(scope="session")
def site_root(built_site):
    site, _ = built_site
    server = serve_in_background(site)
    yield site, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), (
        f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium package, "
        "or set CHROMIUM to a Chromium binary")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """What one page load did: its errors and every request it made."""
    page: object
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    off_site_requests: list = field(default_factory=list)
    responses: list = field(default_factory=list)


def _record(page, visit: Visit):
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.on("requestfailed",
            lambda r: r.url not in visit.off_site_requests
            and visit.failed_requests.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: visit.responses.append(r))
    page.on("response", lambda r: r.status >= 400
            and visit.failed_requests.append(f"{r.url}: HTTP {r.status}"))


@contextlib.contextmanager
def visiting(browser, root: str):
    """Yields visit(path, **context options) -> Visit, after the page has settled;
    closes every browser context it opened on exit."""
    contexts = []

    def open_page(path: str, **options) -> Visit:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        result = Visit(page)

        def only_local(route):
            if urlsplit(route.request.url).hostname in ("127.0.0.1", None):
                return route.continue_()
            result.off_site_requests.append(route.request.url)
            return route.abort()

        context.route("**/*", only_local)
        _record(page, result)
        page.goto(root + path, wait_until="networkidle")
        page.wait_for_function("document.body.dataset.math === 'rendered'", timeout=10_000)
        return result

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def visit(browser, site_root):
    """visit(path, **context options) -> Visit, after the page has settled."""
    _, root = site_root
    with visiting(browser, root) as open_page:
        yield open_page


def transferred_bytes(visit: Visit) -> int:
    """Bytes the browser transferred for a page load, headers included (cold cache)."""
    total = 0
    for response in visit.responses:
        sizes = response.request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def _weight_file(path: str) -> Path:
    name = hashlib.sha256(path.encode()).hexdigest()[:16]
    return Path(os.environ[STORE_VARIABLE], "page-weights", f"{name}.json")


def record_weight(path: str, weight: int):
    """Keep a page's weight for this test run, so that no check loads a page twice."""
    file = _weight_file(path)
    file.parent.mkdir(exist_ok=True)
    file.write_text(json.dumps(weight), encoding="utf-8")


def recorded_weight(path: str) -> int | None:
    """The weight a page load of this test run recorded, if any has yet."""
    file = _weight_file(path)
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else None
