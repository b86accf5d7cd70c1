"""‖∂loss/∂x_t‖ over 100 steps for a vanilla RNN, a GRU and an LSTM with forget-gate bias 0 and 1."""
from matplotlib.lines import Line2D

SNIPPETS = {
    "PyTorch": "snippets/torch/gated_rnns.py",
    "Keras": "snippets/keras/gated_rnns.py",
}
LINESTYLES = {"PyTorch": "-", "Keras": "--"}
EVERY = 3  # plot every third step: 34 points per line keep the SVG small
SIZE = (8, 4.2)


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
    framework_handles = [Line2D([], [], color="grey", linestyle=style, label=framework)
                         for framework, style in LINESTYLES.items()]
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
