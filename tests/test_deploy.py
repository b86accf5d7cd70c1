"""The deploy workflow builds the site from committed figures and notebooks: no framework."""
import os
import subprocess
import sys

import yaml

from clinic.pages import ROOT
from tests.conftest import FRAMEWORKS, without_frameworks


def test_the_site_builds_without_torch_or_tensorflow(built_site):
    """Figures and notebook outputs are committed: the build runs none of the code.
    (conftest builds the one site of the test run with the frameworks unimportable.)"""
    site, _ = built_site
    assert (site / "index.html").exists()


def test_the_frameworks_are_unimportable_where_the_site_is_built():
    for framework in FRAMEWORKS:
        done = subprocess.run([sys.executable, "-c", f"import {framework}"],
                              env={**os.environ, **without_frameworks()},
                              capture_output=True, text=True)
        assert done.returncode != 0 and "not installed on the deploy machine" in done.stderr


def test_the_workflow_builds_with_the_pinned_site_requirements():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "python -m pip install -r requirements-site.txt" in commands
    assert "mkdocs build --strict" in commands


def test_the_site_requirements_are_pinned_and_frameworks_free():
    pins = [line.split("#")[0].strip() for line in
            (ROOT / "requirements-site.txt").read_text(encoding="utf-8").splitlines()]
    pins = [pin for pin in pins if pin]
    assert pins and all("==" in pin for pin in pins)
    assert not {pin.split("==")[0].lower() for pin in pins} & set(FRAMEWORKS)
    assert "-r requirements-site.txt" in (ROOT / "requirements.txt").read_text(encoding="utf-8")

