"""Loss and pre-clip gradient norm per step: no clipping, max_norm=1, max_norm=0.1."""
import math

from matplotlib.lines import Line2D

from clinic.figures import (ASSERTED_COLUMN, LINESTYLES, alike, framework_legend_handles,
                            in_words, round_down, round_up, significant, times_ten)

SNIPPETS = {
    "PyTorch": "snippets/torch/gradient_clipping.py",
    "Keras": "snippets/keras/gradient_clipping.py",
}
# Gradient norms along a training run: the CPU's rounding differences grow along it
# (clinic/figures.py).
VARIES_BY_CPU = ("grad_norm",)
MAX_NORMS = {"no clipping": None, "max_norm=1": 1.0, "max_norm=0.1 (too tight)": 0.1}
TOP = 1e4  # the diverging runs leave the plot here
SIZE = (8, 3.8)
ALT_TEXT_SETUP = ("over 50 training steps", "top of the plot (10,000)", "with max_norm 1 it",
                  "with max_norm 0.1 it", "max_norm lines at 1 and 0.1")


def as_inf_if_not_finite(runs):
    """Whether a diverged value comes out as inf or NaN depends on the kernels; keep inf."""
    return {run: [value if math.isfinite(value) else math.inf for value in values]
            for run, values in runs.items()}


def collect(exports):
    return {
        framework: {
            "loss": as_inf_if_not_finite(variables["loss_per_step"]),
            "grad_norm": as_inf_if_not_finite(variables["grad_norm_per_step"]),
        }
        for framework, variables in exports.items()
    }


def finite(values):
    return [value for value in values if math.isfinite(value)]


def draw(figure, data):
    loss_axes, norm_axes = figure.subplots(1, 2)
    colors = {}
    for framework, measured in data.items():
        for axes, quantity in ((loss_axes, "loss"), (norm_axes, "grad_norm")):
            for run, values in measured[quantity].items():
                shown = finite(values)
                [line] = axes.plot(range(len(shown)), shown, LINESTYLES[framework],
                                   color=colors.get(run), label=run)
                colors[run] = line.get_color()
                if run == "no clipping":  # where it left: next value inf, then NaN
                    leaving = next((step for step, value in enumerate(shown) if value > TOP),
                                   len(shown) - 1)
                    axes.plot(leaving, min(shown[leaving], TOP), "x", color=colors[run],
                              markersize=7, clip_on=False)
    for run, max_norm in MAX_NORMS.items():
        if max_norm is not None:
            norm_axes.axhline(max_norm, color=colors[run], linestyle=":", linewidth=1)
    loss_axes.set(yscale="log", ylim=(1, TOP), xlabel="step", ylabel="training loss (MSE)")
    norm_axes.set(yscale="log", ylim=(0.05, TOP), xlabel="step",
                  ylabel="gradient norm before clipping")
    handles = [Line2D([], [], color=color, label=run) for run, color in colors.items()]
    handles += framework_legend_handles()
    handles += [Line2D([], [], color="grey", linestyle=":", label="max_norm"),
                Line2D([], [], color="grey", marker="x", linestyle="none",
                       label="diverges (off the scale, then inf/NaN)")]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        loss = measured["loss"]
        unclipped, clipped = loss["no clipping"], loss["max_norm=1"]
        too_tight = loss["max_norm=0.1 (too tight)"]
        assert not math.isfinite(unclipped[-1]), framework
        assert max(finite(measured["grad_norm"]["no clipping"])) > 1e3, framework
        assert len(clipped) == 50 and clipped[-1] < 0.2 * clipped[0], framework
        assert too_tight[-1] > 0.8 * too_tight[0], framework
        assert too_tight[-1] > 5 * clipped[-1], framework
        # The gradient norm passes 1e3 at least one step before the loss is inf/NaN.
        first_huge = next(step for step, norm in enumerate(measured["grad_norm"]["no clipping"])
                          if norm > 1e3)
        assert first_huge <= len(unclipped) - 2, framework
        # Clipping was active at every step: the norm before clipping stayed above 8.
        for run in ("max_norm=1", "max_norm=0.1 (too tight)"):
            assert min(measured["grad_norm"][run]) > 8, (framework, run)
    # Different random initial weights, same experiment: the numbers agree closely.
    for run in data["PyTorch"]["loss"]:
        torch_loss, keras_loss = data["PyTorch"]["loss"][run], data["Keras"]["loss"][run]
        assert math.isclose(torch_loss[0], keras_loss[0], rel_tol=0.05), run
        if math.isfinite(torch_loss[-1]):
            assert 1 / 3 < torch_loss[-1] / keras_loss[-1] < 3, run


def _loss(value):
    return f"{value:.3g}" if math.isfinite(value) else "inf/NaN"


def _norms(values):
    def shown(value):
        if value < 1e6:
            return f"{value:,.0f}"
        return times_ten(value)
    return ", ".join(shown(value) for value in values)


