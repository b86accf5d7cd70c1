"""docs/figures holds exactly the figures and tables that figures/ can regenerate."""
from clinic import figures


def test_every_file_in_docs_figures_has_code_that_writes_it():
    expected = set()
    for topic in figures.topics():
        expected |= figures.expected_files(topic)
    assert set(figures.OUTPUT.iterdir()) == expected


def test_every_figure_and_table_has_a_translation_the_site_can_swap_in():
    """On Chinese pages mkdocs-static-i18n serves x.light.zh.svg in place of x.light.svg,
    and the pages include x.results.zh.md: each must sit beside the English file."""
    translated_suffixes = tuple(f".{language}" for language in figures.TRANSLATIONS)
    english = [path for path in figures.OUTPUT.iterdir()
               if path.suffix in (".svg", ".md") and not path.stem.endswith(translated_suffixes)]
    assert english
    for path in english:
        for suffix in translated_suffixes:
            translated = path.with_name(f"{path.stem}{suffix}{path.suffix}")
            assert translated.exists(), f"no {translated.name} beside {path.name}"


def test_the_translation_table_is_not_a_figure():
    assert not set(figures.TRANSLATIONS) & set(figures.topics())
