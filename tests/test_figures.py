"""Every figure is drawn from what its snippets compute now, and says what its page says."""
import math
import re
from collections import Counter

import pytest

from clinic import figures
from clinic.pages import DOCS, expand_includes, pages

TOPICS = figures.topics()
DRAWN = [topic for topic in TOPICS if figures.draws(topic)]  # the rest only write numbers


def assert_same_numbers(fresh, committed, varies_by_cpu=frozenset(), path="data",
                        rel_tol=figures.SAME_NUMBER):
    """Equal structure; finite numbers within 2 % (those under a key the figure declares
    VARIES_BY_CPU within a factor of 10, same sign); inf and NaN exactly where they were."""
    if isinstance(committed, dict):
        assert isinstance(fresh, dict) and fresh.keys() == committed.keys(), path
        for key in committed:
            tolerance = figures.SAME_ORDER_OF_MAGNITUDE if key in varies_by_cpu else rel_tol
            assert_same_numbers(fresh[key], committed[key], varies_by_cpu,
                                f"{path}[{key!r}]", tolerance)
    elif isinstance(committed, list):
        assert isinstance(fresh, list) and len(fresh) == len(committed), path
        for index, (new, old) in enumerate(zip(fresh, committed)):
            assert_same_numbers(new, old, varies_by_cpu, f"{path}[{index}]", rel_tol)
    elif isinstance(committed, float) and not math.isfinite(committed):
        assert repr(fresh) == repr(committed), f"{path}: {fresh} != {committed}"
    elif isinstance(committed, (int, float)) and not isinstance(committed, bool):
        assert math.isclose(fresh, committed, rel_tol=rel_tol, abs_tol=1e-12), \
            f"{path}: code now gives {fresh}, the figure shows {committed}"
    else:
        assert fresh == committed, path


@pytest.fixture(scope="module", params=TOPICS)
def topic(request):
    return request.param


def test_figure_shows_what_its_code_computes(topic):
    """Fails when a seed, model or snippet changes: run `python -m clinic.figures`."""
    assert_same_numbers(figures.comparable(topic, figures.compute(topic)),
                        figures.comparable(topic, figures.committed_data(topic)),
                        figures.varies_by_cpu(topic))


def test_numbers_that_vary_by_cpu_are_still_compared():
    committed = {"loss": [0.5, 2.0], "rounding_error": 2e-7}
    assert_same_numbers({"loss": [0.5, 2.01], "rounding_error": 9e-7}, committed,
                        {"rounding_error"})
    with pytest.raises(AssertionError, match="rounding_error"):  # more than 10 x
        assert_same_numbers({"loss": [0.5, 2.0], "rounding_error": 3e-6}, committed,
                            {"rounding_error"})
    with pytest.raises(AssertionError, match=r"\['loss'\]\[1\]"):  # 5 %: not declared
        assert_same_numbers({"loss": [0.5, 2.1], "rounding_error": 2e-7}, committed,
                            {"rounding_error"})


def test_a_number_at_the_rounding_floor_is_compared_by_its_bound():
    """Attention saturation's gradient at scale 64 is float32 rounding: any value under the
    asserted bound compares equal; one above it is compared as a number, and fails."""
    def run(at_64):
        return {"Keras": {"scales": [1, 64], "median_query_grad": {"plain": [3e-4, at_64]}}}
    assert_same_numbers(figures.comparable("attention-saturation", run(4.7e-10)),
                        figures.comparable("attention-saturation", run(8.7e-14)))
    with pytest.raises(AssertionError):
        assert_same_numbers(figures.comparable("attention-saturation", run(1e-6)),
                            figures.comparable("attention-saturation", run(8.7e-14)))


def test_figure_supports_what_the_page_says(topic):
    figures.spec(topic).check(figures.compute(topic))


@pytest.mark.parametrize("language", figures.LANGUAGES)
@pytest.mark.parametrize("theme", sorted(figures.THEMES))
@pytest.mark.parametrize("drawn_topic", DRAWN)
def test_svg_is_drawn_from_the_committed_numbers(drawn_topic, theme, language):
    """English, and translated from it: `python -m clinic.figures --redraw` after an edit."""
    topic = drawn_topic
    drawn = figures.render(topic, figures.committed_data(topic), theme, language)
    assert drawn == figures.svg_path(topic, theme, language).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def every_page_included() -> str:
    """Every page's Markdown after its includes, read once for all the topics."""
    return "\n".join(expand_includes(page) for page in pages())


def test_tables_are_written_from_the_committed_numbers_and_included(topic, every_page_included):
    for name, table in figures.tables(topic, figures.committed_data(topic)).items():
        path = figures.table_path(topic, name)
        assert path.read_text(encoding="utf-8") == table, \
            f"{path.name} was edited by hand or is stale: run `python -m clinic.figures {topic}`"
        assert table.strip() in every_page_included, f"no page includes {path.name}"


