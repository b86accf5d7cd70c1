"""MkDocs hook: the footer names the package versions that produced the numbers.

They come from docs/figures/versions.json, which the figure pipeline writes
(figures/versions.py), so the footer cannot drift from what actually ran.
"""
import json
from pathlib import Path

VERSIONS = Path(__file__).parent.parent / "docs" / "figures" / "versions.json"
SHOWN = {"torch": "PyTorch", "tensorflow": "TensorFlow", "keras": "Keras", "numpy": "NumPy"}


def on_config(config):
    packages = json.loads(VERSIONS.read_text(encoding="utf-8"))["packages"]
    config.extra["measured_with"] = ", ".join(
        f"{name} {packages[package]}" for package, name in SHOWN.items())
    return config
