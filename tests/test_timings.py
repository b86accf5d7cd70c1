"""What the pages say about how long their blocks take is what `make bench` recorded.

Time is never measured here (a slow machine must not fail the tests): these tests read
benchmarks/blocks.json, written by `make bench BENCH=--record` (clinic/timings.py).
"""
import re

import pytest

from clinic import timings
from clinic.bench import blocks_to_time
from clinic.pages import DOCS
from clinic.run import SECONDS_BUDGET
from figures.versions import pins, public_version

RECORD = timings.read_record()
# Test ids name the page, so that `make test PAGE=...` keeps its tests.
STATED_PAGES = [pytest.param(page, id=page.removesuffix(".md")) for page in timings.STATEMENTS]
TIMED_PAGES = sorted({page for entry in RECORD["blocks"].values() for page in entry["pages"]})


@pytest.fixture(scope="module")
def shown():
    """{block name: its text as the pages show it now}."""
    return {item.name: item.code for item in blocks_to_time(None)}


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("page", STATED_PAGES)
def test_the_page_says_the_times_the_record_gives(page):
    text = one_line((DOCS / page).read_text(encoding="utf-8"))
    missing = [sentence for sentence in timings.statements(RECORD)[page]
               if one_line(sentence) not in text]
    assert not missing, (f"{page} should say {missing}, as benchmarks/blocks.json gives "
                         "(the record changed: edit the page, and its translation)")


@pytest.mark.parametrize("page", STATED_PAGES)
def test_a_stated_time_is_of_the_block_the_page_shows(page, shown):
    for name in timings.stated_blocks(page):
        assert name in RECORD["blocks"], f"{page} states the time of {name}, never timed"
        assert name in shown, f"{page} states the time of {name}, which no page shows"
        assert timings.code_digest(shown[name]) == RECORD["blocks"][name]["sha256"], (
            f"{name}'s code changed since it was timed: run `make bench BENCH=--record` and "
            f"update what {page} says")


@pytest.mark.parametrize("page", [pytest.param(page, id=page.removesuffix(".md"))
                                  for page in TIMED_PAGES])
def test_a_block_over_budget_says_how_long_it_takes(page):
    missing = timings.unstated(RECORD, page)
    assert not missing, (f"{missing} (budget {SECONDS_BUDGET:g} s): {page} must say so, "
                         "in a sentence of clinic/timings.py STATEMENTS")


def test_the_record_timed_the_pinned_versions():
    pinned = pins()
    for package in ("torch", "tensorflow", "keras"):
        assert public_version(RECORD["versions"][package]) == pinned[package], (
            f"benchmarks/blocks.json timed {package} {RECORD['versions'][package]}; "
            f"requirements.txt pins {pinned[package]}: run `make bench BENCH=--record`")


def test_the_timing_checks_can_fail():
    """Other numbers in the record change every sentence; a slow block with no sentence is
    reported."""
    faster = {**RECORD, "blocks": {name: {**entry, "median_s": entry["median_s"] / 2}
                                   for name, entry in RECORD["blocks"].items()}}
    for page, said in timings.statements(RECORD).items():
        assert timings.statements(faster)[page] != said, page
    quiet_page = next(page for page in TIMED_PAGES if page not in timings.STATEMENTS)
    assert timings.unstated(RECORD | {"blocks": {"snippets/x.py": {
        "pages": [quiet_page], "median_s": SECONDS_BUDGET + 1}}}, quiet_page)


def test_a_comment_does_not_call_for_a_new_recording_and_code_does():
    timed = "import torch\n\n# ten steps\nfor step in range(10):  # quick\n    pass\n"
    recommented = "import torch\n# ten steps, each a no-op\n\nfor step in range(10):\n    pass\n"
    assert timings.code_digest(recommented) == timings.code_digest(timed)
    for changed in (timed.replace("10", "100"), timed.replace("pass", "print(step)"),
                    timed.replace("    pass", "        pass").replace("for", "if True:\n    for")):
        assert timings.code_digest(changed) != timings.code_digest(timed)
