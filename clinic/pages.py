"""Read the pages as readers get them: includes expanded, code fences found.

Includes are expanded by pymdownx.snippets itself, configured from mkdocs.yml, so
the text tested is the text the site shows. Fences are found by pytest-codeblocks'
parser; a second, stricter scan finds every fence that *looks* like Python, so that
a block pytest-codeblocks would silently skip (```py, ```python title="x.py", ~~~python)
is reported instead of ignored.
"""
import io
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml
from pytest_codeblocks import extract_from_buffer

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = DOCS / "figures"  # figures and the tables pages include; not pages themselves
PYTHON_LANGUAGES = {"py", "python", "python3", "py3", "pycon", "ipython"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+["'](?P<path>[^"']+)["']\s*$""")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # where the fence opens, in the expanded page
    code: str
    source: str  # the included file, or "inline"

    @property
    def label(self) -> str:
        return f"line {self.line} ({self.source})"


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name tags; they are irrelevant here."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _LenientLoader)


def snippets_config() -> dict:
    for extension in mkdocs_config().get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            settings = dict(extension["pymdownx.snippets"] or {})
            settings["base_path"] = [str(ROOT / base) for base in settings.get("base_path", ["."])]
            return settings
    raise LookupError("mkdocs.yml does not enable pymdownx.snippets")


def expand_includes(page: Path) -> str:
    """The page's Markdown after pymdownx.snippets, exactly as the site renders it."""
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": snippets_config()})
    lines = page.read_text(encoding="utf-8").split("\n")
    return "\n".join(md.preprocessors["snippet"].run(lines))


TRANSLATIONS = ("zh",)  # docs/<page>.zh.md translates docs/<page>.md (mkdocs-static-i18n)


def is_page(path: Path) -> bool:
    """An English page: Markdown or a notebook under docs/, not a generated table."""
    return path.suffix in (".md", ".ipynb") and DOCS in path.parents \
        and GENERATED not in path.parents and language(path) == "en"


def language(path: Path) -> str:
    """'zh' for docs/<page>.zh.md, 'en' for every other file."""
    suffixes = path.suffixes
    return suffixes[-2].lstrip(".") if len(suffixes) > 1 and \
        suffixes[-2].lstrip(".") in TRANSLATIONS else "en"


def translation(page: Path, language: str = "zh") -> Path:
    """Where the translation of an English page lives: docs/x.md -> docs/x.zh.md."""
    return page.with_suffix(f".{language}{page.suffix}")


def pages() -> list[Path]:
    """Every English Markdown page under docs/ (not the generated tables it includes).
    Translations share its code blocks (tests/test_translations.py), so they are
    tested through it."""
    return sorted(path for path in DOCS.rglob("*.md") if is_page(path))


def site_pages() -> list[Path]:
    """Every English page the site builds: Markdown pages and notebooks."""
    return sorted(path for path in DOCS.rglob("*") if is_page(path))


def python_like_fences(text: str) -> list[tuple[int, str]]:
    """(line, opening line) of every fence whose language looks like Python."""
    found, open_fence = [], None
    for number, line in enumerate(text.split("\n"), 1):
        match = FENCE.match(line)
        if not match:
            continue
        if open_fence is None:
            open_fence = match["fence"]
            info = match["info"].strip()
            language = info.split()[0].strip("{}.") if info else ""
            if language.split("=")[-1] in PYTHON_LANGUAGES or language.startswith("python"):
                found.append((number, line.strip()))
        elif match["fence"].startswith(open_fence) and not match["info"].strip():
            open_fence = None
    return found


def _sources(page: Path) -> list[str]:
    """For each ```python block of the unexpanded page: its include target, or 'inline'."""
    raw = extract_from_buffer(io.StringIO(page.read_text(encoding="utf-8")))
    sources = []
    for block in raw:
        if block.syntax == "python":
            lines = [line for line in block.code.splitlines() if line.strip()]
            match = INCLUDE.match(lines[0]) if len(lines) == 1 else None
            sources.append(match["path"] if match else "inline")
    return sources


def python_blocks(page: Path) -> list[Block]:
    expanded = extract_from_buffer(io.StringIO(expand_includes(page)))
    python = [block for block in expanded if block.syntax == "python"]
    sources = _sources(page)
    # An include leaves a blank line before the closing fence; the page shows none.
    return [Block(page, block.lineno, block.code.rstrip("\n") + "\n", source)
            for block, source in zip(python, sources, strict=True)]


def untestable_fences(page: Path) -> list[str]:
    """Why each Python-looking fence on the page would not run as a test."""
    text = expand_includes(page)
    problems = []
    for line, opening in python_like_fences(text):
        if opening != "```python":
            problems.append(f"line {line}: `{opening}` is not exactly ```python, "
                            "so pytest-codeblocks would skip it")
    for block in extract_from_buffer(io.StringIO(text)):
        if block.marks or block.importorskip:
            problems.append(f"line {block.lineno}: skip or mark comments are not allowed")
        if block.syntax in ("sh", "bash"):
            problems.append(f"line {block.lineno}: ```{block.syntax} blocks would be executed; "
                            "use ```shell for commands shown to readers")
    return problems
