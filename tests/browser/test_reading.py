"""What readers do on the site: pick a framework tab, search, print, zoom (copying a block:
test_every_page.py)."""
import json

from tests.browser.conftest import PAGES

TABBED = [path for path, source in PAGES.items()
          if source.suffix == ".md" and '=== "Keras"' in source.read_text(encoding="utf-8")]


def selected_tab_labels(page):
    return page.evaluate("""() => [...document.querySelectorAll('.tabbed-set')].map((set) => {
        const checked = set.querySelector(':scope > input:checked');
        return set.querySelector(`label[for="${checked.id}"]`).textContent.trim();
    })""")


def test_tab_sets_are_labelled_pytorch_and_keras():
    assert TABBED, "no page has framework tabs"
    for path in TABBED:
        text = PAGES[path].read_text(encoding="utf-8")
        assert text.count('=== "PyTorch"') == text.count('=== "Keras"'), path


def test_choosing_keras_switches_every_tab_set_and_the_next_page(visit):
    first = visit(TABBED[0]).page
    first.locator(".tabbed-labels label", has_text="Keras").first.click()
    assert set(selected_tab_labels(first)) == {"Keras"}
    next_page = visit(TABBED[-1], storage_state=first.context.storage_state()).page
    assert set(selected_tab_labels(next_page)) == {"Keras"}


SEARCHES = [  # query, typed as a reader types it → the page it must find first
    ("gradient clipping", "remedies/gradient-clipping/"),
    ("activation functions", "remedies/activation-functions/"),
    ("GradScaler", "remedies/mixed-precision/"),
    ("Xavier", "remedies/initialization/"),
    ("clip_grad_norm_", "remedies/gradient-clipping/"),
    ("forget bias", "remedies/gated-rnns/"),
    ("loss scaling", "remedies/mixed-precision/"),
    ("NaN", "diagnosis/"),
]


SEARCHES_ZH = [  # the Chinese edition: its own index, Chinese segmented by jieba
    ("梯度消失", "zh/basics/core-concepts/"),
    ("梯度爆炸", "zh/basics/core-concepts/"),
    ("梯度裁剪", "zh/remedies/gradient-clipping/"),
    ("残差连接", "zh/remedies/residual-connections/"),
    ("学习率预热", "zh/scale/warmup-and-adam/"),
    ("GradScaler", "zh/remedies/mixed-precision/"),
]


def first_result(page, query: str) -> str:
    """The page of the first search result for `query`, typed key by key."""
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("")
    page.keyboard.type(query, delay=20)  # as a reader types: Material searches on keystrokes
    # Chinese is typed into the box without key events (as an input method commits it);
    # Material searches on the next keystroke.
    page.keyboard.press("End")
    page.wait_for_function(
        "(query) => document.querySelector('.md-search-result__meta')?.textContent"
        " && document.querySelector('.md-search__input').value.replaceAll('\u200b', '') === query",
        arg=query)  # Chinese pages separate the words of a query by zero-width spaces
    page.wait_for_timeout(300)  # the last keystroke's results replace the previous ones
    first = page.locator(".md-search-result__link").first.get_attribute("href")
    page.keyboard.press("Escape")
    return first.split("?")[0].split("#")[0]


def test_search_puts_the_page_that_explains_each_term_first(visit):
    page = visit("").page
    found = {query: first_result(page, query) for query, _ in SEARCHES}
    wrong = {query: found[query] for query, expected in SEARCHES
             if expected in PAGES and not found[query].endswith(expected)}
    assert wrong == {}


def test_chinese_search_finds_each_term_on_its_page(visit):
    page = visit("zh/").page
    found = {query: first_result(page, query) for query, _ in SEARCHES_ZH}
    wrong = {query: found[query] for query, expected in SEARCHES_ZH
             if not found[query].endswith(expected)}
    assert wrong == {}


def test_each_language_searches_its_own_pages(site_root):
    site, _ = site_root
    for index, language in ((site / "search" / "search_index.json", "en"),
                            (site / "zh" / "search" / "search_index.json", "zh")):
        entries = json.loads(index.read_text(encoding="utf-8"))["docs"]
        # jieba separates the words of Chinese text with zero-width spaces
        share = sum("\u200b" in entry["title"] + entry["text"] for entry in entries) / len(entries)
        assert share > 0.5 if language == "zh" else share < 0.05, (language, share)
        assert not any(entry["location"].startswith("zh/") for entry in entries)


def test_search_previews_hold_prose_not_programs(site_root):
    """Code blocks, notebook code and tab labels are left out of the index (and previews)."""
    site, _ = site_root
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {entry["location"]: entry["text"] for entry in index["docs"]}
    leaks = {location: marker for location, text in texts.items()
             for marker in ("import torch", "import keras", "PyTorchKeras", "Copied!")
             if marker in text}
    assert leaks == {}
    assert any("clip_grad_norm_" in text for text in texts.values())  # inline code stays


def test_printing_shows_only_the_chosen_framework(visit):
    page = visit(TABBED[0]).page
    page.locator(".tabbed-labels label", has_text="Keras").first.click()
    page.emulate_media(media="print")
    printed = page.evaluate("""() => [...document.querySelectorAll('.tabbed-set')].map((set) => ({
        labels: [...set.querySelectorAll('.tabbed-labels > label')]
            .filter((label) => getComputedStyle(label).display !== 'none')
            .map((label) => label.textContent.trim()),
        blocks: [...set.querySelectorAll('.tabbed-block')]
            .filter((block) => getComputedStyle(block).display !== 'none').length,
    }))""")
    assert printed and all(tabs == {"labels": ["Keras"], "blocks": 1} for tabs in printed), printed


def test_a_wide_table_shows_that_it_scrolls(visit):
    page = visit("remedies/initialization/", viewport={"width": 390, "height": 844}).page
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .map((element) => ({wide: element.scrollWidth > element.clientWidth,
                            shadow: getComputedStyle(element).backgroundImage}))""")
    assert any(table["wide"] for table in tables), "no table overflows a phone's width here"
    assert all("gradient" in table["shadow"] for table in tables if table["wide"])


def test_tapping_a_figure_on_a_phone_opens_it_full_size(visit):
    page = visit("remedies/optimizers/", viewport={"width": 390, "height": 844},
                 has_touch=True).page
    figure = page.locator('a.glightbox[href$="#only-light"] img').first
    shown_width = figure.bounding_box()["width"]
    figure.click()
    enlarged = page.locator(".gslide-image img").first
    enlarged.wait_for()
    assert "optimizers.light.svg" in enlarged.get_attribute("src")
    page.wait_for_timeout(500)  # the opening effect
    assert enlarged.bounding_box()["width"] >= shown_width
