"""Running mean and variance of a one-feature BatchNorm after five drifting batches."""

SNIPPETS = {
    "PyTorch": "snippets/torch/normalization_momentum.py",
    "Keras": "snippets/keras/normalization_momentum.py",
}


def collect(exports):
    torch_run, keras_run = exports["PyTorch"], exports["Keras"]
    return {
        "PyTorch": {"mean": torch_run["running_mean"], "variance": torch_run["running_var"]},
        "Keras": {"mean": keras_run["moving_mean"], "variance": keras_run["moving_var"]},
    }


def check(data):
    # The same average, written with opposite momentum arguments.
    assert abs(data["PyTorch"]["mean"]["momentum=0.1"]
               - data["Keras"]["mean"]["momentum=0.9"]) < 1e-4
    # Each framework's default, copied to the other, follows the last batch (mean 5).
    assert data["PyTorch"]["mean"]["momentum=0.99"] > 4.9
    assert data["Keras"]["mean"]["momentum=0.1"] > 4.85


def quotes(data):
    torch_run, keras_run = data["PyTorch"], data["Keras"]
    return {"remedies/normalization.md": [
        f"both end at a running mean of {torch_run['mean']['momentum=0.1']:.3f}",
        f"ends at {keras_run['mean']['momentum=0.1']:.3f}: the running mean keeps only",
        f"and ends at {torch_run['mean']['momentum=0.99']:.3f}.",
        f"ends at {torch_run['variance']['momentum=0.1']:.3f}, Keras stores the biased one",
        f"ends at {keras_run['variance']['momentum=0.9']:.1f}. With batches",
    ]}
