"""Per-layer gradient norm and activation std, five activation/init pairs, both frameworks."""
from matplotlib.lines import Line2D

SNIPPETS = {
    "PyTorch": "snippets/torch/activation_functions.py",
    "Keras": "snippets/keras/activation_functions.py",
}
LINESTYLES = {"PyTorch": "-", "Keras": "--"}
SIZE = (8, 4.2)


def collect(exports):
    return {
        framework: {
            "grad_norm": variables["grad_norm_per_layer"],
            "activation_std": variables["activation_std_per_layer"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    grad_axes, std_axes = figure.subplots(1, 2)
    for framework, measured in data.items():
        for axes, quantity in ((grad_axes, "grad_norm"), (std_axes, "activation_std")):
            axes.set_prop_cycle(None)  # same colour for the same config in both frameworks
            for config, values in measured[quantity].items():
                layers = range(1, len(values) + 1)
                axes.plot(layers, values, LINESTYLES[framework], marker=".", label=config)
    grad_axes.set(yscale="log", xlabel="layer", ylabel="‖∂L/∂W‖ (weight gradient norm)")
    std_axes.set(yscale="log", xlabel="layer", ylabel="std of layer output")
    config_handles = grad_axes.get_lines()[: len(data["PyTorch"]["grad_norm"])]
    framework_handles = [Line2D([], [], color="grey", linestyle=style, label=framework)
                         for framework, style in LINESTYLES.items()]
    figure.legend(handles=config_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def spread(values):
    return max(values) / min(values)


def check(data):
    for framework, measured in data.items():
        grad, std = measured["grad_norm"], measured["activation_std"]
        sigmoid = grad["sigmoid + Xavier"]
        assert sigmoid[0] < 1e-9 * sigmoid[-1], framework
        assert all(0.08 < s < 0.16 for s in std["sigmoid + Xavier"][1:]), framework
        assert spread(grad["tanh + Xavier"]) < 5, framework
        assert 3 < std["tanh + Xavier"][0] / std["tanh + Xavier"][-1] < 6, framework
        assert spread(grad["ReLU + He"]) < 20, framework
        assert all(0.5 < s < 1.5 for s in std["ReLU + He"]), framework
        assert spread(grad["ReLU + Xavier"]) < 3, framework
        assert std["ReLU + Xavier"][-1] < std["ReLU + Xavier"][0] / 300, framework
        assert all(0.9 < s < 1.1 for s in std["SELU + LeCun"]), framework
        assert spread(grad["SELU + LeCun"]) < 5, framework
    # The two frameworks draw different random numbers but measure the same thing.
    for config in data["PyTorch"]["grad_norm"]:
        for quantity, factor in (("grad_norm", 10), ("activation_std", 2)):
            for torch_value, keras_value in zip(data["PyTorch"][quantity][config],
                                                data["Keras"][quantity][config]):
                assert 1 / factor < torch_value / keras_value < factor, (config, quantity)
