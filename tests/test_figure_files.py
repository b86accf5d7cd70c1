"""docs/figures holds exactly the figures and tables that figures/ can regenerate."""
from clinic import figures


def test_every_file_in_docs_figures_has_code_that_writes_it():
    expected = set()
    for topic in figures.topics():
        expected |= figures.expected_files(topic)
    assert set(figures.OUTPUT.iterdir()) == expected
