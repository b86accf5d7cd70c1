"""MkDocs hook: search indexes prose, not programs (mkdocs.yml `hooks:`).

Material's search plugin indexes a page's whole text, so a remedy page's previews were
55-line programs, and the tab labels ran together ("PyTorchKeras"). Marking code blocks,
notebook code cells and tab labels with `data-search-exclude` leaves them out of the index
(Material strips the attribute from the page afterwards). Inline code in prose stays
indexed, so `clip_grad_norm_` or `GradScaler` still find the page that explains them.
"""
import re

# Only elements without a nested <div>: Material's parser tracks skipped elements by tag
# name, so the first inner </div> would end the exclusion of an outer one.
EXCLUDED = re.compile(r'<div class="(?:language-\w+ highlight|highlight|highlight-ipynb[^"]*'
                      r'|clipboard-copy-txt|tabbed-labels)"|<clipboard-copy\b')


def on_page_content(html, page, config, files):
    # With a value: Material removes data-search-*="..." from the page once it is indexed.
    return EXCLUDED.sub(lambda match: match.group(0) + ' data-search-exclude="code"', html)