def max_norm_of(run):
    return MAX_NORMS[run]


def tables(data):
    """The results table: each run's loss from first to last step, per framework."""
    asserted = {
        "no clipping": "loss inf or NaN within the 50 steps; gradient norm above $10^3$ at least "
                       "one step earlier",
        "max_norm=1": "final loss below 0.2 × initial; norm before clipping above "
                      "5 × `max_norm` on every step",
        "max_norm=0.1 (too tight)": "final loss above 0.8 × initial, and above 5 × the "
                                    "`max_norm=1` run's",
    }
    rows = ["| Run | loss, first → last (PyTorch) | loss, first → last (Keras) "
            f"| {ASSERTED_COLUMN} |",
            "| --- | --- | --- | --- |"]
    for run in MAX_NORMS:
        cells = []
        for framework in ("PyTorch", "Keras"):
            loss = data[framework]["loss"][run]
            cells.append(f"{_loss(loss[0])} → {_loss(loss[-1])} at step {len(loss) - 1}")
        label = run if max_norm_of(run) is None else f"`{run.split(' ')[0]}`"
        rows.append(f"| {label} | {cells[0]} | {cells[1]} | {asserted[run]} |")
    return {"results": "\n".join(rows)}


def quotes(data):
    torch_loss = data["PyTorch"]["loss"]
    clipped_floor = min(min(measured["grad_norm"][run]) for measured in data.values()
                        for run in ("max_norm=1", "max_norm=0.1 (too tight)"))
    improvement = {framework: loss[0] / loss[-1] for framework, loss in
                   ((framework, measured["loss"]["max_norm=1"])
                    for framework, measured in data.items())}
    unclipped = [(measured["loss"]["no clipping"], measured["grad_norm"]["no clipping"])
                 for measured in data.values()]
    blow_up = alike(next(step for step, loss in enumerate(losses) if not math.isfinite(loss))
                    for losses, _ in unclipped)
    warned = alike(sum(norm > 1e3 for norm in norms[:blow_up]) for _, norms in unclipped)
    return {"remedies/gradient-clipping.md": [
        f"a run whose loss is inf or NaN within {blow_up + 1} steps",  # steps count from 0
        f"snippets, and here {in_words(warned)} (PyTorch:",
        f"(loss {_loss(torch_loss['max_norm=1'][0])} → {_loss(torch_loss['max_norm=1'][-1])} "
        f"in 50 steps)",
        f"({_loss(torch_loss['max_norm=0.1 (too tight)'][0])} → "
        f"{_loss(torch_loss['max_norm=0.1 (too tight)'][-1])})",
        f"(PyTorch: {_norms(finite(data['PyTorch']['grad_norm']['no clipping']))}, then",
        f"never fell below {math.floor(clipped_floor * 10) / 10:.1f}",  # rounded down: a floor
        f"({improvement['PyTorch']:.0f} times in PyTorch, "
        f"{improvement['Keras']:.0f} times in Keras)",
        *_alt_text(data),
    ]}


def _alt_text(data):
    """The alt text's numbers, over both frameworks."""
    def first(quantity, leaving):
        """The step at which the unclipped run's quantity leaves, per framework."""
        return sorted({next(step for step, value in enumerate(run[quantity]["no clipping"])
                            if leaving(value)) for run in data.values()})

    def off_the_plot(value):
        return value > TOP

    start = alike(f"{loss[0]:.0f}" for run in data.values() for loss in run["loss"].values())
    torch_loss, keras_loss = (data[framework]["loss"]["max_norm=1"][-1]
                              for framework in ("PyTorch", "Keras"))
    tight = alike(significant(run["loss"]["max_norm=0.1 (too tight)"][-1], 2) for run in data.values())
    unclipped = alike(f"{run['grad_norm']['no clipping'][0]:.0f}" for run in data.values())
    clipped = [norm for run in data.values() for name, max_norm in MAX_NORMS.items()
               if max_norm is not None for norm in run["grad_norm"][name]]
    assert min(clipped) > max(norm for norm in MAX_NORMS.values() if norm is not None)
    return [
        f"the loss starts at {start}",
        f"at step {' or '.join(map(str, first('loss', off_the_plot)))} and is inf or NaN at "
        f"step {' or '.join(map(str, first('loss', lambda value: not math.isfinite(value))))}",
        f"falls steadily from {start} to about {torch_loss:.0f} (PyTorch) and "
        f"{keras_loss:.0f} (Keras)",
        f"falls only to about {tight}",
        f"explodes from about {unclipped} to beyond {TOP:,.0f} within "
        f"{max(first('grad_norm', off_the_plot))} steps",
        f"stays between {round_down(min(clipped), 2):g} and {round_up(max(clipped), 2):g}, "
        "always above",
    ]
