import math

import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH = 50, 64, 256


def pytorch_default():
    # PyTorch's default for Linear, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), so that both
    # frameworks run the same experiment (Keras's own default is glorot_uniform).
    return keras.initializers.VarianceScaling(scale=1 / 3, mode="fan_in",
                                              distribution="uniform")


# Every block has the same branch, F(h) = W2 relu(W1 h); a config chooses how blocks
# are joined (h + F(h), or F(h) alone) and how the branch is initialized or scaled.
CONFIGS = {
    "plain": dict(skip=False, init=(pytorch_default, pytorch_default)),
    "residual": dict(skip=True, init=(pytorch_default, pytorch_default)),
    "plain, He": dict(skip=False, init=("he_normal", "lecun_normal")),
    "residual, He": dict(skip=True, init=("he_normal", "lecun_normal")),
    "residual, He, pre-norm": dict(skip=True, init=("he_normal", "lecun_normal"),
                                   pre_norm=True),
    "residual, He, branch / √L": dict(skip=True, init=("he_normal", "lecun_normal"),
                                      branch_scale=1 / math.sqrt(DEPTH)),
    "residual, He, zero last layer": dict(skip=True, init=("he_normal", "zeros")),
}


def new(initializer):
    return keras.initializers.get(initializer) if isinstance(initializer, str) else initializer()


def measure(skip, init, pre_norm=False, branch_scale=1.0):
    """Per block: |dLoss/d(block input)| relative to the last block's, and output std."""
    keras.utils.set_random_seed(0)
    # W1 and W2 of every block's branch, zero biases. One draw per layer position:
    # a (WIDTH, DEPTH * WIDTH) kernel still has fan_in = WIDTH, and splits into 50 blocks.
    first_kernels, second_kernels = (
        keras.ops.split(new(initializer)((WIDTH, DEPTH * WIDTH)), DEPTH, axis=1)
        for initializer in init)
    branches = zip(first_kernels, second_kernels)
    head = keras.layers.Dense(1)
    inputs = keras.random.normal((BATCH, WIDTH))
    targets = keras.random.normal((BATCH, 1))

    with tf.GradientTape() as tape:
        tape.watch(inputs)
        hidden, block_inputs, block_outputs = inputs, [], []
        for first, second in branches:
            block_inputs.append(hidden)
            branch_input = keras.ops.layer_normalization(hidden) if pre_norm else hidden
            branch = keras.ops.relu(branch_input @ first) @ second
            if branch_scale != 1.0:
                branch = branch_scale * branch
            hidden = hidden + branch if skip else branch
            block_outputs.append(hidden)
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, head(hidden)))
    grads = tape.gradient(loss, block_inputs)
    # float64, so that tiny values do not underflow
    grads = keras.ops.cast(keras.ops.stack(grads), "float64")
    grad_norm = keras.ops.sqrt(keras.ops.sum(keras.ops.square(grads), axis=(1, 2)))
    activation_std = keras.ops.std(keras.ops.cast(keras.ops.stack(block_outputs), "float64"),
                                   axis=(1, 2))
    return (keras.ops.convert_to_numpy(grad_norm / grad_norm[-1]).tolist(),
            keras.ops.convert_to_numpy(activation_std).tolist())


relative_grad_per_block, activation_std_per_block = {}, {}
print(f"{'config':<31}{'grad 1 / grad 50':>17}{'std block 1':>13}{'std block 50':>14}")
for name, config in CONFIGS.items():
    relative_grad, activation_std = measure(**config)
    relative_grad_per_block[name], activation_std_per_block[name] = relative_grad, activation_std
    print(f"{name:<31}{relative_grad[0]:>17.3g}{activation_std[0]:>13.3g}"
          f"{activation_std[-1]:>14.3g}")

grad, std = relative_grad_per_block, activation_std_per_block
# 1. Without skip connections the gradient vanishes; with them it reaches block 1.
assert grad["plain"][0] < 1e-20 and std["plain"][-1] < 1e-20
assert 0.5 < grad["residual"][0] < 20
assert 2.5 < std["residual"][-1] / std["residual"][0] < 6  # (19/18) ** 24.5 = 3.8
assert 0.01 < grad["plain, He"][0] < 100  # a variance-preserving init also works, at first
# 2. The catch: variance-preserving branches double the stream's variance every block.
growth_per_block = (std["residual, He"][-1] / std["residual, He"][0]) ** (1 / (DEPTH - 1))
print(f"residual, He: std x{growth_per_block:.3f} per block")
assert 1.3 < growth_per_block < 1.5  # sqrt(2) = 1.41
assert std["residual, He"][-1] > 1e6
assert grad["residual, He"][0] > 1e5  # and the backward pass grows with it
# 3. The fixes: pre-norm grows like sqrt(depth); scaling or zeroing the branch stays put.
prenorm = std["residual, He, pre-norm"]
variance_added_per_block = (prenorm[-1] ** 2 - prenorm[0] ** 2) / (DEPTH - 1)
print(f"pre-norm: std {prenorm[-1]:.2f} at block 50, "
      f"variance +{variance_added_per_block:.2f} per block")
assert 5 < prenorm[-1] < 10  # sqrt(1 + 50) = 7.1
assert 0.6 < variance_added_per_block < 1.4  # each normalized branch adds variance 1
for name in ("residual, He, pre-norm", "residual, He, branch / √L"):
    assert all(0.2 < value < 20 for value in grad[name]), name
scaled = std["residual, He, branch / √L"]
assert 1.2 < scaled[-1] / scaled[0] < 2.5  # (1 + 1/50) ** 25 = 1.64
zero_init = std["residual, He, zero last layer"]
assert zero_init[-1] == zero_init[0] and grad["residual, He, zero last layer"][0] == 1.0
