"""Results only: the update-to-weight ratio per layer, median over 5 steps, for four nets and optimizers."""

from clinic.figures import times_ten

SNIPPETS = {
    "PyTorch": "snippets/torch/diagnosis_update_ratio.py",
    "Keras": "snippets/keras/diagnosis_update_ratio.py",
}
ASSERTED = {
    "healthy, Adam 1e-3": ("healthy, Adam, learning rate $10^{-3}$",
                           "between $10^{-3}$ and $10^{-2}$ in every layer: the rule of thumb"),
    "healthy, Adam 1e-1": ("healthy, Adam, learning rate $10^{-1}$",
                           "above $5\\times10^{-2}$ in every layer: far above the rule of thumb"),
    "vanishing, SGD 1e-2": ("vanishing, SGD, learning rate $10^{-2}$",
                            "layer 1 below $10^{-6}$: frozen; output layer above $10^{-4}$"),
    "vanishing, Adam 1e-3": ("vanishing, Adam, learning rate $10^{-3}$",
                             "layer 1 above $10^{-4}$, and more than $10^{4}$× the SGD ratio"),
}


def collect(exports):
    return {framework: variables["update_ratio"] for framework, variables in exports.items()}


def check(data):
    for framework, ratio in data.items():
        assert all(1e-3 < value < 1e-2 for value in ratio["healthy, Adam 1e-3"]), framework
        assert all(value > 5e-2 for value in ratio["healthy, Adam 1e-1"]), framework
        sgd, adam = ratio["vanishing, SGD 1e-2"], ratio["vanishing, Adam 1e-3"]
        assert sgd[0] < 1e-6 and sgd[-1] > 1e-4, framework
        assert adam[0] > 1e-4 and adam[0] > 1e4 * sgd[0], framework


def _number(value):
    if 0.01 <= value < 100:
        return f"{value:.2g}"
    return times_ten(value, 0)


def tables(data):
    rows = ["| Net and optimizer | layer 1, PyTorch / Keras | output layer, PyTorch / Keras | "
            "Asserted |", "| --- | --- | --- | --- |"]
    for config, (label, claim) in ASSERTED.items():
        first = " / ".join(_number(run[config][0]) for run in data.values())
        last = " / ".join(_number(run[config][-1]) for run in data.values())
        rows.append(f"| {label} | {first} | {last} | {claim} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    adam = [run["vanishing, Adam 1e-3"][0] for run in data.values()]
    return {"diagnosis.md": [
        f"(layer 1 moves about {_number(adam[0])} per step in PyTorch, {_number(adam[1])} in Keras)",
    ]}
