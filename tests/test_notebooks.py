"""The notebooks under docs/ are tested by running: `mkdocs build` executes them and every
claim in them is an assert. These tests check that this cannot go quietly wrong: a failing
cell fails the build, plots survive an inherited MPLBACKEND=Agg, the notebooks need no
project files, and their pages are light and offer the .ipynb for download.

Each check builds a throwaway MkDocs project in tmp_path with mkdocs.yml's own
mkdocs-jupyter options and notebook hook, so the checks follow the site's configuration.
"""
import os
import re
import subprocess
import sys

import nbformat
import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from clinic.notebook_pages import UnexpectedNotebookMarkup, slim
from clinic.pages import DOCS, ROOT

NOTEBOOKS = sorted(DOCS.rglob("*.ipynb"))
PAGE_BUDGET = 450_000  # bytes of HTML per page, the site's median-page budget


def site_config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config:
        return yaml_load(config)  # mkdocs' own loader: resolves !ENV as a build would


def notebook_options() -> dict:
    for plugin in site_config()["plugins"]:
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            return plugin["mkdocs-jupyter"]
    raise LookupError("mkdocs.yml does not enable mkdocs-jupyter")


def build(project, notebooks: dict, options: dict, env=None) -> subprocess.CompletedProcess:
    """Build a site of `notebooks` (relative path -> notebook) with the site's hooks."""
    for path, notebook in notebooks.items():
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, project / "docs" / path)
    (project / "docs" / "index.md").write_text("# Notebook check\n", encoding="utf-8")
    config = {
        "site_name": "notebook check",
        "theme": {"name": "material"},
        "plugins": [{"mkdocs-jupyter": options}],
        "hooks": [str(ROOT / hook) for hook in site_config()["hooks"]],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, capture_output=True, text=True, timeout=900,
        env={**(env or os.environ), "NO_MKDOCS_2_WARNING": "1"},
    )


def notebook_of(*sources: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A notebook")]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def test_the_build_executes_notebooks_and_stops_on_a_failing_cell(monkeypatch):
    monkeypatch.delenv("NOTEBOOK_CACHE", raising=False)
    options = notebook_options()
    assert options["execute"] is True
    assert options["allow_errors"] is False  # the plugin's default is True
    assert options["include_source"] is True  # the download button's target
    assert options["cache"] is False  # a cache hit would skip the asserts


@pytest.mark.parametrize("allow_errors, claim, builds", [
    (False, "assert 1 + 1 == 2", True),
    (False, "assert 1 + 1 == 3, 'a claim that no longer holds'", False),
    (True, "assert 1 + 1 == 3, 'a claim that no longer holds'", True),  # the plugin default
])
def test_only_allow_errors_false_makes_a_failing_cell_fail_the_build(
        tmp_path, allow_errors, claim, builds):
    options = {**notebook_options(), "allow_errors": allow_errors}
    done = build(tmp_path, {"claim.ipynb": notebook_of(claim)}, options)
    assert (done.returncode == 0) == builds, done.stderr[-3000:]
    if not builds:
        assert "a claim that no longer holds" in done.stderr


@pytest.fixture(scope="module")
def built_notebooks(tmp_path_factory):
    """The site's notebooks, built alone (no other project file beside them), under
    MPLBACKEND=Agg as many CI machines set it. Returns {notebook: its page's HTML path}."""
    project = tmp_path_factory.mktemp("notebooks")
    notebooks = {path.relative_to(DOCS): nbformat.read(path, as_version=4)
                 for path in NOTEBOOKS}
    env = {key: value for key, value in os.environ.items() if key != "NOTEBOOK_CACHE"}
    done = build(project, notebooks, notebook_options(), {**env, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr[-5000:]
    return {path: project / "site" / path.relative_to(DOCS).with_suffix("") / "index.html"
            for path in NOTEBOOKS}


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebook under docs/"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_survives_mplbackend_agg(built_notebooks, notebook):
    """By convention each top-level call of a show_* function in a notebook shows one figure."""
    shown = sum(bool(re.match(r"show_\w+\(", line))
                for cell in nbformat.read(notebook, as_version=4).cells
                if cell.cell_type == "code" for line in cell.source.splitlines())
    page = built_notebooks[notebook].read_text(encoding="utf-8")
    assert shown > 0
    assert page.count('src="data:image/png;base64,') == shown
    assert "No description has been provided for this image" not in page  # nbconvert's alt


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_the_download_button_serves_the_notebook(built_notebooks, notebook):
    page = built_notebooks[notebook]
    [href] = re.findall(r'<a href="([^"]+)" download', page.read_text(encoding="utf-8"))
    downloaded = page.parent / href
    assert downloaded.read_bytes() == notebook.read_bytes()
    nbformat.validate(nbformat.reads(downloaded.read_text(encoding="utf-8"), as_version=4))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_page_is_light(built_notebooks, notebook):
    page = built_notebooks[notebook].read_text(encoding="utf-8")
    assert len(page.encode()) <= PAGE_BUDGET
    assert "--jp-" not in page  # the JupyterLab stylesheet's variables
    assert "mathjax" not in page.lower() and "mermaid" not in page.lower()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_a_notebook_is_committed_without_outputs(notebook):
    """The page shows what the build computed; the download is clean."""
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


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
