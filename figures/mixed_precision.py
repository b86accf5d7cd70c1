"""What float16 keeps of a scaled gradient, and how the dynamic loss scale moves."""
import matplotlib
import math

from matplotlib.lines import Line2D

from clinic.figures import LINESTYLES, alike, framework_legend_handles, in_words

SNIPPETS = {
    "PyTorch": "snippets/torch/mixed_precision.py",
    "Keras": "snippets/keras/mixed_precision.py",
    "PyTorch loss scaling": "snippets/torch/mixed_precision_loss_scaling.py",
    "Keras loss scaling": "snippets/keras/mixed_precision_loss_scaling.py",
}
SIZE = (8, 3.8)
ALT_TEXT_SETUP = ("a loss scale of 2 to the k from 0 to 32", "over 16 steps")


def collect(exports):
    return {
        framework: {
            "scale_exponents": exports[framework]["scale_exponents"],
            "lost_to_zero": exports[framework]["lost_to_zero"],
            "lost_to_inf": exports[framework]["lost_to_inf"],
            "bfloat16_lost": exports[framework]["bfloat16_lost"],
            "scale_per_step": exports[f"{framework} loss scaling"]["scale_per_step"],
            "skipped_per_step": exports[f"{framework} loss scaling"]["skipped_per_step"],
        }
        for framework in LINESTYLES
    }


def draw(figure, data):
    lost_axes, scale_axes = figure.subplots(1, 2)
    zero_color, inf_color, scale_color, skip_color = (
        matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:4])
    for framework, measured in data.items():
        style = LINESTYLES[framework]
        exponents = measured["scale_exponents"]
        lost_axes.plot(exponents, [100 * value for value in measured["lost_to_zero"]], style,
                       marker=".", color=zero_color)
        lost_axes.plot(exponents, [100 * value for value in measured["lost_to_inf"]], style,
                       marker=".", color=inf_color)

        scales, skipped = measured["scale_per_step"], measured["skipped_per_step"]
        steps = range(len(scales))
        scale_axes.plot(steps, scales, style, drawstyle="steps-post", color=scale_color)
        scale_axes.plot([step for step in steps if skipped[step]],
                        [scales[step] for step in steps if skipped[step]],
                        "x", markersize=8, color=skip_color)
    lost_axes.set(xlabel="k, for a loss scale S = 2^k", ylim=(0, None),
                  ylabel="% of nonzero gradients lost in float16")
    scale_axes.set_yscale("log", base=2)
    scale_axes.set(xlabel="step", ylabel="dynamic loss scale S")
    handles = [Line2D([], [], color=zero_color, label="underflow to 0"),
               Line2D([], [], color=inf_color, label="overflow to inf"),
               Line2D([], [], color=scale_color, label="loss scale"),
               Line2D([], [], color=skip_color, marker="x", linestyle="none",
                      label="step skipped (inf gradient)")]
    handles += framework_legend_handles()
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8)


def check(data):
    for framework, measured in data.items():
        at = dict(zip(measured["scale_exponents"],
                      zip(measured["lost_to_zero"], measured["lost_to_inf"])))
        assert at[0][0] > 0.3, framework  # unscaled: a third to a half underflows
        assert at[16][0] < at[0][0] / 5 and at[16][1] == 0, framework
        assert at[24][1] == 0 and at[32][1] > 0.01, framework  # overflow only past 2**24
        assert measured["bfloat16_lost"] == 0, framework  # float32's range: nothing underflows
        assert measured["skipped_per_step"][:4] == [True] * 4, framework
        assert sum(measured["skipped_per_step"]) == 5, framework
    # Same rule, same numbers: the two loss scalers move in lockstep.
    assert data["PyTorch"]["scale_per_step"] == data["Keras"]["scale_per_step"]
    assert data["PyTorch"]["skipped_per_step"] == data["Keras"]["skipped_per_step"]
    # Different random weights, same experiment: the same curve, within a stated factor.
    for framework, measured in data.items():
        zero = measured["lost_to_zero"]
        assert all(later <= earlier for earlier, later in zip(zero, zero[1:])), framework
    torch_zero, keras_zero = data["PyTorch"]["lost_to_zero"], data["Keras"]["lost_to_zero"]
    assert 1 / 1.5 < torch_zero[0] / keras_zero[0] < 1.5
    for k, torch_value, keras_value in zip(data["PyTorch"]["scale_exponents"],
                                           torch_zero, keras_zero):
        if k <= 16:
            assert 1 / 5 < torch_value / keras_value < 5, k


