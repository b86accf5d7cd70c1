"""The notebooks under docs/ are committed executed; the tests execute them again.

The site renders the committed outputs, so a build needs neither torch nor TensorFlow
and `make serve` is ready in seconds. The tests run every notebook in a fresh kernel in
an empty folder (a failing cell, and so a failing assert, fails them) and compare its
outputs with the committed ones: an output that its current cells no longer produce is
stale. Embedded images are compared by kind and count, not pixel for pixel; text
exactly, except the numbers in it, which must agree within a factor of 2: a network
trained on another processor reaches another accuracy and other gradient norms (its math
libraries round differently, and training amplifies it; clinic/figures.py), and the
cells' asserts check the claims on whatever this machine computes. What goes to stderr
(C++ library logs with timestamps and process ids) is neither committed nor compared.

    python -m clinic.notebooks          # execute every notebook, write its outputs
    python -m clinic.notebooks NAME     # just docs/**/NAME.ipynb
"""
import contextlib
import math
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from clinic.pages import DOCS, ROOT, is_page, translation

NOTEBOOKS = sorted(path for path in DOCS.rglob("*.ipynb") if is_page(path))  # not .zh
CELL_TIMEOUT = 600  # seconds; a cell still running then is hung
# Many CI machines set MPLBACKEND=Agg; plots must still reach the page.
KERNEL_ENVIRONMENT = {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
EMBEDDED_IMAGE = re.compile(r"data:image/[\w+.-]+;base64,[A-Za-z0-9+/=\s]+")
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
SAME_NUMBER_ON_ANOTHER_CPU = 0.5  # relative tolerance (math.isclose): within a factor of 2


@contextlib.contextmanager
def _environment(**variables):
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel in an empty folder; raises on a failing cell."""
    executed = nbformat.from_dict(notebook)
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    with tempfile.TemporaryDirectory(prefix="notebook-") as folder, \
            _environment(**KERNEL_ENVIRONMENT):
        client = NotebookClient(executed, timeout=CELL_TIMEOUT, kernel_name="python3",
                                allow_errors=False, resources={"metadata": {"path": folder}})
        client.execute()
    return executed


def _shown(outputs: list) -> list:
    return [output for output in outputs
            if not (output["output_type"] == "stream" and output["name"] == "stderr")]


def _comparable(output: dict):
    """An output as the staleness check sees it: text exact, images by kind only."""
    if output["output_type"] == "stream":
        return ("stream", output["name"], output["text"])
    if output["output_type"] == "error":
        return ("error", output["ename"], output["evalue"])
    data = output.get("data", {})
    shown = {}
    for kind, value in data.items():
        text = value if isinstance(value, str) else "".join(value)
        shown[kind] = "<image>" if kind in IMAGE_TYPES else EMBEDDED_IMAGE.sub("<image>", text)
    return (output["output_type"], tuple(sorted(shown.items())))


def stale_cells(committed: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> list[str]:
    """The code cells whose committed outputs differ from what they produce now."""
    pairs = zip([cell for cell in committed.cells if cell.cell_type == "code"],
                [cell for cell in fresh.cells if cell.cell_type == "code"], strict=True)
    return [new.source.splitlines()[0] if new.source else "(empty cell)"
            for cell, new in pairs
            if not _same_text_and_numbers(repr([_comparable(o) for o in _shown(cell.outputs)]),
                                          repr([_comparable(o) for o in _shown(new.outputs)]))]


def _same_text_and_numbers(committed: str, fresh: str) -> bool:
    """The same words, and numbers within SAME_NUMBER_ON_ANOTHER_CPU of each other."""
    if NUMBER.sub("#", committed) != NUMBER.sub("#", fresh):
        return False
    return all(math.isclose(float(old), float(new), rel_tol=SAME_NUMBER_ON_ANOTHER_CPU)
               for old, new in zip(NUMBER.findall(committed), NUMBER.findall(fresh)))


def image_outputs(notebook: nbformat.NotebookNode) -> int:
    """How many images the notebook's outputs show (inline, or embedded in HTML)."""
    count = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            for kind, value in output.get("data", {}).items():
                text = value if isinstance(value, str) else "".join(value)
                count += 1 if kind in IMAGE_TYPES else len(EMBEDDED_IMAGE.findall(text))
    return count


def write(path: Path) -> None:
    executed = execute(nbformat.read(path, as_version=4))
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = _shown(cell.outputs)
    nbformat.write(executed, path)
    print(f"executed and wrote {path.relative_to(ROOT)}")
    translated = translation(path)
    if translated.exists():  # its code cells and outputs are the English notebook's
        chinese = nbformat.read(translated, as_version=4)
        chinese.cells = [english_cell if english_cell.cell_type == "code" else cell
                         for english_cell, cell in zip(executed.cells, chinese.cells,
                                                       strict=True)]
        nbformat.write(chinese, translated)
        print(f"copied its code cells and outputs into {translated.relative_to(ROOT)}")


if __name__ == "__main__":
    names = sys.argv[1:]
    for notebook in NOTEBOOKS:
        if not names or notebook.stem in names:
            write(notebook)
