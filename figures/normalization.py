"""Per-layer gradient and activation spread in a badly initialized 32-layer ReLU network
with standardized inputs: no normalization, BatchNorm (train and eval mode), LayerNorm."""
from clinic.figures import (LINESTYLES, framework_legend_handles, round_down, round_up, significant,
                            span, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/normalization_layers.py",
    "Keras": "snippets/keras/normalization_layers.py",
}
# Gradients through 32 layers of weights that are too large: with the math libraries held to
# SSE4 (no AVX), rounding moved one BatchNorm value by 2.1 % (clinic/figures.py).
VARIES_BY_CPU = ("grad_norm",)
VARIANTS = ["no normalization", "BatchNorm, train mode", "LayerNorm",
            "BatchNorm, eval mode, fresh statistics"]
SIZE = (8, 4.2)
ALT_TEXT_SETUP = ("over layers 1 to 32",)


def collect(exports):
    return {
        framework: {
            "grad_norm": {name: variables["grad_norm_per_layer"][name] for name in VARIANTS},
            "activation_std": {name: variables["activation_std_per_layer"][name]
                               for name in VARIANTS},
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    grad_axes, std_axes = figure.subplots(1, 2)
    for framework, measured in data.items():
        for axes, quantity in ((grad_axes, "grad_norm"), (std_axes, "activation_std")):
            axes.set_prop_cycle(None)  # same colour for the same variant in both frameworks
            for name, values in measured[quantity].items():
                layers = range(1, len(values) + 1)
                if name.startswith("BatchNorm, eval"):
                    # It lies on top of "no normalization": markers only, so both show.
                    axes.plot(layers[::3], values[::3], linestyle="none", marker="x",
                              markersize=5, label=name)
                else:
                    axes.plot(layers, values, LINESTYLES[framework], label=name)
    grad_axes.set(yscale="log", xlabel="layer l",
                  ylabel="‖∂L/∂h_l‖ (gradient into layer l)")
    std_axes.set(yscale="log", xlabel="layer l", ylabel="std of layer output h_l")
    variant_handles = grad_axes.get_lines()[: len(VARIANTS)]
    framework_handles = framework_legend_handles()
    figure.legend(handles=variant_handles + framework_handles, loc="outside lower center",
                  ncols=3, fontsize=8)


def spread(values):
    return max(values) / min(values)


def check(data):
    for framework, measured in data.items():
        grad, std = measured["grad_norm"], measured["activation_std"]
        plain_grad, plain_std = grad["no normalization"], std["no normalization"]
        assert plain_std[-1] > 1e4 * plain_std[0], framework
        assert plain_grad[0] > 1e4 * plain_grad[-1], framework
        depth = len(plain_std)
        assert 1.4 < (plain_std[-1] / plain_std[0]) ** (1 / (depth - 1)) < 1.9, framework
        for name in ("BatchNorm, train mode", "LayerNorm"):
            assert all(0.4 < s < 1.5 for s in std[name]), (framework, name)
        batch_norm_grad = grad["BatchNorm, train mode"]
        assert plain_grad[0] > 1e8 * batch_norm_grad[0], framework
        assert plain_grad[0] > 1e8 * grad["LayerNorm"][0], framework
        per_layer = (batch_norm_grad[0] / batch_norm_grad[-1]) ** (1 / (depth - 1))
        assert 1.1 < per_layer < 1.3, framework
        assert spread(grad["LayerNorm"]) < 20, framework
        for eval_value, plain_value in zip(grad["BatchNorm, eval mode, fresh statistics"],
                                           plain_grad):
            assert 0.9 < eval_value / plain_value < 1.1, framework
    # The two frameworks draw different random numbers but measure the same thing:
    # gradients agree within 10x in every layer; activations within 1.5x where they are
    # normalized, within 10x where 32 layers compound their random differences.
    for name in VARIANTS:
        std_factor = 1.5 if name in ("BatchNorm, train mode", "LayerNorm") else 10
        for quantity, factor in (("grad_norm", 10), ("activation_std", std_factor)):
            for torch_value, keras_value in zip(data["PyTorch"][quantity][name],
                                                data["Keras"][quantity][name]):
                assert 1 / factor < torch_value / keras_value < factor, (name, quantity)


ASSERTED = {
    "no normalization": "both grow more than $10^{4}$-fold",
    "BatchNorm, train mode": "std in 0.4–1.5 in every layer; growth per layer between 1.1 and "
                             "1.3; gradient at layer 1 more than $10^{8}\\times$ smaller than "
                             "without",
    "LayerNorm": "std in 0.4–1.5 in every layer; max/min gradient over all layers below 20; "
                 "gradient at layer 1 more than $10^{8}\\times$ smaller than without",
    "BatchNorm, eval mode, fresh statistics": "every layer's gradient within 10 % of "
                                              "\"nothing\"",
}


def _number(value):
    if 0.1 <= value < 1000:
        return f"{value:#.2g}" if value < 100 else f"{value:.0f}"
    return times_ten(value)


def _growth(measured, name):
    grad = measured["grad_norm"][name]
    return grad[0] / grad[-1]


def _per_layer(measured):
    std = measured["activation_std"]["no normalization"]
    return (std[-1] / std[0]) ** (1 / (len(std) - 1))


def tables(data):
    rows = ["| Between linear layer and ReLU | Output std, layers 1 → 32 (PyTorch / Keras) | "
            "$\\lVert\\partial\\mathcal{L}/\\partial h_1\\rVert \\,/\\, "
            "\\lVert\\partial\\mathcal{L}/\\partial h_{32}\\rVert$ (PyTorch / Keras) | Asserted |",
            "| --- | --- | --- | --- |"]
    labels = {"no normalization": "nothing",
              "BatchNorm, eval mode, fresh statistics": "BatchNorm, eval mode, fresh statistics"}
    for name in VARIANTS:
        stds = " / ".join(f"{_number(m['activation_std'][name][0])} → "
                          f"{_number(m['activation_std'][name][-1])}" for m in data.values())
        growth = " / ".join(_number(_growth(m, name)) for m in data.values())
        rows.append(f"| {labels.get(name, name)} | {stds} | {growth} | {ASSERTED[name]} |")
    return {"layers": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    plain = "no normalization"
    depth = len(torch_run["grad_norm"][plain])
    batch_norm_per_layer = _growth(torch_run, "BatchNorm, train mode") ** (1 / (depth - 1))
    return {"remedies/normalization.md": [
        f"${_per_layer(torch_run):.2f}\\times$ (PyTorch) and ${_per_layer(keras_run):.2f}\\times$ "
        f"(Keras) per layer",
        f"{_number(_growth(torch_run, plain))} (PyTorch) and {_number(_growth(keras_run, plain))} "
        f"(Keras) on the way back",
        f"by about ${batch_norm_per_layer:.1f}\\times$ per",
        f"(a factor of about {round(_growth(torch_run, 'BatchNorm, train mode'), -2):.0f} over 31",
        f"carries a ${batch_norm_per_layer:.1f}\\times$ per-layer growth",
        *_alt_text(data),
    ]}


def _alt_text(data):
    runs = data.values()
    depth = len(data["PyTorch"]["grad_norm"]["no normalization"])

    def ends(quantity, name, index):
        return [run[quantity][name][index] for run in runs]

    def every(quantity, *names):
        return [value for run in runs for name in names for value in run[quantity][name]]

    plain, batch_norm = "no normalization", "BatchNorm, train mode"
    layer_norm = every("grad_norm", "LayerNorm")
    normalized = every("activation_std", batch_norm, "LayerNorm")
    return [
        f"without normalization it falls in a straight line from about "
        f"{span(ends('grad_norm', plain, 0))} at layer 1 to about "
        f"{span(ends('grad_norm', plain, -1))} at layer {depth}",
        f"with BatchNorm in train mode it falls from about "
        f"{span(ends('grad_norm', batch_norm, 0), significant)} to "
        f"{span(ends('grad_norm', batch_norm, -1), significant)}",
        f"with LayerNorm it stays nearly flat between {round_down(min(layer_norm)):g} and "
        f"{round_up(max(layer_norm)):g}",
        f"without normalization it rises from "
        f"{span(ends('activation_std', plain, 0), lambda value: significant(value, 2))} to about "
        f"{span(ends('activation_std', plain, -1))}",
        f"with BatchNorm or LayerNorm it stays between {round_down(min(normalized)):g} and "
        f"{round_up(max(normalized)):g} in every layer",
    ]
