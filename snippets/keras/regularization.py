import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH = 20, 64, 256
WEIGHT_SCALES = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
STEPS, LEARNING_RATE, STRONG_L2 = 30, 0.01, 2.0


def build_model(l2_strength=0.0):
    keras.utils.set_random_seed(0)
    # L2(l) adds l * sum(w**2) to the loss; its gradient is 2 * l * w, so
    # l = l2_strength / 2 matches PyTorch's SGD(weight_decay=l2_strength).
    regularizer = keras.regularizers.L2(l2_strength / 2) if l2_strength else None
    hidden_layers = [
        keras.layers.Dense(WIDTH, activation="tanh", kernel_initializer="glorot_normal",
                           kernel_regularizer=regularizer)
        for _ in range(DEPTH)
    ]
    head = keras.layers.Dense(1, kernel_initializer="glorot_normal",
                              kernel_regularizer=regularizer)
    return keras.Sequential([keras.Input((WIDTH,)), *hidden_layers, head])


keras.utils.set_random_seed(1)
inputs = keras.random.normal((BATCH, WIDTH))
targets = keras.random.normal((BATCH, 1))


def mse(model):
    return keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))


def backward_signal(model):
    """Norm of dLoss/dh for the output h of each hidden layer: the gradient reaching it."""
    with tf.GradientTape() as tape:
        hidden, hidden_outputs = inputs, []
        for layer in model.layers:
            hidden = layer(hidden)
            hidden_outputs.append(hidden)
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, hidden))
    grads = tape.gradient(loss, hidden_outputs[:-1])  # the last output is the head's
    return [float(keras.ops.norm(grad)) for grad in grads]


def relative_to_last_layer(signal):
    return [value / signal[-1] for value in signal]


# 1. Shrink every weight matrix by the same factor, as L2 does, and look again.
model = build_model()
initial_kernels = [keras.ops.copy(layer.kernel) for layer in model.layers]
signal_per_weight_scale = []  # one list per scale, layer 1 to 20
for scale in WEIGHT_SCALES:
    for layer, kernel in zip(model.layers, initial_kernels):
        layer.kernel.assign(kernel * scale)
    signal_per_weight_scale.append(relative_to_last_layer(backward_signal(model)))


# 2. Train briefly, without and with a strong L2 penalty on the weight matrices.
def train(l2_strength):
    model = build_model(l2_strength)
    optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE)
    initial_norms = [float(keras.ops.norm(layer.kernel)) for layer in model.layers]

    @tf.function  # one traced graph per model, so the steps do not run eagerly
    def train_step():
        with tf.GradientTape() as tape:
            loss = mse(model) + sum(model.losses)  # model.losses: the L2 penalties
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    for _ in range(STEPS):
        train_step()
    shrink = [float(keras.ops.norm(layer.kernel)) / norm
              for layer, norm in zip(model.layers, initial_norms)]
    return {
        "signal": relative_to_last_layer(backward_signal(model)),
        "weight_norm_ratio": sum(shrink) / len(shrink),
        "loss": float(mse(model)),
    }


trained = {"no L2": train(0.0), "strong L2": train(STRONG_L2)}

print(f"{'weights x':>10}{'gradient at layer 1 / at layer 20':>36}")
for scale, signal in zip(WEIGHT_SCALES, signal_per_weight_scale):
    print(f"{scale:>10}{signal[0]:>36.2e}")
print(f"{'after training':<16}{'weights x':>10}{'layer 1 / layer 20':>20}{'loss':>8}")
for name, result in trained.items():
    print(f"{name:<16}{result['weight_norm_ratio']:>10.2f}"
          f"{result['signal'][0]:>20.2e}{result['loss']:>8.3f}")

first_layer = [signal[0] for signal in signal_per_weight_scale]
assert all(smaller < larger for smaller, larger in zip(first_layer[1:], first_layer))
assert first_layer[-1] < 1e-4 * first_layer[0]  # weights x0.5: >10,000x less reaches layer 1
no_l2, strong_l2 = trained["no L2"], trained["strong L2"]
assert strong_l2["weight_norm_ratio"] < 0.7 < 0.95 < no_l2["weight_norm_ratio"]
assert strong_l2["signal"][0] < 1e-3 * no_l2["signal"][0]
assert strong_l2["loss"] > no_l2["loss"]  # and it fits the data worse
