"""Results only: what logging every layer's gradient norm costs a small training step.

The ratio is CPU time, measured on the machine that computed the JSON; another machine, or
the same one under load, gives another, so it is compared within a factor of 10
(VARIES_BY_CPU), and check() asserts only the bound the snippets assert (under 2x).
"""
SNIPPETS = {
    "PyTorch": "snippets/torch/diagnosis_overhead.py",
    "Keras": "snippets/keras/diagnosis_overhead.py",
}
VARIES_BY_CPU = ("overhead",)


def collect(exports):
    return {framework: {"overhead": variables["overhead"]}
            for framework, variables in exports.items()}


def check(data):
    for framework, run in data.items():
        assert run["overhead"] < 2, framework


def quotes(data):
    torch_ratio, keras_ratio = (f"{run['overhead']:.2f}×" for run in data.values())
    return {"diagnosis.md": [f"gave {torch_ratio} in PyTorch and {keras_ratio} in Keras"]}
