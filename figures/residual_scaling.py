"""Pre-LN residual stacks of 6 to 48 MLP blocks at initialization, with and without
GPT-2's 1/sqrt(N) scaling of the residual output projections."""

import math

from clinic.figures import LINESTYLES, alike, framework_legend_handles, round_down, round_up

SNIPPETS = {
    "PyTorch": "snippets/torch/residual_scaling.py",
    "Keras": "snippets/keras/residual_scaling.py",
}
VARIANTS = ["plain", "GPT-2 1/√N"]
SIZE = (8, 3.8)
PAGE = "scale/residual-scaling.md"
ALT_TEXT_SETUP = ("from 6 to 48 blocks", "1 over square root N scaling",
                  "per block of the 48-block stack")


def collect(exports):
    return {
        framework: {
            "depths": list(variables["DEPTHS"]),
            "final_stream_rms": variables["final_stream_rms"],
            "first_block_grad": variables["first_block_grad"],
            "last_block_grad": variables["last_block_grad"],
            "grad_per_block": variables["grad_per_block"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    rms_axes, grad_axes = figure.subplots(1, 2)
    for framework, measured in data.items():
        for axes in (rms_axes, grad_axes):
            axes.set_prop_cycle(None)  # same colour for the same variant in both frameworks
        for variant in VARIANTS:
            rms_axes.plot(measured["depths"], measured["final_stream_rms"][variant],
                          LINESTYLES[framework], marker="o", markersize=4, label=variant)
            per_block = measured["grad_per_block"][variant]
            grad_axes.plot(range(1, len(per_block) + 1), per_block, LINESTYLES[framework],
                           marker=".", label=variant)
    depths = data["PyTorch"]["depths"]
    rms_axes.plot(depths, [(1 + depth) ** 0.5 for depth in depths], ":", color="grey",
                  label="√(1 + depth)")
    rms_axes.set(xscale="log", xticks=depths, xticklabels=[str(d) for d in depths],
                 xlabel="depth (number of blocks)", ylabel="RMS of the residual stream at the top",
                 ylim=(0, None))
    rms_axes.minorticks_off()
    grad_axes.set(xlabel=f"block (in the {depths[-1]}-block stack)",
                  ylabel="‖∂L/∂W2‖ at initialization", ylim=(0, None))
    handles = rms_axes.get_lines()[: len(VARIANTS)] + [rms_axes.get_lines()[-1]]
    handles += framework_legend_handles()
    figure.legend(handles=handles, loc="outside lower center", ncols=5, fontsize=8)


def _spread(measured, variant, index=-1):
    return measured["first_block_grad"][variant][index] / measured["last_block_grad"][variant][index]


def check(data):
    for framework, measured in data.items():
        depths, plain, scaled = measured["depths"], "plain", "GPT-2 1/√N"
        for depth, rms in zip(depths, measured["final_stream_rms"][plain]):
            assert 0.8 * (1 + depth) ** 0.5 < rms < 1.2 * (1 + depth) ** 0.5, framework
        assert all(1.2 < rms < 1.65 for rms in measured["final_stream_rms"][scaled]), framework
        assert _spread(measured, plain) > 3.5, framework
        assert all(_spread(measured, scaled, index) < 2 for index in range(len(depths))), framework
        last = measured["last_block_grad"]
        assert last[plain][-1] < 0.5 * last[plain][0], framework
        assert 0.75 < last[scaled][-1] / last[scaled][0] < 1.33, framework


def tables(data):
    rows = ["| Depth | stream RMS, plain | stream RMS, GPT-2 $1/\\sqrt{N}$ "
            "| first ÷ last block $\\lVert\\nabla W_2\\rVert$, plain "
            "| first ÷ last, GPT-2 $1/\\sqrt{N}$ |",
            "| --- | --- | --- | --- | --- |"]
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    for index, depth in enumerate(torch_run["depths"]):
        cells = []
        for variant in VARIANTS:
            cells.append(f"{torch_run['final_stream_rms'][variant][index]:.2f} / "
                         f"{keras_run['final_stream_rms'][variant][index]:.2f}")
        for variant in VARIANTS:
            cells.append(f"{_spread(torch_run, variant, index):.1f}× / "
                         f"{_spread(keras_run, variant, index):.1f}×")
        rows.append(f"| {depth} | " + " | ".join(cells) + " |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run = data["PyTorch"]
    return {PAGE: [
        f"{torch_run['final_stream_rms']['plain'][-1]:.1f}",
        f"{torch_run['final_stream_rms']['GPT-2 1/√N'][-1]:.1f}",
        f"{_spread(torch_run, 'plain'):.1f}×",
        f"{_spread(torch_run, 'GPT-2 1/√N'):.1f}×",
        *_alt_text(data),
    ]}


def _alt_text(data):
    def every(key, variant, index=None):
        """Both frameworks' numbers: at one depth (index) or, without, at every block."""
        return [number for run in data.values()
                for number in ([run[key][variant][index]] if index is not None
                               else run[key][variant])]

    def between(numbers, significant=2):
        return (f"between {round_down(min(numbers), significant):g} and "
                f"{round_up(max(numbers), significant):g}")

    def units(numbers):
        """Whole numbers that hold them all: "between 7 and 11"."""
        return f"between {math.floor(min(numbers))} and {math.ceil(max(numbers))}"

    plain_top = alike(every("final_stream_rms", "plain", -1), "{:.0f}".format)
    plain, scaled = "plain", "GPT-2 1/√N"
    deepest = data["PyTorch"]["depths"][-1]
    return [
        f"climbs from {between(every('final_stream_rms', plain, 0))} to about {plain_top}",
        f"stays flat {between(every('final_stream_rms', scaled))}",
        f"gradient falls from {units(every('first_block_grad', plain, -1))} at block 1 to under "
        f"{round_up(max(every('last_block_grad', plain, -1))):g} at block {deepest}",
        f"the scaled stack's stays {units(every('grad_per_block', scaled))} throughout",
    ]
