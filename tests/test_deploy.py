"""The deploy workflow: figures need no framework; notebooks run with the pinned ones."""
import os
import subprocess
import sys

import yaml

from clinic.pages import ROOT

FRAMEWORKS = ("torch", "tensorflow", "keras")
BLOCK_FRAMEWORKS = f"""
import importlib.abc, sys

class BlockFrameworks(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {FRAMEWORKS!r}:
            raise ModuleNotFoundError(f"{{name}} is not installed on the deploy machine")
        return None

sys.meta_path.insert(0, BlockFrameworks())
"""


def test_everything_but_the_notebooks_builds_without_torch_or_tensorflow(tmp_path):
    """Figures are committed: only the notebooks, executed at build, need the frameworks."""
    (tmp_path / "sitecustomize.py").write_text(BLOCK_FRAMEWORKS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "EXECUTE_NOTEBOOKS": "false",
           "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-5000:]


def test_the_workflow_builds_with_the_pinned_requirements():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "python -m pip install -r requirements.txt" in commands
    assert "mkdocs build --strict" in commands

