"""First update of each layer of a 20-layer sigmoid MLP under SGD, Adam and RMSprop."""
from matplotlib.lines import Line2D

SNIPPETS = {
    "PyTorch": "snippets/torch/optimizers.py",
    "Keras": "snippets/keras/optimizers.py",
}
LINESTYLES = {"PyTorch": "-", "Keras": "--"}
SIZE = (8, 4)


def collect(exports):
    return {framework: variables["update_per_layer"] for framework, variables in exports.items()}


def draw(figure, data):
    axes = figure.subplots()
    for framework, updates in data.items():
        axes.set_prop_cycle(None)  # same colour for the same optimizer in both frameworks
        for optimizer, update in updates.items():
            layers = range(1, len(update) + 1)
            axes.plot(layers, update, LINESTYLES[framework], marker=".", label=optimizer)
    axes.set(yscale="log", xlabel="layer", xticks=range(1, 21),
             ylabel="mean |update| ÷ learning rate")
    optimizer_handles = axes.get_lines()[: len(data["PyTorch"])]
    framework_handles = [Line2D([], [], color="grey", linestyle=style, label=framework)
                         for framework, style in LINESTYLES.items()]
    figure.legend(handles=optimizer_handles + framework_handles, loc="outside lower center",
                  ncols=5, fontsize=8)


def check(data):
    for framework, updates in data.items():
        sgd, adam, rmsprop = updates["SGD"], updates["Adam"], updates["RMSprop"]
        assert sgd[0] < 1e-9 * sgd[-1], framework
        assert all(0.9 < update <= 1.0 for update in adam[-4:]), framework
        assert adam[-4] > 1e3 * sgd[-4], framework
        assert adam[0] < 1e-5 and rmsprop[0] < 1e-5, framework
    # RMSprop's first step is lr / sqrt(1 - decay): alpha = 0.99 in PyTorch, rho = 0.9 in Keras.
    assert 9 < data["PyTorch"]["RMSprop"][-1] <= 10
    assert 2.9 < data["Keras"]["RMSprop"][-1] <= 3.17
    # Different random numbers, same network: SGD's updates (the gradients) agree in shape.
    for torch_update, keras_update in zip(data["PyTorch"]["SGD"], data["Keras"]["SGD"]):
        assert 1 / 10 < torch_update / keras_update < 10


def _power_of_ten(value, digits=1):
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"${mantissa}\\times10^{{{int(exponent)}}}$"


def _learning_rates(value):
    return f"{value:.2f}" if value >= 0.01 else _power_of_ten(value, 0)


def tables(data):
    """The results table: the gradient (SGD's update) and each optimizer's first update."""
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    rows = ["| Layer | mean $\\lvert g\\rvert$ (PyTorch / Keras) | SGD | Adam | RMSprop |",
            "| --- | --- | --- | --- | --- |"]
    for layer in (20, 17, 1):
        index = layer - 1
        cells = [f"{_learning_rates(torch_run[name][index])} / "
                 f"{_learning_rates(keras_run[name][index])}" for name in ("Adam", "RMSprop")]
        # SGD's update divided by the learning rate is the gradient itself.
        gradient = (f"{_power_of_ten(torch_run['SGD'][index])} / "
                    f"{_power_of_ten(keras_run['SGD'][index])}")
        rows.append(f"| {layer} | {gradient} | $= \\lvert g\\rvert$ | {cells[0]} | {cells[1]} |")
    return {"results": "\n".join(rows)}
