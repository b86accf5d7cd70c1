"""Per-layer gradient norm in a network built to vanish and one built to explode,
both frameworks."""
import math

from clinic.figures import LINESTYLES, alike, e_notation, framework_legend_handles


SNIPPETS = {
    "PyTorch": "snippets/torch/core_concepts.py",
    "Keras": "snippets/keras/core_concepts.py",
}
SIZE = (8, 4.2)
ALT_TEXT_SETUP = ("each of 20 layers", "sigmoid network with gain 1",
                  "linear network with gain 2")


def collect(exports):
    return {
        framework: {
            "grad_norm": variables["grad_norm_per_layer"],
            "factor_per_layer": variables["factor_per_layer"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same network in both frameworks
        for network, values in measured["grad_norm"].items():
            layers = range(1, len(values) + 1)
            axes.plot(layers, values, LINESTYLES[framework], marker=".", label=network)
    axes.set(yscale="log", xlabel="layer l (1 = next to the input)",
             ylabel="‖∂L/∂h_l‖ (gradient reaching layer l)", xticks=range(1, 21))
    network_handles = axes.get_lines()[: len(data["PyTorch"]["grad_norm"])]
    framework_handles = framework_legend_handles()
    figure.legend(handles=network_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        vanishing = measured["grad_norm"]["vanishing: sigmoid, gain 1"]
        exploding = measured["grad_norm"]["exploding: linear, gain 2"]
        assert vanishing[0] < 1e-9 * vanishing[-1], framework
        assert exploding[0] > 1e4 * exploding[-1], framework
        factor = measured["factor_per_layer"]
        assert 0.2 < factor["vanishing: sigmoid, gain 1"] < 0.27, framework
        assert 1.8 < factor["exploding: linear, gain 2"] < 2.2, framework
    # The two frameworks draw different random numbers but measure the same thing:
    # layer by layer within a factor of 10, and the same per-layer factor within 10 %.
    torch_data, keras_data = data["PyTorch"], data["Keras"]
    for network, torch_values in torch_data["grad_norm"].items():
        for torch_value, keras_value in zip(torch_values, keras_data["grad_norm"][network]):
            assert 1 / 10 < torch_value / keras_value < 10, network
        torch_factor = torch_data["factor_per_layer"][network]
        keras_factor = keras_data["factor_per_layer"][network]
        assert abs(torch_factor / keras_factor - 1) < 0.1, network


NETWORKS = {"vanishing: sigmoid, gain 1": ("sigmoid, gain 1", "less than $10^{-9}\\times$",
                                           "between 0.2 and 0.27"),
            "exploding: linear, gain 2": ("linear, gain 2", "more than $10^{4}\\times$",
                                          "between 1.8 and 2.2")}


def _about(value):
    """About a power of ten, or m×10^k when the mantissa is not 1: $10^{-12}$, $4\\times10^{5}$."""
    exponent = math.floor(math.log10(value))
    mantissa = round(value / 10**exponent)
    if mantissa == 10:
        mantissa, exponent = 1, exponent + 1
    return f"$10^{{{exponent}}}$" if mantissa == 1 else f"${mantissa}\\times10^{{{exponent}}}$"


def _measured(data, network):
    ratios = [run["grad_norm"][network][0] / run["grad_norm"][network][-1] for run in data.values()]
    factors = [run["factor_per_layer"][network] for run in data.values()]
    return math.sqrt(ratios[0] * ratios[1]), sum(factors) / len(factors)


def tables(data):
    """At initialization: gradient at layer 1 over layer 20, and the factor per layer."""
    rows = ["| Network | Gradient at layer 1 vs layer 20 | Factor per layer (geometric mean) |",
            "| --- | --- | --- |"]
    for network, (label, ratio_bound, factor_bound) in NETWORKS.items():
        ratio, factor = _measured(data, network)
        rows.append(f"| {label} | {ratio_bound} (measured about {_about(ratio)}) | "
                    f"{factor_bound} (measured {factor:.2f}) |")
    return {"results": "\n".join(rows)}


def quotes(data):
    vanishing, vanishing_factor = _measured(data, "vanishing: sigmoid, gain 1")
    exploding, exploding_factor = _measured(data, "exploding: linear, gain 2")
    return {"basics/core-concepts.md": [
        f"Nineteen factors of {vanishing_factor:.2f} make {_about(vanishing)}",
        f"nineteen factors of {exploding_factor:.2f} make {_about(exploding)}",
        *_alt_text(data),
    ]}


def _alt_text(data):
    """Where each line starts and ends, to one significant digit: the same in both frameworks."""
    def about(network, index):
        return alike((run["grad_norm"][network][index] for run in data.values()), _short)

    def line(network, verb):
        layers = len(data["PyTorch"]["grad_norm"][network])
        return (f"{verb} in a straight line from about {about(network, -1)} at layer {layers} "
                f"to about {about(network, 0)} at layer 1")
    return [line("vanishing: sigmoid, gain 1", "falls"), line("exploding: linear, gain 2", "rises")]


def _short(value):
    """One significant digit, as the alt text writes it: 0.1, 1e-13, 5e10."""
    return f"{value:.1g}" if 1e-3 <= value < 1e4 else e_notation(value)
