"""How far a gradient travels back through time: linear recurrences with spectral norm 0.9,
1.0 and 1.1, and a tanh RNN at 1.1, both frameworks."""
from clinic.figures import (LINESTYLES, alike, e_notation, framework_legend_handles, round_down,
                            round_up, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/math_recurrent.py",
    "Keras": "snippets/keras/math_recurrent.py",
}
EVERY = 4  # every 4th step: 26 points per line keep the SVG small
SIZE = (8, 4.2)
ALT_TEXT_SETUP = ("for k from 0 to 100", "tanh RNN with spectral norm 1.1")


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


def quotes(data):
    """The 100-step values the bold claim and the alt text quote; the frameworks agree on them."""
    shown = {}
    for recurrence in ("linear, s = 0.9", "linear, s = 1.1"):
        shown[recurrence] = alike((run[recurrence][-1] for run in data.values()), times_ten)
    return {"basics/math.md": [
        f"shrinks it to\n{shown['linear, s = 0.9']}",
        f"while 1.1 grows it to {shown['linear, s = 1.1']}",
        *_alt_text(data),
    ]}


def _alt_text(data):
    """The straight lines' values, the same in both frameworks, and bounds on the tanh RNN's."""
    linear = [name for name in data["PyTorch"] if name.startswith("linear")]

    def end(norm):
        return alike(e_notation(run[f"linear, s = {norm}"][-1], 1) for run in data.values())
    start = alike(f"{run[name][0]:g}" for run in data.values() for name in linear)
    flat = alike(f"{value:g}" for run in data.values() for value in run["linear, s = 1.0"])
    tanh = [run["tanh, s = 1.1"][-1] for run in data.values()]
    return [f"Three straight lines start at {start}:",
            f"spectral norm 1.1 rises to about {end('1.1')},",
            f"1.0 stays flat at {flat},",
            f"0.9 falls to about {end('0.9')}.",
            f"falls fastest, to between {e_notation(round_down(min(tanh)))} and "
            f"{e_notation(round_up(max(tanh)))}"]
