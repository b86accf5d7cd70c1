"""Figures drawn from the numbers that the pages' own snippets compute.

A figure is a module figures/<topic>.py that names the snippets it draws on
(SNIPPETS: tab label -> path), picks the numbers it needs from what they leave in
their top-level variables (collect), draws them (draw), and asserts the sentence the
page says about them (check). For each, docs/figures/ holds <topic>.json (the numbers)
and <topic>.light.svg / <topic>.dark.svg, drawn from that JSON.

Numbers a page quotes come from the same JSON, never from a hand edit:
- tables(data) -> {name: Markdown}: written to docs/figures/<topic>.<name>.md, which
  the page includes with --8<--; the tests require the file to be exactly what the
  committed JSON gives.
- quotes(data) -> {page under docs/: [text, ...]}: strings (numbers as the page writes
  them) that must appear verbatim on that page; editing one on the page fails the tests.
  Every measured number in a figure's alt text is in such a quote; the numbers the
  experiment sets rather than measures (layers 1 to 20, 50 steps) are listed in the
  module's ALT_TEXT_SETUP, phrases of its alt text. A digit the two leave uncovered fails
  the tests.
A module without draw() is a results module: JSON, tables and quotes, no drawing.

The tests recompute every number and compare it with the committed JSON within 2 %
(SAME_NUMBER). Some numbers are float rounding itself (the error of a sum, a gradient at
the rounding floor) or the end of a training run that amplifies rounding; their size
depends on the kernels a processor's math libraries pick, so another CPU gives another
value ("Completely reproducible results are not guaranteed across PyTorch releases,
individual commits, or different platforms": https://pytorch.org/docs/stable/notes/
randomness.html; TensorFlow's oneDNN says the same when it starts). A module
declares the keys of such numbers in VARIES_BY_CPU, with the reason; they are compared
within a factor of 10 (SAME_ORDER_OF_MAGNITUDE), and its check() asserts the page's
claim on the fresh numbers, with margins that hold on any CPU. A number that is nothing
but rounding (below what float32 resolves) can differ by more than that: a module's
comparable(data) replaces it, in both the fresh and the committed data, by the bound its
snippets assert, so that the test compares the bound.

Every figure and table is also written in each language of TRANSLATIONS, translated from
the English one through figures/<language>.py (clinic/figure_language.py):
<topic>.<theme>.<language>.svg and <topic>.<name>.<language>.md, which the site's i18n
plugin serves in place of the English files on that language's pages.

    python -m clinic.figures                   # recompute and redraw every figure
    python -m clinic.figures <topic>           # just one
    python -m clinic.figures --redraw [topic]  # redraw SVGs and tables from the committed
                                               # JSON, running no snippet
"""
import importlib
import io
import json
import math
import sys
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("svg")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from clinic import figure_language  # noqa: E402
from clinic.pages import DOCS, ROOT  # noqa: E402
from clinic.run import run_python  # noqa: E402

OUTPUT = DOCS / "figures"
SIGNIFICANT_DIGITS = 4
ENGLISH = "en"
TRANSLATIONS = ("zh",)  # figures/zh.py: the translation table, not a topic
LANGUAGES = (ENGLISH, *TRANSLATIONS)
THEMES = {
    # Okabe-Ito colours, readable for colour-blind readers; lighter ones on dark.
    "light": {"text": "#222222", "grid": "#d0d0d0",
              "colors": ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]},
    "dark": {"text": "#e6e6e6", "grid": "#555555",
             "colors": ["#FF8A3D", "#56B4E9", "#3CCB9B", "#E6A0C8", "#F0C040", "#A8D8F0"]},
}


# One line style per framework on every figure; the colour says the configuration.
LINESTYLES = {"PyTorch": "-", "Keras": "--"}
# Head of a results-table column that lists what the snippets assert (figures/zh.py translates it).
ASSERTED_COLUMN = "Asserted, for every seed tried"


