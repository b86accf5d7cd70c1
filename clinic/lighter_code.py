"""MkDocs hook: highlighted code with fewer elements (mkdocs.yml `hooks:`).

Pygments wraps every token in a span, spaces and plain names included, so the programs of
a remedy page came to thousands of elements; on a phone, Material's script restyles the
whole page several times as it loads, at a cost that grows with the number of elements
(Lighthouse's total blocking time). Spaces (`w`) have no style, and Material colours
names (`n`) with --md-code-fg-color, the colour of the code around them, so those spans
go and their text stays: the page looks and copies the same.
"""
import re

PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_plain_tokens(html: str) -> str:
    return PLAIN_TOKEN.sub(r"\1", html)


def on_page_content(html, page, config, files):
    return unwrap_plain_tokens(html)
