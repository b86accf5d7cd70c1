"""Final loss and largest attention logit of a tiny Transformer across learning rates."""
import math

from clinic.figures import (LINESTYLES, alike, framework_legend_handles, round_down, round_up,
                            times_ten)


SNIPPETS = {
    "PyTorch": "snippets/torch/instability_proxy.py",
    "Keras": "snippets/keras/instability_proxy.py",
}
# Where training is unstable, the CPU's rounding differences grow into other values
# (clinic/figures.py); check() asserts the claim with margins that hold on any CPU.
VARIES_BY_CPU = ("final_loss", "max_attention_logit")
CONFIGS = ("plain", "QK-norm + z-loss")
SIZE = (8, 3.8)
ALT_TEXT_SETUP = ("0.01 to 0.3 on a log axis", "at 0.01 and 0.03",
                  "at 0.3 the plain model ends")


def collect(exports):
    return {
        framework: {
            "learning_rates": variables["LEARNING_RATES"],
            "chance_loss": variables["chance_loss"],
            "final_loss": variables["final_loss"],
            "max_attention_logit": variables["max_attention_logit"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    loss_axes, logit_axes = figure.subplots(1, 2)
    for framework, measured in data.items():
        for axes, quantity in ((loss_axes, "final_loss"), (logit_axes, "max_attention_logit")):
            axes.set_prop_cycle(None)  # same colour for the same config in both frameworks
            for config in CONFIGS:
                axes.plot(measured["learning_rates"], measured[quantity][config],
                          LINESTYLES[framework], marker=".", label=config)
    loss_axes.axhline(data["PyTorch"]["chance_loss"], color="grey", linestyle=":", linewidth=1)
    loss_axes.set(xscale="log", xlabel="peak learning rate (Adam)",
                  ylabel="final loss (chance dotted)")
    logit_axes.set(xscale="log", yscale="log", xlabel="peak learning rate (Adam)",
                   ylabel="largest |attention logit| at the end")
    for axes in (loss_axes, logit_axes):
        rates = data["PyTorch"]["learning_rates"]
        axes.set_xticks(rates, [f"{rate:g}" for rate in rates])
    config_handles = loss_axes.get_lines()[: len(CONFIGS)]
    framework_handles = framework_legend_handles()
    figure.legend(handles=config_handles + framework_handles, loc="outside lower center",
                  ncols=4, fontsize=8)


def check(data):
    for framework, measured in data.items():
        rates, chance = measured["learning_rates"], measured["chance_loss"]
        loss, logit = measured["final_loss"], measured["max_attention_logit"]
        at_moderate, at_high, at_highest = (rates.index(rate) for rate in (3e-2, 1e-1, 3e-1))
        assert all(values[at_moderate] < 0.5 for values in loss.values()), framework
        plain, stable = loss["plain"], loss["QK-norm + z-loss"]
        plain_logit, stable_logit = logit["plain"], logit["QK-norm + z-loss"]
        assert plain[at_high] > 0.5 and stable[at_high] < 0.3, framework
        for index in (at_high, at_highest):
            assert plain_logit[index] > 50 * stable_logit[index], framework
        assert max(stable_logit) < 200, framework
        assert plain[at_highest] > 0.9 * chance, framework
        assert math.isclose(chance, math.log(32), rel_tol=1e-3), framework


def _logit(value):
    if value < 1000:
        return f"{value:.0f}"
    return times_ten(value, 0)


def _table(data, quantity, style):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    rates = torch_run["learning_rates"]
    rows = ["| Learning rate | " + " | ".join(f"{rate:g}" for rate in rates) + " |",
            "| --- |" + " --- |" * len(rates)]
    for config in CONFIGS:
        cells = [f"{style(torch_value)} / {style(keras_value)}" for torch_value, keras_value
                 in zip(torch_run[quantity][config], keras_run[quantity][config])]
        rows.append(f"| {config} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def tables(data):
    return {"loss": _table(data, "final_loss", "{:.3f}".format),
            "logits": _table(data, "max_attention_logit", _logit)}


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    rates = torch_run["learning_rates"]
    at_high, at_highest = rates.index(1e-1), rates.index(3e-1)
    torch_loss, keras_loss = torch_run["final_loss"], keras_run["final_loss"]
    return {"scale/instability-proxy.md": [
        f"stays at {torch_loss['plain'][at_high]:.2f}",
        f"reaches {torch_loss['QK-norm + z-loss'][at_high]:.3f}",
        f"({keras_loss['plain'][at_high]:.2f} and {keras_loss['QK-norm + z-loss'][at_high]:.3f} "
        "in Keras)",
        f"ends at {torch_loss['plain'][at_highest]:.2f}",
        f"ln 32 = {torch_run['chance_loss']:.2f}",
        f"largest attention logit to {_largest(torch_run, 'QK-norm + z-loss', at_highest)} in "
        f"PyTorch and {_largest(keras_run, 'QK-norm + z-loss', at_highest)} in Keras",
        f"here at most {max(_largest(run, 'QK-norm + z-loss') for run in data.values())}, against "
        f"{min(_largest(run, 'plain', at_high) for run in data.values()):,} to "
        f"{max(_largest(run, 'plain', at_highest) for run in data.values()):,} without",
        *_alt_text(data),
    ]}


def _alt_text(data):
    runs = (data["PyTorch"], data["Keras"])
    rates = data["PyTorch"]["learning_rates"]
    at_high = rates.index(1e-1)

    def every(quantity, config, index=None):
        """Both frameworks' numbers: at one learning rate (index) or, without, at all of them."""
        return [number for run in runs for number in
                (run[quantity][config] if index is None else [run[quantity][config][index]])]

    highest = rates.index(3e-1)
    plain_at_high = every("final_loss", "plain", at_high)
    plain_logits = every("max_attention_logit", "plain", highest)
    qk_logits = every("max_attention_logit", "QK-norm + z-loss")
    qk_at_highest = every("final_loss", "QK-norm + z-loss", highest)
    return [
        f"chance level of {alike([run['chance_loss'] for run in runs], '{:.2f}'.format)}",
        f"at 0.1 the plain model stays between {round_down(min(plain_at_high), 2):g} and "
        f"{round_up(max(plain_at_high), 2):g}",
        f"the other stays below {round_up(max(qk_at_highest)):g}",
        f"the plain model's goes from about "
        f"{alike(every('max_attention_logit', 'plain', 0), lambda v: f'{round(v, -1):.0f}')} "
        f"at 0.01 to between {round_down(min(plain_logits), 2):,.0f} and "
        f"{round_up(max(plain_logits), 2):,.0f} at 0.3",
        f"with QK-norm it stays between {round_down(min(qk_logits), 2):g} and "
        f"{round_up(max(qk_logits), 2):g}",
    ]


def _largest(run, model, index=None):
    """The largest attention logit, rounded: at one learning rate, or over all of them."""
    logits = run["max_attention_logit"][model]
    return round(max(logits) if index is None else logits[index])
