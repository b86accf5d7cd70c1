"""How far a gradient travels back through time: linear recurrences with spectral norm 0.9,
1.0 and 1.1, and a tanh RNN at 1.1, both frameworks."""
from clinic.figures import LINESTYLES, framework_legend_handles, times_ten

SNIPPETS = {
    "PyTorch": "snippets/torch/math_recurrent.py",
    "Keras": "snippets/keras/math_recurrent.py",
}
EVERY = 4  # every 4th step: 26 points per line keep the SVG small
SIZE = (8, 4.2)


def collect(exports):
    return {framework: variables["grad_ratio_per_step"]
            for framework, variables in exports.items()}


def draw(figure, data):
    axes = figure.subplots()
    for framework, ratios in data.items():
        axes.set_prop_cycle(None)  # same colour for the same recurrence in both frameworks
        for recurrence, ratio in ratios.items():
            steps_back = range(0, len(ratio), EVERY)
            axes.plot(steps_back, ratio[::EVERY], LINESTYLES[framework], label=recurrence)
    axes.set(yscale="log", xlabel="steps back in time, k",
             ylabel="‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖")
    recurrence_handles = axes.get_lines()[: len(data["PyTorch"])]
    framework_handles = framework_legend_handles()
    figure.legend(handles=recurrence_handles + framework_handles, loc="outside lower center",
                  ncols=6, fontsize=8)


def check(data):
    for framework, ratios in data.items():
        for spectral_norm in (0.9, 1.0, 1.1):
            ratio = ratios[f"linear, s = {spectral_norm}"]
            for k, measured in enumerate(ratio):
                assert abs(measured - spectral_norm**k) <= 2e-3 * spectral_norm**k, framework
        tanh = ratios["tanh, s = 1.1"]
        assert all(measured <= 1.1**k * 1.001 for k, measured in enumerate(tanh)), framework
        assert tanh[-1] < 1e-6, framework
    # The linear curves are exact in both; the tanh RNN sees different random inputs in each
    # framework, so compare its average factor per step: within 10 %.
    steps = len(data["PyTorch"]["tanh, s = 1.1"]) - 1
    torch_rate = data["PyTorch"]["tanh, s = 1.1"][-1] ** (1 / steps)
    keras_rate = data["Keras"]["tanh, s = 1.1"][-1] ** (1 / steps)
    assert abs(torch_rate / keras_rate - 1) < 0.1


def _alt(value, digits=1):
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def quotes(data):
    """The 100-step values the bold claim and the alt text quote; the frameworks agree on them."""
    shown = {}
    for recurrence in ("linear, s = 0.9", "linear, s = 1.1"):
        values = {times_ten(run[recurrence][-1]) for run in data.values()}
        assert len(values) == 1, recurrence
        shown[recurrence] = values.pop()
    tanh = sorted(run["tanh, s = 1.1"][-1] for run in data.values())
    torch_run = data["PyTorch"]
    return {"basics/math.md": [
        f"shrinks it to\n{shown['linear, s = 0.9']}",
        f"while 1.1 grows it to {shown['linear, s = 1.1']}",
        f"rises to about {_alt(torch_run['linear, s = 1.1'][-1])}",
        f"falls to about {_alt(torch_run['linear, s = 0.9'][-1])}",
        f"to between {_alt(tanh[0], 0)} and {_alt(tanh[1], 0)}",
    ]}
