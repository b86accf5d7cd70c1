"""Results only: does the spread of the input decide between ReLU and tanh? Measured at initialization."""

SNIPPETS = {
    "PyTorch": "snippets/torch/activation_input_scale.py",
    "Keras": "snippets/keras/activation_input_scale.py",
}
SCALES = {"narrow": "0.1", "standardized": "1", "wide": "10"}


def collect(exports):
    return {framework: {"first_layer_slope": variables["first_layer_slope"],
                        "first_over_last": variables["first_over_last"]}
            for framework, variables in exports.items()}


def check(data):
    for framework, run in data.items():
        slope, flow = run["first_layer_slope"], run["first_over_last"]
        for values in (slope, flow):
            relu = [values[f"ReLU, {scale}"] for scale in SCALES]
            assert max(relu) / min(relu) < 1.0001, framework
        assert slope["tanh, wide"] < 0.3 < slope["tanh, standardized"], framework
        assert slope["tanh, narrow"] > 0.95, framework
        assert flow["tanh, wide"] < 0.5 * flow["tanh, standardized"], framework


def tables(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    rows = ["| Activation, input std | mean slope $\\varphi'(z)$ in layer 1 (PyTorch / Keras) | "
            "$\\lVert\\partial/\\partial z_1\\rVert \\div \\lVert\\partial/\\partial z_6\\rVert$ "
            "(PyTorch / Keras) |",
            "| --- | --- | --- |"]
    for activation in ("ReLU + He", "tanh + Xavier × 5/3"):
        key = activation.split(" ")[0]
        for scale, std in SCALES.items():
            name = f"{key}, {scale}"
            rows.append(f"| {activation}, {std} ({scale}) | "
                        f"{torch_run['first_layer_slope'][name]:.2f} / "
                        f"{keras_run['first_layer_slope'][name]:.2f} | "
                        f"{torch_run['first_over_last'][name]:.2f} / "
                        f"{keras_run['first_over_last'][name]:.2f} |")
    return {"results": "\n".join(rows)}


def _span(values, digits=2):
    low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
    return low if low == high else f"{low} to {high}"


def quotes(data):
    measured = lambda quantity, name: [run[quantity][name] for run in data.values()]  # noqa: E731
    wide_over_standardized = [run["first_over_last"]["tanh, wide"]
                              / run["first_over_last"]["tanh, standardized"]
                              for run in data.values()]
    return {"faq.md": [
        f"a mean slope of {_span(measured('first_layer_slope', 'tanh, wide'))} instead of "
        f"{_span(measured('first_layer_slope', 'tanh, standardized'))} for",
        f"(mean slope {_span(measured('first_layer_slope', 'tanh, narrow'))},",
        f"{_span(measured('first_over_last', 'tanh, narrow'), 1)} times",
        f"here {_span(wide_over_standardized)} times its value for",
    ]}
