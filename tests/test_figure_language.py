"""Figures and tables in Chinese: every word translated or the render fails."""
import io
import re

import matplotlib
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

import figures.zh
from clinic import figure_language, figures as clinic_figures
from clinic.figure_language import Translator, Untranslated


def test_an_untranslated_figure_text_fails_the_render_and_is_listed(monkeypatch):
    monkeypatch.delitem(figures.zh.TEXT, "gradient norm before clipping")
    monkeypatch.delitem(figures.zh.TEXT, "no clipping")
    data = clinic_figures.committed_data("gradient-clipping")
    with pytest.raises(Untranslated) as failure:
        clinic_figures.render("gradient-clipping", data, "light", "zh")
    assert "'gradient norm before clipping'" in str(failure.value)
    assert "'no clipping'" in str(failure.value)


def test_tick_labels_that_are_words_are_translated_and_checked():
    translate = Translator("zh")
    svg = io.StringIO()
    with matplotlib.rc_context(figure_language.style("zh") | {"svg.fonttype": "none"}):
        figure = Figure()
        left, right = figure.subplots(1, 2, sharey=True)  # shared: one formatter
        left.barh([0, 1], [1, 2])
        left.set(yticks=[0, 1], yticklabels=["no scaling", "words nobody translated"],
                 xlabel="step", title="e4m3")
        figure_language.translate_figure(figure, translate)
        figure.savefig(svg, format="svg")
    assert translate.missing == ["words nobody translated"]
    assert "不缩放" in svg.getvalue() and "步" in svg.getvalue()
    assert "e4m3" in svg.getvalue()  # allowed: stays as it is


@pytest.mark.parametrize("text", [
    "PyTorch", "ReLU + He", "max_norm=1", "$10^{-3}$", "0.704, 0.704", "1e-07", "< 1e-5",
    "‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖", "$\\mathdefault{10^{3}}$", "`clip_grad_norm_(params, 1.0)`",
])
def test_names_numbers_math_and_code_need_no_translation(text):
    translate = Translator("zh")
    assert translate(text) == text
    assert translate.missing == []


def test_a_pattern_translates_numbers_a_snippet_computes():
    translate = Translator("zh")
    assert translate("142 → 6.31 at step 49") == "142 → 6.31（第49步）"
    assert translate("7 → inf/NaN at step 12") == "7 → inf/NaN（第12步）"
    assert translate("layer 17") == "第17层"
    assert translate.missing == []


def test_a_pattern_that_leaves_english_words_is_a_miss():
    translate = Translator("zh")
    assert translate("big → gradients at step 3") == "big → gradients at step 3"
    assert translate.missing == ["big → gradients at step 3"]


def test_a_table_keeps_its_layout_numbers_math_and_code():
    translate = Translator("zh")
    table = ("| Run | loss, first → last (PyTorch) |\n"
             "| --- | :---: |\n"
             "| `max_norm=1` | 142 → 6.31 at step 49 |\n"
             "| no clipping | $10^{-3}$ |")
    assert figure_language.translate_table(table, translate) == (
        "| 运行 | 损失，首步 → 末步（PyTorch） |\n"
        "| --- | :---: |\n"
        "| `max_norm=1` | 142 → 6.31（第49步） |\n"
        "| 不裁剪 | $10^{-3}$ |")
    assert translate.missing == []


def test_an_untranslated_table_cell_fails_and_is_listed(monkeypatch):
    monkeypatch.delitem(figures.zh.TEXT, clinic_figures.ASSERTED_COLUMN)
    data = clinic_figures.committed_data("gradient-clipping")
    with pytest.raises(Untranslated, match=re.escape(repr(clinic_figures.ASSERTED_COLUMN))):
        clinic_figures.tables("gradient-clipping", data, "zh")


def test_the_chinese_svg_names_cjk_fonts_for_the_browser():
    svg = clinic_figures.svg_path("gradient-clipping", "light", "zh").read_text("utf-8")
    families = set(re.findall(r"font-family: ([^;\"]*)", svg))
    assert figure_language.METRICS_FAMILY not in svg
    text_families = [family for family in families if "sans-serif" in family]
    assert text_families and all(
        family.startswith("'DejaVu Sans'") and family.endswith(
            ", ".join(f"'{name}'" for name in figure_language.CJK_FONTS) + ", sans-serif")
        for family in text_families)
    assert "训练损失（MSE）" in svg


def test_drawing_in_chinese_leaves_the_english_figure_as_it_was():
    data = clinic_figures.committed_data("fp8")
    clinic_figures.render("fp8", data, "dark", "zh")
    english = clinic_figures.render("fp8", data, "dark")
    assert english == clinic_figures.svg_path("fp8", "dark").read_text(encoding="utf-8")
    assert "Noto Sans CJK SC" not in english


def test_chinese_text_is_measured_one_em_per_character():
    """Layout must not depend on the fonts installed: CJK is measured with the metrics font."""
    with matplotlib.rc_context(figure_language.style("zh")):
        renderer = RendererAgg(100, 100, 72)
        width, _, _ = renderer.get_text_width_height_descent(
            "梯度范数", FontProperties(size=10), ismath=False)
    assert width == pytest.approx(4 * 10, rel=0.01)
