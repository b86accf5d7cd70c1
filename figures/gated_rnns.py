"""‖∂loss/∂x_t‖ over 100 steps for a vanilla RNN, a GRU and an LSTM with forget-gate bias 0 and 1."""
import math

from clinic.figures import (LINESTYLES, e_notation, framework_legend_handles, round_down,
                            round_up, times_ten)


SNIPPETS = {
    "PyTorch": "snippets/torch/gated_rnns.py",
    "Keras": "snippets/keras/gated_rnns.py",
}
EVERY = 3  # plot every third step: 34 points per line keep the SVG small
SIZE = (8, 4.2)
ALT_TEXT_SETUP = ("each of 100 time steps", "with forget bias about 0", "with forget bias 1")


def collect(exports):
    return {
        framework: {
            cell: grads[::EVERY] + ([grads[-1]] if (len(grads) - 1) % EVERY else [])
            for cell, grads in variables["relative_grad_per_step"].items()
        }
        for framework, variables in exports.items()
    }


def steps(values):
    plotted = list(range(0, EVERY * len(values), EVERY))[: len(values)]
    return plotted[:-1] + [99] if plotted[-1] != 99 else plotted


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # the same colour for the same cell in both frameworks
        for cell, values in measured.items():
            axes.plot(steps(values), values, LINESTYLES[framework], label=cell)
    axes.set(yscale="log", xlabel="time step t (the loss reads only the output at t = 99)",
             ylabel="‖∂L/∂x_t‖ relative to t = 99")
    cell_handles = axes.get_lines()[: len(data["PyTorch"])]
    framework_handles = framework_legend_handles()
    figure.legend(handles=cell_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        first = {cell: values[0] for cell, values in measured.items()}
        assert first["vanilla RNN"] < 1e-10, framework
        assert first["GRU"] < 1e-15 and first["LSTM, forget bias ≈ 0"] < 1e-15, framework
        assert 1e-11 < first["LSTM, forget bias 1"] < 1e-6, framework
        assert first["LSTM, forget bias 1"] > 1e10 * first["LSTM, forget bias ≈ 0"], framework
    # The gated cells start alike in both frameworks: agree within 100x at every plotted step,
    # across a range of more than 20 orders of magnitude. The vanilla RNNs differ on purpose
    # (PyTorch: uniform recurrent weights; Keras: orthogonal), so they are not compared.
    for cell in ("GRU", "LSTM, forget bias ≈ 0", "LSTM, forget bias 1"):
        for torch_value, keras_value in zip(data["PyTorch"][cell], data["Keras"][cell]):
            assert 1 / 100 < torch_value / keras_value < 100, cell


def _loss(value):
    """How many times smaller than at the last step, as a power of ten: 3e-27 -> $10^{27}$."""
    return f"$10^{{{round(-math.log10(value))}}}$"


BOUNDS = {
    "vanilla RNN": "below $10^{-10}$",
    "GRU": "below $10^{-15}$",
    "LSTM, forget bias ≈ 0": "below $10^{-15}$",
    "LSTM, forget bias 1": "between $10^{-11}$ and $10^{-6}$, and above $10^{10}$× the bias-0 LSTM",
}


def tables(data):
    """At initialization: the gradient at the first of 100 steps, relative to the last."""
    rows = ["| Cell (at initialization) | $\\lVert\\partial\\mathcal{L}/\\partial x_0\\rVert$ "
            "relative to the last step, PyTorch / Keras | asserted in both |",
            "| --- | --- | --- |"]
    for cell, bound in BOUNDS.items():
        measured = " / ".join(times_ten(data[framework][cell][0], 0) for framework in data)
        rows.append(f"| {cell} | {measured} | {bound} |")
    return {"results": "\n".join(rows)}


def _losses(values):
    """A range of powers of ten, "$10^{21}$ to $10^{22}$", or one if both ends agree."""
    low, high = _loss(max(values)), _loss(min(values))
    return low if low == high else f"{low} to {high}"


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    closed, open_gate = _first_steps(data)
    runs = (torch_run, keras_run)
    return {"remedies/gated-rnns.md": [
        _loss(keras_run["vanilla RNN"][0]), _loss(torch_run["vanilla RNN"][0]),
        _losses(closed), _losses(open_gate),
        f"(asserted; {_orders_saved(torch_run):.1f} in PyTorch and {_orders_saved(keras_run):.1f} "
        "in Keras here)",
        f"forget bias near 0 lost {_losses([run['LSTM, forget bias ≈ 0'][0] for run in runs])},",
        f"with forget bias 1 lost about {_losses(open_gate)}.",
        *_alt_text(data),
    ]}


def _first_steps(data):
    """The gradient at the first step: of the closed-gate cells, and of the open-gate LSTM."""
    runs = (data["PyTorch"], data["Keras"])
    closed = [run[cell][0] for run in runs for cell in ("GRU", "LSTM, forget bias ≈ 0")]
    return closed, [run["LSTM, forget bias 1"][0] for run in runs]


def _alt_text(data):
    def bounds(values, before, between):
        """A range that holds every value, both frameworks: "between 1e-22 and 3e-21"."""
        return (f"{before} {e_notation(round_down(min(values)))} {between} "
                f"{e_notation(round_up(max(values)))}")
    closed, open_gate = _first_steps(data)
    return [f"the vanilla RNN is at {e_notation(data['PyTorch']['vanilla RNN'][0])} in PyTorch "
            f"and {e_notation(data['Keras']['vanilla RNN'][0])} in Keras",
            f"are {bounds(closed, 'between', 'and')} in both frameworks",
            f"is {bounds(open_gate, 'at', 'to')}. Solid lines"]


def _orders_saved(run):
    """Orders of magnitude the forget-gate bias of 1 adds to the gradient of the first step."""
    return math.log10(run["LSTM, forget bias 1"][0] / run["LSTM, forget bias ≈ 0"][0])
