"""First update against gradient size: SGD, Adam and RMSprop at their defaults, both frameworks."""
import math

from clinic.figures import LINESTYLES, e_notation, framework_legend_handles, significant, times_ten


SNIPPETS = {
    "PyTorch": "snippets/torch/optimizers_limits.py",
    "Keras": "snippets/keras/optimizers_limits.py",
}
SIZE = (8, 4.2)
ALT_TEXT_SETUP = ("the size of the gradient from 1e-14 to 1e2",)


def collect(exports):
    return {
        framework: {
            "gradient": variables["gradient_sizes"],
            "update": variables["update_per_gradient"],
        }
        for framework, variables in exports.items()
    }


def draw(figure, data):
    axes = figure.subplots()
    for framework, measured in data.items():
        axes.set_prop_cycle(None)  # same colour for the same optimizer in both frameworks
        for optimizer, update in measured["update"].items():
            axes.plot(measured["gradient"], update, LINESTYLES[framework], label=optimizer)
    axes.set(xscale="log", yscale="log", xlabel="|gradient|",
             ylabel="|first update| ÷ learning rate")
    optimizer_handles = axes.get_lines()[: len(data["PyTorch"]["update"])]
    framework_handles = framework_legend_handles()
    figure.legend(handles=optimizer_handles + framework_handles, loc="outside lower center",
                  ncols=5, fontsize=8)


# The first update each framework's defaults predict, in learning rates.
PREDICTED = {
    "PyTorch": {
        "SGD": lambda g: g,
        "Adam": lambda g: g / (g + 1e-8),
        "RMSprop": lambda g: g / (math.sqrt(1 - 0.99) * g + 1e-8),
    },
    "Keras": {
        "SGD": lambda g: g,
        "Adam": lambda g: g / (g + 1e-7 / math.sqrt(1 - 0.999)),
        "RMSprop": lambda g: g / math.sqrt((1 - 0.9) * g**2 + 1e-7),
    },
}


def check(data):
    for framework, measured in data.items():
        for optimizer, updates in measured["update"].items():
            for g, update in zip(measured["gradient"], updates):
                expected = PREDICTED[framework][optimizer](g)
                assert math.isclose(update, expected, rel_tol=1e-3), (framework, optimizer, g)
        at_1e_minus_10 = measured["update"]["Adam"][measured["gradient"].index(1e-10)]
        assert at_1e_minus_10 < 0.02, framework
    # Where Adam's update falls to half a learning rate: at |g| = its epsilon, on step 1.
    assert math.isclose(PREDICTED["PyTorch"]["Adam"](1e-8), 0.5)
    assert math.isclose(PREDICTED["Keras"]["Adam"](1e-7 / math.sqrt(1 - 0.999)), 0.5)


def quotes(data):
    at_1e_minus_10 = {framework: measured["update"]["Adam"][measured["gradient"].index(1e-10)]
                      for framework, measured in data.items()}
    return {"remedies/optimizers.md": [
        f"moves the weight by {times_ten(at_1e_minus_10['PyTorch'])} learning",
        f"and {times_ten(at_1e_minus_10['Keras'])} with Keras's",
        f"each of the {len(data['PyTorch']['gradient'])} points",
        *_alt_text(data),
    ]}


def _flat(measured, optimizer, digits=1):
    """The level a curve is flat at (its largest gradient's update, to `digits` significant
    digits) and the smallest gradient from which every update is within 10 % of it, a
    distance the log-log figure does not show."""
    gradients, updates = measured["gradient"], measured["update"][optimizer]
    level = significant(updates[-1], digits)
    off = [index for index, update in enumerate(updates)
           if abs(update - float(level)) > 0.1 * float(level)]
    return level, e_notation(gradients[off[-1] + 1])


def _bend(measured, optimizer):
    """Where a curve bends: the gradient whose update is nearest, on the log scale, to half
    of the flat level."""
    updates = measured["update"][optimizer]
    half = updates[-1] / 2
    nearest = min(range(len(updates)), key=lambda index: abs(math.log(updates[index] / half)))
    return e_notation(measured["gradient"][nearest])


def _alt_text(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    adam_level, adam_flat = _flat(torch_run, "Adam")
    rmsprop_level, rmsprop_flat = _flat(torch_run, "RMSprop")
    keras_level, keras_flat = _flat(keras_run, "RMSprop", digits=3)
    return [
        f"Adam in PyTorch is flat at {adam_level} down to a gradient of about {adam_flat} and "
        f"bends onto a parallel diagonal below {_bend(torch_run, 'Adam')}",
        f"Adam in Keras bends much earlier, near {_bend(keras_run, 'Adam')}",
        f"RMSprop in PyTorch is flat at {rmsprop_level} down to about {rmsprop_flat}",
        f"RMSprop in Keras is flat at {keras_level} only above about {keras_flat} and bends "
        f"near {_bend(keras_run, 'RMSprop')}",
    ]
