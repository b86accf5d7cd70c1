"""Collect every page under docs/ as tests: its fences, and each Python block on it.

The blocks are the text the page shows after pymdownx.snippets expands its includes
(clinic.pages), run as a reader runs pasted code (clinic.run).
"""
import pytest

from clinic.checks import check_block, check_page
from clinic.pages import is_page, python_blocks


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".md" and is_page(file_path):
        return Page.from_parent(parent, path=file_path)
    return None


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
