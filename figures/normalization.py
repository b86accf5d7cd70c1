"""Per-layer gradient and activation spread in a badly initialized 32-layer ReLU network
with standardized inputs: no normalization, BatchNorm (train and eval mode), LayerNorm."""
from matplotlib.lines import Line2D

SNIPPETS = {
    "PyTorch": "snippets/torch/normalization_layers.py",
    "Keras": "snippets/keras/normalization_layers.py",
}
VARIANTS = ["no normalization", "BatchNorm, train mode", "LayerNorm",
            "BatchNorm, eval mode, fresh statistics"]
LINESTYLES = {"PyTorch": "-", "Keras": "--"}
SIZE = (8, 4.2)


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
    framework_handles = [Line2D([], [], color="grey", linestyle=style, label=framework)
                         for framework, style in LINESTYLES.items()]
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
        assert spread(grad["LayerNorm"]) < 5, framework
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
