import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH = 32, 64, 256
WEIGHT_STD = 0.3  # He initialization would be sqrt(2 / 64) ≈ 0.18: each layer amplifies

keras.utils.set_random_seed(0)
raw_inputs = keras.random.normal((BATCH, WIDTH)) * 100 + 50
# Perfectly standardized inputs: every feature has mean 0 and standard deviation 1.
inputs = (raw_inputs - keras.ops.mean(raw_inputs, axis=0)) / keras.ops.std(raw_inputs, axis=0)
targets = keras.random.normal((BATCH, 1))

# One badly initialized stack of dense layers, shared by every variant below. No bias:
# a normalization layer's shift beta replaces it (Ioffe & Szegedy 2015).
denses = []
for _ in range(DEPTH):
    too_large = keras.initializers.RandomNormal(stddev=WEIGHT_STD)
    denses.append(keras.layers.Dense(WIDTH, use_bias=False, kernel_initializer=too_large))
head = keras.layers.Dense(1)
no_norms = [keras.layers.Identity() for _ in range(DEPTH)]
batch_norms = [keras.layers.BatchNormalization() for _ in range(DEPTH)]
layer_norms = [keras.layers.LayerNormalization() for _ in range(DEPTH)]


def measure(norms, training):
    """Blocks Dense -> norm -> ReLU (Ioffe & Szegedy's placement). Per block: the std
    of its output h_l and the norm of the gradient dLoss/dh_l that flows back into it."""
    with tf.GradientTape() as tape:
        hidden, block_outputs = inputs, []
        for dense, norm in zip(denses, norms):
            hidden = keras.ops.relu(norm(dense(hidden), training=training))
            block_outputs.append(hidden)
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, head(hidden)))
    grads = tape.gradient(loss, block_outputs)
    return ([float(keras.ops.std(h)) for h in block_outputs],
            [float(keras.ops.norm(g)) for g in grads])


results = {}
# training=False first, while the moving statistics still hold their initial values
# (mean 0, variance 1): BatchNormalization then only divides by sqrt(1 + epsilon).
results["BatchNorm, eval mode, fresh statistics"] = measure(batch_norms, training=False)
results["no normalization"] = measure(no_norms, training=True)
results["BatchNorm, train mode"] = measure(batch_norms, training=True)
results["LayerNorm"] = measure(layer_norms, training=True)
activation_std_per_layer = {name: std for name, (std, grad) in results.items()}
grad_norm_per_layer = {name: grad for name, (std, grad) in results.items()}
print(f"{'variant':<40}{'std h_1':>9}{'std h_32':>10}{'|dL/dh_1|':>11}{'|dL/dh_32|':>12}")
for name, (std, grad) in results.items():
    print(f"{name:<40}{std[0]:>9.2g}{std[-1]:>10.2g}{grad[0]:>11.2g}{grad[-1]:>12.2g}")


def spread(values):
    return max(values) / min(values)


# Standardized inputs do not save a badly initialized deep network.
plain_std, plain_grad = results["no normalization"]
assert plain_std[-1] > 1e4 * plain_std[0]  # activations grow > 10^4-fold
assert plain_grad[0] > 1e4 * plain_grad[-1]  # and gradients, towards the input
assert 1.4 < (plain_std[-1] / plain_std[0]) ** (1 / (DEPTH - 1)) < 1.9  # per layer
# Normalization inside the network keeps the activations near 1 in every layer ...
for name in ("BatchNorm, train mode", "LayerNorm"):
    assert all(0.4 < std < 1.5 for std in activation_std_per_layer[name]), name
# ... and gradients in range: LayerNorm's within 20x of each other; BatchNorm's still grow
# towards the input, by far less (Yang et al. 2019 show this growth is BatchNorm's own).
batch_norm_grad = grad_norm_per_layer["BatchNorm, train mode"]
layer_norm_grad = grad_norm_per_layer["LayerNorm"]
assert plain_grad[0] > 1e8 * batch_norm_grad[0]
assert plain_grad[0] > 1e8 * layer_norm_grad[0]
assert 1.1 < (batch_norm_grad[0] / batch_norm_grad[-1]) ** (1 / (DEPTH - 1)) < 1.3
assert spread(layer_norm_grad) < 20
# In eval mode, untrained moving statistics make BatchNormalization a no-op: the network
# explodes exactly as without normalization.
eval_grad = grad_norm_per_layer["BatchNorm, eval mode, fresh statistics"]
assert all(0.9 < value / no_norm_value < 1.1
           for value, no_norm_value in zip(eval_grad, plain_grad))
# LayerNormalization has no moving statistics: training=False computes the same.
probe = keras.random.normal((BATCH, WIDTH)) * 5 + 3
assert keras.ops.all(layer_norms[0](probe, training=False)
                     == layer_norms[0](probe, training=True))
