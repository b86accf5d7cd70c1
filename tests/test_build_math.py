"""Math is rendered when the site is built (clinic/build_math.py), and a bad formula fails."""
import json
import re

import pytest

from clinic.build_math import CACHE, MathError, render_math

INLINE = '<p>Gradients vanish when <span class="arithmatex">\\(a &lt; b^{-1}\\)</span>.</p>'
DISPLAY = '<div class="arithmatex">\\[\n\\begin{aligned} h &amp;= \\phi(W x) \\end{aligned}\n\\]</div>'


def test_inline_and_display_math_become_katex_html():
    page, count = render_math(INLINE + DISPLAY)
    assert count == 2
    assert "\\(" not in page and "\\[" not in page
    assert page.count('class="katex"') == 2 and page.count('class="katex-display"') == 1
    # The TeX, unescaped, is kept in the MathML annotation that screen readers use.
    assert 'encoding="application/x-tex">a &lt; b^{-1}</annotation>' in page


def test_a_page_without_math_is_left_alone():
    assert render_math("<p>No math, only $5 and \\(.</p>") == ("<p>No math, only $5 and \\(.</p>", 0)


def test_a_formula_katex_cannot_parse_fails_with_the_formula():
    with pytest.raises(MathError, match=r"KaTeX parse error.*\n  in: \\frac\{1\}\{"):
        render_math('<span class="arithmatex">\\(\\frac{1}{\\)</span>')


def test_the_built_pages_carry_rendered_math_and_link_its_stylesheet(built_site):
    site, _ = built_site
    for name in ("basics/math", "zh/basics/math", "remedies/activation-functions"):
        page = (site / name / "index.html").read_text(encoding="utf-8")
        assert 'class="katex"' in page, name
        assert not re.search(r'class="arithmatex">\\[(\[]', page), name
        assert 'href="../../assets/katex/katex.min.css"' in page or \
            'href="../../../assets/katex/katex.min.css"' in page, name
    assert "katex.min.css" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_build_keeps_its_rendered_math_for_the_next(built_site):
    """The next build (or `mkdocs serve` rebuild) renders only formulas it has not seen."""
    kept = json.loads(CACHE.read_text(encoding="utf-8"))
    assert len(kept) > 100 and all('class="katex"' in rendered for rendered in kept.values())
