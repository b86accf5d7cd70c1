"""The site builds strictly, and every page in docs/ is reachable from the nav."""
import re

import jinja2

from clinic.lighthouse import THEME_SCRIPT, remove_theme_script
from clinic.pages import DOCS, mkdocs_config, site_pages


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
    folder = DOCS.parent / ".cache" / f"jinja-{jinja2.__version__}"
    assert list(folder.glob("__jinja2_*.cache"))
