import keras
import tensorflow as tf

DEPTH, WIDTH, BATCH, LEARNING_RATE = 20, 64, 256, 1e-3
OPTIMIZERS = {"SGD": keras.optimizers.SGD, "Adam": keras.optimizers.Adam,
              "RMSprop": keras.optimizers.RMSprop}

# The 20-layer sigmoid network of the activation-functions page.
keras.utils.set_random_seed(0)
hidden_layers = [keras.layers.Dense(WIDTH, activation="sigmoid",
                                    kernel_initializer="glorot_normal") for _ in range(DEPTH)]
head = keras.layers.Dense(1, kernel_initializer="glorot_normal")
network = keras.Sequential([keras.Input((WIDTH,)), *hidden_layers, head])
inputs = keras.random.normal((BATCH, WIDTH))
targets = keras.random.normal((BATCH, 1))


def hidden_weights(model):
    return [layer.kernel for layer in model.layers[:DEPTH]]


def backward(model):
    with tf.GradientTape() as tape:
        loss = keras.ops.mean(keras.losses.mean_squared_error(targets, model(inputs)))
    return tape.gradient(loss, hidden_weights(model))


def mean_abs(tensors):
    return [float(keras.ops.mean(keras.ops.abs(tensor))) for tensor in tensors]


def first_update(optimizer_class, gradients):
    """Mean |update| of each hidden layer in the first step, in learning rates.

    Applied to zero-valued copies of the weights: none of these updates depends on
    the weights' values, and 0 + update is exact, where w + update may round to w."""
    copies = [keras.Variable(keras.ops.zeros_like(gradient)) for gradient in gradients]
    optimizer_class(learning_rate=LEARNING_RATE).apply_gradients(zip(gradients, copies))
    return [update / LEARNING_RATE for update in mean_abs(copies)]


gradients = backward(network)
gradient_per_layer = mean_abs(gradients)
update_per_layer = {name: first_update(optimizer_class, gradients)
                    for name, optimizer_class in OPTIMIZERS.items()}

# Now real steps on the network's own weights.
initial_weights = [keras.ops.copy(weight) for weight in hidden_weights(network)]
sgd_model, adam_model = keras.models.clone_model(network), keras.models.clone_model(network)
for model, optimizer_class in ((sgd_model, keras.optimizers.SGD),
                               (adam_model, keras.optimizers.Adam)):
    model.set_weights(network.get_weights())
    optimizer = optimizer_class(learning_rate=LEARNING_RATE)
    optimizer.apply_gradients(zip(backward(model), hidden_weights(model)))
sgd_left_unchanged = [bool(keras.ops.all(new == old)) for new, old in
                      zip(hidden_weights(sgd_model), initial_weights)]
gradient_after_adam_step = mean_abs(backward(adam_model))

print(f"{'':>9}{'mean |gradient|':>16}" + "".join(f"{name:>12}" for name in OPTIMIZERS))
for layer in (0, 9, 14, 19):
    print(f"layer {layer + 1:<3}{gradient_per_layer[layer]:>16.2e}"
          + "".join(f"{update_per_layer[name][layer]:>12.2e}" for name in OPTIMIZERS))
print("(update columns: mean |update| / learning rate)")
print("layers SGD left bit-for-bit unchanged:",
      [layer + 1 for layer, unchanged in enumerate(sgd_left_unchanged) if unchanged])

sgd, adam, rmsprop = (update_per_layer[name] for name in OPTIMIZERS)
# SGD: the update is the gradient times the learning rate, so it vanishes with it,
assert sgd[0] < 1e-9 * sgd[-1]
assert all(abs(update / gradient - 1) < 1e-4 for update, gradient in zip(sgd, gradient_per_layer))
# and below float32's resolution w - lr * g rounds back to w: most of the first layers did
# not move at all.
assert sum(sgd_left_unchanged[:10]) >= 5 and not sgd_left_unchanged[-1]
# Adam's first step is g / (|g| + eps_hat), with Keras' eps_hat = epsilon / sqrt(1 - beta_2):
# about one learning rate where |g| >> 3.2e-6, proportional to g below it.
eps_hat = 1e-7 / (1 - 0.999) ** 0.5
adam_formula = [float(keras.ops.mean(keras.ops.abs(g) / (keras.ops.abs(g) + eps_hat)))
                for g in gradients]
assert all(abs(measured / predicted - 1) < 1e-3 for measured, predicted in zip(adam, adam_formula))
# So the top layer moves by about one learning rate, 100s of times SGD's step...
assert 0.95 < adam[-1] <= 1.0 and 1.0 < rmsprop[-1] <= 3.17  # RMSprop: 1 / sqrt(1 - rho)
assert adam[-4] > 100 * sgd[-4]
# ...but layer 1, whose gradient is far below epsilon, gets no such help.
assert adam[0] < 1e-5 and rmsprop[0] < 1e-5
# And the gradients are as lopsided after Adam's step as before it.
assert gradient_after_adam_step[0] < 1e-9 * gradient_after_adam_step[-1]
