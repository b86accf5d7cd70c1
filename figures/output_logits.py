"""log Z of the output softmax over a short training run, with and without z-loss."""
from clinic.figures import LINESTYLES, framework_legend_handles, round_down, round_up

SNIPPETS = {
    "PyTorch": "snippets/torch/output_logits.py",
    "Keras": "snippets/keras/output_logits.py",
}
CONFIGS = ("cross-entropy only", "with z-loss 1e-4")
SIZE = (8, 3.6)
ALT_TEXT_SETUP = ("against the training step, from 1 to 300", "With z-loss 1e-4")


def collect(exports):
    return {
        framework: {
            "log_z": variables["log_z_per_step"],
            "final_cross_entropy": variables["final_cross_entropy"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same config in both frameworks
        for config in CONFIGS:
            log_z = measured["log_z"][config]
            axes.plot(range(1, len(log_z) + 1), log_z, LINESTYLES[framework], label=config)
    axes.axhline(0, color="grey", linestyle=":", linewidth=1)
    axes.set(xlabel="training step", ylabel="mean log Z over the batch")
    config_handles = axes.get_lines()[: len(CONFIGS)]
    framework_handles = framework_legend_handles()
    figure.legend(handles=config_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        plain = measured["log_z"]["cross-entropy only"]
        regularized = measured["log_z"]["with z-loss 1e-4"]
        assert abs(plain[0] - regularized[0]) < 1e-3 and 3.5 < plain[0] < 5, framework
        assert plain[-1] > 10 and abs(regularized[-1]) < 1, framework
        assert all(value < 1e-2 for value in measured["final_cross_entropy"].values()), framework


def _row(config, torch_run, keras_run):
    def pair(pick, style):
        return f"{style(pick(torch_run))} / {style(pick(keras_run))}"
    two = "{:.2f}".format
    return (f"| {config} | {pair(lambda run: run['log_z'][config][0], two)} "
            f"| {pair(lambda run: max(run['log_z'][config]), two)} "
            f"| {pair(lambda run: run['log_z'][config][-1], two)} "
            f"| {pair(lambda run: run['final_cross_entropy'][config], '{:.1e}'.format)} |")


def tables(data):
    rows = ["| Loss | log Z at step 1 | highest log Z | log Z at step 300 "
            "| cross-entropy at step 300 |",
            "| --- | --- | --- | --- | --- |"]
    rows += [_row(config, data["PyTorch"], data["Keras"]) for config in CONFIGS]
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    plain = torch_run["log_z"]["cross-entropy only"]
    regularized = torch_run["log_z"]["with z-loss 1e-4"]
    return {"scale/output-logits.md": [
        f"from {plain[0]:.2f} to {plain[-1]:.2f}",
        f"ends at {regularized[-1]:.2f}",
        f"{keras_run['log_z']['cross-entropy only'][-1]:.2f} and "
        f"{keras_run['log_z']['with z-loss 1e-4'][-1]:.2f}",
        f"up to {max(regularized):.2f}",
        *_alt_text(data),
    ]}


def _alt_text(data):
    early, later = 25, 40  # the steps the alt text reads the curves at

    def about(values, digits=0):
        """12.94 and 12.22 -> "12 to 13": rounded, one number where they agree."""
        low, high = f"{min(values):.{digits}f}", f"{max(values):.{digits}f}"
        return low if low == high else f"{low} to {high}"

    def both(config, pick):
        return [pick(measured["log_z"][config]) for measured in data.values()]

    plain, regularized = CONFIGS
    drift = both(plain, lambda log_z: log_z[early:])
    ends = both(regularized, lambda log_z: log_z[-1])
    assert all(0 < end < 1 for end in ends), f"z-loss ends at {ends}: say so in the alt text"
    return [
        f"log Z starts near {about(both(plain, lambda log_z: log_z[0]), 1)}, rises steeply to "
        f"about {about(both(plain, lambda log_z: log_z[early - 1]))} within the first "
        f"{early} steps and then drifts between {round_down(min(map(min, drift)), 2):g} and "
        f"{round_up(max(map(max, drift)), 2):g} to the end",
        f"follows the same rise to about {about(both(regularized, lambda log_z: log_z[later - 1]))}"
        f" by step {later}",
    ]
