"""First tanh layer fed raw or standardized features: saturated units and mean tanh'."""

SNIPPETS = {
    "PyTorch": "snippets/torch/normalization_input_scaling.py",
    "Keras": "snippets/keras/normalization_input_scaling.py",
}
INPUTS = ("raw", "standardized")


def collect(exports):
    return {
        framework: {
            "saturated_fraction": variables["saturated_fraction"],
            "mean_tanh_derivative": variables["mean_tanh_derivative"],
        }
        for framework, variables in exports.items()
    }


def check(data):
    for framework, measured in data.items():
        saturated, derivative = measured["saturated_fraction"], measured["mean_tanh_derivative"]
        assert saturated["raw"] > 0.95 and derivative["raw"] < 0.02, framework
        assert saturated["standardized"] < 0.01 and derivative["standardized"] > 0.7, framework


ASSERTED = {
    "raw": "more than 95 % saturated, mean $\\tanh'$ below 0.02",
    "standardized": "under 1 % saturated, mean $\\tanh'$ above 0.7",
}


def tables(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    rows = ["| Inputs | Saturated units, $\\lvert\\tanh z\\rvert > 0.99$ (PyTorch / Keras) "
            "| Mean $\\tanh'(z)$ (PyTorch / Keras) | Asserted |",
            "| --- | --- | --- | --- |"]
    for inputs in INPUTS:
        saturated = " / ".join(f"{run['saturated_fraction'][inputs]:.2%}".replace("%", " %")
                               for run in (torch_run, keras_run))
        derivative = " / ".join(f"{run['mean_tanh_derivative'][inputs]:.2g}"
                                for run in (torch_run, keras_run))
        rows.append(f"| {inputs} | {saturated} | {derivative} | {ASSERTED[inputs]} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    saturated = f"{data['PyTorch']['saturated_fraction']['raw']:.0%}".replace("%", " %")
    return {"remedies/normalization.md": [f"from {saturated} saturated units to almost none"]}
