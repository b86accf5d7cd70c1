"""MkDocs hook: math rendered to KaTeX HTML when the site is built (mkdocs.yml `hooks:`).

pymdownx.arithmatex (generic mode) leaves `\\(…\\)` and `\\[…\\]` in the page. Rendering
them in the reader's browser cost a phone most of a second and moved the text below each
equation once KaTeX had run (Lighthouse: blocking time and layout shift). Here the
committed KaTeX (docs/assets/katex/katex.min.js) renders them once, in a JavaScript engine
for Python (mini-racer), so the page arrives with its math laid out; the browser needs
only katex.min.css and the fonts, which overrides/main.html links on pages with math.
A formula KaTeX cannot parse fails the build, with the page and the formula.

What KaTeX rendered is kept in .cache/ (git ignores it) for the next build and every
`mkdocs serve` rebuild, keyed by the formula and by this KaTeX copy and its options.

Notebook pages keep their own `$…$`, rendered in the browser by docs/javascripts/katex.js.
"""
import functools
import hashlib
import html
import json
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from py_mini_racer import MiniRacer

KATEX = Path(__file__).resolve().parent.parent / "docs" / "assets" / "katex" / "katex.min.js"
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>',
    re.DOTALL)
# Errors come back as values: a thrown exception's message would carry all of katex.min.js.
RENDER = """(tex, displayMode) => {
  try { return { html: katex.renderToString(tex, { displayMode, throwOnError: true }) }; }
  catch (error) { return { error: String(error.message) }; }
}"""
CACHE = (Path(__file__).resolve().parent.parent / ".cache"
         / f"katex-{hashlib.sha256(KATEX.read_bytes() + RENDER.encode()).hexdigest()[:16]}.json")


def _load_cache() -> dict[str, str]:
    try:
        return json.loads(CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable: render everything again
        return {}


_rendered = _load_cache()
_saved = set(_rendered)
_used: set[str] = set()  # by the builds in this process (English, then Chinese)


class MathError(ValueError):
    """A formula KaTeX cannot render."""


@functools.cache
def _katex():
    engine = MiniRacer()
    engine.eval(KATEX.read_text(encoding="utf-8"))
    return engine.eval(RENDER)


def render_tex(tex: str, display: bool) -> str:
    """KaTeX's HTML (and MathML, which screen readers read) for one formula."""
    key = f"{'display' if display else 'inline'}:{tex}"
    _used.add(key)
    if key not in _rendered:
        result = _katex()(tex, display)
        if "error" in result:
            raise MathError(f"{result['error']}\n  in: {tex.strip()}")
        _rendered[key] = result["html"]
    return _rendered[key]


def render_math(page_html: str) -> tuple[str, int]:
    """The page with every arithmatex formula rendered, and how many there were."""
    def rendered(match: re.Match) -> str:
        tex = html.unescape(match["tex"])
        tag = match["tag"]
        return f'<{tag} class="arithmatex">{render_tex(tex, match["open"] == "[")}</{tag}>'
    return ARITHMATEX.subn(rendered, page_html)


def on_page_content(html_content, page, config, files):
    # overrides/main.html links KaTeX's stylesheet on pages that have math.
    page.meta["math"] = ARITHMATEX.search(html_content) is not None
    return html_content


def on_post_page(output, page, config):
    # Rendered in the finished page, after search has indexed the TeX: KaTeX's HTML would
    # put its glyphs (and zero-width spaces) into the index.
    try:
        return render_math(output)[0]
    except MathError as error:  # fails the build, naming the page and the formula
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_build(config):
    """Keep the formulas this process's builds used: new ones added, removed ones gone."""
    global _saved
    if _used == _saved:
        return
    CACHE.parent.mkdir(exist_ok=True)
    written = CACHE.with_suffix(f".{os.getpid()}")  # then renamed: builds may run side by side
    written.write_text(json.dumps({key: _rendered[key] for key in _used}, ensure_ascii=False),
                       encoding="utf-8")
    os.replace(written, CACHE)
    _saved = set(_used)
