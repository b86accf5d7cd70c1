"""The gradient-flow explorer (docs/explorer.md) in a real browser.

What a reader does: change a control and see the chart and the address change; open a
shared link and find the same controls and chart; use only the keyboard; follow a preset
and go back. Every page's generic checks (console errors, off-site requests, axe in light
and dark, weight) run on this page too; here the chart's own colours are checked as well,
since axe does not judge lines in an SVG.
"""
import re

import pytest

EXPLORER = "explorer/"
SHARED = ("?depth=37&width=16&activation=tanh&init=orthogonal&norm=layer&residual=on"
          "&precision=float64&axis=fixed")
SELECTS = {"#gfe-activation": "activation", "#gfe-initialization": "init",
           "#gfe-normalization": "norm", "#gfe-precision": "precision"}  # control → parameter


def gradient_line(page) -> str:
    return page.locator("#gfe-gradient-chart path.gfe-line").get_attribute("d")


def wait_for_new_line(page, before: str):
    page.wait_for_function(
        "(before) => document.querySelector('#gfe-gradient-chart path.gfe-line')"
        ".getAttribute('d') !== before", arg=before)


def controls(page) -> dict:
    return page.evaluate("""() => ({
        depth: document.querySelector('#gfe-depth').value,
        width: document.querySelector('#gfe-width').value,
        activation: document.querySelector('#gfe-activation').value,
        init: document.querySelector('#gfe-initialization').value,
        norm: document.querySelector('#gfe-normalization').value,
        residual: document.querySelector('#gfe-residual').checked ? 'on' : 'off',
        precision: document.querySelector('#gfe-precision').value,
        axis: document.querySelector('#gfe-axis').checked ? 'fixed' : 'auto',
    })""")


def query(page) -> dict:
    return dict(re.findall(r"(\w+)=([^&]*)", page.url.split("?", 1)[1]))


@pytest.fixture
def explorer(visit):
    loaded = visit(EXPLORER)
    loaded.page.locator("#gfe-gradient-chart path.gfe-line").wait_for()
    return loaded


def test_changing_a_control_redraws_the_chart_and_updates_the_address(explorer):
    page = explorer.page
    before = gradient_line(page)
    page.select_option("#gfe-activation", "relu")
    wait_for_new_line(page, before)
    assert query(page)["activation"] == "relu"
    page.wait_for_function("document.querySelector('#gfe-summary').textContent.includes('ReLU')")
    assert explorer.console_errors == []


def test_a_shared_link_restores_the_controls_and_the_chart(explorer, visit):
    page = explorer.page  # set by hand: the same configuration as SHARED
    page.locator("#gfe-depth").fill("37")
    page.locator("#gfe-width").fill("16")
    page.select_option("#gfe-activation", "tanh")
    page.select_option("#gfe-initialization", "orthogonal")
    page.select_option("#gfe-normalization", "layer")
    page.locator("#gfe-residual").check()
    page.select_option("#gfe-precision", "float64")
    page.locator("#gfe-axis").check()
    page.wait_for_function("location.search.includes('axis=fixed')")
    page.wait_for_timeout(100)
    drawn_by_hand = gradient_line(page)

    shared = visit(EXPLORER + SHARED).page
    assert controls(shared) == {"depth": "37", "width": "16", "activation": "tanh",
                                "init": "orthogonal", "norm": "layer", "residual": "on",
                                "precision": "float64", "axis": "fixed"}
    assert gradient_line(shared) == drawn_by_hand
    assert shared.url.endswith(SHARED)
    assert shared.locator(".gfe-table tbody tr").count() == 37


def tab_to(page, element_id: str, presses: int = 80):
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_keyboard_alone_changes_depth_activation_and_residual(explorer):
    page = explorer.page
    before = gradient_line(page)
    tab_to(page, "gfe-depth")
    page.keyboard.press("ArrowRight")
    wait_for_new_line(page, before)
    assert query(page)["depth"] == "21"

    before = gradient_line(page)
    tab_to(page, "gfe-activation")
    page.keyboard.press("ArrowDown")
    wait_for_new_line(page, before)
    assert query(page)["activation"] == "tanh"

    before = gradient_line(page)
    tab_to(page, "gfe-residual")
    page.keyboard.press("Space")
    wait_for_new_line(page, before)
    assert query(page)["residual"] == "on"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_a_preset_sets_the_controls_and_back_restores_them(explorer):
    page = explorer.page
    start = controls(page)
    before = gradient_line(page)
    preset = page.locator("a.gfe-preset", has_text="BatchNorm alone, 100 layers")
    preset.click()
    wait_for_new_line(page, before)
    assert controls(page) == {"depth": "100", "width": "64", "activation": "relu",
                              "init": "he", "norm": "batch", "residual": "off",
                              "precision": "float32", "axis": "auto"}
    assert query(page) == {**controls(page)}
    banner = page.locator("#gfe-banner")
    assert banner.is_visible()
    assert banner.text_content().startswith("Preset: BatchNorm alone, 100 layers. What to look for: "
                                            "The forward pass stays normalized")
    assert banner.locator("a").get_attribute("href").endswith("remedies/normalization/")
    page.go_back()
    page.wait_for_function("document.querySelector('#gfe-depth').value === '20'")
    assert controls(page) == start
    assert not banner.is_visible()  # the default is no preset


