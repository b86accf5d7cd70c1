"""What lets a reader trust the site: versions, licence, corrections, links to the source.

The versions the site names are what the figure pipeline found (docs/figures/versions.json)
and equal the pins in requirements.txt; the build keeps working without git history.
"""
import json
import os
import shutil
import subprocess
import sys

import yaml

from clinic.pages import DOCS, ROOT
from figures.versions import pins, public_version


class IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV tags as plain lists."""


IgnoreTags.add_multi_constructor("", lambda loader, tag, node: loader.construct_sequence(node)
                                 if isinstance(node, yaml.SequenceNode)
                                 else loader.construct_scalar(node))


def mkdocs_config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=IgnoreTags)


def test_the_versions_the_site_names_are_the_pinned_ones():
    recorded = json.loads((DOCS / "figures" / "versions.json").read_text(encoding="utf-8"))
    pinned = pins()
    for package in ("torch", "tensorflow", "keras", "numpy"):
        assert public_version(recorded["packages"][package]) == pinned[package], package


def test_the_licence_covers_code_and_text():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "CC BY 4.0" in licence
    assert "MIT" in mkdocs_config()["copyright"] and "CC BY 4.0" in mkdocs_config()["copyright"]


def test_pages_link_their_source_and_a_report_of_errors():
    config = mkdocs_config()
    assert config["repo_url"][0] == "REPO_URL" and config["edit_uri"] == "edit/main/docs/"
    assert {"content.action.edit", "content.action.view"} <= set(config["theme"]["features"])
    actions = (ROOT / "overrides" / "partials" / "actions.html").read_text(encoding="utf-8")
    assert "/issues/new?" in actions
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(step for step in steps if step.get("run") == "mkdocs build --strict")
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the dates come from the whole history


def test_the_build_needs_no_git_history(tmp_path):
    """A copy of the sources without .git (a tarball) still builds, dates from the build."""
    source = tmp_path / "source"
    # Nor what git ignores: .cache/ is also written by the other builds of this test run.
    ignored = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "__pycache__",
                                     ".cache")
    shutil.copytree(ROOT, source, ignore=ignored)
    env = {**os.environ, "EXECUTE_NOTEBOOKS": "false", "NO_MKDOCS_2_WARNING": "1",
           "GIT_CEILING_DIRECTORIES": str(tmp_path)}  # no repository above the copy either
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=source, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-5000:]
    page = (tmp_path / "site" / "versions" / "index.html").read_text(encoding="utf-8")
    assert "git-revision-date-localized-plugin-date" in page


def test_every_page_has_its_own_meta_description():
    """Search engines and link previews show it; one site-wide description says nothing."""
    from clinic.pages import pages

    descriptions = {}
    for page in pages():
        if page.suffix != ".md":
            continue  # notebooks take the site's description
        text = page.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---\n") else {}
        description = (front or {}).get("description", "")
        assert 60 <= len(description) <= 320, f"{page.relative_to(DOCS)}: {len(description)}"
        descriptions[page.relative_to(DOCS)] = description
    assert len(set(descriptions.values())) == len(descriptions)
