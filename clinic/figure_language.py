"""Figures and results tables in another language, translated from the English ones.

The English figure is the source: figures/<topic>.py draws it, then every text the
reader sees (titles, axis labels, tick labels, legend entries, annotations) goes through
the language's table, figures/<language>.py:

    TEXT = {"English": "translation", ...}       exact strings
    PATTERNS = [(r"regex", r"replacement"), ...] strings with numbers (re.fullmatch)
    ALLOWED = {"PyTorch", "ReLU", ...}           Latin words that stay as they are

The same table translates the generated Markdown tables, cell by cell. A text with a
Latin word (two letters or more, no underscore, outside $math$ and `code`) that the table
neither translates nor allows fails the render, listing every such text: a figure is
never published half in English. Numbers, math and code pass through untouched.

Chinese text is measured with a metrics-only font made here (every CJK ideograph and
full-width punctuation mark one em wide, as in every CJK font), so the layout is the same
on every machine whatever fonts it has; the SVG then names real CJK fonts for the browser.
"""
import functools
import hashlib
import importlib
import io
import os
import re
import tempfile
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.ticker import Formatter

MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$")
CODE = re.compile(r"`[^`]*`")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*")
CELL_SEPARATOR = re.compile(r"(?<!\\)\|")

# Measuring CJK text: one glyph, one em wide, for every code point in these ranges.
METRICS_FAMILY = "Gradient Clinic CJK metrics"
CJK_RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。《》「」【】
    (0x3400, 0x4DBF),  # CJK unified ideographs, extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF01, 0xFF60),  # full-width forms: ，：；（）！？
    (0xFFE0, 0xFFE6),
)
# What the browser uses: the English figures' list, CJK fonts before the generic family.
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
             "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei"]


class Untranslated(ValueError):
    pass


class Translator:
    """Translates a text through figures/<language>.py; remembers what it could not."""

    def __init__(self, language: str):
        table = importlib.import_module(f"figures.{language}")
        self.language = language
        self.exact = table.TEXT
        self.patterns = [(re.compile(pattern), replacement)
                         for pattern, replacement in getattr(table, "PATTERNS", [])]
        self.allowed = set(table.ALLOWED)
        self.missing: list[str] = []
        self.unshowable: list[str] = []  # translations with characters no font here has

    def foreign_words(self, text: str) -> list[str]:
        """Latin words outside math and code that the table does not allow."""
        prose = CODE.sub(" ", MATH.sub(" ", text))
        return [word for word in WORD.findall(prose)  # h_l, W_Q, max_norm: symbols
                if len(word) > 1 and "_" not in word and word not in self.allowed]

    def __call__(self, text: str) -> str:
        if text in self.exact:
            return self.exact[text]
        for pattern, replacement in self.patterns:
            match = pattern.fullmatch(text)
            if match:
                translated = match.expand(replacement)
                if not self.foreign_words(translated):  # a group may carry English words
                    return translated
        if self.foreign_words(text):
            if text not in self.missing:
                self.missing.append(text)
        return text

    def check(self, what: str) -> None:
        if self.missing:
            listed = "\n".join(f"  {text!r}" for text in self.missing)
            raise Untranslated(
                f"{what}: no {self.language} translation in figures/{self.language}.py "
                f"for:\n{listed}\n(add each to TEXT or PATTERNS, or its words to ALLOWED)")
        if self.unshowable:
            raise Untranslated(f"{what}: characters neither DejaVu Sans nor the CJK ranges "
                               f"cover, in: {self.unshowable}")


class _TranslatedFormatter(Formatter):
    """Tick labels are made while drawing: translate what the axis' formatter gives."""

    def __init__(self, inner: Formatter, translate: Translator):
        self.inner, self.translate = inner, translate

    def __call__(self, x, pos=None):
        return self.translate(self.inner(x, pos))

    def format_ticks(self, values):
        return [self.translate(label) for label in self.inner.format_ticks(values)]

    def set_locs(self, locs):
        self.inner.set_locs(locs)

    def get_offset(self):
        return self.translate(self.inner.get_offset())

    def format_data(self, value):
        return self.inner.format_data(value)

    def format_data_short(self, value):
        return self.inner.format_data_short(value)

    def set_axis(self, axis):
        self.axis = axis  # the inner formatter keeps the axis it was given