def test_a_preset_link_from_another_page_shows_its_banner_until_a_control_changes(visit):
    page = visit(EXPLORER + "?depth=30&width=64&activation=sigmoid&init=xavier&norm=none"
                            "&residual=off").page
    banner = page.locator("#gfe-banner")
    assert "Preset: Sigmoid vanishes." in banner.text_content()
    assert "10¹⁵ times smaller" in banner.text_content()
    page.select_option("#gfe-activation", "tanh")  # (ReLU would be another preset)
    page.wait_for_function("document.querySelector('#gfe-banner').hidden")


def test_float32_overflows_to_inf_where_float64_reaches_1e148(visit):
    """The issue's case: ReLU with N(0, 1) weights over 100 layers."""
    page = visit(EXPLORER + "?depth=100&width=64&activation=relu&init=normal&norm=none"
                            "&residual=off").page
    assert controls(page)["precision"] == "float32"  # the default
    page.wait_for_function("document.querySelector('#gfe-summary').textContent !== ''")
    summary = page.locator("#gfe-summary").text_content()
    assert re.search(r"The forward pass overflows in float32 at layer \d+: its output holds inf",
                     summary)
    assert "times the last layer's" not in summary  # no ratio of infinities
    assert re.search(r"In float64 the first layer's weight gradient would be \d\.\de\+1\d\d",
                     summary)
    labels = page.locator("#gfe-activation-chart text.gfe-special").all_text_contents()
    assert labels == ["inf", "NaN"]
    assert page.locator("#gfe-gradient-chart text.gfe-special").all_text_contents() == ["NaN"]
    rows = page.locator(".gfe-table tbody tr td:nth-child(3)").all_text_contents()
    assert "inf" in rows

    page.select_option("#gfe-precision", "float64")
    page.wait_for_function("document.querySelector('#gfe-gradient-chart text.gfe-special')"
                           " === null")
    page.wait_for_function("document.querySelector('#gfe-summary').textContent"
                           ".includes('in float64. The first layer')")


def test_the_fixed_axis_spans_float32s_range_and_marks_what_lies_beyond(visit):
    page = visit(EXPLORER + "?depth=100&width=64&activation=relu&init=normal&norm=none"
                            "&residual=off&precision=float64&axis=fixed").page
    ticks = page.locator("#gfe-gradient-chart text.gfe-tick").all_text_contents()
    assert ticks[0] == "1e45" and "1e-45" in ticks
    assert page.locator("#gfe-gradient-chart text.gfe-special").all_text_contents() == ["> 1e45"]
    assert page.locator("#gfe-gradient-chart path.gfe-line").get_attribute("d") == ""
    page.locator("#gfe-axis").uncheck()  # fitted again: every value drawn
    page.wait_for_function("location.search.includes('axis=auto')")
    assert page.locator("#gfe-gradient-chart text.gfe-special").count() == 0


def test_every_option_runs_without_errors_at_the_largest_size(visit):
    loaded = visit(EXPLORER + "?depth=100&width=128")
    page = loaded.page
    for select, parameter in SELECTS.items():
        for value in page.locator(f"{select} option").evaluate_all(
                "(options) => options.map((option) => option.value)"):
            page.select_option(select, value)
            # drawn before the address changes; Xavier and LeCun draw the same line
            page.wait_for_function("(expected) => location.search.includes(expected)",
                                   arg=f"{parameter}={value}")
    page.locator("#gfe-residual").check()
    page.wait_for_function("location.search.includes('residual=on')")
    timing = page.locator("#gfe-timing").text_content()
    print(timing)
    assert re.fullmatch(r"One forward and backward pass: \d+ ms\.", timing)
    assert loaded.console_errors == []
    assert loaded.failed_requests == []


