"""The frameworks' default initializers, measured on a 128 x 128 layer (results module:
the numbers the initialization page quotes, checked against the run)."""

SNIPPETS = {
    "PyTorch": "snippets/torch/initialization_defaults.py",
    "Keras": "snippets/keras/initialization_defaults.py",
}
PAGE = "remedies/initialization.md"


def collect(exports):
    torch_run, keras_run = exports["PyTorch"], exports["Keras"]
    return {
        "PyTorch": {"default_weight": torch_run["default_weight_variance_x_fan_in"],
                    "default_bias": torch_run["default_bias_variance_x_fan_in"],
                    "he": torch_run["he_variance_x_fan_in"],
                    "he_largest": torch_run["he_largest_in_stds"]},
        "Keras": {"default_weight": keras_run["default_weight_variance_x_fan_in"],
                  "he": keras_run["he_variance_x_fan_in"],
                  "he_largest": keras_run["he_largest_in_stds"]},
    }


def check(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    assert 0.31 < torch_run["default_weight"] < 0.36 and 0.2 < torch_run["default_bias"] < 0.5
    assert 1.9 < torch_run["he"] < 2.1 and torch_run["he_largest"] > 3
    assert 0.95 < keras_run["default_weight"] < 1.05 and 1.9 < keras_run["he"] < 2.1
    assert keras_run["he_largest"] <= 2 / 0.8796 + 1e-3


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    return {PAGE: [
        f"measured {torch_run['default_weight']:.3f}",
        f"(measured {torch_run['default_weight']:.3f})",
        f"measured {keras_run['default_weight']:.3f}",
        f"measured $\\operatorname{{Var}}\\cdot\\text{{fan\\_in}}$ {torch_run['default_bias']:.3f}",
        f"between 0.2 and 0.5 ({torch_run['default_bias']:.3f})",
        f"between 1.9 and 2.1 ({torch_run['he']:.3f})",
        f"(largest {torch_run['he_largest']:.2f})",
        f"between 0.95 and 1.05 ({keras_run['default_weight']:.3f})",
        f"between 1.9 and 2.1\n({keras_run['he']:.3f})",
        f"standard deviations (largest {keras_run['he_largest']:.2f})",
    ]}
