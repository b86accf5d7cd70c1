"""First update of each layer of a 20-layer sigmoid MLP under SGD, Adam and RMSprop."""
from clinic.figures import LINESTYLES, framework_legend_handles, times_ten

SNIPPETS = {
    "PyTorch": "snippets/torch/optimizers.py",
    "Keras": "snippets/keras/optimizers.py",
}
SIZE = (8, 4)


def collect(exports):
    return {
        "update": {framework: variables["update_per_layer"]
                   for framework, variables in exports.items()},
        # Layers 1..N that SGD left bit-for-bit unchanged, as the page quotes them.
        "sgd_unchanged_layers": {framework: variables["sgd_left_unchanged"].index(False)
                                 for framework, variables in exports.items()},
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, updates in data["update"].items():
        axes.set_prop_cycle(None)  # same colour for the same optimizer in both frameworks
        for optimizer, update in updates.items():
            layers = range(1, len(update) + 1)
            axes.plot(layers, update, LINESTYLES[framework], marker=".", label=optimizer)
    axes.set(yscale="log", xlabel="layer", xticks=range(1, 21),
             ylabel="mean |update| ÷ learning rate")
    optimizer_handles = axes.get_lines()[: len(data["update"]["PyTorch"])]
    framework_handles = framework_legend_handles()
    figure.legend(handles=optimizer_handles + framework_handles, loc="outside lower center",
                  ncols=5, fontsize=8)


def check(data):
    for framework, updates in data["update"].items():
        sgd, adam, rmsprop = updates["SGD"], updates["Adam"], updates["RMSprop"]
        assert sgd[0] < 1e-9 * sgd[-1], framework
        assert 0.95 < adam[-1] <= 1.0, framework
        assert adam[-4] > 100 * sgd[-4], framework
        assert adam[0] < 1e-5 and rmsprop[0] < 1e-5, framework
        assert data["sgd_unchanged_layers"][framework] >= 5, framework
    # RMSprop's first step is lr / sqrt(1 - decay): alpha = 0.99 in PyTorch, rho = 0.9 in Keras.
    assert all(9 < update <= 10 for update in data["update"]["PyTorch"]["RMSprop"][-4:])
    assert 1 < data["update"]["Keras"]["RMSprop"][-1] <= 3.17
    # Different random numbers, same network: SGD's updates (the gradients) agree in shape.
    for torch_update, keras_update in zip(data["update"]["PyTorch"]["SGD"],
                                          data["update"]["Keras"]["SGD"]):
        assert 1 / 10 < torch_update / keras_update < 10


def _learning_rates(value):
    return f"{value:.2f}" if value >= 0.01 else times_ten(value, 0)


def tables(data):
    """The results table: the gradient (SGD's update) and each optimizer's first update."""
    torch_run, keras_run = data["update"]["PyTorch"], data["update"]["Keras"]
    rows = ["| Layer | mean $\\lvert g\\rvert$ (PyTorch / Keras) | SGD | Adam | RMSprop |",
            "| --- | --- | --- | --- | --- |"]
    for layer in (20, 17, 1):
        index = layer - 1
        cells = [f"{_learning_rates(torch_run[name][index])} / "
                 f"{_learning_rates(keras_run[name][index])}" for name in ("Adam", "RMSprop")]
        # SGD's update divided by the learning rate is the gradient itself.
        gradient = (f"{times_ten(torch_run['SGD'][index])} / "
                    f"{times_ten(keras_run['SGD'][index])}")
        rows.append(f"| {layer} | {gradient} | $= \\lvert g\\rvert$ | {cells[0]} | {cells[1]} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["update"]["PyTorch"], data["update"]["Keras"]
    layer_17 = 16
    unchanged = data["sgd_unchanged_layers"]
    return {"remedies/optimizers.md": [
        f"by {torch_run['Adam'][layer_17]:.2f} (PyTorch) and {keras_run['Adam'][layer_17]:.2f} "
        f"(Keras) learning rates",
        f"{times_ten(torch_run['SGD'][layer_17])} and "
        f"{times_ten(keras_run['SGD'][layer_17])} of one",
        f"{times_ten(torch_run['SGD'][0])} (PyTorch) and "
        f"{times_ten(keras_run['SGD'][0])} (Keras)",
        f"layers 1 to {unchanged['PyTorch']} in PyTorch and 1 to {unchanged['Keras']} in Keras",
        f"{torch_run['Adam'][layer_17] / torch_run['SGD'][layer_17]:,.0f}× (PyTorch) and "
        f"{keras_run['Adam'][layer_17] / keras_run['SGD'][layer_17]:,.0f}× (Keras)",
    ]}
