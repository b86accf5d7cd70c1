"""First update of each layer of a 20-layer sigmoid MLP under SGD, Adam and RMSprop."""
from clinic.figures import (LINESTYLES, SAME_NUMBER, framework_legend_handles, in_words,
                            significant, span, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/optimizers.py",
    "Keras": "snippets/keras/optimizers.py",
}
SIZE = (8, 4)
ALT_TEXT_SETUP = ("over layers 1 to 20",)


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
        *_alt_text(data),
    ]}


def _level_from(update):
    """The level the top layers reach (rounded), and the lowest layer from which every layer
    is "near" it: within 10 %, a distance the log-scale figure does not show."""
    level = significant(update[-1])
    below = [layer for layer, value in enumerate(update, 1)
             if abs(value - float(level)) > 0.1 * float(level)]
    return level, below[-1] + 1


def _alt_text(data):
    torch_run, keras_run = data["update"]["PyTorch"], data["update"]["Keras"]
    depth = len(torch_run["SGD"])
    sgd = [run["SGD"] for run in (torch_run, keras_run)]
    adam = {framework: _level_from(run["Adam"]) for framework, run in data["update"].items()}
    assert {level for level, _ in adam.values()} == {"1"}, adam
    rmsprop_level, rmsprop_from = _level_from(torch_run["RMSprop"])
    # RMSprop "matches" Adam where the two agree within SAME_NUMBER (2 %).
    differs = [layer for layer, (rms, adam_update)
               in enumerate(zip(torch_run["RMSprop"], torch_run["Adam"]), 1)
               if abs(rms - adam_update) > SAME_NUMBER * adam_update]
    keras_rmsprop = keras_run["RMSprop"]
    above_one = [value > 1 for value in keras_rmsprop]
    top = above_one.index(True)
    assert all(above_one[top:]), keras_rmsprop
    return [
        f"SGD rises in a straight line from about {span([run[0] for run in sgd])} at layer 1 to "
        f"about {span([run[-1] for run in sgd])} at layer {depth}",
        f"Adam in PyTorch is near 1 from layer {adam['PyTorch'][1]} upwards and falls to "
        f"about {span([torch_run['Adam'][0]])} at layer 1",
        f"Adam in Keras is near 1 only from layer {adam['Keras'][1]} upwards and falls to "
        f"about {span([keras_run['Adam'][0]])}",
        f"RMSprop in PyTorch levels off at {rmsprop_level} from layer {rmsprop_from} and "
        f"matches Adam below layer {differs[0]}",
        f"RMSprop in Keras rises above 1 only in the last {in_words(depth - top)} layers, to "
        f"about {significant(keras_rmsprop[-1])} at layer {depth}, and falls to "
        f"about {span([keras_rmsprop[0]])} at layer 1",
    ]
