"""Loaded at start-up of every snippet that the tests run (it sits on PYTHONPATH).

When the snippet's process exits, its plain top-level variables (numbers, strings, and
lists and dicts of them) are written as JSON to the file named by CLINIC_EXPORTS, so
that figures can use the numbers the snippet computed without the snippet knowing.
"""
import atexit
import json
import os
import sys


MAX_ARRAY_ELEMENTS = 10_000


class _NotPlain(Exception):
    pass


def _plain(value):
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if hasattr(value, "tolist") and hasattr(value, "dtype"):  # numpy and torch values
        elements = value.numel() if hasattr(value, "numel") else value.size
        if elements > MAX_ARRAY_ELEMENTS:  # data sets and weights are not figure numbers
            raise _NotPlain
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {key: _plain(item) for key, item in value.items()}
    raise _NotPlain


def _export():
    exported = {}
    for name, value in vars(sys.modules["__main__"]).items():
        if name.startswith("_"):
            continue
        try:
            exported[name] = _plain(value)
        except _NotPlain:
            pass
    with open(os.environ["CLINIC_EXPORTS"], "w", encoding="utf-8") as handle:
        json.dump(exported, handle)


if os.environ.get("CLINIC_EXPORTS"):
    atexit.register(_export)
