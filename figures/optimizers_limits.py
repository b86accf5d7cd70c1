"""First update against gradient size: SGD, Adam and RMSprop at their defaults, both frameworks."""
import math

from clinic.figures import LINESTYLES, framework_legend_handles, times_ten


SNIPPETS = {
    "PyTorch": "snippets/torch/optimizers_limits.py",
    "Keras": "snippets/keras/optimizers_limits.py",
}
SIZE = (8, 4.2)


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
    ]}
