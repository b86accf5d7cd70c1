"""Every page, loaded in a real browser: no errors, nothing off-site, images and math OK."""
import re

import pytest

from tests.browser.conftest import PAGES, visiting


@pytest.fixture(scope="module", params=PAGES, ids=lambda path: path or "home")
def loaded(request, browser, site_root):
    """Each page loaded once for all the checks below (they only read it)."""
    _, root = site_root
    with visiting(browser, root) as visit:
        yield visit(request.param)


def test_the_built_site_has_exactly_the_pages_in_docs(site_root):
    site, _ = site_root
    built = {index.parent.relative_to(site).as_posix() + "/" for index in site.rglob("index.html")
             if not index.parent.relative_to(site).as_posix().startswith("assets")}
    assert built == {"./" if path == "" else path for path in PAGES}


def test_no_console_errors_or_failed_requests(loaded):
    assert loaded.console_errors == []
    assert loaded.failed_requests == []


def test_nothing_is_requested_from_another_host(loaded):
    assert loaded.off_site_requests == []


def test_every_image_decodes_and_has_meaningful_alt_text(loaded):
    images = loaded.page.evaluate("""async () => Promise.all(
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
    prose = loaded.page.evaluate("""() => {
        const copy = document.querySelector('article').cloneNode(true);
        copy.querySelectorAll('pre, code, .katex, script, style').forEach((node) => node.remove());
        return copy.textContent;
    }""")
    for delimiter in ("$", "\\(", "\\[", "\\)", "\\]"):  # $ also finds $$
        at = prose.find(delimiter)
        assert at < 0, f"unrendered math: {' '.join(prose[at - 60:at + 60].split())!r}"
