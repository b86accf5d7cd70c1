"""Results only: the total gradient norm per step of the exploding net until the first non-finite step."""

from clinic.figures import times_ten

SNIPPETS = {
    "PyTorch": "snippets/torch/diagnosis_stop_on_nan.py",
    "Keras": "snippets/keras/diagnosis_stop_on_nan.py",
}


def collect(exports):
    return {framework: {"total_grad_norm_log": variables["total_grad_norm_log"],
                        "stopped_at": variables["stopped_at"]}
            for framework, variables in exports.items()}


def check(data):
    for framework, run in data.items():
        log = run["total_grad_norm_log"]
        assert run["stopped_at"] == len(log) < 30, framework
        assert len(log) < 2 or log[-1] > 1e3 * log[-2], framework


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    steps = {torch_run["stopped_at"], keras_run["stopped_at"]}
    stop = (f"Both stop at step {steps.pop()}" if len(steps) == 1 else
            f"PyTorch stops at step {torch_run['stopped_at']}, Keras at step {keras_run['stopped_at']}")
    jumps = [f"from {times_ten(run['total_grad_norm_log'][-2], 0)} to "
             f"{times_ten(run['total_grad_norm_log'][-1], 0)} in {framework}"
             for framework, run in data.items()]
    return {"diagnosis.md": [stop, jumps[0], jumps[1]]}
