"""The Chinese edition: docs/<page>.zh.md (or .zh.ipynb) translates docs/<page>.md.

A translation shows what its English page shows: the same code blocks in the same order
(so each block is tested once, on the English page), the same figures, the same heading
anchors, every number the English prose states (a number is a measurement: it may not be
dropped or drift); where it quotes the source article, it quotes the article's own Chinese
words.

Each translation records which version of its English page it translates: front matter
`translation_of:` (a notebook: metadata `translation_of`), the first 12 hex digits of the
SHA-256 of the English page (of a notebook's Markdown cells only: re-running it does not
make its translation stale). When the English page changes and the translation does not,
this MkDocs hook puts a notice on the Chinese page that links the English one, and the
test command lists the page.

    python -m clinic.translations check [PAGE ...]   # differences from the English pages
    python -m clinic.translations stamp PAGE ...     # record the English version translated
    python -m clinic.translations stale              # translations behind their English page
"""
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

# MkDocs loads this file as a hook, where clinic/ may not be importable: it stands alone
# (clinic.pages is imported only by the checks, which run from the repository).
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SOURCE_ARTICLE = Path(__file__).resolve().parent / "source-article.zh.txt"
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
RECORD = re.compile(r"^translation_of: *(\S+) *$", re.MULTILINE)
# The boxes that quote the source article: "原文的说法…", "原文遗漏的内容".
ARTICLE_BOX = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?) *\w+ +"原文[^"]*" *$')
QUOTE = re.compile(r"“([^”]+)”")


def english_of(translation: Path) -> Path:
    return translation.with_suffix("").with_suffix(translation.suffix)


def translations() -> list[Path]:
    generated = DOCS / "figures"
    return sorted(path for pattern in ("*.zh.md", "*.zh.ipynb") for path in DOCS.rglob(pattern)
                  if generated not in path.parents)


def fingerprint(english: Path) -> str:
    if english.suffix == ".ipynb":
        cells = json.loads(english.read_text(encoding="utf-8"))["cells"]
        text = json.dumps([cell["source"] for cell in cells if cell["cell_type"] == "markdown"])
        data = text.encode("utf-8")
    else:
        data = english.read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


def recorded(translation: Path) -> str | None:
    """The fingerprint of the English version this translation translates."""
    text = translation.read_text(encoding="utf-8")
    if translation.suffix == ".ipynb":
        return json.loads(text).get("metadata", {}).get("translation_of")
    front = FRONT_MATTER.match(text)
    found = RECORD.search(front.group(1)) if front else None
    return found.group(1) if found else None


def is_stale(translation: Path) -> bool:
    return recorded(translation) != fingerprint(english_of(translation))


def stale() -> list[Path]:
    return [path for path in translations() if is_stale(path)]


def stamp(translation: Path) -> None:
    """Record that the translation is up to date with its English page now."""
    value = fingerprint(english_of(translation))
    text = translation.read_text(encoding="utf-8")
    if translation.suffix == ".ipynb":
        notebook = json.loads(text)
        notebook.setdefault("metadata", {})["translation_of"] = value
        text = json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n"  # as nbformat
    elif not (front := FRONT_MATTER.match(text)):
        text = f"---\ntranslation_of: {value}\n---\n{text}"
    elif RECORD.search(front.group(1)):
        body = RECORD.sub(f"translation_of: {value}", front.group(1), count=1)
        text = f"---\n{body}---\n{text[front.end():]}"
    else:
        text = f"---\n{front.group(1)}translation_of: {value}\n---\n{text[front.end():]}"
    translation.write_text(text, encoding="utf-8")


# --- What a translation must keep ------------------------------------------------------

def _fences(page: Path) -> list[tuple[str, str]]:
    import io

    from pytest_codeblocks import extract_from_buffer

    from clinic.pages import expand_includes
    return [(block.syntax, block.code)
            for block in extract_from_buffer(io.StringIO(expand_includes(page)))]


def _images(text: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)


def heading_ids(text: str) -> list[str]:
    """The anchors of a page's headings, as the site's Markdown gives them."""
    import markdown
    md = markdown.Markdown(extensions=["toc", "attr_list", "admonition", "md_in_html",
                                       "pymdownx.details", "pymdownx.superfences",
                                       "pymdownx.tabbed"])
    md.convert(FRONT_MATTER.sub("", text))

    def walk(tokens):
        for token in tokens:
            yield token["id"]
            yield from walk(token["children"])
    return list(walk(md.toc_tokens))


def article_quotes(text: str) -> list[str]:
    """“…” spans in the boxes that quote the source article."""
    quotes, box_indent = [], None
    for line in text.split("\n"):
        if (match := ARTICLE_BOX.match(line)):
            box_indent = len(match["indent"])
            quotes.append("")
            continue
        if box_indent is not None:
            indent = len(line) - len(line.lstrip())
            if line.strip() and indent <= box_indent:
                box_indent = None
            else:
                quotes[-1] += line.strip()
    return [span for box in quotes for span in QUOTE.findall(box)]


def _without_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def misquotes(text: str) -> list[str]:
    """Article quotes that are not the article's words, verbatim."""
    article = _without_space(SOURCE_ARTICLE.read_text(encoding="utf-8"))
    return [quote for quote in article_quotes(text) if _without_space(quote) not in article]


# A number as prose writes it: 0.5, 2,000, 1e-13, 375 million, 3.75亿. Not the digits of a
# name (float32, e4m3, log2): a number starts a word, and CJK characters may precede it.
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?)"
                    r"(?:\s?(thousand|million|billion|万|亿))?")
