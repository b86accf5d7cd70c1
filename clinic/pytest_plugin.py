"""Collect every page under docs/ as tests: its fences, and each Python block on it.

The blocks are the text the page shows after pymdownx.snippets expands its includes
(clinic.pages), run as a reader runs pasted code (clinic.run). One run of the suite
shares one result store among its pytest-xdist workers, so that each distinct block
runs once however many pages, figures and workers need it.

`--page remedies/gradient-clipping` keeps only that page's tests: its blocks, its
figures and tables, and its browser checks.
"""
import os
import re
import shutil
import tempfile

import pytest

from clinic.checks import check_block, check_page
from clinic.pages import DOCS, is_page, python_blocks
from clinic.run import STORE_VARIABLE


def pytest_addoption(parser):
    parser.addoption("--page", metavar="SECTION/PAGE",
                     help="only the tests of this page (path under docs/, no suffix), "
                          "e.g. remedies/gradient-clipping")


def pytest_configure(config):
    worker_input = getattr(config, "workerinput", None)
    if worker_input is not None:  # an xdist worker: use the store its controller made
        os.environ[STORE_VARIABLE] = worker_input[STORE_VARIABLE]
        return
    store = tempfile.mkdtemp(prefix="clinic-runs-")
    config._clinic_store = store
    os.environ[STORE_VARIABLE] = store


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):  # called by xdist for each worker it starts
    node.workerinput[STORE_VARIABLE] = node.config._clinic_store


def pytest_unconfigure(config):
    store = getattr(config, "_clinic_store", None)
    if store:
        shutil.rmtree(store, ignore_errors=True)
        os.environ.pop(STORE_VARIABLE, None)


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".md" and is_page(file_path):
        return Page.from_parent(parent, path=file_path)
    return None


def page_keys(page: str) -> list[str]:
    """What names the page's tests: its path, and the figures and tables it shows."""
    path = DOCS / f"{page}.md"
    if not path.exists():
        path = DOCS / f"{page}.ipynb"
    if not path.exists():
        raise pytest.UsageError(f"--page {page}: no docs/{page}.md or .ipynb")
    topics = set(re.findall(r"figures/([\w-]+?)\.(?:light|dark|[\w.-]+\.md)\b",
                            path.read_text(encoding="utf-8")))
    return [page, *sorted(topics)]


def pytest_collection_modifyitems(config, items):
    page = config.getoption("--page")
    if not page:
        return
    keys = page_keys(page.strip("/").removesuffix(".md"))
    selected = [item for item in items if any(key in item.nodeid for key in keys)]
    config.hook.pytest_deselected(items=[item for item in items if item not in selected])
    items[:] = selected


class Page(pytest.File):
    def collect(self):
        yield PageFences.from_parent(self, name="every Python fence is tested")
        for block in python_blocks(self.path):
            yield PageBlock.from_parent(self, name=block.label, block=block)


class PageFences(pytest.Item):
    def runtest(self):
        check_page(self.path)

    def reportinfo(self):
        return self.path, None, self.name


class PageBlock(pytest.Item):
    def __init__(self, *, block, **kwargs):
        super().__init__(**kwargs)
        self.block = block

    def runtest(self):
        check_block(self.block)

    def repr_failure(self, excinfo):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, self.block.line, self.name


def pytest_terminal_summary(terminalreporter):
    """Translations whose English page changed since: they show a notice on the site."""
    from clinic.translations import ROOT, stale
    behind = stale()
    if behind:
        terminalreporter.section("Chinese pages behind their English page (they show a notice)")
        for path in behind:
            terminalreporter.write_line(f"  {path.relative_to(ROOT)}  "
                                        f"(update it, then python -m clinic.translations stamp)")
