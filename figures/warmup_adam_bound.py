"""Results module (no drawing): Adam's step on a gradient spike after a quiet stretch,
for beta2 = 0.999 and 0.95, against Kingma & Ba's bound."""
SNIPPETS = {
    "PyTorch": "snippets/torch/warmup_adam_bound.py",
    "Keras": "snippets/keras/warmup_adam_bound.py",
}
BETA2S = ["0.999", "0.95"]
PAGE = "scale/warmup-and-adam.md"


def collect(exports):
    return {
        framework: {
            name: variables[name]
            for name in ("bound", "bias_corrected", "spike_step", "moved_by_spike",
                         "quiet_after_over_before")
        }
        for framework, variables in exports.items()
    }


def check(data):
    for framework, measured in data.items():
        for beta2 in BETA2S:
            assert abs(measured["spike_step"][beta2] / measured["bias_corrected"][beta2] - 1) < 0.02
        assert measured["moved_by_spike"]["0.999"] > 3 * measured["moved_by_spike"]["0.95"]
        assert measured["quiet_after_over_before"]["0.999"] < 0.1, framework
        assert measured["quiet_after_over_before"]["0.95"] > 0.5, framework


def tables(data):
    torch_run = data["PyTorch"]
    rows = ["| $\\beta_2$ | bound $\\frac{1-\\beta_1}{\\sqrt{1-\\beta_2}}$ (bias-corrected at step 2001) "
            "| spike's step (PyTorch / Keras) | moved along the spike in all "
            "| ordinary step 200 steps later ÷ before |",
            "| --- | --- | --- | --- | --- |"]
    for beta2 in BETA2S:
        cells = [f"{torch_run['bound'][beta2]:.3f} ({torch_run['bias_corrected'][beta2]:.3f})"]
        for name in ("spike_step", "moved_by_spike", "quiet_after_over_before"):
            digits = 1 if name == "moved_by_spike" else 3
            cells.append(" / ".join(f"{data[f][name][beta2]:.{digits}f}" for f in data))
        rows.append(f"| {beta2} | " + " | ".join(cells) + " |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run = data["PyTorch"]
    return {PAGE: [
        f"{torch_run['spike_step']['0.999']:.2f} learning rates",
        f"{torch_run['spike_step']['0.95']:.3f}",
        f"{torch_run['moved_by_spike']['0.999']:.1f} learning rates",
        f"{torch_run['moved_by_spike']['0.95']:.1f}",
    ]}
