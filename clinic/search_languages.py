"""MkDocs hook: one search index per language (mkdocs.yml `hooks:`).

mkdocs-static-i18n 1.3.1 stacks the English and the Chinese pages into one index at
search/search_index.json, so "GradScaler" on an English page could rank a Chinese page
first. After it has written that index, this hook moves the Chinese entries to
zh/search/search_index.json, with their locations relative to zh/; Chinese pages look
there (overrides/main.html points their search at zh/). With the offline plugin, the
search_index.js copies are rewritten to match.
"""
import json
from pathlib import Path

from mkdocs.plugins import event_priority

CHINESE = "zh/"


def _write(folder: Path, index: dict, offline: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    if offline:
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


@event_priority(-110)  # after mkdocs-static-i18n (-100) has written the stacked index
def on_post_build(config):
    site = Path(config.site_dir)
    english = site / "search" / "search_index.json"
    if not english.exists():
        return
    index = json.loads(english.read_text(encoding="utf-8"))
    chinese = [entry for entry in index["docs"] if entry["location"].startswith(CHINESE)]
    if not chinese:  # already split (the hook also runs inside the Chinese build)
        return
    offline = (site / "search" / "search_index.js").exists()
    index["docs"] = [entry for entry in index["docs"] if entry not in chinese]
    _write(english.parent, index, offline)
    for entry in chinese:
        entry["location"] = entry["location"].removeprefix(CHINESE)
    _write(site / "zh" / "search", {**index, "docs": chinese}, offline)
