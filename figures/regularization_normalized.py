"""Shrinking the weights of a 20-layer tanh MLP, without and with LayerNorm after each
linear layer: the gradient reaching layer 1, the weight gradient, and the relative step."""
from clinic.figures import (LINESTYLES, alike, e_notation, framework_legend_handles, round_up,
                            times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/regularization_normalized.py",
    "Keras": "snippets/keras/regularization_normalized.py",
}
# With LayerNorm the output changes by ~1e-4: a difference of nearly equal float32 numbers,
# whose rounding depends on the CPU's kernels (clinic/figures.py).
VARIES_BY_CPU = ("output_change",)
CURVES = {  # label: (quantity, network)
    "gradient reaching layer 1, plain": ("first_layer_signal", "plain"),
    "gradient reaching layer 1, LayerNorm": ("first_layer_signal", "LayerNorm"),
    "‖∂L/∂W‖, LayerNorm": ("weight_grad", "LayerNorm"),
    "relative step ‖η ∂L/∂W‖ / ‖W‖, LayerNorm": ("relative_step", "LayerNorm"),
}
SIZE = (8, 4)
ALT_TEXT_SETUP = ("against the weight scale from 1.0 down to 0.5", "the gradient reaching layer 1",
                  "(within 1 %, asserted)")


def collect(exports):
    return {
        framework: {
            "weight_scales": variables["WEIGHT_SCALES"],
            **{quantity: variables[quantity] for quantity in
               ("first_layer_signal", "weight_grad", "relative_step", "output_change")},
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same curve in both frameworks
        for label, (quantity, network) in CURVES.items():
            axes.plot(measured["weight_scales"], measured[quantity][network],
                      LINESTYLES[framework], marker=".", label=label)
    scales = data["PyTorch"]["weight_scales"]
    axes.plot(scales, [1 / scale for scale in scales], ":", color="grey", label="1 / scale")
    axes.plot(scales, [1 / scale**2 for scale in scales], "-.", color="grey",
              label="1 / scale²")
    axes.set(yscale="log", xlabel="every hidden weight matrix × scale (L2 shrinks it →)",
             ylabel="relative to the unscaled network", xlim=(1.02, 0.48))
    curve_handles = axes.get_lines()[: len(CURVES)] + axes.get_lines()[-2:]
    framework_handles = framework_legend_handles()
    figure.legend(handles=curve_handles + framework_handles, loc="outside lower center",
                  ncols=3, fontsize=8)


def check(data):
    for framework, measured in data.items():
        scales = measured["weight_scales"]
        assert measured["first_layer_signal"]["plain"][-1] < 1e-4, framework
        assert max(measured["output_change"]["LayerNorm"]) < 0.01, framework
        assert all(abs(ratio - 1) < 0.01
                   for ratio in measured["first_layer_signal"]["LayerNorm"]), framework
        for scale, grad, step in zip(scales, measured["weight_grad"]["LayerNorm"],
                                     measured["relative_step"]["LayerNorm"]):
            assert abs(grad * scale - 1) < 0.01 and abs(step * scale**2 - 1) < 0.01, framework


def quotes(data):
    plain = [measured["first_layer_signal"]["plain"][-1] for measured in data.values()]
    mantissas = [times_ten(value) for value in plain]
    return {"remedies/regularization.md": [
        f"{mantissas[0]} (PyTorch) and {mantissas[1]} (Keras) of what it was",
        *_alt_text(data),
    ]}


def _alt_text(data):
    runs = data.values()

    def last(quantity, network):
        return [measured[quantity][network][-1] for measured in runs]

    def level(values):
        """The one value every framework's curve rounds to: 1, 2, 4."""
        return alike(values, "{:.1g}".format)

    scale = alike(measured["weight_scales"][-1] for measured in runs)
    layer_norm = [value for measured in runs
                  for value in measured["first_layer_signal"]["LayerNorm"]]
    return [
        f"falls steeply to below {e_notation(round_up(max(last('first_layer_signal', 'plain'))))} "
        f"at scale {scale}",
        f"With LayerNorm it stays at {level(layer_norm)}",
        # The reference lines' "1 over scale" is what the plot draws, not a measurement.
        f"rises along a dotted 1 over scale line to {level(last('weight_grad', 'LayerNorm'))}",
        f"rises along a dash-dotted 1 over scale squared line to "
        f"{level(last('relative_step', 'LayerNorm'))}",
    ]
