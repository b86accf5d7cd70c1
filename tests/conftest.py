"""Fixtures shared by the tests: what a test run makes once, whichever worker asks first."""
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from clinic.pages import ROOT
from clinic.run import STORE_VARIABLE


def once_per_run(name: str, make: Callable[[Path], None]) -> Path:
    """The path `make(path)` fills, made once per test run however many pytest-xdist
    workers ask for it: the others wait for it. A `make` that raises raises for each."""
    store = Path(os.environ[STORE_VARIABLE])
    made, failed = store / name, store / f"{name}.failed"
    with FileLock(store / f"{name}.lock"):
        if not made.exists() and not failed.exists():
            try:
                make(made)
            except Exception as error:
                failed.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
                raise
    if failed.exists():
        raise RuntimeError(f"making {name} failed earlier in this run:\n"
                           + failed.read_text(encoding="utf-8")[-5000:])
    return made


FRAMEWORKS = ("torch", "tensorflow", "keras")
# On PYTHONPATH as sitecustomize.py, it makes the frameworks unimportable: the site is
# built as the deploy workflow builds it, from requirements-site.txt alone.
BLOCK_FRAMEWORKS = f"""
import importlib.abc, sys

class BlockFrameworks(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {FRAMEWORKS!r}:
            raise ModuleNotFoundError(f"{{name}} is not installed on the deploy machine")
        return None

sys.meta_path.insert(0, BlockFrameworks())
"""


def without_frameworks() -> dict:
    """Environment variables under which Python cannot import torch, TensorFlow or Keras."""
    def write(folder: Path):
        folder.mkdir()
        (folder / "sitecustomize.py").write_text(BLOCK_FRAMEWORKS, encoding="utf-8")
    return {"PYTHONPATH": str(once_per_run("without-frameworks", write))}


def build_site(name: str, **env) -> tuple[Path, str]:
    """`mkdocs build --strict` without the frameworks, once per test run; returns
    (folder, build log)."""
    env = {**without_frameworks(), **env}

    def build(site: Path):
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
        assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr[-5000:]}"
        Path(f"{site}.log").write_text(done.stderr, encoding="utf-8")
    site = once_per_run(name, build)
    return site, Path(f"{site}.log").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site():
    """The site as the deploy workflow builds it (no torch, TensorFlow or Keras);
    yields (folder, build log)."""
    return build_site("site")
