"""The package versions that produced the site's numbers, as the pipeline finds them.

A results module (no drawing): snippets/versions.py runs in the environment that runs every
other snippet, and its answer is written to docs/figures/versions.json and to the table on
docs/versions.md. check() fails when they differ from the pins in requirements.txt, so the
site never names versions other than the ones it installs.
"""
import re

from clinic.pages import ROOT

SNIPPETS = {"Python": "snippets/versions.py"}
NAMES = {"torch": "PyTorch", "tensorflow": "TensorFlow", "keras": "Keras", "numpy": "NumPy",
         "scikit-learn": "scikit-learn", "matplotlib": "Matplotlib"}


def pins() -> dict[str, str]:
    """{package: version} of the exact pins (==) in requirements.txt."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return {name.lower(): pinned
            for name, pinned in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s#]+)", text, re.M)}


def collect(exports):
    return {"packages": exports["Python"]["versions"]}


def public_version(installed: str) -> str:
    """2.13.0 for 2.13.0+cpu: a local build label, which an == pin accepts (PEP 440)."""
    return installed.split("+", 1)[0]


def check(data):
    pinned = pins()
    assert data["packages"].keys() == NAMES.keys()
    for package, installed in data["packages"].items():
        assert public_version(installed) == pinned[package], (
            f"{package} {installed} ran the snippets, but requirements.txt pins {pinned[package]}")


def tables(data):
    rows = "\n".join(f"| {NAMES[package]} | `{package}=={installed}` |"
                     for package, installed in data["packages"].items())
    return {"table": "| Package | Version |\n| --- | --- |\n" + rows}
