"""Every file in snippets/ is shown on a page: no tested code that readers never see."""
from clinic.pages import ROOT, pages, python_blocks


def test_every_snippet_is_included_by_a_page():
    shown = {block.source for page in pages() for block in python_blocks(page)}
    on_disk = {path.relative_to(ROOT).as_posix() for path in (ROOT / "snippets").rglob("*.py")}
    assert on_disk - shown == set(), "snippets no page includes"
