"""Per-layer gradient norm and activation std, five activation/init pairs, both frameworks."""
import math

from clinic.figures import (ASSERTED_COLUMN, LINESTYLES, alike, e_notation,
                            framework_legend_handles, round_down, round_up, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/activation_functions.py",
    "Keras": "snippets/keras/activation_functions.py",
}
SIZE = (8, 4.2)
ALT_TEXT_SETUP = ("over layers 1 to 20",)


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
    framework_handles = framework_legend_handles()
    figure.legend(handles=config_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def spread(values):
    return max(values) / min(values)


def check(data):
    for framework, measured in data.items():
        grad, std = measured["grad_norm"], measured["activation_std"]
        sigmoid = grad["sigmoid + Xavier"]
        assert sigmoid[0] < 1e-9 * sigmoid[-1], framework
        assert sigmoid[0] < 4.0**-19 * sigmoid[-1], framework  # "less still" than the bound
        assert all(0.08 < s < 0.16 for s in std["sigmoid + Xavier"][1:]), framework
        assert spread(grad["tanh + Xavier"]) < 5, framework
        assert 3 < std["tanh + Xavier"][0] / std["tanh + Xavier"][-1] < 6, framework
        assert spread(grad["ReLU + He"]) < 50, framework
        assert all(0.1 < s < 5 for s in std["ReLU + He"]), framework
        assert spread(grad["ReLU + Xavier"]) < 20, framework
        assert std["ReLU + Xavier"][-1] < std["ReLU + Xavier"][0] / 100, framework
        assert all(xavier < he / 100  # "hundreds of times smaller than with He"
                   for xavier, he in zip(grad["ReLU + Xavier"], grad["ReLU + He"])), framework
        assert all(0.8 < s < 1.25 for s in std["SELU + LeCun"]), framework
        assert spread(grad["SELU + LeCun"]) < 5, framework
    # The two frameworks draw different random numbers but measure the same thing.
    for config in data["PyTorch"]["grad_norm"]:
        for quantity, factor in (("grad_norm", 10), ("activation_std", 2)):
            for torch_value, keras_value in zip(data["PyTorch"][quantity][config],
                                                data["Keras"][quantity][config]):
                assert 1 / factor < torch_value / keras_value < factor, (config, quantity)


ASSERTED = {  # what both snippets assert, for every seed we tried
    "sigmoid + Xavier": "layer 1 more than $10^{9}\\times$ smaller than layer 20; "
                        "std 0.08–0.16 after layer 1",
    "tanh + Xavier": "max ÷ min below 5; std falls 3–6×",
    "ReLU + Xavier": "max ÷ min below 20 (looks healthy); **std falls more than 100×**",
    "ReLU + He": "max ÷ min below 50; std 0.1–5 in every layer",
    "SELU + LeCun": "max ÷ min below 5; std 0.8–1.25 in every layer",
}


def _number(value):
    if 0.01 <= value < 1000:  # two significant digits
        decimals = 0 if value >= 10 else 1 if value >= 1 else 2 if value >= 0.1 else 3
        return f"{value:.{decimals}f}"
    return times_ten(value)


def _both(torch_value, keras_value):
    return f"{_number(torch_value)} / {_number(keras_value)}"


def tables(data):
    """Per configuration: the gradient's spread over the layers and the activations' drift."""
    rows = ["| Activation + initialization | weight-gradient norm, layer 1 ÷ layer 20 "
            "(PyTorch / Keras) | max ÷ min over the 20 layers | output std, layer 1 → 20 "
            f"(PyTorch / Keras) | {ASSERTED_COLUMN} |",
            "| --- | --- | --- | --- | --- |"]
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    for config, asserted in ASSERTED.items():
        torch_grad, keras_grad = torch_run["grad_norm"][config], keras_run["grad_norm"][config]
        torch_std = torch_run["activation_std"][config]
        keras_std = keras_run["activation_std"][config]
        rows.append(
            f"| {config} | {_both(torch_grad[0] / torch_grad[-1], keras_grad[0] / keras_grad[-1])}"
            f" | {_both(spread(torch_grad), spread(keras_grad))}"
            f" | {_number(torch_std[0])} → {_number(torch_std[-1])} / "
            f"{_number(keras_std[0])} → {_number(keras_std[-1])} | {asserted} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    first_over_last = [data[framework]["grad_norm"]["sigmoid + Xavier"][0]
                       / data[framework]["grad_norm"]["sigmoid + Xavier"][-1]
                       for framework in ("PyTorch", "Keras")]
    return {"remedies/activation-functions.md": [
        f"{_number(first_over_last[0])} (PyTorch) and {_number(first_over_last[1])} (Keras)",
        *_alt_text(data)]}


def _alt_text(data):
    """Left panel: weight-gradient norms; right panel: output stds. Both frameworks."""
    def values(quantity, *configs):
        return [value for measured in data.values() for config in configs
                for value in measured[quantity][config]]

    def per_framework(quantity, config, text):
        torch_value, keras_value = (data[framework][quantity][config][-1]
                                    for framework in ("PyTorch", "Keras"))
        return f"{text(torch_value)} (PyTorch) or {text(keras_value)} (Keras)"

    def starts(config):
        return alike(f"{measured['activation_std'][config][0]:.1f}" for measured in data.values())
    sigmoid = [measured["grad_norm"]["sigmoid + Xavier"][0] for measured in data.values()]
    healthy = values("grad_norm", "tanh + Xavier", "ReLU + He", "SELU + LeCun")
    dead = alike(round(math.log10(value)) for value in values("grad_norm", "ReLU + Xavier"))
    steady = values("activation_std", "ReLU + He", "SELU + LeCun")
    collapsed = max(measured["activation_std"]["ReLU + Xavier"][-1] for measured in data.values())
    return [
        f"rises from about {alike(e_notation(value) for value in sigmoid)} at layer 1 to "
        f"{per_framework('grad_norm', 'sigmoid + Xavier', lambda value: f'{value:.1f}')} "
        "at layer 20",
        f"stay between {round_down(min(healthy)):g} and {round_up(max(healthy), 2):g};",
        f"ReLU with Xavier stays near {e_notation(10.0**dead)}.",
        f"ReLU with He and SELU with LeCun stay between {round_down(min(steady)):g} and "
        f"{round_up(max(steady), 2):g},",
        f"tanh with Xavier falls from {starts('tanh + Xavier')} to "
        f"{per_framework('activation_std', 'tanh + Xavier', lambda value: f'{value:.2g}')},",
        f"ReLU with Xavier falls from {starts('ReLU + Xavier')} to below "
        f"{e_notation(10.0**math.ceil(math.log10(collapsed)))}.",
    ]