def times_ten(value: float, digits: int = 1) -> str:
    """A number as LaTeX m×10^k, with `digits` decimals in m: $1.3\\times10^{-12}$."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"${mantissa}\\times10^{{{int(exponent)}}}$"


def in_words(count: int) -> str:
    """A small count as prose writes it: 2 -> "two"."""
    assert 1 <= count <= 9, f"{count}: the text needs another wording"
    return ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"][count - 1]


def e_notation(value: float, digits: int = 0) -> str:
    """A number as alt text writes it, with `digits` decimals in the mantissa: 3e-27, 1.4e4."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def significant(value: float, digits: int = 1) -> str:
    """The value to `digits` significant digits, as text says a level: 128.5 -> 100, 3.16 -> 3."""
    return f"{float(f'{value:.{digits}g}'):g}"


def span(values, style=e_notation) -> str:
    """The frameworks' values as the text writes them: '6e5', or '3e12–4e12' where they
    round apart."""
    return "–".join(dict.fromkeys(style(value) for value in sorted(values)))


def alike(values, style=None):
    """The one text (or value) every line's number gives, as the alt text writes it: "4" is
    said of 4.15 and 3.75 with style "{:.0f}".format; where they differ it fails, so that the
    text says how the lines differ."""
    found = {style(value) if style else value for value in values}
    assert len(found) == 1, f"the lines give {sorted(map(str, found))}: say how they differ"
    return found.pop()


def _to_significant(value: float, significant: int, rounding: str) -> float:
    # In decimal, so that 1.1 stays 1.1 (binary floats would carry it up to 1.2).
    exact = Decimal(repr(value))
    step = Decimal(1).scaleb(exact.adjusted() - significant + 1)
    return float(exact.quantize(step, rounding=rounding))


def round_down(value: float, significant: int = 1) -> float:
    """The value cut down to `significant` digits, for "above …" and "between …": 188 -> 100."""
    return _to_significant(value, significant, ROUND_FLOOR)


def round_up(value: float, significant: int = 1) -> float:
    """The value raised to `significant` digits, for "below …" and "between …": 387 -> 400."""
    return _to_significant(value, significant, ROUND_CEILING)


def framework_legend_handles() -> list[Line2D]:
    """Legend entries that say which line style is which framework."""
    return [Line2D([], [], color="grey", linestyle=style, label=framework)
            for framework, style in LINESTYLES.items()]


def topics() -> list[str]:
    return sorted(path.stem.replace("_", "-") for path in (ROOT / "figures").glob("[!_]*.py")
                  if path.stem not in TRANSLATIONS)


def spec(topic: str) -> ModuleType:
    return importlib.import_module(f"figures.{topic.replace('-', '_')}")


SAME_NUMBER = 0.02  # relative tolerance (math.isclose) for a recomputed number
SAME_ORDER_OF_MAGNITUDE = 0.9  # within a factor of 10, same sign


def varies_by_cpu(topic: str) -> frozenset[str]:
    """The data keys whose numbers differ between processors (see the module's reason)."""
    return frozenset(getattr(spec(topic), "VARIES_BY_CPU", ()))


def comparable(topic: str, data: dict) -> dict:
    """The data as the tests compare it between processors (the module's comparable())."""
    return getattr(spec(topic), "comparable", lambda same: same)(data)


def json_path(topic: str) -> Path:
    return OUTPUT / f"{topic}.json"


def _suffix(language: str) -> str:
    return "" if language == ENGLISH else f".{language}"


def svg_path(topic: str, theme: str, language: str = ENGLISH) -> Path:
    return OUTPUT / f"{topic}.{theme}{_suffix(language)}.svg"


def table_path(topic: str, name: str, language: str = ENGLISH) -> Path:
    return OUTPUT / f"{topic}.{name}{_suffix(language)}.md"


def draws(topic: str) -> bool:
    return hasattr(spec(topic), "draw")


