"""A short Adam run with one corrupted batch: unguarded, with the spike monitor
skipping the flagged step, and with it rolling back to the last good state."""

from clinic.figures import LINESTYLES, framework_legend_handles

SNIPPETS = {
    "PyTorch": "snippets/torch/loss_spikes.py",
    "Keras": "snippets/keras/loss_spikes.py",
}
RUNS = ["unguarded", "skip", "rollback"]
SIZE = (8, 3.6)
PAGE = "scale/loss-spikes.md"


def collect(exports):
    return {
        framework: {
            "bad_step": variables["BAD_STEP"],
            "losses": variables["losses"],
            "flagged": variables["flagged"],
            "final_loss": variables["final_loss"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same run in both frameworks
        for run in RUNS:
            losses = measured["losses"][run]
            axes.plot(range(len(losses)), losses, LINESTYLES[framework], label=run,
                      linewidth=1)
    axes.axvline(data["PyTorch"]["bad_step"], color="grey", linestyle=":", linewidth=1)
    axes.set(yscale="log", xlabel="step", ylabel="training loss of the batch")
    handles = axes.get_lines()[: len(RUNS)]
    handles += framework_legend_handles()
    figure.legend(handles=handles, loc="outside lower center", ncols=5, fontsize=8)


def check(data):
    for framework, measured in data.items():
        bad_step, final = measured["bad_step"], measured["final_loss"]
        assert measured["flagged"]["skip"] == [bad_step], framework
        assert measured["flagged"]["rollback"] == [bad_step], framework
        assert final["unguarded"] > 3 * final["skip"], framework
        assert final["rollback"] < 2 * final["skip"], framework


def tables(data):
    rows = ["| Run | flagged steps (PyTorch / Keras) | mean loss, last 20 steps (PyTorch / Keras) |",
            "| --- | --- | --- |"]
    for run in RUNS:
        flagged = " / ".join(", ".join(map(str, data[f]["flagged"][run])) or "none"
                             for f in LINESTYLES)
        final = " / ".join(f"{data[f]['final_loss'][run]:.4f}" for f in LINESTYLES)
        rows.append(f"| {run} | {flagged} | {final} |")
    return {"results": "\n".join(rows)}


def _ratio(measured):
    return measured["final_loss"]["unguarded"] / measured["final_loss"]["skip"]


def quotes(data):
    return {PAGE: [f"{_ratio(data['PyTorch']):.0f}×", f"{_ratio(data['Keras']):.0f}×"]}
