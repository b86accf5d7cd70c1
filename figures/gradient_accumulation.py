"""Gradient accumulation over micro-batches of different token counts: how much each token
weighs when micro-batch mean losses are averaged, and how far that gradient is off."""
import math

from clinic.figures import e_notation

SNIPPETS = {
    "PyTorch": "snippets/torch/gradient_accumulation.py",
    "Keras": "snippets/keras/gradient_accumulation.py",
}
# float32 rounding (the same sum in another order): its size depends on the CPU's kernels
# (clinic/figures.py).
VARIES_BY_CPU = ("sum_over_tokens_error", "equal_weight_error")
SIZE = (8, 3.4)
ALT_TEXT_SETUP = ("for the 4 micro-batches", "a dotted line at 1 marks the exact weighting")
KEPT = ["tokens_per_micro_batch", "token_weight_ratio", "mean_of_means_error",
        "sum_over_tokens_error", "step_error", "full_batch_norm", "max_norm"]


def collect(exports):
    data = {framework: {name: variables[name] for name in KEPT}
            for framework, variables in exports.items()}
    data["Keras"]["equal_weight_error"] = exports["Keras"]["equal_weight_error"]
    return data


def draw(figure, data):
    weights, errors = figure.subplots(1, 2, width_ratios=[3, 2])
    width = 0.38
    for offset, (framework, run) in zip((-width / 2, width / 2), data.items()):
        micro_batches = range(1, len(run["token_weight_ratio"]) + 1)
        bars = weights.bar([m + offset for m in micro_batches], run["token_weight_ratio"],
                           width, label=framework)
        weights.bar_label(bars, labels=[str(n) for n in run["tokens_per_micro_batch"]],
                          fontsize=7, padding=2)
    weights.axhline(1.0, color="grey", linestyle=":", label="sum ÷ total tokens (exact)")
    weights.set(xlabel="micro-batch (sorted by sequence length)", xticks=range(1, 5),
                ylabel="weight of one token ÷ its\nweight in the full batch",
                title="Mean of micro-batch means", yscale="log")
    ticks = [0.5, 1, 2, 4, 8]
    weights.set_yticks(ticks, labels=[f"{tick:g}" for tick in ticks], minor=False)
    weights.set_yticks([], minor=True)
    weights.set_ylim(0.4, 10)
    weights.legend(fontsize=8, loc="upper right")
    methods = ["mean of means", "sum ÷ total tokens"]
    for offset, (framework, run) in zip((-width / 2, width / 2), data.items()):
        values = [run["mean_of_means_error"], run["sum_over_tokens_error"]]
        errors.bar([index + offset for index in range(2)], values, width, label=framework)
    errors.set(xticks=range(2), xticklabels=methods, yscale="log", ylim=(1e-8, 3),
               ylabel="‖g − g_full‖ ÷ ‖g_full‖", title="Accumulated gradient's error")


def check(data):
    for framework, run in data.items():
        counts, ratios = run["tokens_per_micro_batch"], run["token_weight_ratio"]
        assert counts == sorted(counts) and counts[-1] > 2 * counts[0], framework
        assert ratios[0] > 1.5 and ratios[-1] < 0.75, framework
        assert run["mean_of_means_error"] > 0.2, framework
        assert run["sum_over_tokens_error"] < 1e-4, framework
        assert run["step_error"] < 0.01, framework
    assert data["Keras"]["equal_weight_error"] < 1e-4


def _percent(value):
    return f"{100 * value:.0f} %"


def tables(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]

    def both(format_value):
        return " | ".join(format_value(run) for run in (torch_run, keras_run))

    rows = [
        "| Measured (4 micro-batches, sorted by length) | PyTorch | Keras | Asserted |",
        "| --- | --- | --- | --- |",
        "| tokens per micro-batch | "
        + both(lambda run: ", ".join(map(str, run["tokens_per_micro_batch"]))) + " | — |",
        "| weight of a token in the mean of means ÷ in the full batch "
        "(shortest … longest micro-batch) | "
        + both(lambda run: " … ".join(f"{ratio:.2f}" for ratio in
                                      run["token_weight_ratio"][::3])) + " | — |",
        "| gradient error, mean of micro-batch means | "
        + both(lambda run: _percent(run["mean_of_means_error"])) + " | > 20 % |",
        "| gradient error, summed loss ÷ total tokens | "
        + both(lambda run: f"{run['sum_over_tokens_error']:.0e}") + " | < 1e-4 |",
        "| `gradient_accumulation_steps` vs the plain mean of the 4 gradients | — | "
        f"{keras_run['equal_weight_error']:.0e} | < 1e-4 |",
        "| clipped step (float16, loss scaling) vs clipped full-batch float32 step | "
        + both(lambda run: f"{run['step_error']:.0e}") + " | < 1 % |",
    ]
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    counts = torch_run["tokens_per_micro_batch"]
    return {"scale/gradient-accumulation.md": [
        f"{counts[0]} to {counts[-1]} tokens",
        _percent(torch_run["mean_of_means_error"]),
        _percent(keras_run["mean_of_means_error"]),
        f"{torch_run['token_weight_ratio'][0]:.1f}×",
        *_alt_text(data),
    ]}


def _alt_text(data):
    def about(values):
        """4.07 and 5.58 -> "4 to 6": one significant digit, one number where they agree."""
        low, high = f"{min(values):.1g}", f"{max(values):.1g}"
        return low if low == high else f"{low} to {high}"

    runs = data.values()
    summed = max(run["sum_over_tokens_error"] for run in runs)
    return [
        f"tokens weigh about {about([run['token_weight_ratio'][0] for run in runs])} times "
        f"too much, the longest about {about([run['token_weight_ratio'][-1] for run in runs])} "
        "times",
        f"about {about([run['mean_of_means_error'] for run in runs])} for the mean of means",
        # float32 rounding varies by CPU: bound it by the next power of ten.
        f"below {e_notation(10 ** math.ceil(math.log10(summed)))} for the summed loss",
    ]
