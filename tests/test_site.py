"""The site builds strictly, and every page in docs/ is reachable from the nav."""
import re

import jinja2

from clinic.lighthouse import THEME_SCRIPT, remove_theme_script
from clinic.pages import DOCS, FENCE, ROOT, mkdocs_config, site_pages


def test_site_builds_without_warnings(built_site):
    """MkDocs' own warnings; notebook kernels log theirs to the same stream."""
    _, log = built_site
    assert not re.search(r"^WARNING\s+-", log, re.MULTILINE), log


def _nav_files(entries):
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _nav_files(value)
        else:
            yield value


def test_every_page_is_in_the_nav_and_every_nav_entry_exists():
    in_nav = set(_nav_files(mkdocs_config()["nav"]))
    on_disk = {str(page.relative_to(DOCS)) for page in site_pages()}
    assert in_nav == on_disk


def test_the_benchmark_can_remove_the_theme_script_from_every_page(built_site, tmp_path):
    """`make lighthouse LIGHTHOUSE=--without-theme-script` finds Material's script."""
    site, _ = built_site
    page = tmp_path / "index.html"
    page.write_text((site / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    assert THEME_SCRIPT.search(page.read_text(encoding="utf-8"))
    remove_theme_script(tmp_path)
    assert "assets/javascripts/bundle." not in page.read_text(encoding="utf-8")


def test_the_build_keeps_its_compiled_templates_for_the_next(built_site):
    """clinic/template_cache.py: the next build (or `mkdocs serve` rebuild) reuses them."""
    folder = ROOT / ".cache" / f"jinja-{jinja2.__version__}"
    assert list(folder.glob("__jinja2_*.cache"))


def _accidental_list_items(text: str):
    """Wrapped lines inside a list item that Markdown reads as the start of a new item."""
    lines, in_fence = text.split("\n"), False
    for number, (previous, line) in enumerate(zip(lines, lines[1:]), start=2):
        if FENCE.match(line):
            in_fence = not in_fence
        elif (not in_fence and re.match(r"\s+(\d+\.|[-*+])\s", line)
              and re.match(r"\s+\S", previous) and not re.match(r"\s*(\d+\.|[-*+])\s", previous)):
            yield number, line.strip()


def test_no_wrapped_line_starts_a_list_item_by_accident():
    """The explorer's precision bullet once wrapped before "0. The summary …": Markdown
    made that a new item and the page lost its "0"."""
    wrapped = ("- **Precision:** a value below it\n"
               "  keeps fewer digits and then becomes\n"
               "  0. The summary")
    assert list(_accidental_list_items(wrapped)) == [(3, "0. The summary")]
    found = {f"{path.relative_to(DOCS)}:{number}": line for path in DOCS.rglob("*.md")
             for number, line in _accidental_list_items(path.read_text(encoding="utf-8"))}
    assert not found, found
