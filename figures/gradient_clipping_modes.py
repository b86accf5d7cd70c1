"""The three ways to clip, on two gradients of norms 5 and 0.5 (results module: a table)."""

SNIPPETS = {
    "PyTorch": "snippets/torch/gradient_clipping_modes.py",
    "Keras": "snippets/keras/gradient_clipping_modes.py",
}
MODES = {  # the snippets' names -> the table's rows, with each framework's API
    "global norm": ("global norm", "`clip_grad_norm_(params, 1.0)`", "`global_clipnorm=1.0`"),
    "per-variable norm": ("each variable by its own norm",
                          "`clip_grad_norm_` per parameter", "`clipnorm=1.0`"),
    "value": ("by value", "`clip_grad_value_(params, 1.0)`", "`clipvalue=1.0`"),
}
SMALL_GRAD = [0.3, 0.4]


def collect(exports):
    return {framework: {mode: {"big": variables["clipped"][mode][0],
                               "small": variables["clipped"][mode][1]}
                        for mode in MODES}
            for framework, variables in exports.items()}


def check(data):
    for mode in MODES:
        for part in ("big", "small"):
            for torch_value, keras_value in zip(data["PyTorch"][mode][part],
                                                data["Keras"][mode][part]):
                assert abs(torch_value - keras_value) < 1e-3, (mode, part)


def _vector(values):
    shown = "[" + ", ".join(f"{value:.3g}" for value in values) + "]"
    return f"${shown}$"


def tables(data):
    rows = ["| Clipping (threshold 1) | PyTorch | Keras | big gradient becomes "
            "| small gradient becomes |", "| --- | --- | --- | --- | --- |"]
    for mode, (label, torch_api, keras_api) in MODES.items():
        big, small = data["PyTorch"][mode]["big"], data["PyTorch"][mode]["small"]
        unchanged = " (unchanged)" if [round(v, 6) for v in small] == SMALL_GRAD else ""
        rows.append(f"| {label} | {torch_api} | {keras_api} | {_vector(big)} "
                    f"| {_vector(small)}{unchanged} |")
    return {"modes": "\n".join(rows)}