def translate_figure(figure, translate: Translator) -> None:
    """Translate every text of a drawn figure in place (tick labels when drawn)."""
    tick_texts = set()
    for axes in figure.findobj(Axes):
        for axis in (getattr(axes, name) for name in ("xaxis", "yaxis", "zaxis")
                     if hasattr(axes, name)):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_texts |= {id(tick.label1), id(tick.label2)}
            tick_texts.add(id(axis.offsetText))
            # Shared axes share their formatters: wrap each one once.
            if not isinstance(axis.get_major_formatter(), _TranslatedFormatter):
                axis.set_major_formatter(
                    _TranslatedFormatter(axis.get_major_formatter(), translate))
            if not isinstance(axis.get_minor_formatter(), _TranslatedFormatter):
                axis.set_minor_formatter(
                    _TranslatedFormatter(axis.get_minor_formatter(), translate))
    for text in figure.findobj(Text):
        if id(text) not in tick_texts and text.get_text():
            text.set_text(translate(text.get_text()))
            if not coverable(text.get_text()):
                translate.unshowable.append(text.get_text())


def translate_table(markdown: str, translate: Translator) -> str:
    """A Markdown table with its header and word cells translated, spacing kept."""
    lines = []
    for line in markdown.split("\n"):
        if not line.startswith("|"):
            lines.append(translate(line) if line.strip() else line)
            continue
        cells = CELL_SEPARATOR.split(line)
        for index, cell in enumerate(cells[1:-1], 1):
            text = cell.strip()
            if text and not re.fullmatch(r":?-+:?", text):
                start = cell.index(text)
                cells[index] = cell[:start] + translate(text) + cell[start + len(text):]
        lines.append("|".join(cells))
    return "\n".join(lines)


@functools.cache
def metrics_font() -> Path:
    """A font with one glyph, a 1 em square, for every CJK code point: for measuring."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def glyph(box):
        pen = TTGlyphPen(None)
        if box:
            left, bottom, right, top = box
            pen.moveTo((left, bottom))
            pen.lineTo((left, top))
            pen.lineTo((right, top))
            pen.lineTo((right, bottom))
            pen.closePath()
        return pen.glyph()

    builder = FontBuilder(1000, isTTF=True)
    builder.setupHead(unitsPerEm=1000, created=0, modified=0)  # the same bytes every time
    builder.font.recalcTimestamp = False
    builder.setupGlyphOrder([".notdef", "cjk"])
    builder.setupCharacterMap({code: "cjk" for first, last in CJK_RANGES
                               for code in range(first, last + 1)})
    builder.setupGlyf({".notdef": glyph(None), "cjk": glyph((40, -80, 960, 840))})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "cjk": (1000, 40)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": METRICS_FAMILY, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    built = io.BytesIO()
    builder.save(built)
    # One file per content, shared by processes (pytest-xdist workers); written atomically.
    content = built.getvalue()
    path = Path(tempfile.gettempdir()) / \
        f"gradient-clinic-cjk-metrics-{hashlib.sha256(content).hexdigest()[:12]}.ttf"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(content)
        os.replace(partial, path)
    font_manager.fontManager.addfont(str(path))
    return path


def style(language: str) -> dict:
    """rcParams for drawing a figure in this language (none for English)."""
    if language != "zh":
        return {}
    metrics_font()
    # Latin measured with DejaVu Sans (as in the English figures), CJK with the metrics
    # font; the generic family writes the English figures' font list into the SVG.
    return {"font.family": ["DejaVu Sans", METRICS_FAMILY, "sans-serif"]}


def finish_svg(svg: str, language: str) -> str:
    """The SVG as the browser gets it: the metrics font is for matplotlib only; real CJK
    fonts go after the English list, before the generic family."""
    if language != "zh":
        return svg
    svg = svg.replace(f"'{METRICS_FAMILY}', ", "")
    cjk = ", ".join(f"'{name}'" for name in CJK_FONTS)
    return re.sub(r"(font-family: [^;\"]*), sans-serif([;\"])", rf"\1, {cjk}, sans-serif\2", svg)


def coverable(text: str) -> bool:
    """Whether every character has a glyph in DejaVu Sans or the CJK ranges."""
    dejavu = _dejavu_charmap()
    return all(ord(char) in dejavu or any(first <= ord(char) <= last
                                          for first, last in CJK_RANGES)
               for char in MATH.sub("", text) if not char.isspace())


@functools.cache
def _dejavu_charmap() -> set[int]:
    from matplotlib.ft2font import FT2Font
    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
    return set(FT2Font(path).get_charmap())
