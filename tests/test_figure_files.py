"""docs/figures holds exactly the figures that figures/ can regenerate."""
from clinic import figures


def test_every_file_in_docs_figures_has_code_that_draws_it():
    expected = set()
    for topic in figures.topics():
        expected |= {figures.json_path(topic)}
        expected |= {figures.svg_path(topic, theme) for theme in figures.THEMES}
    assert set(figures.OUTPUT.iterdir()) == expected
