"""An 8-layer ReLU MLP trained with Adam at a peak learning rate of 0.03, with and
without a 50-step linear warm-up (cosine decay afterwards in both)."""

from clinic.figures import LINESTYLES, framework_legend_handles, round_down, round_up

SNIPPETS = {
    "PyTorch": "snippets/torch/warmup_adam.py",
    "Keras": "snippets/keras/warmup_adam.py",
}
# Losses after hundreds of Adam steps: the CPU's rounding differences grow along the run
# (clinic/figures.py).
VARIES_BY_CPU = ("losses", "worst_loss_ratio", "final_loss")
RUNS = ["no warm-up", "warm-up"]
SIZE = (8, 3.6)
PAGE = "scale/warmup-and-adam.md"
ALT_TEXT_SETUP = ("100 steps of an 8-layer ReLU MLP", "peak learning rate of 0.03",
                  "over the first 50 steps")


def collect(exports):
    return {
        framework: {
            "losses": variables["losses"],
            "worst_loss_ratio": variables["worst_loss_ratio"],
            "final_loss": variables["final_loss"],
            "first_update": variables["first_update"],
            "late_update": variables["late_update"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same run in both frameworks
        for run in RUNS:
            losses = measured["losses"][run]
            axes.plot(range(1, len(losses) + 1), losses, LINESTYLES[framework], label=run)
    axes.axvline(50, color="grey", linestyle=":", linewidth=1)
    axes.set(yscale="log", xlabel="step", ylabel="training loss (mean squared error)")
    handles = axes.get_lines()[: len(RUNS)]
    handles += framework_legend_handles()
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        assert 0.99 < measured["first_update"] <= 1.0, framework
        assert measured["late_update"] < 0.7 * measured["first_update"], framework
        assert measured["worst_loss_ratio"]["no warm-up"] > 10, framework
        assert measured["worst_loss_ratio"]["warm-up"] < 2, framework
        final = measured["final_loss"]
        assert final["no warm-up"] > final["warm-up"], framework


def tables(data):
    rows = ["| Run | worst loss ÷ initial loss (PyTorch / Keras) "
            "| mean loss, last 10 steps (PyTorch / Keras) |",
            "| --- | --- | --- |"]
    for run in RUNS:
        worst = " / ".join(f"{data[f]['worst_loss_ratio'][run]:.1f}×" for f in LINESTYLES)
        final = " / ".join(f"{data[f]['final_loss'][run]:.3f}" for f in LINESTYLES)
        rows.append(f"| {run} | {worst} | {final} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_run = data["PyTorch"]
    lower = [data[framework]["final_loss"]["no warm-up"] / data[framework]["final_loss"]["warm-up"]
             for framework in LINESTYLES]
    return {PAGE: [
        f"{torch_run['worst_loss_ratio']['no warm-up']:.0f}×",
        f"{torch_run['worst_loss_ratio']['warm-up']:.1f}×",
        f"by {lower[0]:.0f}× in PyTorch and {lower[1]:.0f}× in Keras here",
        *_alt_text(data),
    ]}


def _alt_text(data):
    def both(key, run):
        return [data[framework][key][run] for framework in LINESTYLES]
    worst = both("worst_loss_ratio", "no warm-up")
    unwarmed, warmed = both("final_loss", "no warm-up"), both("final_loss", "warm-up")
    return [f"to between {round_down(min(worst)):g} and {round_up(max(worst)):g} times "
            "its starting value",
            f"ends above {round_down(min(unwarmed)):g}",
            f"never rises above {round_up(max(both('worst_loss_ratio', 'warm-up')), 2):g} times "
            f"its starting value and ends below {round_up(max(warmed)):g}"]
