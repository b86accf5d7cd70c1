"""bfloat16: float32's range, 8 bits of precision; which updates vanish, and which dtypes
autocast and the mixed_bfloat16 policy give."""
import math

import matplotlib
from matplotlib.lines import Line2D

from clinic.figures import LINESTYLES, alike, framework_legend_handles

SNIPPETS = {
    "PyTorch": "snippets/torch/bf16.py",
    "Keras": "snippets/keras/bf16.py",
    "PyTorch training": "snippets/torch/bf16_training.py",
    "Keras training": "snippets/keras/bf16_training.py",
    "PyTorch autocast": "snippets/torch/bf16_autocast.py",
    "Keras autocast": "snippets/keras/bf16_autocast.py",
}
# With float32 master weights the share of lost updates is float32 rounding itself
# (clinic/figures.py).
VARIES_BY_CPU = ("mean_lost",)
FORMATS = ("bfloat16", "float16", "float32")
RUNS = ("float32 master weights", "bfloat16 weights")
SIZE = (8, 3.8)
ALT_TEXT_SETUP = ("on a log2 axis from minus 26 to minus 5",
                  "an update of a thousandth of the weight sits at minus 10",
                  "over 200 SGD steps")
# Rows of the dtype table: (what it is, PyTorch's key, Keras' key).
DTYPE_ROWS = [
    ("matrix product", "linear (matmul)", "Dense (matmul)"),
    ("softmax", "softmax", "Softmax layer"),
    ("layer normalization", "layer_norm", "LayerNormalization"),
    ("vector norm", "vector_norm", "ops.norm"),
    ("sum", "sum", "ops.sum"),
    ("cross-entropy loss", "cross_entropy (loss)", "loss"),
    ("mean squared error", "mse_loss", "MeanSquaredError"),
    ("weights", "weights", "weights"),
    ("weight gradients", "weight gradients", "weight gradients"),
]


def collect(exports):
    data = {}
    for framework in LINESTYLES:
        sweep, training = exports[framework], exports[f"{framework} training"]
        autocast = exports[f"{framework} autocast"]
        data[framework] = {
            "logit_grad_underflow": sweep["underflow"],
            "update_exponents": sweep["update_exponents"],
            "lost_updates": sweep["lost_updates"],
            "thousandth_lost": sweep["thousandth"],
            "loss_per_step": training["loss_per_step"],
            "mean_lost": training["mean_lost"],
            "final_loss": training["final_loss"],
            "dtypes": autocast["dtype_names"],
            "bfloat16_running_sum": autocast["bfloat16_running_sum"],
            "builtin_sum": autocast["builtin_sum"],
        }
    return data


def draw(figure, data):
    sweep_axes, loss_axes = figure.subplots(1, 2)
    colors = dict(zip(FORMATS, matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]))
    # The same colour for a format and for the run that stores its weights in it.
    run_colors = {"float32 master weights": colors["float32"],
                  "bfloat16 weights": colors["bfloat16"]}
    for framework, measured in data.items():
        style = LINESTYLES[framework]
        for name in FORMATS:
            sweep_axes.plot(measured["update_exponents"],
                            [100 * share for share in measured["lost_updates"][name]],
                            style, marker=".", color=colors[name])
        for run in RUNS:
            loss_axes.plot(measured["loss_per_step"][run], style, color=run_colors[run])
    sweep_axes.axvline(math.log2(1e-3), color="grey", linewidth=1, linestyle=":")
    sweep_axes.annotate("|Δw| = 0.001 |w|", xy=(math.log2(1e-3), 50), xytext=(-7.8, 60),
                        fontsize=8, arrowprops={"arrowstyle": "->", "color": "grey"})
    sweep_axes.set(xlabel="log2 of the relative update |Δw| / |w|",
                   ylabel="% of weights that do not move")
    loss_axes.set(yscale="log", xlabel="SGD step", ylabel="training loss (MSE)")
    handles = [Line2D([], [], color=colors["bfloat16"], label="bfloat16 weights"),
               Line2D([], [], color=colors["float16"], label="float16 weights"),
               Line2D([], [], color=colors["float32"], label="float32 (master) weights")]
    handles += framework_legend_handles()
    figure.legend(handles=handles, loc="outside lower center", ncols=5, fontsize=8)


