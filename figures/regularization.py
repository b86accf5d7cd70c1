"""Gradient reaching each layer of a 20-layer tanh MLP as its weights shrink, both frameworks."""
from clinic.figures import (LINESTYLES, alike, e_notation, framework_legend_handles, round_down,
                            round_up, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/regularization.py",
    "Keras": "snippets/keras/regularization.py",
}
SIZE = (8, 4)
FRAMEWORK_AGREEMENT = 3  # different random numbers: same shape, values within this factor
ALT_TEXT_SETUP = ("over layers 1 to 20", "relative to layer 20",
                  "scaled by 1.0, 0.9, 0.8, 0.7, 0.6 and 0.5", "further down towards layer 1")


def collect(exports):
    return {
        framework: {
            "weight_scales": variables["WEIGHT_SCALES"],
            "signal": variables["signal_per_weight_scale"],
            "trained": {name: {"weight_norm_ratio": result["weight_norm_ratio"],
                               "first_layer_signal": result["signal"][0],
                               "loss": result["loss"]}
                        for name, result in variables["trained"].items()},
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same scale in both frameworks
        for scale, signal in zip(measured["weight_scales"], measured["signal"]):
            layers = range(1, len(signal) + 1)
            axes.plot(layers, signal, LINESTYLES[framework], label=f"weights × {scale}")
    axes.set(yscale="log", xlabel="layer", xticks=range(1, 21),
             ylabel="‖∂L/∂h‖, relative to layer 20")
    scale_handles = axes.get_lines()[: len(data["PyTorch"]["weight_scales"])]
    framework_handles = framework_legend_handles()
    figure.legend(handles=scale_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        first_layer = [signal[0] for signal in measured["signal"]]
        assert all(smaller < larger for smaller, larger in zip(first_layer[1:], first_layer)), \
            framework
        assert measured["weight_scales"][-1] == 0.5, framework
        assert first_layer[-1] < 1e-4 * first_layer[0], framework
        # Roughly one factor of the scale per layer crossed: 19 of them from layer 20 to 1.
        for scale, value in zip(measured["weight_scales"], first_layer):
            drop = value / first_layer[0]
            assert scale**19 <= drop < 5 * scale**19, (framework, scale, drop / scale**19)
        trained = measured["trained"]
        assert trained["strong L2"]["weight_norm_ratio"] < 0.7 < 0.95 < \
            trained["no L2"]["weight_norm_ratio"], framework
        assert trained["strong L2"]["first_layer_signal"] < \
            1e-3 * trained["no L2"]["first_layer_signal"], framework
        assert trained["strong L2"]["loss"] > trained["no L2"]["loss"], framework
    for torch_signal, keras_signal in zip(data["PyTorch"]["signal"], data["Keras"]["signal"]):
        for torch_value, keras_value in zip(torch_signal, keras_signal):
            ratio = torch_value / keras_value
            assert 1 / FRAMEWORK_AGREEMENT < ratio < FRAMEWORK_AGREEMENT, ratio


def _number(value):
    if 0.1 <= value < 10:
        return f"{value:.2f}"
    if 0.01 <= value < 0.1:
        return f"{value:.3f}"
    if 10 <= value < 1000:
        return f"{value:.0f}"
    return times_ten(value)


def _both(values):
    return " / ".join(_number(value) for value in values)


def tables(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    scales = torch_run["weight_scales"]
    scaled = ["| Weights (at initialization) | Gradient at layer 1 ÷ at layer 20 "
              "(PyTorch / Keras) |",
              "| --- | --- |"]
    for scale in (1.0, 0.8, 0.5):
        index = scales.index(scale)
        label = "as initialized" if scale == 1.0 else f"× {scale}"
        cell = _both([torch_run["signal"][index][0], keras_run["signal"][index][0]])
        if scale == 0.5:
            cell += (" — more than $10^{4}\\times$ less (asserted), within 5× of $0.5^{19}$ "
                     "(the figure's test)")
        scaled.append(f"| {label} | {cell} |")
    trained = ["| After 30 training steps | Weight norm vs. start | Gradient at layer 1 ÷ at "
               "layer 20 | Loss |", "| --- | --- | --- | --- |"]
    for name in ("no L2", "strong L2"):
        cells = [_both([run["trained"][name][quantity] for run in (torch_run, keras_run)])
                 for quantity in ("weight_norm_ratio", "first_layer_signal", "loss")]
        trained.append(f"| {'no penalty' if name == 'no L2' else name} | " + " | ".join(cells)
                       + " |")
    return {"scaled": "\n".join(scaled), "trained": "\n".join(trained)}


def quotes(data):
    ratios = [run["trained"]["no L2"]["first_layer_signal"]
              / run["trained"]["strong L2"]["first_layer_signal"] for run in data.values()]
    shrink = [run["trained"]["strong L2"]["weight_norm_ratio"] for run in data.values()]
    return {"remedies/regularization.md": [
        f"({min(ratios):,.0f}-fold or more in our published runs)",
        f"shrank the weights to {_both(shrink)} (PyTorch / Keras) of their size",
        *_alt_text(data),
    ]}


def _alt_text(data):
    runs = list(data.values())
    original = [value for run in runs for value in run["signal"][0]]
    smallest = alike(run["weight_scales"][-1] for run in runs)
    at_smallest = sorted(run["signal"][-1][0] for run in runs)
    apart = max(max(ratio, 1 / ratio)
                for torch_signal, keras_signal in zip(runs[0]["signal"], runs[1]["signal"])
                for ratio in (t / k for t, k in zip(torch_signal, keras_signal)))
    return [
        f"With the original weights it stays between {round_down(min(original), 2):g} and "
        f"{round_up(max(original), 2):g} at every layer",
        f"reaching about {e_notation(at_smallest[0])} to {e_notation(at_smallest[-1])} "
        f"at layer 1 for weights times {smallest}",
        f"each pair runs parallel within a factor of {round_up(apart):g}",
    ]