def tables(topic: str, data: dict, language: str = ENGLISH) -> dict[str, str]:
    """{name: Markdown text} of the topic's generated tables (none if it has none).

    In another language, header and word cells are translated; a word cell the table
    does not translate raises figure_language.Untranslated."""
    made = getattr(spec(topic), "tables", lambda data: {})(data)
    made = {name: text.strip("\n") + "\n" for name, text in made.items()}
    if language == ENGLISH:
        return made
    translate = figure_language.Translator(language)
    translated = {name: figure_language.translate_table(text, translate)
                  for name, text in made.items()}
    translate.check(f"{topic}'s tables")
    return translated


def quotes(topic: str, data: dict) -> dict[str, list[str]]:
    """{page relative to docs/: [text the page must contain]}."""
    return getattr(spec(topic), "quotes", lambda data: {})(data)


def expected_files(topic: str) -> set[Path]:
    """What docs/figures/ must hold for this topic."""
    files = {json_path(topic)}
    names = tables(topic, committed_data(topic))
    for language in LANGUAGES:
        if draws(topic):
            files |= {svg_path(topic, theme, language) for theme in THEMES}
        files |= {table_path(topic, name, language) for name in names}
    return files


class SnippetFailed(RuntimeError):
    pass


def _rounded(value):
    if isinstance(value, float) and math.isfinite(value) and value != 0:
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value


def compute(topic: str) -> dict:
    """Run the topic's snippets as a reader would and collect the figure's numbers."""
    figure = spec(topic)
    exports = {}
    for label, path in figure.SNIPPETS.items():
        run = run_python((ROOT / path).read_text(encoding="utf-8"))
        if run.returncode != 0:
            raise SnippetFailed(f"{path} failed:\n{run.describe()}")
        exports[label] = run.exports
    return _rounded(figure.collect(exports))


def committed_data(topic: str) -> dict:
    return json.loads(json_path(topic).read_text(encoding="utf-8"))


def render(topic: str, data: dict, theme: str, language: str = ENGLISH) -> str:
    """The figure as SVG text; the same data, theme and language always give the same bytes.

    In another language every text is translated after drawing; a text the table does not
    translate raises figure_language.Untranslated."""
    colors = THEMES[theme]
    style = {
        "svg.hashsalt": "gradient-clinic",
        "svg.fonttype": "none",  # text stays text: smaller, and searchable
        "font.size": 10,
        "text.color": colors["text"],
        "axes.labelcolor": colors["text"],
        "axes.edgecolor": colors["text"],
        "xtick.color": colors["text"],
        "ytick.color": colors["text"],
        "grid.color": colors["grid"],
        "axes.grid": True,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "legend.frameon": False,
        "axes.prop_cycle": matplotlib.cycler(color=colors["colors"]),
    }
    style |= figure_language.style(language)
    with matplotlib.rc_context(style):
        figure = Figure(figsize=getattr(spec(topic), "SIZE", (8, 3.6)), layout="constrained")
        spec(topic).draw(figure, data)
        if language != ENGLISH:
            translate = figure_language.Translator(language)
            figure_language.translate_figure(figure, translate)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    if language != ENGLISH:
        translate.check(f"{topic}'s figure")  # tick labels are translated while saving
    return figure_language.finish_svg(buffer.getvalue(), language)


def write(topic: str) -> None:
    """Recompute the topic's numbers (running its snippets), then draw from them."""
    data = compute(topic)
    spec(topic).check(data)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    json_path(topic).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    draw_files(topic, data, [json_path(topic)])


def redraw(topic: str) -> None:
    """Draw the topic's SVGs and tables, in every language, from the committed JSON."""
    draw_files(topic, committed_data(topic), [])


def draw_files(topic: str, data: dict, written: list[Path]) -> None:
    for language in LANGUAGES:
        if draws(topic):
            for theme in THEMES:
                path = svg_path(topic, theme, language)
                path.write_text(render(topic, data, theme, language), encoding="utf-8")
                written.append(path)
        for name, text in tables(topic, data, language).items():
            table_path(topic, name, language).write_text(text, encoding="utf-8")
            written.append(table_path(topic, name, language))
    print("wrote " + ", ".join(str(path.relative_to(ROOT)) for path in written))


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--redraw"]:
        for name in arguments[1:] or topics():
            redraw(name)
    else:
        for name in arguments or topics():
            write(name)