def check(data):
    for framework, measured in data.items():
        assert measured["logit_grad_underflow"]["float16"] > 0.2, framework
        assert measured["logit_grad_underflow"]["bfloat16"] == 0, framework
        assert measured["thousandth_lost"]["bfloat16"] == 1, framework
        assert measured["thousandth_lost"]["float32"] == 0, framework
        assert measured["mean_lost"]["bfloat16 weights"] > 0.5, framework
        assert measured["mean_lost"]["float32 master weights"] < 0.01, framework
        final = measured["final_loss"]
        assert final["bfloat16 weights"] > 1.3 * final["float32 master weights"], framework
        dtypes = measured["dtypes"]
        for _, torch_key, keras_key in DTYPE_ROWS:
            assert dtypes[torch_key if framework == "PyTorch" else keras_key] in FORMATS
        assert measured["bfloat16_running_sum"] == 256 and measured["builtin_sum"] == 4096
    # Same NumPy data in both tabs: the same logit gradients, nearly the same shares.
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    for name in ("float16", "bfloat16"):
        assert abs(torch_run["logit_grad_underflow"][name]
                   - keras_run["logit_grad_underflow"][name]) < 0.01
    # The rounding thresholds are properties of the formats, not of the draw.
    for name in FORMATS:
        for torch_share, keras_share in zip(torch_run["lost_updates"][name],
                                            keras_run["lost_updates"][name]):
            assert abs(torch_share - keras_share) < 0.01
    assert abs(torch_run["mean_lost"]["bfloat16 weights"]
               - keras_run["mean_lost"]["bfloat16 weights"]) < 0.1


def percent(share, digits=1):
    return f"{100 * share:.{digits}f} %"


def tables(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]

    def row(label, pick, formatting, asserted):
        return f"| {label} | {formatting(pick(torch_run))} | {formatting(pick(keras_run))} | {asserted} |"

    results = [
        "| Measured | PyTorch | Keras | Asserted |",
        "| --- | --- | --- | --- |",
        row("logit gradients that become 0 in float16", lambda run: run["logit_grad_underflow"]["float16"],
            percent, "more than 20 %"),
        row("logit gradients that become 0 in bfloat16", lambda run: run["logit_grad_underflow"]["bfloat16"],
            percent, "none"),
        row("updates of $10^{-3}\\lvert w\\rvert$ lost, bfloat16 weights",
            lambda run: run["thousandth_lost"]["bfloat16"], lambda share: percent(share, 0), "all"),
        row("updates of $10^{-3}\\lvert w\\rvert$ lost, float16 weights",
            lambda run: run["thousandth_lost"]["float16"], lambda share: percent(share, 2),
            "under 0.1 % (subnormal weights)"),
        row("updates of $10^{-3}\\lvert w\\rvert$ lost, float32 weights",
            lambda run: run["thousandth_lost"]["float32"], lambda share: percent(share, 0), "none"),
        row("SGD updates lost over 200 steps, bfloat16 weights",
            lambda run: run["mean_lost"]["bfloat16 weights"], percent, "more than 50 %"),
        row("SGD updates lost over 200 steps, float32 master weights",
            lambda run: run["mean_lost"]["float32 master weights"], percent, "under 1 %"),
        row("loss after 200 steps, bfloat16 weights",
            lambda run: run["final_loss"]["bfloat16 weights"], lambda loss: f"{loss:.4f}",
            "more than 1.3 × the next row"),
        row("loss after 200 steps, float32 master weights",
            lambda run: run["final_loss"]["float32 master weights"], lambda loss: f"{loss:.4f}", ""),
    ]
    dtypes = [
        "| Operation | PyTorch `torch.autocast(\"cpu\", torch.bfloat16)` | Keras `\"mixed_bfloat16\"` |",
        "| --- | --- | --- |",
    ]
    for label, torch_key, keras_key in DTYPE_ROWS:
        dtypes.append(f"| {label} | {torch_run['dtypes'][torch_key]} | "
                      f"{keras_run['dtypes'][keras_key]} |")
    return {"results": "\n".join(results), "dtypes": "\n".join(dtypes)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    return {"scale/bf16.md": [
        percent(torch_run["logit_grad_underflow"]["float16"]),
        percent(keras_run["logit_grad_underflow"]["float16"]),
        percent(torch_run["mean_lost"]["bfloat16 weights"]),
        percent(keras_run["mean_lost"]["bfloat16 weights"]),
        *_alt_text(data),
    ]}


def _alt_text(data):
    def minus(exponent):
        return f"minus {-exponent}"

    runs = data.values()
    start = alike([f"{100 * run['lost_updates'][name][0]:.0f}" for run in runs for name in FORMATS])
    end = alike([f"{100 * run['lost_updates'][name][-1]:.0f}" for run in runs for name in FORMATS])

    def step(name):
        """The last exponent at which more than half the updates are lost, and the next."""
        exponents = alike([tuple(run["update_exponents"]) for run in runs])
        last = alike([max(i for i, share in enumerate(run["lost_updates"][name]) if share > 0.5)
                      for run in runs])
        return f"{name} between {minus(exponents[last])} and {minus(exponents[last + 1])}"

    still = alike([f"{100 * run['thousandth_lost']['bfloat16']:.0f}" for run in runs])
    return [f"Each format is a step from {start} percent to {end}: "
            + ", ".join(step(name) for name in reversed(FORMATS)),
            f"bfloat16 still loses {still} percent"]
