import keras
import numpy as np

# Five training batches of one feature whose mean drifts: 1, 2, 3, 4, 5.
# Each batch is [m - 1, m + 1, m - 1, m + 1]: biased variance 1, unbiased 4/3.
BATCH_MEANS = [1.0, 2.0, 3.0, 4.0, 5.0]
batches = [np.array([[m - 1], [m + 1], [m - 1], [m + 1]]) for m in BATCH_MEANS]


def moving_statistics(momentum):
    batch_norm = keras.layers.BatchNormalization(momentum=momentum)
    for batch in batches:
        batch_norm(batch, training=True)  # moving statistics are updated only in training
    return (float(batch_norm.moving_mean.numpy()[0]),
            float(batch_norm.moving_variance.numpy()[0]))


def documented_rule(momentum, start=0.0):
    """Keras: moving = momentum * moving + (1 - momentum) * batch statistic."""
    moving = start
    for mean in BATCH_MEANS:
        moving = momentum * moving + (1 - momentum) * mean
    return moving


moving_mean, moving_var = {}, {}
for momentum in (0.9, 0.1):  # 0.9 matches PyTorch's 0.1; 0.1 is PyTorch's default copied over
    key = f"momentum={momentum}"
    moving_mean[key], moving_var[key] = moving_statistics(momentum)
    print(f"momentum={momentum}: moving_mean={moving_mean[key]:.4f}, "
          f"moving_variance={moving_var[key]:.4f}")
default_epsilon = {"BatchNormalization": keras.layers.BatchNormalization().epsilon,
                   "LayerNormalization": keras.layers.LayerNormalization().epsilon}
print("default epsilon:", default_epsilon)

# momentum is the weight of the OLD value: 0.9 averages over the last ~10 batches.
assert abs(moving_mean["momentum=0.9"] - documented_rule(0.9)) < 1e-5
assert abs(moving_mean["momentum=0.9"] - 1.3144) < 1e-4  # the same number PyTorch gives with 0.1
# PyTorch's default 0.1 in Keras: 90 % of the last batch, 9 % of the one before.
assert abs(moving_mean["momentum=0.1"] - documented_rule(0.1)) < 1e-5
assert moving_mean["momentum=0.1"] > 0.97 * BATCH_MEANS[-1]
# The moving variance stores the biased batch variance, 1 here, not 4/3.
assert abs(moving_var["momentum=0.9"] - 1.0) < 1e-5
assert default_epsilon == {"BatchNormalization": 1e-3, "LayerNormalization": 1e-3}