def _percent(share):
    """52 %, 4.6 %, 0: as the page writes shares."""
    if share == 0:
        return "0"
    return f"{100 * share:.0f} %" if share >= 0.1 else f"{100 * share:.1f} %"


def tables(data):
    """float16's losses with and without a loss scale, and bfloat16's without one."""
    at = {framework: dict(zip(measured["scale_exponents"],
                              zip(measured["lost_to_zero"], measured["lost_to_inf"])))
          for framework, measured in data.items()}

    def cells(pick):
        return " | ".join(_percent(pick(at[framework])) for framework in LINESTYLES)

    bfloat16_cells = " | ".join(_percent(data[framework]["bfloat16_lost"])
                                for framework in LINESTYLES)

    rows = [
        "| Share of nonzero activation gradients lost | PyTorch | Keras | Asserted |",
        "| --- | --- | --- | --- |",
        f"| float16, no scaling: underflow to 0 | {cells(lambda a: a[0][0])} | more than 30 % |",
        f"| float16, $S = 2^{{16}}$: underflow to 0 | {cells(lambda a: a[16][0])} | "
        "less than a fifth of the unscaled share |",
        f"| float16, $S = 2^{{16}}$ and up to $2^{{24}}$: overflow to inf | "
        f"{cells(lambda a: max(a[k][1] for k in a if 16 <= k <= 24))} | none |",
        f"| float16, $S = 2^{{32}}$: overflow to inf | {cells(lambda a: a[32][1])} | more than 1 % |",
        f"| bfloat16, no scaling: underflow to 0 | {bfloat16_cells} | none (asserted exactly) |",
    ]
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    unscaled = [run["lost_to_zero"][run["scale_exponents"].index(0)] for run in (torch_run, keras_run)]
    scaled = [run["lost_to_zero"][run["scale_exponents"].index(16)] for run in (torch_run, keras_run)]
    skipped = sum(torch_run["skipped_per_step"])
    return {"remedies/mixed-precision.md": [
        f"({_percent(unscaled[0])} in PyTorch, {_percent(unscaled[1])} in Keras)",
        f"cuts that share to {_percent(scaled[0])} and {_percent(scaled[1])}",
        f"from {100 * unscaled[0]:.0f} percent (PyTorch) and {100 * unscaled[1]:.0f} percent (Keras)",
        f"{skipped} of {len(torch_run['skipped_per_step'])} steps are skipped",
        f"are {100 * min(unscaled):.0f}–{100 * max(unscaled):.0f} % zeros in float16",
        *_alt_text(data),
    ]}


def _alt_text(data):
    def at(key, k):
        return [run[key][run["scale_exponents"].index(k)] for run in data.values()]

    def under(shares):
        """The next whole percent above the largest share: 4.6 % -> 5."""
        return math.floor(100 * max(shares)) + 1

    exponents = data["PyTorch"]["scale_exponents"]
    overflowing = [k for k in exponents if any(at("lost_to_inf", k))]
    clean = exponents[exponents.index(overflowing[0]) - 1]
    overflow = alike((100 * share for share in at("lost_to_inf", exponents[-1])),
                     "{:.0f}".format)
    scales, skipped = data["PyTorch"]["scale_per_step"], data["PyTorch"]["skipped_per_step"]
    first = skipped.index(False)
    later = [step for step in range(first, len(skipped)) if skipped[step]]
    assert len(later) == 1, f"steps {later} are skipped after the start: say so in the alt text"
    return [
        f"at k = 0 to under {under(at('lost_to_zero', 16))} percent at k = 16",
        f"under {under(at('lost_to_zero', exponents[-1]))} percent at k = {exponents[-1]}",
        f"overflow to inf is zero up to k = {clean}",
        f"rises to about {overflow} percent at k = {exponents[-1]}",
        f"it halves from 2 to the {math.log2(scales[0]):.0f} to 2 to the "
        f"{math.log2(scales[first]):.0f} over the first {in_words(first)} steps, each of them skipped",
        f"falls back once more at step {later[0]}, a skipped step",
    ]