MAGNITUDE = {"": 1, "thousand": 1e3, "million": 1e6, "billion": 1e9, "万": 1e4, "亿": 1e8}
NOT_PROSE = [
    FRONT_MATTER,
    re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2", re.DOTALL | re.MULTILINE),  # code blocks
    re.compile(r'--8<--\s*"[^"]*"'),  # included files: generated tables, checked apart
    re.compile(r"(?<=\])\([^)\s]*\)"),  # link and image targets
    re.compile(r"<https?://[^>]*>|\{#[^}]*\}"),  # bare links, heading anchors
]


def numbers(text: str) -> Counter:
    """The numbers a page's prose states (alt texts included, code and links not), as values."""
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return Counter(float(digits.replace(",", "")) * MAGNITUDE[scale]
                   for digits, scale in NUMBER.findall(text))


def lost_numbers(english_text: str, translated_text: str) -> list[str]:
    """Numbers the English prose states more often than the translation: a translation may
    write a digit where English writes a word ("nineteen"), never drop or change one."""
    lost = numbers(english_text) - numbers(translated_text)
    return [f"{value:g}" + (f" ({count}x)" if count > 1 else "")
            for value, count in sorted(lost.items())]


def _notebook_differences(translation: Path) -> list[str]:
    def cells(path):
        return json.loads(path.read_text(encoding="utf-8"))["cells"]
    english, translated = cells(english_of(translation)), cells(translation)
    if [c["cell_type"] for c in english] != [c["cell_type"] for c in translated]:
        return ["the cells differ in number or kind from the English notebook"]
    found = [f"code cell {number} (source or outputs) differs from the English notebook"
             for number, (en, zh) in enumerate(zip(english, translated), 1)
             if en["cell_type"] == "code" and
             (en["source"], en.get("outputs")) != (zh["source"], zh.get("outputs"))]

    def prose(cells):
        return "\n\n".join("".join(cell["source"]) for cell in cells
                            if cell["cell_type"] == "markdown")
    if (lost := lost_numbers(prose(english), prose(translated))):
        found.append(f"numbers the English notebook states and this one does not: "
                     f"{', '.join(lost)}")
    return found


def differences(translation: Path) -> list[str]:
    """How the translation fails to show what its English page shows."""
    english = english_of(translation)
    if not english.exists():
        return [f"no English page {english.relative_to(DOCS)}"]
    if translation.suffix == ".ipynb":
        return _notebook_differences(translation)
    en_text, zh_text = (path.read_text(encoding="utf-8") for path in (english, translation))
    found = []
    if _fences(english) != _fences(translation):
        found.append("its code blocks are not the English page's, in the same order")
    if _images(en_text) != _images(zh_text):
        found.append(f"figures {_images(zh_text)} != English {_images(en_text)}")
    if heading_ids(en_text) != heading_ids(zh_text):
        found.append(f"heading ids {heading_ids(zh_text)} != English {heading_ids(en_text)} "
                     "(end each heading with {#english-id})")
    if "translation_of" not in (FRONT_MATTER.match(zh_text) or [""])[0]:
        found.append("no `translation_of:` in the front matter "
                     "(python -m clinic.translations stamp PAGE)")
    if (lost := lost_numbers(en_text, zh_text)):
        found.append(f"numbers the English page states and this one does not: {', '.join(lost)}")
    found += [f"“{quote}” is not the article's words" for quote in misquotes(zh_text)]
    return found


# --- The MkDocs hook -------------------------------------------------------------------

NOTICE_TITLE = "本页译文落后于英文原版"
NOTICE_TEXT = ("英文页面在本译文完成后有过修改，下面的内容可能已经过时。"
               '请以<a href="{href}" hreflang="en">英文原版</a>为准。')


def _stale_translation_href(page) -> str | None:
    """The English page's URL, relative to a stale Chinese page; None if not one."""
    source = Path(page.file.abs_src_path)
    if source.suffixes[-2:-1] != [".zh"] or not is_stale(source):
        return None
    # page.url is zh/<path>/: the English page is <path>/, as many levels up as it is deep.
    return "../" * page.url.count("/") + page.url.removeprefix("zh/")


def on_page_markdown(markdown, page, config, files):
    href = _stale_translation_href(page)
    if href is None:
        return markdown
    notice = NOTICE_TEXT.format(href=href)
    return f'!!! warning "{NOTICE_TITLE}"\n    {notice}\n\n' + markdown


def on_page_content(html, page, config, files):
    """Notebooks: mkdocs-jupyter renders the .ipynb, not the page's Markdown."""
    href = _stale_translation_href(page) if page.file.src_uri.endswith(".ipynb") else None
    if href is None:
        return html
    return (f'<div class="admonition warning"><p class="admonition-title">{NOTICE_TITLE}</p>'
            f"<p>{NOTICE_TEXT.format(href=href)}</p></div>" + html)


def main(arguments: list[str]) -> int:
    command, chosen = (arguments[0] if arguments else "check"), arguments[1:]
    paths = [Path(path).resolve() for path in chosen] or translations()
    if command == "stamp":
        for path in paths:
            stamp(path)
            print(f"stamped {path.relative_to(ROOT)}")
        return 0
    if command == "stale":
        behind = [path for path in paths if is_stale(path)]
        print("\n".join(str(path.relative_to(ROOT)) for path in behind) or "none is stale")
        return 0
    failed = 0
    for path in paths:
        for problem in differences(path):
            failed += 1
            print(f"{path.relative_to(ROOT)}: {problem}")
    print(f"{len(paths)} translations checked, {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
