import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH = 20, 64, 256
WEIGHT_SCALES = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
LEARNING_RATE = 0.01


def build_layers(normalized):
    """20 tanh layers; with normalized=True, a LayerNormalization between each Dense and tanh."""
    keras.utils.set_random_seed(0)
    layers = []
    for _ in range(DEPTH):
        # No bias before a normalization layer: its mean subtraction would cancel it.
        layers.append(keras.layers.Dense(WIDTH, use_bias=not normalized,
                                         kernel_initializer="glorot_normal"))
        if normalized:
            layers.append(keras.layers.LayerNormalization(epsilon=1e-5))  # PyTorch's epsilon
        layers.append(keras.layers.Activation("tanh"))
    layers.append(keras.layers.Dense(1, kernel_initializer="glorot_normal"))
    return layers


keras.utils.set_random_seed(1)
inputs = keras.random.normal((BATCH, WIDTH))
targets = keras.random.normal((BATCH, 1))


def measure(layers):
    """Output, gradient reaching layer 1 relative to layer 20, and the hidden weights'
    gradient norm and relative SGD step ||lr * dL/dW|| / ||W||, averaged over the layers."""
    with tf.GradientTape() as tape:
        hidden, hidden_outputs = inputs, []
        for layer in layers:
            hidden = layer(hidden)
            if isinstance(layer, keras.layers.Activation):
                hidden_outputs.append(hidden)
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, hidden))
    kernels = [layer.kernel for layer in layers[:-1] if isinstance(layer, keras.layers.Dense)]
    grads = tape.gradient(loss, hidden_outputs + kernels)
    signal, kernel_grads = grads[:DEPTH], grads[DEPTH:]
    grad_norms = [float(keras.ops.norm(grad)) for grad in kernel_grads]
    relative_steps = [LEARNING_RATE * norm / float(keras.ops.norm(kernel))
                      for norm, kernel in zip(grad_norms, kernels)]
    return {"output": hidden,
            "first_layer_signal": float(keras.ops.norm(signal[0]) / keras.ops.norm(signal[-1])),
            "weight_grad": sum(grad_norms) / DEPTH,
            "relative_step": sum(relative_steps) / DEPTH}


# Shrink every hidden weight matrix by the same factor, as L2 does, with and without
# normalization, and measure again; everything relative to the unscaled network.
first_layer_signal, weight_grad, relative_step, output_change = {}, {}, {}, {}
for name, normalized in (("plain", False), ("LayerNorm", True)):
    layers = build_layers(normalized)
    measure(layers)  # the first call builds the layers' weights
    kernels = [layer.kernel for layer in layers[:-1] if isinstance(layer, keras.layers.Dense)]
    initial_kernels = [keras.ops.copy(kernel) for kernel in kernels]
    results = []
    for scale in WEIGHT_SCALES:
        for kernel, initial in zip(kernels, initial_kernels):
            kernel.assign(initial * scale)
        results.append(measure(layers))
    first_layer_signal[name] = [r["first_layer_signal"] / results[0]["first_layer_signal"]
                                for r in results]
    weight_grad[name] = [r["weight_grad"] / results[0]["weight_grad"] for r in results]
    relative_step[name] = [r["relative_step"] / results[0]["relative_step"] for r in results]
    output_change[name] = [float(keras.ops.max(keras.ops.abs(r["output"] - results[0]["output"])))
                           for r in results]

print(f"{'weights x':>10}{'layer-1 gradient, plain':>25}{'with LayerNorm':>16}"
      f"{'|dL/dW|, LN':>13}{'step/|W|, LN':>14}")
for index, scale in enumerate(WEIGHT_SCALES):
    print(f"{scale:>10}{first_layer_signal['plain'][index]:>25.2e}"
          f"{first_layer_signal['LayerNorm'][index]:>16.3f}"
          f"{weight_grad['LayerNorm'][index]:>13.3f}{relative_step['LayerNorm'][index]:>14.3f}")

# Without normalization, smaller weights let less gradient through (weights x0.5: >10^4x less).
assert first_layer_signal["plain"][-1] < 1e-4
# With LayerNorm after every linear layer the network is scale-invariant in its weights:
# the same function (up to LayerNorm's epsilon), the same gradient reaching layer 1 ...
assert max(output_change["LayerNorm"]) < 0.01 < min(output_change["plain"][1:])
assert all(abs(ratio - 1) < 0.01 for ratio in first_layer_signal["LayerNorm"])
# ... a weight gradient that grows as 1 / scale, and a relative step that grows as 1 / scale^2.
for scale, grad, step in zip(WEIGHT_SCALES, weight_grad["LayerNorm"], relative_step["LayerNorm"]):
    assert abs(grad * scale - 1) < 0.01 and abs(step * scale**2 - 1) < 0.01
