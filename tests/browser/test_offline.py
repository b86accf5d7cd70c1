"""The OFFLINE=true build works from the file system: pages, links and search."""
import pytest

from tests.conftest import build_site


@pytest.fixture(scope="module")
def offline_site():
    site, _ = build_site("offline-site", OFFLINE="true")
    return site


@pytest.mark.parametrize("start, query, found", [
    ("index.html", "activation functions", "activation-functions"),
    ("zh/index.html", "激活函数", "zh/remedies/activation-functions"),
])
def test_search_works_from_the_file_system_without_network(browser, offline_site, start, query,
                                                           found):
    context = browser.new_context()
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_site / start).as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")  # Chinese arrives without key events; this one starts the search
    first_result = page.locator(".md-search-result__link").first
    first_result.wait_for()
    first_result.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and found in page.url
    assert errors == []
    assert [url for url in requested if not url.startswith(("file://", "data:"))] == []
    context.close()
