"""Activation std through 50 ReLU layers for each initialization, both frameworks."""
import math

from clinic.figures import (LINESTYLES, alike, e_notation, framework_legend_handles, round_down,
                            round_up, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/initialization.py",
    "Keras": "snippets/keras/initialization.py",
}
# With the frameworks' default init the outputs' spread across the batch shrinks to float32
# rounding (~1e-9) in the deep layers, whose size depends on the CPU's kernels (clinic/figures.py).
VARIES_BY_CPU = ("batch_spread",)
# LeCun and Xavier are the same initialization for square layers; one line shows both.
SHOWN = {"N(0, 1)": "N(0, 1)", "LeCun": "LeCun = Xavier", "He": "He",
         "orthogonal × √2": "orthogonal × √2", "framework default": "framework default"}
FLOAT32_MAX = 3.4028235e38
SIZE = (8, 4.4)
ALT_TEXT_SETUP = ("over layers 1 to 50", "N(0, 1) weights", "float32 maximum of 3.4e38",
                  "orthogonal with gain √2")


def collect(exports):
    return {
        framework: {
            "activation_std": variables["activation_std_per_layer"],
            "batch_spread": variables["batch_spread_per_layer"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same initialization in both
        for name, label in SHOWN.items():
            values = measured["activation_std"][name]
            axes.plot(range(1, len(values) + 1), values, LINESTYLES[framework], label=label)
    axes.axhline(FLOAT32_MAX, color="grey", linestyle=":", linewidth=1, label="float32 max")
    axes.set(yscale="log", xlabel="layer", ylabel="std of layer output (ReLU)",
             ylim=(1e-10, 1e40))
    handles = axes.get_lines()[: len(SHOWN)] + [axes.get_lines()[-1]]
    handles += framework_legend_handles()
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=8)


def factor_per_layer(values, first, last):
    return (values[last - 1] / values[first - 1]) ** (1 / (last - first))


def first_non_finite_layer(values):
    return next(layer for layer, value in enumerate(values, 1) if not math.isfinite(value))


def check(data):
    measured_factors = {}
    for framework, measured in data.items():
        std = measured["activation_std"]
        naive, lecun = std["N(0, 1)"], std["LeCun"]
        assert 7 < factor_per_layer(naive, 1, 30) < 9, framework
        assert naive[34] > 1e30, framework
        assert 38 <= first_non_finite_layer(naive) <= 46, framework
        assert math.isnan(naive[-1]), framework
        assert 0.66 < factor_per_layer(lecun, 1, 50) < 0.76, framework
        assert 3e-9 < lecun[-1] / lecun[0] < 3e-7, framework
        assert 0.66 < factor_per_layer(std["Xavier"], 1, 50) < 0.76, framework
        for name in ("He", "orthogonal × √2"):
            assert all(0.05 < value < 20 for value in std[name]), (framework, name)
        measured_factors[framework] = (factor_per_layer(naive, 1, 30),
                                       factor_per_layer(lecun, 1, 50),
                                       first_non_finite_layer(naive))
    # The defaults differ: PyTorch's output settles on its bias and forgets the input;
    # Keras's (Glorot uniform, zero bias) collapses like Xavier.
    torch_default = data["PyTorch"]["activation_std"]["framework default"]
    assert 0.35 < factor_per_layer(torch_default, 1, 3) < 0.5
    assert torch_default[-1] > 0.01
    assert all(0.02 < value < 0.05 for value in torch_default[4:])  # settles within five layers
    assert data["PyTorch"]["batch_spread"]["framework default"][-1] < 1e-6
    assert 0.66 < factor_per_layer(data["Keras"]["activation_std"]["framework default"],
                                   1, 50) < 0.76
    # Different random numbers, the same measurement: per-layer factors within 5 %,
    # and float32 overflows within a layer of each other.
    torch_factors, keras_factors = measured_factors["PyTorch"], measured_factors["Keras"]
    for torch_value, keras_value in zip(torch_factors[:2], keras_factors[:2]):
        assert abs(torch_value / keras_value - 1) < 0.05
    assert abs(torch_factors[2] - keras_factors[2]) <= 1


def _power(value):
    """2·10³¹, as the table writes it."""
    superscripts = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}·10{str(int(exponent)).translate(superscripts)}"


def _power_2(value):
    """2.0·10⁻⁸: two significant digits."""
    superscripts = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}·10{str(int(exponent)).translate(superscripts)}"


def _between(values):
    return f"between {min(values):.2f} and {max(values):.2f}"


