import math

import keras
import tensorflow as tf

WIDTH, HIDDEN, BATCH = 64, 256, 128
DEPTHS = (6, 12, 24, 48)

keras.utils.set_random_seed(0)
inputs = keras.random.normal((BATCH, WIDTH))
# A fixed random linear read-out of the final LayerNorm's output is the loss, so the
# gradient that enters the top of the stack has the same size at every depth.
readout = keras.random.normal((BATCH, WIDTH))


def make_block():
    """Pre-LN residual block with an MLP branch: x + W2 relu(W1 LayerNorm(x)).

    W1 keeps the variance through the ReLU (He) and W2 through a linear map (LeCun),
    so at initialization each branch adds about as much variance as LayerNorm's output has.
    Untruncated normals and epsilon=1e-5, as in the PyTorch tab."""
    layers = [
        keras.layers.LayerNormalization(epsilon=1e-5),
        keras.layers.Dense(HIDDEN, activation="relu", kernel_initializer=keras.initializers
                           .VarianceScaling(2.0, "fan_in", "untruncated_normal")),
        keras.layers.Dense(WIDTH, kernel_initializer=keras.initializers
                           .VarianceScaling(1.0, "fan_in", "untruncated_normal")),
    ]
    for layer, input_width in zip(layers, (WIDTH, WIDTH, HIDDEN)):
        layer.build((None, input_width))
    return layers


def branch(block, stream):
    normalize, expand, project = block
    return project(expand(normalize(stream)))


blocks = [make_block() for _ in range(max(DEPTHS))]
final_norm = keras.layers.LayerNormalization(epsilon=1e-5)
final_norm.build((None, WIDTH))
projections = [block[-1].kernel for block in blocks]
unscaled_projections = [keras.ops.copy(kernel) for kernel in projections]


def measure(depth, branch_scale):
    """At initialization: stream RMS after each block, and the gradient norm of each
    block's output projection W2, for the network made of the first `depth` blocks."""
    # GPT-2 multiplies the init of each residual output projection (Radford et al., 2019).
    for kernel, unscaled in zip(projections[:depth], unscaled_projections):
        kernel.assign(branch_scale * unscaled)
    with tf.GradientTape() as tape:
        stream, stream_rms = inputs, []
        for block in blocks[:depth]:
            stream = stream + branch(block, stream)
            stream_rms.append(float(keras.ops.sqrt(keras.ops.mean(stream ** 2))))
        loss = keras.ops.sum(final_norm(stream) * readout) / BATCH
    gradients = tape.gradient(loss, projections[:depth])
    return stream_rms, [float(keras.ops.norm(gradient)) for gradient in gradients]


VARIANTS = {"plain": lambda depth: 1.0, "GPT-2 1/√N": lambda depth: 1 / math.sqrt(depth)}
final_stream_rms, first_block_grad, last_block_grad = {}, {}, {}
stream_rms_per_block, grad_per_block = {}, {}  # of the deepest network
for variant, branch_scale in VARIANTS.items():
    final_stream_rms[variant], first_block_grad[variant], last_block_grad[variant] = [], [], []
    for depth in DEPTHS:
        stream_rms, grad_norms = measure(depth, branch_scale(depth))
        final_stream_rms[variant].append(stream_rms[-1])
        first_block_grad[variant].append(grad_norms[0])
        last_block_grad[variant].append(grad_norms[-1])
    stream_rms_per_block[variant], grad_per_block[variant] = stream_rms, grad_norms

print("input RMS", round(float(keras.ops.sqrt(keras.ops.mean(inputs ** 2))), 2))
print(f"{'depth':>5}" + "".join(f"{variant:>30}" for variant in VARIANTS))
print(f"{'':>5}" + f"{'stream RMS  ‖∇W2‖ first  last':>30}" * len(VARIANTS))
for index, depth in enumerate(DEPTHS):
    print(f"{depth:>5}" + "".join(
        f"{final_stream_rms[v][index]:>11.2f}{first_block_grad[v][index]:>11.2f}"
        f"{last_block_grad[v][index]:>8.2f}" for v in VARIANTS))

plain, scaled = "plain", "GPT-2 1/√N"
# Without scaling, every block adds about one unit of variance: RMS ≈ sqrt(1 + depth).
for depth, rms in zip(DEPTHS, final_stream_rms[plain]):
    assert 0.8 * math.sqrt(1 + depth) < rms < 1.2 * math.sqrt(1 + depth)
# With W2 scaled by 1/sqrt(N) the N branches add one unit in all: RMS ≈ sqrt(2) at any depth.
assert all(1.2 < rms < 1.65 for rms in final_stream_rms[scaled])
# Pre-LN's last block learns through a LayerNorm that divides by that RMS: its gradient
# shrinks like 1/sqrt(depth) without scaling and keeps its size with it.
assert last_block_grad[plain][-1] < 0.5 * last_block_grad[plain][0]
assert 0.75 < last_block_grad[scaled][-1] / last_block_grad[scaled][0] < 1.33
# So in the 48-block network the gradient spread from first to last block grows with
# depth without scaling, and stays within 2x with it.
plain_spread = [first / last for first, last in zip(first_block_grad[plain], last_block_grad[plain])]
scaled_spread = [first / last for first, last in zip(first_block_grad[scaled], last_block_grad[scaled])]
assert plain_spread[-1] > 3.5 and plain_spread[-1] > 2 * plain_spread[0]
assert all(spread < 2 for spread in scaled_spread)
