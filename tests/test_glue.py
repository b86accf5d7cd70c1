"""The checks fail where they must: each case here is a way a page could lie."""
import pytest
from pymdownx.snippets import SnippetMissingError

from clinic.checks import PageCheckFailed, check_block, check_page
from clinic.pages import Block, expand_includes, python_blocks, python_like_fences
from clinic.run import run_python
from tests.test_figures import assert_same_numbers


@pytest.fixture
def page(tmp_path):
    def write(text):
        path = tmp_path / "page.md"
        path.write_text(text, encoding="utf-8")
        return path
    return write


def test_a_fence_with_a_title_is_reported(page):
    titled = page('```python title="x.py"\nraise SystemExit(1)\n```\n')
    with pytest.raises(PageCheckFailed, match="not exactly"):
        check_page(titled)


@pytest.mark.parametrize("opening", ["```py", "``` python", "```{.python}", "~~~python",
                                     "```pycon", "```python3"])
def test_every_python_looking_fence_is_found(opening):
    assert python_like_fences(f"{opening}\nprint(1)\n```\n")


def test_a_plain_python_fence_passes(page):
    check_page(page("```python\nprint(1)\n```\n\n```shell\nmake test\n```\n"))


def test_skip_comments_are_refused(page):
    with pytest.raises(PageCheckFailed, match="not allowed"):
        check_page(page("<!--pytest.mark.skip-->\n```python\nprint(1)\n```\n"))


def test_a_missing_include_fails(page):
    missing = page('```python\n--8<-- "snippets/torch/no_such_snippet.py"\n```\n')
    with pytest.raises(SnippetMissingError):
        expand_includes(missing)


def test_an_include_inside_tabs_expands_to_the_file_text(page):
    tabbed = page('=== "PyTorch"\n\n    ```python\n'
                  '    --8<-- "snippets/torch/activation_functions.py"\n    ```\n')
    [block] = python_blocks(tabbed)
    with open("snippets/torch/activation_functions.py", encoding="utf-8") as snippet:
        assert block.code == snippet.read()
    assert block.source == "snippets/torch/activation_functions.py"


def test_a_block_that_raises_fails(tmp_path):
    with pytest.raises(PageCheckFailed, match="ZeroDivisionError"):
        check_block(Block(tmp_path / "page.md", 1, "1 / 0\n", "inline"))


def test_a_main_guard_is_refused(tmp_path):
    with pytest.raises(PageCheckFailed, match="__name__"):
        check_block(Block(tmp_path / "page.md", 1,
                          'if __name__ == "__main__":\n    1 / 0\n', "inline"))


def test_a_block_runs_in_an_empty_folder_as_main():
    run = run_python("import os, sys\nprint(os.listdir('.'), __name__)\n")
    assert run.returncode == 0
    assert run.stdout.strip() == "['snippet.py'] __main__"


def test_plain_variables_are_exported():
    run = run_python("import math\nratio = {'a': [1.5, float('inf')]}\n_hidden = 1\n")
    assert run.exports == {"ratio": {"a": [1.5, float("inf")]}}


def test_a_changed_number_fails_the_figure_comparison():
    with pytest.raises(AssertionError, match="code now gives"):
        assert_same_numbers({"grad": [1.0, 2.0]}, {"grad": [1.0, 2.5]})
    assert_same_numbers({"grad": [1.0, float("nan")]}, {"grad": [1.01, float("nan")]})


def test_a_slow_block_fails_the_time_budget(tmp_path, monkeypatch):
    monkeypatch.setattr("clinic.checks.SECONDS_BUDGET", 0.5)
    busy_loop = "import time\nend = time.process_time() + 1\nwhile time.process_time() < end:\n    pass\n"
    with pytest.raises(PageCheckFailed, match="the budget is 0.5 s"):
        check_block(Block(tmp_path / "page.md", 1, busy_loop, "inline"))


def test_large_arrays_are_not_exported():
    """Data sets and weights are not figure numbers; converting them would cost seconds."""
    run = run_python("import numpy\ndata = numpy.zeros(20_000)\nsummary = numpy.ones(3)\n")
    assert run.exports == {"summary": [1.0, 1.0, 1.0]}
