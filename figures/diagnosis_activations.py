"""Results only: std of each layer's output and ‖∂L/∂h_l‖ in the three nets, at initialization."""

from clinic.figures import times_ten

SNIPPETS = {
    "PyTorch": "snippets/torch/diagnosis_activations.py",
    "Keras": "snippets/keras/diagnosis_activations.py",
}
ASSERTED = {
    "healthy": ("std between 1/3 and 3 in every layer", "within a factor of 3"),
    "vanishing": ("std below 0.3 in every layer", "3× to 6× smaller per layer, less than "
                  "$10^{-4}$ over 7 layers"),
    "exploding": ("std grows more than 5×", "more than 5× larger at layer 1"),
}


def collect(exports):
    return {framework: {"activation_std": variables["activation_std_per_layer"],
                        "output_grad": variables["output_grad_per_layer"]}
            for framework, variables in exports.items()}


def check(data):
    for framework, run in data.items():
        std, grad = run["activation_std"], run["output_grad"]
        assert all(1 / 3 < value < 3 for value in std["healthy"]), framework
        assert all(value < 0.3 for value in std["vanishing"]), framework
        assert grad["vanishing"][0] / grad["vanishing"][-1] < 1e-4, framework
        assert std["exploding"][-1] / std["exploding"][0] > 5, framework
        assert grad["exploding"][0] / grad["exploding"][-1] > 5, framework


def _number(value):
    return f"{value:.2g}" if 0.01 <= value < 100 else f"${value:.0e}$".replace("e-0", "e-")


def tables(data):
    rows = ["| Net | std of $h_l$, layer 1 → 8 (PyTorch / Keras) | "
            "$\\lVert\\partial\\mathcal{L}/\\partial h_1\\rVert \\div "
            "\\lVert\\partial\\mathcal{L}/\\partial h_8\\rVert$ (PyTorch / Keras) | Asserted |",
            "| --- | --- | --- | --- |"]
    for net, (std_claim, grad_claim) in ASSERTED.items():
        stds = " / ".join(f"{_number(run['activation_std'][net][0])} → "
                          f"{_number(run['activation_std'][net][-1])}" for run in data.values())
        grads = " / ".join(_ratio(run["output_grad"][net][0] / run["output_grad"][net][-1])
                           for run in data.values())
        rows.append(f"| {net} | {stds} | {grads} | {std_claim}; gradient {grad_claim} |")
    return {"results": "\n".join(rows)}


def _ratio(value):
    if 0.01 <= value < 100:
        return f"{value:.2g}"
    return times_ten(value, 0)
