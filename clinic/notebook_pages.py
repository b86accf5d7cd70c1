"""MkDocs hook: lighter notebook pages with a download button (mkdocs.yml `hooks:`).

mkdocs-jupyter 0.26.3 puts in front of every notebook it renders the whole JupyterLab
stylesheet (575 kB), its code-highlighting CSS (and again at the end, as the repr of a
Python list), a MathJax loader with an empty URL and a Mermaid loader that would fetch
from a CDN. None of it is needed here: the site renders math with KaTeX and has no
diagrams. This hook keeps the notebook's own markup and its copy-to-clipboard script,
and replaces the rest with notebook.css, a few rules that reuse Material's colours so
that notebooks follow the light/dark switch. It also adds a download button for the
.ipynb that the plugin's `include_source` copies next to the page.
"""
import re
from pathlib import PurePosixPath, Path

from mkdocs.plugins import event_priority

WRAPPER_START = '<div class="jupyter-wrapper">'
WRAPPER_END = "</div> <!-- jupyter-wrapper -->"
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
STYLESHEET = (Path(__file__).parent / "notebook.css").read_text(encoding="utf-8")
# Material Design Icons "download", the icon set Material for MkDocs ships.
DOWNLOAD_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                 '<path d="M5 20h14v-2H5m14-9h-4V3H9v6H5l7 7z"/></svg>')


class UnexpectedNotebookMarkup(ValueError):
    """mkdocs-jupyter's output no longer looks as this hook expects (a new version?)."""


def slim(html: str) -> str:
    """The notebook markup, its clipboard script and notebook.css; nothing else."""
    start, end = html.find(WRAPPER_START), html.rfind(WRAPPER_END)
    if start < 0 or end < start:
        raise UnexpectedNotebookMarkup("no jupyter-wrapper element in the notebook page")
    clipboard = [script for script in SCRIPT.findall(html[:start]) if "clipboard" in script]
    if not clipboard:
        raise UnexpectedNotebookMarkup("no copy-to-clipboard script before the notebook")
    notebook = html[start:end + len(WRAPPER_END)]
    return "".join(clipboard) + f"<style>{STYLESHEET}</style>" + notebook


BUTTON_TEXT = {"en": ("Download this notebook ({name})", "Download the notebook (.ipynb)"),
               "zh": ("下载此笔记本（{name}）", "下载笔记本（.ipynb）")}


def download_button(notebook_name: str, language: str = "en") -> str:
    # include_source copies the notebook into the page's folder, so a bare name resolves
    # with and without use_directory_urls. The button says what it does in words.
    title, text = BUTTON_TEXT[language]
    return (f'<p class="notebook-download"><a href="{notebook_name}" download '
            f'class="md-button" title="{title.format(name=notebook_name)}">'
            f'<span class="twemoji">{DOWNLOAD_ICON}</span> {text}</a></p>')


@event_priority(50)  # before the glightbox plugin, which must leave these images alone
def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    # Notebook plots are inverted on the dark theme (notebook.css); a lightbox would show
    # them uninverted, so they opt out of it (glightbox skips the class off-glb).
    slimmed = slim(html).replace("<img ", '<img class="off-glb" ')
    name = PurePosixPath(page.file.src_uri).name
    language = "zh" if name.endswith(".zh.ipynb") else "en"
    return download_button(name, language) + slimmed