def test_inf_nan_and_zero_are_labelled_above_the_chart_not_plotted(explorer):
    drawn = explorer.page.evaluate("""async () => {
        const { drawChart } = await import('../javascripts/explorer/chart.mjs');
        const { describeSpecialValues } = await import('../javascripts/explorer/describe.mjs');
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        const values = [1, 10, Infinity, Infinity, NaN, 0.1, 0, 100];
        drawChart(svg, values);
        return {
            path: svg.querySelector('path.gfe-line').getAttribute('d'),
            labels: [...svg.querySelectorAll('text.gfe-special')].map((text) => text.textContent),
            marks: svg.querySelectorAll('.gfe-special-mark').length,
            note: describeSpecialValues({gradientNorms: values, activationStds: values}),
        };
    }""")
    assert drawn["labels"] == ["inf", "NaN", "0"]  # one label per run of equal values
    assert drawn["marks"] == 4
    assert drawn["path"].count("M") == 3  # the line breaks at each unplottable run
    assert not re.search(r"NaN|Infinity", drawn["path"])
    assert "inf in 2 of 8 layers" in drawn["note"] and "NaN in 1 of 8 layers" in drawn["note"]


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground, background):
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background) -> tuple:
    """An rgb()/rgba() CSS colour painted over an opaque background."""
    numbers = [float(number) for number in re.findall(r"[\d.]+", colour)]
    alpha = numbers[3] if len(numbers) == 4 else 1.0
    return tuple(alpha * value + (1 - alpha) * under for value, under in zip(numbers, background))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_is_readable_in_light_and_dark(visit, scheme):
    page = visit(EXPLORER, color_scheme=scheme).page
    colours = page.evaluate("""() => {
        const style = (selector) => getComputedStyle(document.querySelector(selector));
        return {
            background: getComputedStyle(document.body).backgroundColor,
            line: style('#gfe-gradient-chart .gfe-line').stroke,
            tick: style('#gfe-gradient-chart text.gfe-tick').fill,
        };
    }""")
    background = blend(colours["background"], (255, 255, 255))
    assert contrast(blend(colours["line"], background), background) >= 3  # WCAG 1.4.11
    assert contrast(blend(colours["tick"], background), background) >= 4.5  # WCAG 1.4.3


# --- The Chinese page (docs/explorer.zh.md, served at /zh/explorer/) ----------------------

ZH_EXPLORER = "zh/explorer/"


def test_the_chinese_page_runs_the_explorer_in_chinese(visit):
    loaded = visit(ZH_EXPLORER)
    page = loaded.page
    page.locator("#gfe-gradient-chart path.gfe-line").wait_for()
    assert page.evaluate("document.documentElement.lang") == "zh"
    labels = page.locator(".gfe-controls label").all_text_contents()
    assert labels == ["深度（层数）", "宽度（每层单元数）", "激活函数", "初始化", "规范化",
                      "残差连接：h + f(h)", "精度", "固定坐标轴：float32的完整范围，1e-45到1e45"]
    assert page.locator("#gfe-initialization option").all_text_contents() == [
        "N(0, 1)", "N(0, 0.01²)", "LeCun正态", "Xavier（Glorot）正态", "He（Kaiming）正态", "正交"]
    assert page.locator("#gfe-gradient-chart text.gfe-tick").last.text_content() == "层"
    assert page.locator("#gfe-link").text_content() == "此配置的链接"
    assert re.fullmatch(r"一次前向传播和反向传播：\d+ ms。",
                        page.locator("#gfe-timing").text_content())
    page.wait_for_function("document.querySelector('#gfe-summary').textContent !== ''")
    assert re.fullmatch(r"20层网络，宽度64，激活函数sigmoid，Xavier（Glorot）正态初始化，无规范化，"
                        r"无残差连接，以float32计算。第一层的权重梯度（.+）是最后一层（.+）的.+倍。"
                        r"最后一层输出的标准差为.+。", page.locator("#gfe-summary").text_content())
    assert loaded.console_errors == [] and loaded.failed_requests == []


def test_the_chinese_summary_says_float32_overflows_and_the_banner_names_the_preset(visit):
    page = visit(ZH_EXPLORER + "?depth=100&width=64&activation=relu&init=normal&norm=none"
                               "&residual=off").page
    page.wait_for_function("document.querySelector('#gfe-summary').textContent !== ''")
    summary = page.locator("#gfe-summary").text_content()
    assert re.search(r"前向传播在float32中于第\d+层上溢：该层输出含inf", summary)
    assert "倍" not in summary  # no ratio of infinities
    assert re.search(r"在float64中，第一层的权重梯度将是\d\.\de\+1\d\d", summary)
    banner = page.locator("#gfe-banner")
    assert banner.text_content().startswith("预设：N(0, 1)前向传播上溢，100层。看点：输出不断增大")
    assert banner.locator("a").get_attribute("href").endswith(
        "/zh/basics/math/#why-explosion-ends-in-inf-and-nan")
    assert page.locator("#gfe-note").text_content().startswith("并非每个数都能画在对数坐标上：")
    assert "float32最大值" in page.locator("#gfe-gradient-chart text").all_text_contents()

    page.select_option("#gfe-precision", "float64")
    page.wait_for_function("document.querySelector('#gfe-summary').textContent"
                           ".includes('以float64计算。第一层的权重梯度（')")
    assert page.locator("#gfe-banner").is_hidden()  # no preset computes this in float64
