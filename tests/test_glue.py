"""The checks fail where they must: each case here is a way a page could lie."""
import time
from pathlib import Path

import pytest
from pymdownx.snippets import SnippetMissingError

from clinic import bench, figures, timings
from clinic.bench import Timed, report
from clinic.checks import PageCheckFailed, check_block, check_page
from clinic.pages import Block, expand_includes, python_blocks, python_like_fences
from clinic.run import execute, run_python
from clinic.seeds import is_seeded, reseeded
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


def test_a_slow_block_still_passes(tmp_path):
    """Speed is the benchmark's business: a slow machine must not turn the suite red."""
    slow = "import time\ntime.sleep(15)  # over the 10 s budget\nprint('done')\n"
    check_block(Block(tmp_path / "page.md", 1, slow, "inline"))


def test_a_hung_block_fails_at_the_hang_limit_with_its_output(tmp_path, monkeypatch):
    monkeypatch.setattr("clinic.checks.HANG_SECONDS", 3)
    monkeypatch.setattr("clinic.run.HANG_SECONDS", 3)
    hangs = "import time\nprint('waiting for a lock that never comes')\ntime.sleep(3600)\n"
    with pytest.raises(PageCheckFailed, match=r"hung: it was still running after 3 s") as failed:
        check_block(Block(tmp_path / "page.md", 1, hangs, "inline"))
    assert "waiting for a lock that never comes" in str(failed.value)


def test_a_hung_block_is_killed_with_the_processes_it_started():
    starts_a_child = ("import subprocess, sys, time\n"
                      "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3600)'])\n"
                      "print(child.pid)\ntime.sleep(3600)\n")
    run = execute(starts_a_child, hang_seconds=3)
    assert run.hung
    child = Path(f"/proc/{int(run.stdout.split()[0])}/status")
    for _ in range(50):  # the kill is asynchronous; give it a moment
        if not child.exists() or "\nState:\tZ" in child.read_text():  # gone, or a zombie
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the block's child process survived the kill")


def test_each_distinct_block_runs_once_per_test_run(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINIC_RUN_STORE", str(tmp_path))
    counts_its_runs = "import random\nprint(random.random())\n"
    first, second = run_python(counts_its_runs), run_python(counts_its_runs + "\n")
    assert first.stdout == second.stdout  # the second call read the first one's result
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_large_arrays_are_not_exported():
    """Data sets and weights are not figure numbers; converting them would cost seconds."""
    run = run_python("import numpy\ndata = numpy.zeros(20_000)\nsummary = numpy.ones(3)\n")
    assert run.exports == {"summary": [1.0, 1.0, 1.0]}


def test_reseeding_shifts_every_seed_and_keeps_different_seeds_different():
    code = ("torch.manual_seed(0)\nrng = np.random.default_rng(1)\n"
            "keras.utils.set_random_seed(0)\nSEED = 3\nsplit(x, random_state=0)\n"
            "layer = Dense(4, kernel_initializer=GlorotNormal(seed=2))\nsteps = range(10)\n")
    assert reseeded(code, 17) == (
        "torch.manual_seed(17)\nrng = np.random.default_rng(18)\n"
        "keras.utils.set_random_seed(17)\nSEED = 20\nsplit(x, random_state=17)\n"
        "layer = Dense(4, kernel_initializer=GlorotNormal(seed=19))\nsteps = range(10)\n")
    assert not is_seeded("steps = range(10)\nprint(seed_everything)\n")


def test_the_benchmark_marks_a_slow_block_against_the_floor_of_the_same_run(capsys):
    floor = Timed("floor: torch", "import torch\n", "torch", wall=[1.9, 2.0, 2.1], cpu=[2.0])
    slow = Timed("page.md:1 (inline)", "import torch\ntime.sleep(15)\n", "torch",
                 wall=[15.2, 15.3, 15.1], cpu=[2.0])
    fast = Timed("page.md:9 (inline)", "import torch\n", "torch", wall=[2.2, 2.3], cpu=[2.2])
    optimizer = Timed("import torch, build an optimizer", "", "torch", wall=[4.0], cpu=[4.0])
    marks = report({"torch": floor}, [slow, fast], (0.5, 0.4, 0.3), {"torch": optimizer})
    table = capsys.readouterr().out
    assert "floor: bare import of torch" in table and "over 10 s" in table
    assert "2.18 x the reference 'import torch, build an optimizer' (4.00 s)" in table
    assert "load average before: 0.5 0.4 0.3" in table
    assert marks == ["page.md:1 (inline): median 15.2 s",
                     "torch: median block is 4.36 x its import floor"]


def test_the_benchmark_record_names_each_block_with_its_pages_and_text(monkeypatch):
    written = {}
    monkeypatch.setattr(bench, "write_record", written.update)
    floor = Timed("floor: torch", "import torch\n", "torch", wall=[1.9, 2.0, 2.1], cpu=[2.0])
    slow = Timed("a.md:1 (snippets/torch/x.py)", "import torch\n", "torch",
                 "snippets/torch/x.py", ["a.md", "b.md"], wall=[15.2, 15.3, 15.1], cpu=[14.0])
    bench.record({"torch": floor}, [slow], (0.5, 0.4, 0.3), repeat=3)
    assert written["floors"]["torch"] == {"median_s": 2.0, "min_s": 1.9, "cpu_s": 2.0}
    assert written["blocks"] == {"snippets/torch/x.py": {
        "pages": ["a.md", "b.md"], "framework": "torch",
        "sha256": timings.code_digest("import torch\n"),
        "median_s": 15.2, "min_s": 15.1, "cpu_s": 14.0}}
    assert written["rounds"] == 3 and written["versions"]["torch"]


@pytest.mark.parametrize("value, significant, down, up", [
    (188.4, 1, 100, 200), (386.6, 1, 300, 400), (1.1, 2, 1.1, 1.1), (0.3, 1, 0.3, 0.3),
    (47740, 2, 47000, 48000), (0.2182, 2, 0.21, 0.22), (6.51e-6, 1, 6e-6, 7e-6),
])
def test_alt_text_bounds_hold_the_value_and_nothing_rounds_past_it(value, significant, down, up):
    assert figures.round_down(value, significant) == down <= value
    assert figures.round_up(value, significant) == up >= value


def test_alt_text_formatters():
    assert figures.e_notation(2.877e-27) == "3e-27" and figures.e_notation(13780, 1) == "1.4e4"
    assert figures.alike([4.15, 3.75], "{:.0f}".format) == "4"
    with pytest.raises(AssertionError, match="say how they differ"):
        figures.alike([4.15, 2.2], "{:.0f}".format)