@pytest.mark.parametrize("language", figures.TRANSLATIONS)
def test_translated_tables_are_written_from_the_committed_numbers(topic, language):
    """Every word cell translated (a miss fails), numbers exactly the English table's."""
    english = figures.tables(topic, figures.committed_data(topic))
    translated = figures.tables(topic, figures.committed_data(topic), language)
    assert translated.keys() == english.keys()
    for name, table in translated.items():
        path = figures.table_path(topic, name, language)
        assert path.read_text(encoding="utf-8") == table, \
            f"{path.name} was edited by hand or is stale: " \
            f"run `python -m clinic.figures --redraw {topic}`"
        lost = _numbers(english[name]) - _numbers(table)
        assert not lost, f"{path.name} lost or changed the numbers {sorted(lost)}"


def _numbers(text):
    """The numbers in a text, counted in any order (a translation may reorder a sentence,
    or write "two" as 2); digits after a letter belong to a word (float32, W_2)."""
    return Counter(number.rstrip(".,")
                   for number in re.findall(r"(?<![A-Za-z_\d.])\d[\d.,]*", text))


@pytest.mark.parametrize("language", figures.TRANSLATIONS)
def test_translated_pages_include_the_translated_tables(topic, language):
    """Where a page has a translation, the translation shows the translated tables."""
    for page in pages():
        translated_page = page.with_suffix(f".{language}.md")
        if page.name.count(".") > 1 or not translated_page.exists():
            continue
        included = page.read_text(encoding="utf-8")
        translated_text = translated_page.read_text(encoding="utf-8")
        for name in figures.tables(topic, figures.committed_data(topic)):
            english = figures.table_path(topic, name).relative_to(figures.ROOT).as_posix()
            if f'"{english}"' in included:
                wanted = figures.table_path(topic, name, language).relative_to(figures.ROOT)
                assert f'"{wanted.as_posix()}"' in translated_text, \
                    f"{translated_page.name} should include {wanted.name}"


def test_numbers_a_page_quotes_are_the_committed_numbers(topic):
    for page, texts in figures.quotes(topic, figures.committed_data(topic)).items():
        shown = (DOCS / page).read_text(encoding="utf-8")
        missing = [text for text in texts if text not in shown]
        assert not missing, f"{page} no longer says {missing}, which {topic}.json gives"


@pytest.mark.parametrize("topic", DRAWN)
def test_a_page_shows_the_figure_in_both_themes_with_alt_text(topic):
    shown = {}
    for page in pages():
        for alt, src in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", page.read_text("utf-8")):
            shown[src.split("/")[-1]] = alt
    for theme, fragment in (("light", "#only-light"), ("dark", "#only-dark")):
        name = f"{topic}.{theme}.svg{fragment}"
        assert name in shown, f"no page shows {name}"
        assert len(shown[name].split()) >= 8, f"alt text of {name} says too little"


def english_alt_texts(topic):
    """{theme: alt text} of the topic's figure on its English page."""
    found = {}
    for page in pages():
        for alt, src in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", page.read_text("utf-8")):
            for theme in figures.THEMES:
                if src.split("/")[-1].startswith(f"{topic}.{theme}.svg"):
                    found[theme] = alt
    return found


@pytest.mark.parametrize("topic", DRAWN)
def test_every_number_in_the_alt_text_is_measured_or_set_by_the_experiment(topic):
    """Alt text is read instead of the figure: its numbers come from the same JSON."""
    quoted = [text for texts in figures.quotes(topic, figures.committed_data(topic)).values()
              for text in texts]
    setup = list(getattr(figures.spec(topic), "ALT_TEXT_SETUP", ()))
    for theme, alt in english_alt_texts(topic).items():
        missing = [phrase for phrase in setup if phrase not in alt]
        assert not missing, f"ALT_TEXT_SETUP phrases {missing} are not in the {theme} alt text"
        rest = alt
        # A quote covers an alt-text number only with words around it: a bare "1.4" quoted
        # for the prose could stand in the alt text for another quantity.
        covering = [text for text in quoted if text in alt and re.search(r"[A-Za-z]{2}", text)]
        for phrase in sorted(covering + setup, key=len, reverse=True):
            rest = rest.replace(phrase, " | ")
        # float32, e4m3, log2 are names; a number starts a word.
        loose = re.findall(r"(?<![A-Za-z0-9_.])\d[\d.,]*(?:e-?\d+)?[^|]{0,30}", rest)
        assert not loose, (f"{topic}'s {theme} alt text has numbers that no quote of "
                           f"{topic}.json covers and ALT_TEXT_SETUP does not list: {loose}")