def tables(data):
    """At initialization: activation std through 50 ReLU layers, per scheme."""
    torch_std, keras_std = (data[f]["activation_std"] for f in ("PyTorch", "Keras"))
    both = (torch_std, keras_std)
    naive = [factor_per_layer(std["N(0, 1)"], 1, 30) for std in both]
    naive_factor = (f"×{naive[0]:.2f} per layer in both" if f"{naive[0]:.2f}" == f"{naive[1]:.2f}"
                    else f"×{naive[0]:.2f} / ×{naive[1]:.2f} per layer")
    lecun = [std["LeCun"] for std in both]
    torch_default = torch_std["framework default"]
    rows = [
        "| Initialization | Measured (PyTorch / Keras) | Asserted |",
        "| --- | --- | --- |",
        f"| $N(0, 1)$ | {naive_factor}; "
        f"{_power(torch_std['N(0, 1)'][34])} / {_power(keras_std['N(0, 1)'][34])} at layer 35; "
        f"first inf at layer {first_non_finite_layer(torch_std['N(0, 1)'])} / "
        f"{first_non_finite_layer(keras_std['N(0, 1)'])}; NaN at layer 50 | 7–9 per layer; "
        "above $10^{30}$ at layer 35; first inf or NaN between layers 38 and 46; NaN at 50 |",
        f"| LeCun = Xavier | ×{factor_per_layer(lecun[0], 1, 50):.3f} / "
        f"×{factor_per_layer(lecun[1], 1, 50):.3f} per layer; layer 50 is "
        f"{_power_2(lecun[0][-1] / lecun[0][0])} / {_power_2(lecun[1][-1] / lecun[1][0])} of layer 1 | "
        "0.66–0.76 per layer; $3\\times10^{-9}$ to $3\\times10^{-7}$ in total; Xavier the same |",
        f"| He | {_between(torch_std['He'])} / {_between(keras_std['He'])[8:]} | "
        "between 0.05 and 20 at every layer |",
        f"| Orthogonal × $\\sqrt2$ | {_between(torch_std['orthogonal × √2'])} / "
        f"{_between(keras_std['orthogonal × √2'])[8:]} | between 0.05 and 20 at every layer |",
        f"| Framework default | PyTorch: ×{factor_per_layer(torch_default, 1, 3):.2f} per layer, "
        f"then held at {torch_default[-1]:.2f} by the bias; Keras: "
        f"×{factor_per_layer(keras_std['framework default'], 1, 50):.3f} per layer | "
        "see [the defaults](#the-defaults-are-not-he) |",
    ]
    return {"results": "\n".join(rows)}


def quotes(data):
    stds = [data[f]["activation_std"] for f in ("PyTorch", "Keras")]
    naive = [factor_per_layer(std["N(0, 1)"], 1, 30) for std in stds]
    overflow = sorted({first_non_finite_layer(std["N(0, 1)"]) for std in stds})
    lecun_exponents = {int(f"{std['LeCun'][-1] / std['LeCun'][0]:.0e}".split("e")[1])
                       for std in stds}
    assert len(lecun_exponents) == 1, "the page quotes one power of ten for both"
    lecun_exponents = sorted(lecun_exponents)
    torch_default, keras_default = stds[0]["framework default"], stds[1]["framework default"]
    wander = [max(std[name]) / min(std[name])
              for std in stds for name in ("He", "orthogonal × √2")]
    return {"remedies/initialization.md": _alt_text(data) + [
        f"by about {sum(naive) / 2:.0f} per layer",
        f"shrinks the signal by {factor_per_layer(torch_default, 1, 3):.2f} per layer for two"
        "\nlayers",
        f"the output settles at a standard deviation of {torch_default[-1]:.2f}",
        "overflows at layer " + " or ".join(str(layer) for layer in overflow),
        "overflowed float32 at layer {} (PyTorch) and {} (Keras)".format(
            *(first_non_finite_layer(std["N(0, 1)"]) for std in stds)),
        f"(×{factor_per_layer(keras_default, 1, 50):.3f} per layer",
        f"a few $10^{{{lecun_exponents[0]}}}$ of the start",
        f"wanders by a factor of {min(wander):.1f} to {max(wander):.1f} over 50 layers in these "
        "runs",
        f"{times_ten(data['PyTorch']['batch_spread']['framework default'][-1])}, "
        "float32 rounding noise",
        f"{times_ten(keras_default[-1] / keras_default[0])} of layer 1's at layer 50",
    ]}


def _alt_text(data):
    """The alt text's numbers, over both frameworks."""
    stds = [data[f]["activation_std"] for f in ("PyTorch", "Keras")]

    def exponent(value):
        return e_notation(value).split("e")[1]

    naive_start = alike(f"{std['N(0, 1)'][0]:.0f}" for std in stds)
    last_finite = sorted(first_non_finite_layer(std["N(0, 1)"]) - 1 for std in stds)
    peaks = [max(value for value in std["N(0, 1)"] if math.isfinite(value)) for std in stds]
    lecun_start = alike(f"{std['LeCun'][0]:.1f}" for std in stds)
    lecun_end = alike(exponent(std["LeCun"][-1]) for std in stds)
    layers = alike(len(std["LeCun"]) for std in stds)
    flat = [v for std in stds for name in ("He", "orthogonal × √2") for v in std[name]]
    return [
        f"from about {naive_start} at layer 1 to between {e_notation(round_down(min(peaks)))} and "
        f"{e_notation(round_up(max(peaks)))} at layer {last_finite[0]} or {last_finite[1]}",
        f"LeCun = Xavier falls in a straight line from {lecun_start} to a few 1e{lecun_end} "
        f"at layer {layers}",
        f"stay between {round_down(min(flat), 2):g} and {round_up(max(flat), 2):g}",
        f"PyTorch's falls to {stds[0]['framework default'][-1]:.2f}",
    ]
