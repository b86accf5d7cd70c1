"""The notebooks under docs/ run, and their pages show what they print now.

The site renders the committed outputs (mkdocs.yml: execute false). Here each notebook
runs once per test run, in a fresh kernel in an empty folder with MPLBACKEND=Agg: a
failing cell (every claim is an assert) fails, and so does a committed output that the
current cells no longer produce. `python -m clinic.notebooks` refreshes the outputs.
"""
import re
from importlib.metadata import version

import nbformat
import pytest
from mkdocs.utils.yaml import yaml_load
from nbclient.exceptions import CellExecutionError

from clinic import notebooks
from clinic.notebook_i18n import CONVERTER, JUPYTER_CACHE
from clinic.notebook_pages import UnexpectedNotebookMarkup, slim
from clinic.pages import DOCS, ROOT
from tests.conftest import once_per_run

PAGE_BUDGET = 450_000  # bytes of HTML per page, the site's median-page budget
NOTEBOOKS = notebooks.NOTEBOOKS


def site_config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config:
        return yaml_load(config)  # mkdocs' own loader: resolves !ENV as a build would


def executed(notebook):
    """The notebook run afresh, once per test run however many workers ask."""
    def run(path):
        path.write_text(nbformat.writes(notebooks.execute(nbformat.read(notebook, 4))),
                        encoding="utf-8")
    return nbformat.read(once_per_run(f"executed-{notebook.stem}.ipynb", run), 4)


def notebook_of(*sources: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A notebook")]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebook under docs/"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_runs_and_its_committed_outputs_are_current(notebook):
    stale = notebooks.stale_cells(nbformat.read(notebook, 4), executed(notebook))
    assert not stale, (f"{notebook.name}: these cells no longer print what is committed; "
                       f"run `python -m clinic.notebooks {notebook.stem}`: {stale}")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_survives_mplbackend_agg(notebook):
    """By convention each top-level call of a show_* function in a notebook shows one figure."""
    shown = sum(bool(re.match(r"show_\w+\(", line))
                for cell in nbformat.read(notebook, 4).cells
                if cell.cell_type == "code" for line in cell.source.splitlines())
    assert shown > 0
    assert notebooks.image_outputs(executed(notebook)) == shown


def test_a_failing_cell_fails():
    with pytest.raises(CellExecutionError, match="a claim that no longer holds"):
        notebooks.execute(notebook_of("x = 1", "assert x == 2, 'a claim that no longer holds'"))


@pytest.fixture(scope="module")
def committed_accuracy():
    """A notebook run once, as committed, for the staleness cases below."""
    return notebooks.execute(notebook_of("print('accuracy 91.2%')"))


@pytest.mark.parametrize("now_printed, stale", [
    ("print('accuracy 91.2%')", False),
    ("print('accuracy 93.0%')", False),  # another CPU's rounding, trained on: same claim
    ("print('accuracy 41.0%')", True),  # more than a factor of 2
    ("print('loss 91.2%')", True),  # other words
])
def test_an_output_the_code_no_longer_prints_is_stale(committed_accuracy, now_printed, stale):
    changed = nbformat.from_dict(committed_accuracy)
    changed.cells[1].source = now_printed
    assert notebooks.stale_cells(committed_accuracy, notebooks.execute(changed)) == \
        ([now_printed] if stale else [])


def test_the_build_shows_the_committed_outputs_and_runs_nothing():
    for plugin in site_config()["plugins"]:
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            options = plugin["mkdocs-jupyter"]
    assert options["execute"] is False  # the tests run the notebooks, the build does not
    assert options["include_source"] is True  # the download button's target


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_language_keeps_its_own_notebook_cache(built_site, language):
    """With one cache folder, each language's build evicted the entries the other had just
    written, and no build ever reused a converted notebook (clinic/notebook_i18n.py)."""
    assert len(list((ROOT / JUPYTER_CACHE / language / CONVERTER).glob("*.json"))) \
        >= len(NOTEBOOKS)


def test_the_notebook_cache_changes_with_the_converter():
    """mkdocs-jupyter's cache key leaves out its own and nbconvert's versions: after an
    upgrade, one cache folder would serve pages converted by the old code."""
    assert version("mkdocs-jupyter") in CONVERTER and version("nbconvert") in CONVERTER


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_the_page_shows_the_committed_figures(built_site, notebook):
    site, _ = built_site
    page = (site / notebook.relative_to(DOCS).with_suffix("") / "index.html").read_text("utf-8")
    assert page.count('src="data:image/') == \
        notebooks.image_outputs(nbformat.read(notebook, 4)) > 0
    assert "No description has been provided for this image" not in page  # nbconvert's alt


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_the_download_button_serves_the_notebook(built_site, notebook):
    site, _ = built_site
    page = site / notebook.relative_to(DOCS).with_suffix("") / "index.html"
    [href] = re.findall(r'<a href="([^"]+)" download', page.read_text(encoding="utf-8"))
    downloaded = page.parent / href
    assert downloaded.read_bytes() == notebook.read_bytes()
    nbformat.validate(nbformat.reads(downloaded.read_text(encoding="utf-8"), as_version=4))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_page_is_light(built_site, notebook):
    site, _ = built_site
    page = (site / notebook.relative_to(DOCS).with_suffix("") / "index.html").read_text("utf-8")
    assert len(page.encode()) <= PAGE_BUDGET
    assert "--jp-" not in page  # the JupyterLab stylesheet's variables
    assert "mathjax" not in page.lower() and "mermaid" not in page.lower()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_is_committed_executed(notebook):
    cells = [cell for cell in nbformat.read(notebook, 4).cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in cells)
    assert not [output for cell in cells for output in cell.outputs
                if output["output_type"] == "error"]


def test_slim_keeps_the_notebook_and_the_copy_script_only():
    rendered = ('<script>clipboard-copy element</script><style>.jp-Big{}</style>'
                '<script src=""></script><script type="module">mermaid</script>'
                '<div class="jupyter-wrapper"><style>.kept{}</style>cells'
                '</div> <!-- jupyter-wrapper --><style>[\'.highlight{}\']</style>')
    slimmed = slim(rendered)
    assert slimmed.startswith("<script>clipboard-copy element</script><style>")
    assert slimmed.endswith('<div class="jupyter-wrapper"><style>.kept{}</style>cells'
                            "</div> <!-- jupyter-wrapper -->")
    assert ".jp-Big" not in slimmed and "mermaid" not in slimmed and "src=" not in slimmed


def test_slim_refuses_markup_it_does_not_know():
    with pytest.raises(UnexpectedNotebookMarkup):
        slim("<p>no notebook wrapper here</p>")
