"""The OFFLINE=true build works from the file system: pages, links and search."""
import os
import subprocess
import sys

import pytest

from clinic.pages import ROOT


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("offline-site")
    # Notebook outputs are not what this tests; running them again would only cost time.
    env = {**os.environ, "OFFLINE": "true", "EXECUTE_NOTEBOOKS": "false",
           "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-5000:]
    return site


def test_search_works_from_the_file_system_without_network(browser, offline_site):
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type("activation functions", delay=20)
    first_result = page.locator(".md-search-result__link").first
    first_result.wait_for()
    first_result.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "activation-functions" in page.url
    assert errors == []
    assert [url for url in requested if not url.startswith(("file://", "data:"))] == []
    context.close()
