"""Gradient reaching each block and activation std, plain vs residual stacks, both frameworks."""
import math

from clinic.figures import (LINESTYLES, alike, e_notation, framework_legend_handles, round_down,
                            round_up, times_ten)


SNIPPETS = {
    "PyTorch": "snippets/torch/residual_connections.py",
    "Keras": "snippets/keras/residual_connections.py",
}
# Six configs, one theme colour each; "plain, He" is in the snippets' table only.
SHOWN = ["plain", "residual", "residual, He", "residual, He, pre-norm",
         "residual, He, branch / √L", "residual, He, zero last layer"]
ZOOMED = ["residual", "residual, He, pre-norm", "residual, He, branch / √L",
          "residual, He, zero last layer"]  # the right panel, on a linear scale
ZOOM_TOP = 10
SIZE = (9, 4.2)
# Block 50 is where the gradient is measured from: 1 there by definition.
# The configurations whose gradient and spread stay bounded (the alt text's "the rest").
HEALTHY = ("residual", "residual, He, pre-norm", "residual, He, branch / √L",
           "residual, He, zero last layer")
ALT_TEXT_SETUP = ("over blocks 1 to 50", "divided by the one at block 50",
                  "from 1 at block 50", "on a linear scale from 0 to 10")


def collect(exports):
    return {
        framework: {
            "relative_grad": variables["relative_grad_per_block"],
            "activation_std": variables["activation_std_per_block"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    grad_axes, std_axes, zoom_axes = figure.subplots(1, 3)
    for framework, measured in data.items():
        for axes, quantity in ((grad_axes, "relative_grad"), (std_axes, "activation_std"),
                               (zoom_axes, "activation_std")):
            axes.set_prop_cycle(None)  # same colour for the same config in both frameworks
            for config in SHOWN:
                values = measured[quantity][config]
                if axes is zoom_axes and config not in ZOOMED:
                    axes.plot([], [])  # keep the colour order
                    continue
                axes.plot(range(1, len(values) + 1), values, LINESTYLES[framework],
                          label=config)
    grad_axes.set(yscale="log", xlabel="block",
                  ylabel="‖∂L/∂h_l‖ ÷ ‖∂L/∂h_50‖ (block input)")
    std_axes.set(yscale="log", xlabel="block", ylabel="std of block output")
    zoom_axes.set(xlabel="block", ylabel="std of block output (linear scale)",
                  ylim=(0, ZOOM_TOP))
    config_handles = grad_axes.get_lines()[: len(SHOWN)]
    framework_handles = framework_legend_handles()
    figure.legend(handles=config_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def growth_per_block(values):
    return (values[-1] / values[0]) ** (1 / (len(values) - 1))


def check(data):
    for framework, measured in data.items():
        grad, std = measured["relative_grad"], measured["activation_std"]
        assert grad["plain"][0] < 1e-20, framework
        assert std["plain"][-1] < 1e-20, framework
        assert 0.5 < grad["residual"][0] < 20, framework
        assert 2.5 < std["residual"][-1] / std["residual"][0] < 6, framework
        assert 0.01 < grad["plain, He"][0] < 100, framework
        assert 1.3 < growth_per_block(std["residual, He"]) < 1.5, framework
        assert std["residual, He"][-1] > 1e6, framework
        assert grad["residual, He"][0] > 1e5, framework
        prenorm = std["residual, He, pre-norm"]
        assert 5 < prenorm[-1] < 10, framework
        assert 0.6 < (prenorm[-1] ** 2 - prenorm[0] ** 2) / (len(prenorm) - 1) < 1.4, framework
        for config in ("residual, He, pre-norm", "residual, He, branch / √L"):
            assert all(0.2 < value < 20 for value in grad[config]), (framework, config)
        scaled = std["residual, He, branch / √L"]
        assert 1.2 < scaled[-1] / scaled[0] < 2.5, framework
        zero_init = std["residual, He, zero last layer"]
        assert zero_init[-1] == zero_init[0], framework
        assert grad["residual, He, zero last layer"][0] == 1.0, framework
    # Different random numbers, the same measurement.
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    for config, factor in (("plain", 10), ("residual", 3), ("residual, He, pre-norm", 3),
                           ("residual, He, branch / √L", 3)):
        ratio = torch_run["relative_grad"][config][0] / keras_run["relative_grad"][config][0]
        assert 1 / factor < ratio < factor, config  # gradient at block 1
    for config in ("residual", "residual, He, pre-norm", "residual, He, branch / √L"):
        ratio = torch_run["activation_std"][config][-1] / keras_run["activation_std"][config][-1]
        assert 1 / 1.5 < ratio < 1.5, config  # std at block 50: within a factor of 1.5
    torch_growth = growth_per_block(torch_run["activation_std"]["residual, He"])
    keras_growth = growth_per_block(keras_run["activation_std"]["residual, He"])
    assert abs(torch_growth / keras_growth - 1) < 0.1  # growth per block: within 10 %


def _number(value):
    """Three significant digits in [0.01, 1000); a power of ten outside."""
    if 0.01 <= abs(value) < 1000:
        return f"{value:.3g}"
    return times_ten(value)


def _pair(torch_value, keras_value):
    return f"{_number(torch_value)} / {_number(keras_value)}"


ASSERTED = {
    "plain": "gradient at block 1 and std at block 50 below $10^{-20}$",
    "residual": "gradient 0.5–20; std grows 2.5–6×",
    "plain, He": "gradient 0.01–100",
    "residual, He": "1.3–1.5 per block; above $10^{6}$ at block 50; gradient above $10^{5}$",
    "residual, He, pre-norm": "std at block 50 in 5–10; variance +0.6 to +1.4 per block; "
                              "gradient 0.2–20 at every block",
    "residual, He, branch / √L": "std grows 1.2–2.5×; gradient 0.2–20 at every block",
    "residual, He, zero last layer": "equal to block 50, exactly",
}


def _variance_per_block(std):
    return (std[-1] ** 2 - std[0] ** 2) / (len(std) - 1)


def tables(data):
    """At initialization: gradient at block 1 over block 50, and the std from block 1 to 50."""
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    rows = ["| Config | Gradient at block 1 ÷ block 50 (PyTorch / Keras) | "
            "Std, block 1 → block 50 (PyTorch / Keras) | Asserted |",
            "| --- | --- | --- | --- |"]
    for config, asserted in ASSERTED.items():
        grads = [run["relative_grad"][config][0] for run in (torch_run, keras_run)]
        stds = [run["activation_std"][config] for run in (torch_run, keras_run)]
        if config == "residual, He, zero last layer":
            gradient = "exactly 1" if grads == [1.0, 1.0] else _pair(*grads)
            spread = (f"exactly constant ({stds[0][0]:.2f} in both)"
                      if all(s[0] == s[-1] for s in stds) and
                      f"{stds[0][0]:.2f}" == f"{stds[1][0]:.2f}" else "varies")
        else:
            gradient = _pair(*grads)
            spread = " / ".join(f"{_number(s[0])} → {_number(s[-1])}" for s in stds)
            if config == "residual, He":
                spread += "; " + " / ".join(f"×{growth_per_block(s):.2f}" for s in stds) + " per block"
            if config == "residual, He, pre-norm":
                spread += "; variance " + " / ".join(f"+{_variance_per_block(s):.2f}"
                                                     for s in stds) + " per block"
        rows.append(f"| {config} | {gradient} | {spread} | {asserted} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    plain_he = [run["relative_grad"]["plain, He"][0] for run in (torch_run, keras_run)]
    mean = lambda config, quantity, index: sum(  # noqa: E731
        run[quantity][config][index] for run in (torch_run, keras_run)) / 2
    plain = [run["relative_grad"]["plain"][0] for run in (torch_run, keras_run)]
    growth = alike((growth_per_block(run['activation_std']['residual, He'])
                    for run in (torch_run, keras_run)), "{:.1f}".format)
    return {"remedies/residual-connections.md": [
        f"about $10^{{{round(math.log10(math.sqrt(plain[0] * plain[1])))}}}$ of the gradient",
        f"makes it about {mean('residual', 'relative_grad', 0):.0f} times *larger*",
        f"grows ×{growth} per block",
        f"grows like $\\sqrt{{L}}$, to {mean('residual, He, pre-norm', 'activation_std', -1):.0f})",
        f"scaled by $1/\\sqrt{{L}}$ (to {mean('residual, He, branch / √L', 'activation_std', -1):.1f})",
        f"keeps the gradient at block 1 at {plain_he[0]:.2f} (PyTorch) and "
        f"{plain_he[1]:.2f} (Keras)",
        # the box on the source article
        "{} (PyTorch) and {} (Keras) by block 50".format(
            *(times_ten(run["activation_std"]["residual, He"][-1], digits=0)
              for run in (torch_run, keras_run))),
        f"held the same stack to about {mean('residual, He, pre-norm', 'activation_std', -1):.0f}.",
        f"block 50's to about {mean('residual', 'relative_grad', 0):.0f} times it.",
        *_alt_text(data),
    ]}


def _alt_text(data):
    """Block 1 is index 0, block 50 the last; each phrase holds for both frameworks."""
    def values(quantity, config, index):
        return [run[quantity][config][index] for run in data.values()]

    def power(numbers):
        """About which power of ten: "1e-31" (both frameworks' must round alike)."""
        return "1e" + alike([math.log10(number) for number in numbers], "{:.0f}".format)

    def bounded(quantity):
        """The healthy configs stay between about 1 and the next power of ten."""
        numbers = [number for run in data.values() for config in HEALTHY
                   for number in run[quantity][config]]
        return (f"stay between about {min(numbers):.0f} and "
                f"{10 ** math.ceil(math.log10(max(numbers))):g}")

    def start(config, style):
        return alike(values("activation_std", config, 0), style.format)

    he_std = values("activation_std", "residual, He", -1)
    prenorm_end = values("activation_std", "residual, He, pre-norm", -1)
    branch_end = values("activation_std", "residual, He, branch / √L", -1)
    zero_last = [number for run in data.values()
                 for number in run["activation_std"]["residual, He, zero last layer"]]
    return [
        f"to about {power(values('relative_grad', 'plain', 0))} at block 1",
        f"zero last layer {bounded('relative_grad')};",
        f"rises to about {power(values('relative_grad', 'residual, He', 0))} at block 1",
        f"plain falls from {start('plain', '{:.2f}')} to about "
        f"{power(values('activation_std', 'plain', -1))}",
        f"rises in a straight line from {start('residual, He', '{:.1f}')} to between "
        f"{e_notation(round_down(min(he_std)))} and {e_notation(round_up(max(he_std)))}",
        f"the rest {bounded('activation_std')}.",
        f"like a square root from {start('residual, He, pre-norm', '{:.1f}')} to "
        f"between {round_down(min(prenorm_end), 2):g} and {round_up(max(prenorm_end), 2):g}",
        f"default scale rises from {start('residual', '{:.0f}')} to about "
        f"{alike(values('activation_std', 'residual', -1), '{:.0f}'.format)}",
        f"branch / √L rises from {start('residual, He, branch / √L', '{:.0f}')} to between "
        f"{round_down(min(branch_end), 2):g} and {round_up(max(branch_end), 2):g}",
        f"zero last layer is flat at {alike(zero_last, '{:.1g}'.format)}",
    ]
