"""A short Adam run with one corrupted batch: unguarded, with the spike monitor
skipping the flagged step, with it rolling back to the last good state, and with
gradient clipping alone at two thresholds."""

import math
from statistics import mean

from clinic.figures import LINESTYLES, framework_legend_handles, round_down, round_up

SNIPPETS = {
    "PyTorch": "snippets/torch/loss_spikes.py",
    "Keras": "snippets/keras/loss_spikes.py",
}
RUNS = ["unguarded", "skip", "rollback", "clip at 1", "clip at 10"]
CLIPPED = ["clip at 1", "clip at 10"]
SIZE = (8, 3.6)
PAGE = "scale/loss-spikes.md"
ALT_TEXT_SETUP = ("over 150 training steps", "a dotted vertical line at step 100",
                  "At step 100", "the run clipped at 10 rises")


def collect(exports):
    return {
        framework: {
            "bad_step": variables["BAD_STEP"],
            "losses": variables["losses"],
            "flagged": variables["flagged"],
            "steps_clipped": {run: len(variables["clipped_steps"][run]) for run in CLIPPED},
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
    figure.legend(handles=handles, loc="outside lower center", ncols=7, fontsize=8)


def check(data):
    for framework, measured in data.items():
        bad_step, final = measured["bad_step"], measured["final_loss"]
        assert measured["flagged"]["skip"] == [bad_step], framework
        assert measured["flagged"]["rollback"] == [bad_step], framework
        assert final["unguarded"] > 3 * final["skip"], framework
        assert final["rollback"] < 2 * final["skip"], framework
        assert final["clip at 1"] < 2 * final["skip"], framework
        assert 2 * final["clip at 1"] < final["clip at 10"] < final["unguarded"] / 10, framework
        assert measured["steps_clipped"]["clip at 10"] == 1, framework  # the bad step only


def tables(data):
    rows = ["| Run | flagged steps (PyTorch / Keras) | steps clipped (PyTorch / Keras) "
            "| mean loss, last 20 steps (PyTorch / Keras) |",
            "| --- | --- | --- | --- |"]
    for run in RUNS:
        flagged = " / ".join(", ".join(map(str, data[f]["flagged"][run])) or "none"
                             for f in LINESTYLES)
        clipped = (" / ".join(str(data[f]["steps_clipped"][run]) for f in LINESTYLES)
                   if run in CLIPPED else "—")
        final = " / ".join(f"{data[f]['final_loss'][run]:.4f}" for f in LINESTYLES)
        rows.append(f"| {run} | {flagged} | {clipped} | {final} |")
    return {"results": "\n".join(rows)}


def _ratio(measured, run="unguarded"):
    return measured["final_loss"][run] / measured["final_loss"]["skip"]


def quotes(data):
    return {PAGE: [f"{_ratio(data['PyTorch']):.0f}×", f"{_ratio(data['Keras']):.0f}×",
                   f"{_ratio(data['PyTorch'], 'clip at 1'):.1f}×",
                   f"{_ratio(data['Keras'], 'clip at 1'):.1f}×",
                   f"{_ratio(data['PyTorch'], 'clip at 10'):.1f}×",
                   f"{_ratio(data['Keras'], 'clip at 10'):.1f}×",
                   *_alt_text(data)]}


def _alt_text(data):
    """The alt text reads the end of each run off its mean loss over the last 20 steps."""
    def final(*runs):
        return [measured["final_loss"][run] for measured in data.values() for run in runs]

    for measured in data.values():
        bad, losses = measured["bad_step"], measured["losses"]
        assert all(losses[run][bad] > 1000 * losses[run][bad - 1] for run in RUNS), \
            "not every run jumps by orders of magnitude at the bad step: say so"
        assert 0.1 < max(losses["clip at 10"][bad + 1:]) < 1, "not 'a few tenths': say what"
        for run in ("skip", "rollback", "clip at 1"):  # "continue to fall"
            assert mean(losses[run][-10:]) < mean(losses[run][bad + 1:bad + 21]), run
    clipped = sorted({f"{value:.1g}" for value in final("clip at 10")}, key=float)
    unguarded = final("unguarded")
    guarded = max(final("skip", "rollback", "clip at 1"))
    return [f"stays far above, ending between {round_down(min(unguarded), 2):g} and "
            f"{round_up(max(unguarded), 2):g};",
            f"falls back to about {' to '.join(clipped)} by the end",
            f"the run clipped at 1 continue to fall to below {10 ** math.ceil(math.log10(guarded)):g}"]
