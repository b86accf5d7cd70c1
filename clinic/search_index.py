"""MkDocs hook: search indexes prose, not programs (mkdocs.yml `hooks:`).

Material's search plugin indexes a page's whole text, so a remedy page's previews were
55-line programs, and the tab labels ran together ("PyTorchKeras"). Code blocks, notebook
code cells and tab labels are therefore taken out of the HTML that the plugin reads, and put
back before the page is rendered. (Marking them `data-search-exclude` keeps them out of the
index too, but the plugin's HTML parser still walks every token of every program: about
3 s of CPU in a 26 s build on a 2-core Xeon.) Inline code in prose stays indexed, so
`clip_grad_norm_` or `GradScaler` still find the page that explains them.
"""
import re

from mkdocs.plugins import CombinedEvent, event_priority

# Elements without a nested <div>, so the first </div> closes them. Code inside them is
# escaped (&lt;/div&gt;), so it cannot close them early.
NOT_INDEXED = re.compile(
    r'<div class="(?:language-\w+ highlight|highlight|highlight-ipynb[^"]*|clipboard-copy-txt'
    r'|tabbed-labels)"[^>]*>.*?</div>|<clipboard-copy\b[^>]*>.*?</clipboard-copy>',
    re.DOTALL)

_full_content = {}


def prose(html: str) -> str:
    """The page's HTML without the elements search leaves out."""
    return NOT_INDEXED.sub("", html)


@event_priority(100)  # before Material's search plugin (priority 0) indexes page.content
def _hide_code_from_search(context, page, config, nav):
    _full_content[page.file.src_uri] = page.content
    page.content = prose(page.content)


@event_priority(-100)  # after it: the page is rendered with its code
def _restore_code(context, page, config, nav):
    page.content = _full_content.pop(page.file.src_uri)


on_page_context = CombinedEvent(_hide_code_from_search, _restore_code)
