"""Gradient reaching each layer of a 20-layer tanh MLP as its weights shrink, both frameworks."""
from matplotlib.lines import Line2D

SNIPPETS = {
    "PyTorch": "snippets/torch/regularization.py",
    "Keras": "snippets/keras/regularization.py",
}
LINESTYLES = {"PyTorch": "-", "Keras": "--"}
SIZE = (8, 4)
FRAMEWORK_AGREEMENT = 3  # different random numbers: same shape, values within this factor


def collect(exports):
    return {
        framework: {
            "weight_scales": variables["WEIGHT_SCALES"],
            "signal": variables["signal_per_weight_scale"],
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
    framework_handles = [Line2D([], [], color="grey", linestyle=style, label=framework)
                         for framework, style in LINESTYLES.items()]
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
    for torch_signal, keras_signal in zip(data["PyTorch"]["signal"], data["Keras"]["signal"]):
        for torch_value, keras_value in zip(torch_signal, keras_signal):
            ratio = torch_value / keras_value
            assert 1 / FRAMEWORK_AGREEMENT < ratio < FRAMEWORK_AGREEMENT, ratio
