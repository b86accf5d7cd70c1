"""The checks every page and every code block must pass; tests/conftest.py runs them."""
import re
from pathlib import Path

from clinic.pages import Block, untestable_fences
from clinic.run import HANG_SECONDS, run_python

MAIN_GUARD = re.compile(r"^\s*if\s+__name__\s*==", re.MULTILINE)


class PageCheckFailed(AssertionError):
    pass


def check_page(page: Path) -> None:
    """Every Python-looking fence will run, and the raw page uses no skip comments."""
    problems = untestable_fences(page)
    if "pytest-codeblocks:" in page.read_text(encoding="utf-8"):
        problems.append("pytest-codeblocks comments (skip, cont, expected-output) are not "
                        "allowed: each block must run alone, as a reader pastes it")
    if problems:
        raise PageCheckFailed(f"{page}:\n  " + "\n  ".join(problems))


def check_block(block: Block) -> None:
    """The block runs as pasted, in a fresh interpreter, and ends. How long it takes is
    never a failure here: `make bench` measures that."""
    where = f"{block.page}, {block.label}"
    if MAIN_GUARD.search(block.code):
        raise PageCheckFailed(f"{where}: an `if __name__ == ...` guard hides code "
                              "from pytest-codeblocks; write the script flat")
    run = run_python(block.code)
    if run.hung:
        raise PageCheckFailed(f"{where} hung: it was still running after {HANG_SECONDS} s "
                              f"and was killed.\n{run.describe()}")
    if run.returncode != 0:
        raise PageCheckFailed(f"{where} failed when run as pasted:\n{run.describe()}")
