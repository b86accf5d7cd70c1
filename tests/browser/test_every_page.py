"""Every page, loaded once in a real browser, and every check a page must pass on it.

One load per page serves all of them (a page load is most of a browser check's time):
first the checks that only read the page, then axe in light and, after the palette
toggle, in dark, then the copy buttons, which click through tabs.
"""
import json
import re

import pytest

from clinic.pages import ROOT, python_blocks
from tests.browser.conftest import (PAGES, record_weight, recorded_weight,
                                    transferred_bytes, visiting)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
HEAVIEST_BUDGET = 1_000_000  # bytes a page transfers, cold cache (median: test_weight.py)
WITH_CODE = [path for path, source in PAGES.items()
             if source.suffix == ".md" and python_blocks(source)]


@pytest.fixture(scope="module", params=PAGES, ids=lambda path: path or "home")
def loaded(request, browser, site_root):
    """Each page loaded once for all the checks below, in this order."""
    _, root = site_root
    with visiting(browser, root) as visit:
        loaded_page = visit(request.param, color_scheme="light",
                            permissions=["clipboard-read", "clipboard-write"])
        record_weight(request.param, transferred_bytes(loaded_page))
        yield request.param, loaded_page


def test_the_built_site_has_exactly_the_pages_in_docs(site_root):
    site, _ = site_root
    built = {index.parent.relative_to(site).as_posix() + "/" for index in site.rglob("index.html")
             if not index.parent.relative_to(site).as_posix().startswith("assets")}
    assert built == {"./" if path == "" else path for path in PAGES}


def test_no_console_errors_or_failed_requests(loaded):
    _, visit = loaded
    assert visit.console_errors == []
    assert visit.failed_requests == []


def test_nothing_is_requested_from_another_host(loaded):
    _, visit = loaded
    assert visit.off_site_requests == []


def test_the_page_stays_within_the_heaviest_budget(loaded):
    path, _ = loaded
    weight = recorded_weight(path)  # by the fixture, from this load
    assert weight <= HEAVIEST_BUDGET, f"{weight / 1000:.0f} kB transferred"


def test_every_image_decodes_and_has_meaningful_alt_text(loaded):
    _, visit = loaded
    images = visit.page.evaluate("""async () => Promise.all(
        [...document.querySelectorAll('article img')].map(async (img) => {
            const probe = new Image();
            probe.src = img.src;
            let width = 0;
            try { await probe.decode(); width = probe.naturalWidth; } catch (e) {}
            return {src: img.src, alt: img.alt, width,
                    sized: img.hasAttribute('width') && img.hasAttribute('height')};
        }))""")
    for image in images:
        assert image["width"] > 0, f"{image['src']} does not decode"
        # Five words; Chinese writes no spaces between words, so ten characters there.
        chinese_characters = len(re.findall(r"[\u4e00-\u9fff]", image["alt"]))
        assert len(image["alt"].split()) >= 5 or chinese_characters >= 10, \
            f"{image['src']}: alt text {image['alt']!r}"
        assert image["sized"], f"{image['src']} has no width and height (layout shift)"


def test_math_is_rendered_not_left_as_source(loaded):
    _, visit = loaded
    prose = visit.page.evaluate("""() => {
        const copy = document.querySelector('article').cloneNode(true);
        copy.querySelectorAll('pre, code, .katex, script, style').forEach((node) => node.remove());
        return copy.textContent;
    }""")
    for delimiter in ("$", "\\(", "\\[", "\\)", "\\]"):  # $ also finds $$
        at = prose.find(delimiter)
        assert at < 0, f"unrendered math: {' '.join(prose[at - 60:at + 60].split())!r}"


def serious_axe_violations(page) -> list[dict]:
    assert AXE.exists(), "axe-core is missing: `make test` runs `npm ci` to install it"
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ['violations']});
        return results.violations
            .filter((violation) => ['serious', 'critical'].includes(violation.impact))
            .map((violation) => ({
                rule: violation.id, help: violation.help,
                where: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
            }));
    }""")


def switch_palette(page, scheme: str):
    """Click the header's light/dark toggle, as a reader does, until `scheme` is shown."""
    for _ in range(2):
        if page.evaluate("document.body.dataset.mdColorScheme") == scheme:
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{scheme}'"
                           " && !document.body.hasAttribute('data-md-color-switching')")
    # Blocks below the screen (content-visibility: auto) take the new colours only when
    # styled, and then through the theme's colour transitions: style them all and let
    # those finish, as they have long before a reader scrolls there.
    page.evaluate("() => document.querySelectorAll('*')"
                  ".forEach((element) => getComputedStyle(element).color)")
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
def test_no_serious_or_critical_axe_violations(loaded, scheme):
    _, visit = loaded
    switch_palette(visit.page, scheme)
    violations = serious_axe_violations(visit.page)
    assert violations == [], json.dumps(violations, indent=1)


def reveal(page, code_block):
    """Open the collapsible blocks and select the tab that holds the code block."""
    page.evaluate("""(block) => {
        for (let details = block.closest('details'); details;
             details = details.parentElement.closest('details')) {
            details.open = true;
        }
        const tab = block.closest('.tabbed-block');
        if (!tab) return;
        const index = [...tab.parentNode.children].indexOf(tab);
        tab.closest('.tabbed-set').querySelectorAll(':scope > .tabbed-labels > label')[index].click();
    }""", code_block.element_handle())


def test_copy_buttons_copy_exactly_the_tested_code(loaded):
    path, visit = loaded
    page = visit.page
    copied = []
    for code_block in page.locator("div.language-python").all():
        reveal(page, code_block)
        code_block.hover()
        code_block.locator("button[data-md-type=copy]").click()  # titled 复制 on Chinese pages
        copied.append(page.evaluate("navigator.clipboard.readText()").rstrip("\n") + "\n")
    expected = python_blocks(PAGES[path]) if path in WITH_CODE else []
    assert copied == [block.code for block in expected]
